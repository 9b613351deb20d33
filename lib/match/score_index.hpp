#pragma once

// The index behind TransferScorer (private to lib/match): what the scorer precomputes, and the
// posting lists and per-candidate facts that the exact top-k search (recommend.cpp) walks.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "verbund/analysis/simple_graph.hpp"
#include "verbund/core/region.hpp"
#include "verbund/match/score.hpp"

namespace verbund::match::detail {

/// One candidate in a posting list.
struct Posting {
  std::uint32_t candidate;  ///< index into candidates()
  float weight;  ///< offer weight (competence), or best strength x offer weight (related)
};

/// What the score bounds know of one actor.
struct Facts {
  double x = 0, y = 0, z = 0;  // unit vector, when located
  bool located = false;
  bool linked = false;  // has a tie
  bool science = false;
  bool first_science = false;  // a firm without a science tie yet
  bool full = false;           // candidate without free capacity
  std::uint32_t bucket = 0;    // municipality, or municipality_count() for none
  std::uint32_t component = 0;
};

/// The facts the per-candidate bound reads, packed.
struct Brief {
  std::uint32_t bucket;
  std::uint32_t component;
  std::uint8_t linked, science, full;
};

/// A municipality's candidates as a ball on the sphere.
struct Bucket {
  double x = 0, y = 0, z = 0;  // centre of its located candidates
  double radius_km = 0;        // largest distance of one of them from the centre
  bool any_located = false;
};

/// Everything TransferScorer precomputes, and the scoring itself. Immutable after construction.
class ScoreIndex {
 public:
  ScoreIndex(const core::Region& region, ScoreWeights weights, CandidatePool pool);
  ScoreIndex(const core::Region&& region, ScoreWeights weights, CandidatePool pool) = delete;

  [[nodiscard]] const core::Region& region() const noexcept { return *region_; }
  [[nodiscard]] const ScoreWeights& weights() const noexcept { return weights_; }
  [[nodiscard]] std::span<const core::ActorId> candidates() const noexcept { return candidates_; }
  [[nodiscard]] bool is_candidate(core::ActorId a) const noexcept {
    return a.value < candidate_index_.size() && candidate_index_[a.value] != UINT32_MAX;
  }
  [[nodiscard]] std::optional<ScoreParts> score(core::ActorId seeker, std::span<const Need> needs,
                                                core::ActorId candidate) const;
  [[nodiscard]] Explanation explain(core::ActorId seeker, std::span<const Need> needs,
                                    core::ActorId candidate) const;
  [[nodiscard]] int capacity(core::ActorId a) const;
  [[nodiscard]] int load(core::ActorId a) const { return load_[a.value]; }
  [[nodiscard]] int free_capacity(core::ActorId a) const { return capacity(a) - load(a); }
  [[nodiscard]] double rarity(core::CompetenceId c) const { return idf_[c.value]; }
  /// What candidate `i` (index into candidates()) competes with: its offers, less those of its
  /// candidate children (chairs before universities). Sorted by competence.
  [[nodiscard]] std::span<const core::CompetenceWeight> offers_of(std::uint32_t i) const {
    return {offers_.data() + offer_offsets_[i], offer_offsets_[i + 1] - offer_offsets_[i]};
  }

  // --- for the inverted-index search ------------------------------------------------------
  [[nodiscard]] std::span<const Posting> offering(core::CompetenceId c) const {
    return {postings_.data() + posting_offsets_[c.value],
            posting_offsets_[c.value + 1] - posting_offsets_[c.value]};
  }
  /// Candidates offering a competence related to `c` (the taxonomy's relation matrix), each
  /// with its best strength x offer weight, in one municipality bucket (see ScoreBounds).
  [[nodiscard]] std::span<const Posting> offering_related(core::CompetenceId c,
                                                          std::uint32_t bucket) const {
    const std::size_t k = std::size_t{c.value} * buckets_.size() + bucket;
    return {related_postings_.data() + related_bucket_offsets_[k],
            related_bucket_offsets_[k + 1] - related_bucket_offsets_[k]};
  }
  [[nodiscard]] std::uint32_t bucket_count() const noexcept {
    return static_cast<std::uint32_t>(buckets_.size());
  }
  [[nodiscard]] std::uint32_t bucket_of(std::uint32_t candidate_index) const {
    return candidate_brief_[candidate_index].bucket;
  }

 private:
  [[nodiscard]] double fit(std::span<const Need> needs, core::ActorId candidate,
                           std::vector<NeedMatch>* matches) const;
  [[nodiscard]] Facts facts_of(core::ActorId actor) const;
  void prepare_bounds();

  const core::Region* region_;
  ScoreWeights weights_;
  analysis::SimpleGraph graph_;
  // Ties still running in the region's present (the latest start year): the common partners of
  // the network part. An ended tie is a former partnership, not a shared partner.
  analysis::SimpleGraph current_;
  std::vector<core::ActorId> candidates_;
  std::vector<std::uint32_t> candidate_index_;  // per actor, UINT32_MAX if none
  std::vector<double> idf_;                     // per competence
  std::vector<std::uint64_t> offer_offsets_;    // per candidate, into offers_
  std::vector<core::CompetenceWeight> offers_;
  std::vector<std::uint64_t> posting_offsets_, related_offsets_;
  std::vector<Posting> postings_, related_postings_;
  std::vector<std::uint32_t> component_;
  std::vector<std::uint8_t> has_science_tie_;
  std::vector<std::int32_t> load_;
  // For ScoreBounds: per candidate its place and flags; per group its candidate members.
  friend class ScoreBounds;
  std::vector<Facts> candidate_facts_;
  std::vector<Brief> candidate_brief_;
  std::vector<Bucket> buckets_;
  std::vector<std::uint64_t> related_bucket_offsets_;  // related postings by (competence, bucket)
  std::vector<std::uint64_t> group_offsets_;           // per actor: candidates among its members
  std::vector<std::uint32_t> group_candidates_;
};

/// The one door from a TransferScorer to its index, for lib/match's search.
struct ScorerAccess {
  [[nodiscard]] static const ScoreIndex& index(const TransferScorer& scorer) noexcept {
    return *scorer.index_;
  }
};

}  // namespace verbund::match::detail
