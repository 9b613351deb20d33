#pragma once

// Upper bounds on the non-fit parts of transfer scores (private to lib/match).

#include <cstdint>
#include <vector>

#include "score_index.hpp"

namespace verbund::match::detail {

/// Upper bounds on everything but the fit, for one seeker against every candidate, O(1) per
/// candidate after an O(2-hop neighbourhood + municipalities) preparation: proximity by
/// municipality (centre and radius of its candidates), network evidence from the seeker's
/// partners' partners and groups, and the flags. Scratch for one thread; reuse across seekers.
class ScoreBounds {
 public:
  explicit ScoreBounds(const ScoreIndex& index);
  explicit ScoreBounds(const ScoreIndex&& index) = delete;
  void prepare(core::ActorId seeker);
  /// The bound over all candidates.
  [[nodiscard]] double max() const noexcept { return max_; }
  [[nodiscard]] double of(std::uint32_t candidate_index) const;
  /// Proximity and same-municipality bound of a bucket.
  [[nodiscard]] double place(std::uint32_t bucket) const { return place_[bucket]; }
  /// The bound on everything but fit and place, over all candidates.
  [[nodiscard]] double max_without_place() const noexcept { return max_without_place_; }

 private:
  const ScoreIndex* index_;
  Facts seeker_;
  std::vector<double> evidence_;  // Adamic–Adar sum per candidate
  std::vector<std::uint8_t> tied_;
  std::vector<std::uint32_t> marked_;
  double evidence_everywhere_ = 0.0;  // from partners and groups too large to expand
  std::vector<double> place_;         // per bucket: proximity + same municipality
  double max_ = 0.0;
  double max_without_place_ = 0.0;
};

}  // namespace verbund::match::detail
