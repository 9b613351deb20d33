#pragma once

// Upper bounds on the non-fit parts of transfer scores (private to lib/match).

#include <cstdint>
#include <vector>

#include "score_index.hpp"

namespace verbund::match::detail {

/// Upper bounds on everything but the fit, for one seeker against every candidate, O(1) per
/// candidate after an O(2-hop neighbourhood + municipalities) preparation: the proximity factor
/// on fit by municipality (centre and radius of its candidates), network evidence from the
/// seeker's partners' partners and groups, and the flags. A candidate's score is at most
/// fit weight x fit x factor(bucket) + of(candidate). Scratch for one thread; reuse it.
class ScoreBounds {
 public:
  explicit ScoreBounds(const ScoreIndex& index);
  explicit ScoreBounds(const ScoreIndex&& index) = delete;
  void prepare(core::ActorId seeker);
  /// The bound on the additive parts over all candidates.
  [[nodiscard]] double max() const noexcept { return max_; }
  [[nodiscard]] double of(std::uint32_t candidate_index) const;
  /// Same-municipality bound of a bucket.
  [[nodiscard]] double place(std::uint32_t bucket) const { return place_[bucket]; }
  /// Bound on the proximity factor on fit of a bucket's candidates, and over all buckets.
  [[nodiscard]] double factor(std::uint32_t bucket) const { return factor_[bucket]; }
  [[nodiscard]] double max_factor() const noexcept { return max_factor_; }
  /// The bound on everything but fit and place, over all candidates.
  [[nodiscard]] double max_without_place() const noexcept { return max_without_place_; }

 private:
  const ScoreIndex* index_;
  Facts seeker_;
  std::vector<double> evidence_;  // Adamic–Adar sum per candidate
  std::vector<std::uint8_t> tied_;
  std::vector<std::uint32_t> marked_;
  double evidence_everywhere_ = 0.0;  // from partners and groups too large to expand
  std::vector<double> place_;         // per bucket: same municipality
  std::vector<double> factor_;        // per bucket: proximity factor on fit
  double max_factor_ = 1.0;
  double max_ = 0.0;
  double max_without_place_ = 0.0;
};

}  // namespace verbund::match::detail
