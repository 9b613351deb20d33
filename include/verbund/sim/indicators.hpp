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
  // Measured only when the model has a supplier market (ScenarioInputs::market), else 0 and
  // not reported (see reported()); definitions in lib/sim/supply_model.hpp.
  /// The mean over the operating buyers' demands of the share of each delivered by regional
  /// suppliers (each demand counts once: tonnes, MWh, hours and parts cannot be added up).
  double regional_sourcing_share = 0.0;
  /// Of the operating buyers with a critical (high-criticality) input, the share with at least
  /// two regional sources for every critical input.
  double buyers_dual_sourced = 0.0;
  // Measured only when the scenario has interventions with participants (all but shocks): the
  // actors its interventions target (working group members, firms a transfer office serves,
  // matchmaking participants, funded consortia, supplier initiative buyers), from month 0 on,
  // against the other operating actors; else 0 and not reported.
  double participants_mean_degree = 0.0;
  double others_mean_degree = 0.0;
  double participants_science_share = 0.0;  ///< of the participating firms
  double others_science_share = 0.0;        ///< of the other firms
};
inline constexpr std::size_t indicator_count = 15;
/// The first of the supply indicators (regional sourcing share, buyers dual-sourced).
inline constexpr std::size_t first_supply_indicator = 9;
/// The first of the participant indicators.
inline constexpr std::size_t first_participant_indicator = 11;
/// The indicators' names, in the order of values().
inline constexpr std::array<std::string_view, indicator_count> indicator_names{
    "density",
    "mean degree",
    "transitivity",
    "giant component share",
    "science share",
    "cross-municipal share",
    "innovations",
    "ties",
    "operating firms",
    "regional sourcing share",
    "buyers dual-sourced",
    "mean degree (participants)",
    "mean degree (non-participants)",
    "science share (participants)",
    "science share (non-participants)"};
/// Whether indicator k is reported by a run that does or does not measure the supply indicators
/// (`supply`: Run::supply, Model::measures_supply()) and the participant indicators
/// (`participants`: Run::participants, Model::measures_participants()). O(1), no throw.
[[nodiscard]] constexpr bool reported(std::size_t k, bool supply,
                                      bool participants = false) noexcept {
  if (k >= first_participant_indicator) return participants;
  return supply || k < first_supply_indicator;
}
/// The indicators as an array in the order of indicator_names. O(1), no throw.
[[nodiscard]] std::array<double, indicator_count> values(const Indicators& i) noexcept;

}  // namespace verbund::sim
