#pragma once

#include <cstddef>
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

/// The reference: scores every candidate. O(C) scores and O(C log k) for C candidates. Throws
/// only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<Recommendation> recommend_brute_force(const TransferScorer& scorer,
                                                                core::ActorId seeker,
                                                                std::span<const Need> needs,
                                                                std::size_t k);

/// Top-k for each of the given seekers (each with its recorded needs), in parallel over seekers
/// (oneTBB); the result does not depend on the thread count. As `recommend` (resp.
/// `recommend_brute_force`) per seeker, with the O(C) scratch once per worker thread. Throws
/// only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<SeekerRecommendations> recommend_many(
    const TransferScorer& scorer, std::span<const core::ActorId> seekers, std::size_t k);
[[nodiscard]] std::vector<SeekerRecommendations> recommend_many_brute_force(
    const TransferScorer& scorer, std::span<const core::ActorId> seekers, std::size_t k);

/// Top-k for every seeker: the firms of the region with at least one need, ascending by id.
/// In parallel over seekers (oneTBB); the result does not depend on the thread count. As
/// `recommend_many` over `seekers_of(region)`. Throws only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<SeekerRecommendations> recommend_all(const TransferScorer& scorer,
                                                               std::size_t k);
[[nodiscard]] std::vector<SeekerRecommendations> recommend_all_brute_force(
    const TransferScorer& scorer, std::size_t k);

/// The seekers `recommend_all` serves. O(firms). Throws only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<core::ActorId> seekers_of(const core::Region& region);

}  // namespace verbund::match
