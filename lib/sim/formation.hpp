#pragma once

// Whether a meeting becomes a tie: the model's named effects summed into log-odds eta, and the
// tie formed when the meeting's uniform draw u < 1/(1+e^-eta), i.e. logit(u) < eta. Most
// meetings fail, so the terms that need the other actor's competences, groups or partners are
// only evaluated while bounds on them leave the decision open. Private to lib/sim.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/network.hpp"
#include "verbund/core/region.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::sim {

using detail::Network;

/// What a meeting reads of each side that never changes, on one cache line per actor.
struct alignas(64) ActorFacts {
  std::uint64_t needs_mask = 0;                   ///< bit (competence mod 64) of every need
  std::uint64_t offers_mask = 0;                  ///< the same for offers
  std::uint64_t groups_mask = 0;                  ///< bit (group mod 64) of every static membership
  std::array<double, 3> position{NAN, NAN, NAN};  ///< unit vector; NaN when not located
  double absorptive = 0.0;  ///< firms: ln(1+employees)/ln(250) capped at 1, 0.5 if unknown
  core::ActorKind kind = core::ActorKind::firm;
  bool science = false;
  bool industrial = false;  ///< a firm of NACE divisions 05-33 (Effects::industrial_science)
};

/// The formation side of the model for one region and parameter set.
class Formation {
 public:
  Formation(const core::Region& region, const ModelParams& model);
  // It keeps pointers to both: never to temporaries.
  Formation(core::Region&&, const ModelParams&) = delete;
  Formation(const core::Region&, ModelParams&&) = delete;

  /// The log-odds of a tie between a and b (not tied), every term evaluated: the reference the
  /// lazy decision is tested against. `focus`: they met through a shared focus; otherwise
  /// `shares_focus` says whether they have one.
  [[nodiscard]] double eta(const Network& net, std::uint32_t a, std::uint32_t b, bool focus,
                           bool shares_focus, double bonus) const;

  /// Whether the meeting forms a tie for the draw u in [0, 1): the same answer as
  /// u < 1/(1+e^-eta), with `shares_focus()` called and the competences and common partners
  /// read only when the cheaper terms leave it open.
  template <class SharesFocus>
  [[nodiscard]] bool forms(const Network& net, std::uint32_t a, std::uint32_t b, bool focus,
                           SharesFocus&& shares_focus, double bonus, double u) const {
    const double x = logit(u);
    const auto& e = model_->effects_of(facts_[a].kind);
    const std::size_t degree_a = net.neighbours(a).size(), degree_b = net.neighbours(b).size();
    const double known = known_terms(e, a, b, degree_b, bonus);
    // Each open term within [lo, hi]: complementarity and a shared focus in [0, 1] times their
    // coefficient, common partners at most the smaller degree. Rounding is monotone and the
    // bounds are summed in eta's order, so they bound the computed eta exactly.
    const double most_common =
        e.common_partners * log1p_count(degree_a < degree_b ? degree_a : degree_b);
    double c_lo = std::min(0.0, e.complementarity), c_hi = std::max(0.0, e.complementarity);
    double f_lo = focus ? e.shared_focus : std::min(0.0, e.shared_focus);
    double f_hi = focus ? e.shared_focus : std::max(0.0, e.shared_focus);
    const double p_lo = std::min(0.0, most_common), p_hi = std::max(0.0, most_common);
    auto settled = [&](bool& answer) {
      if (x >= sum(known, c_hi, f_hi, p_hi)) return answer = false, true;
      if (x < sum(known, c_lo, f_lo, p_lo)) return answer = true, true;
      return false;
    };
    bool answer = false;
    if (settled(answer)) return answer;
    c_lo = c_hi = e.complementarity * complementarity(a, b);  // masks spare most pairs the read
    if (settled(answer)) return answer;
    if (!focus) {
      f_lo = f_hi = shares_focus() ? e.shared_focus : 0.0;
      if (settled(answer)) return answer;
    }
    return x < sum(known, c_lo, f_lo, e.common_partners * log1p_count(net.common_neighbours(a, b)));
  }

  /// logit(u) = ln(u / (1 - u)); -inf for u = 0, so that u < 1/(1+e^-eta) <=> logit(u) < eta.
  [[nodiscard]] static double logit(double u) { return std::log(u) - std::log1p(-u); }

  /// Whether a and b share a static group (chamber, cluster, ...), masks first.
  [[nodiscard]] bool share_static_group(std::uint32_t a, std::uint32_t b) const;
  [[nodiscard]] const ActorFacts& facts(std::uint32_t v) const { return facts_[v]; }

  /// ln(1 + n) for counts, from a table for the usual small ones.
  [[nodiscard]] static double log1p_count(std::size_t n);

 private:
  /// eta's terms in the one order every caller sums them.
  [[nodiscard]] static double sum(double known, double complementarity, double focus,
                                  double common) {
    return ((known + complementarity) + focus) + common;
  }
  /// Every term that needs no more than the two actors' facts and b's degree.
  [[nodiscard]] double known_terms(const Effects& e, std::uint32_t a, std::uint32_t b,
                                   std::size_t degree_b, double bonus) const;
  /// max over the two directions of the share of one's needs the other offers.
  [[nodiscard]] double complementarity(std::uint32_t a, std::uint32_t b) const;

  const core::Region* region_;
  const ModelParams* model_;
  std::vector<ActorFacts> facts_;
};

}  // namespace verbund::sim
