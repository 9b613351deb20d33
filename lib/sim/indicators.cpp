#include "verbund/sim/indicators.hpp"

namespace verbund::sim {

std::array<double, indicator_count> values(const Indicators& i) noexcept {
  return {i.density,
          i.mean_degree,
          i.transitivity,
          i.giant_share,
          i.science_share,
          i.cross_municipal_share,
          i.innovations,
          i.ties,
          i.firms,
          i.regional_sourcing_share,
          i.buyers_dual_sourced,
          i.participants_mean_degree,
          i.others_mean_degree,
          i.participants_science_share,
          i.others_science_share};
}

}  // namespace verbund::sim
