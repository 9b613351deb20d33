#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "verbund/match/score.hpp"

namespace verbund::match {

/// One ranked candidate with the parts of its score.
struct Recommendation {
  core::ActorId candidate;
  ScoreParts parts;
};

/// A seeker's ranked candidates.
struct SeekerRecommendations {
  core::ActorId seeker;
  std::vector<Recommendation> top;
};

/// What one recommendation query returns and leaves out. The defaults keep every candidate:
/// the simulation's transfer offices and matchmaking days rank that way; `verbund match
/// transfer` leaves existing partners out and keeps one of a parent and its child.
struct RecommendOptions {
  std::size_t top = 10;  ///< k: candidates per seeker
  /// false: candidates already tied to the seeker (any tie kind, any years) are left out, and
  /// the k best of the others are returned.
  bool include_existing = true;
  /// true: a candidate and its own parent (a chair and its university) never both appear; the
  /// better-ranked of the two stays, and the list is filled up from further down the ranking.
  bool one_per_family = false;
};

/// An existing partnership of two actors: since when they are tied.
struct ExistingPartnership {
  std::optional<int> since;  ///< the earliest start year of their ties; nullopt if none known
};

/// Whether `a` and `b` are tied already, and since when. Both must be in the region.
/// O(log deg(a) + ties between them). Thread-safe; does not throw.
[[nodiscard]] std::optional<ExistingPartnership> existing_partnership(const core::Region& region,
                                                                      core::ActorId a,
                                                                      core::ActorId b);

/// Keeps, walking `ranked` best first, each entry whose parent and children are not kept yet,
/// until `limit` are kept: of a parent and its child the better-ranked one stays. `actor_of`
/// gives an entry's actor. O(r limit) for r entries. Thread-safe; throws only std::bad_alloc.
template <typename Entry, typename ActorOf>
[[nodiscard]] std::vector<Entry> one_per_family(const core::Region& region,
                                                std::vector<Entry> ranked, std::size_t limit,
                                                ActorOf actor_of);

/// The needs of an actor as the region records them (sorted by competence). `actor` must be in
/// the region. O(its needs). Throws only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<Need> needs_of(const core::Region& region, core::ActorId actor);

/// The k best candidates for one seeker, by total score, ties broken by ascending actor id.
/// Uses the inverted index: candidates sharing no competence or theme with the needs are never
/// scored, and candidates whose score bound cannot reach the current k-th best are skipped.
/// Equal to `recommend_brute_force`, entry for entry. O(C) scratch for C candidates, plus the
/// seeker's partners' partners and groups, the postings of the needed competences (and of
/// their themes where a theme-only candidate could still enter), and an exact score for each
/// candidate whose bound reaches the k-th best: at worst all C, as the brute force; in practice
/// few. Throws only std::bad_alloc. Thread-safe (many seekers at once on one scorer).
[[nodiscard]] std::vector<Recommendation> recommend(const TransferScorer& scorer,
                                                    core::ActorId seeker,
                                                    std::span<const Need> needs, std::size_t k);

/// As recommend(scorer, seeker, needs, k) with k = options.top, leaving out what `options` says:
/// existing partners are skipped inside the search (the k best of the rest come back), and
/// one_per_family asks the search for more until k remain. Equal to the brute force with the
/// same options. Same cost, times the rounds one_per_family needs (one, plus one per round that
/// dropped a family member; each asks for as many more as were dropped). Throws only
/// std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<Recommendation> recommend(const TransferScorer& scorer,
                                                    core::ActorId seeker,
                                                    std::span<const Need> needs,
                                                    const RecommendOptions& options);

/// The reference: scores every candidate. O(C) scores and O(C log k) for C candidates. Throws
/// only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<Recommendation> recommend_brute_force(const TransferScorer& scorer,
                                                                core::ActorId seeker,
                                                                std::span<const Need> needs,
                                                                std::size_t k);
/// The reference with options: every candidate scored, existing partners dropped, all sorted,
/// then one_per_family over the whole ranking. O(C log C). Throws only std::bad_alloc.
/// Thread-safe.
[[nodiscard]] std::vector<Recommendation> recommend_brute_force(const TransferScorer& scorer,
                                                                core::ActorId seeker,
                                                                std::span<const Need> needs,
                                                                const RecommendOptions& options);

/// Top-k for each of the given seekers (each with its recorded needs), in parallel over seekers
/// (oneTBB); the result does not depend on the thread count. As `recommend` (resp.
/// `recommend_brute_force`) per seeker, with the O(C) scratch once per worker thread. Throws
/// only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<SeekerRecommendations> recommend_many(
    const TransferScorer& scorer, std::span<const core::ActorId> seekers, std::size_t k);
[[nodiscard]] std::vector<SeekerRecommendations> recommend_many_brute_force(
    const TransferScorer& scorer, std::span<const core::ActorId> seekers, std::size_t k);
/// recommend_many with options (see RecommendOptions). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::vector<SeekerRecommendations> recommend_many(
    const TransferScorer& scorer, std::span<const core::ActorId> seekers,
    const RecommendOptions& options);

/// Top-k for every seeker: the firms of the region with at least one need, ascending by id.
/// In parallel over seekers (oneTBB); the result does not depend on the thread count. As
/// `recommend_many` over `seekers_of(region)`. Throws only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<SeekerRecommendations> recommend_all(const TransferScorer& scorer,
                                                               std::size_t k);
[[nodiscard]] std::vector<SeekerRecommendations> recommend_all_brute_force(
    const TransferScorer& scorer, std::size_t k);
/// recommend_all with options (see RecommendOptions). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::vector<SeekerRecommendations> recommend_all(const TransferScorer& scorer,
                                                               const RecommendOptions& options);

/// The seekers `recommend_all` serves. O(firms). Throws only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<core::ActorId> seekers_of(const core::Region& region);

// --- implementation of the template ---------------------------------------------------------

template <typename Entry, typename ActorOf>
std::vector<Entry> one_per_family(const core::Region& region, std::vector<Entry> ranked,
                                  std::size_t limit, ActorOf actor_of) {
  std::vector<Entry> kept;
  std::vector<core::ActorId> kept_actors;  // sorted, for the membership tests
  auto is_kept = [&](core::ActorId a) {
    return std::binary_search(kept_actors.begin(), kept_actors.end(), a);
  };
  for (auto& entry : ranked) {
    if (kept.size() >= limit) break;
    const core::ActorId a = actor_of(entry);
    const auto parent = region.parent(a);
    if (parent && is_kept(*parent)) continue;
    // A kept child of `a`: one whose parent is `a`.
    if (std::any_of(kept_actors.begin(), kept_actors.end(),
                    [&](core::ActorId k) { return region.parent(k) == a; }))
      continue;
    kept_actors.insert(std::upper_bound(kept_actors.begin(), kept_actors.end(), a), a);
    kept.push_back(std::move(entry));
  }
  return kept;
}

}  // namespace verbund::match
