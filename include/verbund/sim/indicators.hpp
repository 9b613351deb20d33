#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace verbund::sim {

/// The indicators recorded after every month (month 0 = the start).
struct Indicators {
  double density = 0.0;
  double mean_degree = 0.0;
  double transitivity = 0.0;
  double giant_share = 0.0;
  double science_share = 0.0;          ///< of firms, with a tie to science
  double cross_municipal_share = 0.0;  ///< of ties between located actors
  double innovations = 0.0;            ///< cumulative since the start
  double ties = 0.0;
  double firms = 0.0;  ///< operating firms (changes with firm exit and entry, and shocks)
};
inline constexpr std::size_t indicator_count = 9;
/// The indicators' names, in the order of values().
inline constexpr std::array<std::string_view, indicator_count> indicator_names{
    "density",        "mean degree",           "transitivity", "giant component share",
    "science share",  "cross-municipal share", "innovations",  "ties",
    "operating firms"};
/// The indicators as an array in the order of indicator_names. O(1), no throw.
[[nodiscard]] std::array<double, indicator_count> values(const Indicators& i) noexcept;

}  // namespace verbund::sim
