#pragma once

// Calibrating a scenario: its freed parameters (set by name, sim::parse_scenario with settings)
// estimated by the method of simulated moments (msm.hpp) against targets (targets.hpp).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/calib/msm.hpp"
#include "verbund/calib/simulated.hpp"
#include "verbund/calib/targets.hpp"
#include "verbund/core/region.hpp"
#include "verbund/sim/inputs.hpp"
#include "verbund/sim/parameters.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::calib {

/// The parameters named in `spec`, "key[=low:high][,key...]", with their bounds and starts. A
/// model key (sim::model_parameter_keys) starts at the scenario's value and has default bounds
/// when none are given:
///   model.effects.*, model.innovation.*: value -/+ 3;  model.meetings.*: 0 to max(4 x value, 1)
///   (at most sim::max_meeting_rate);  model.decay, model.end_probability: 0 to 0.5;
///   model.end_threshold: 0 to 0.95;  model.firm_exit, model.firm_entry: 0 to 0.1;
///   model.half_distance_km: 1 to 200;  model.new_supplier_share: 0 to 1.
/// Other keys (intervention[NAME].FIELD) need bounds and start at their middle.
/// Throws InvalidInput naming the key for an unknown model key, a key given twice, bounds that
/// do not parse or are empty (low >= high), or a start outside given bounds; and, via
/// parse_scenario, for a key the scenario refuses. O(spec + scenario). Thread-safe.
[[nodiscard]] std::vector<FreeParameter> free_parameters(std::string_view spec,
                                                         std::string_view scenario_text,
                                                         const std::string& scenario_file);

/// The settings that give `parameters` the values `theta`. O(p). No throw beyond bad_alloc.
[[nodiscard]] std::vector<sim::ParameterSetting> settings_of(
    std::span<const FreeParameter> parameters, std::span<const double> theta);

/// What a calibration simulates: a scenario's text on a region, its inputs, the statistics.
struct ScenarioMoments {
  const core::Region* region = nullptr;
  std::string scenario_text, scenario_file;
  sim::ScenarioInputs inputs;
  std::vector<Statistic> statistics;
  /// Per statistic, the simulated years it is computed on (0 = the start, y = after month 12 y;
  /// a flow also reads the year before the first): empty for all of them.
  std::vector<std::optional<std::pair<int, int>>> windows;
  std::vector<FreeParameter> parameters;
  std::size_t replicates = 10;
  std::uint64_t seed = 1;  ///< the same for every evaluation: common random numbers
};

/// The year a scenario starts in on `region`: its start_year, else the region's latest tie start
/// year (as sim::compile takes it); nullopt when neither is known. O(ties). No throw.
[[nodiscard]] std::optional<int> start_year(const core::Region& region,
                                            const sim::Scenario& scenario);

/// Sets m.windows so that each target "from the data, years A-B" is compared with the same
/// calendar years of the simulation (year 0 = `start`). Throws InvalidInput at the target if
/// those years lie outside the simulated ones (start to start + horizon / 12) or the start year
/// is unknown. O(targets).
void align_windows(ScenarioMoments& m, std::span<const Target> targets, std::optional<int> start,
                   int horizon_months);

/// The statistics of every replicate of the scenario with `theta` set: parse, compile with the
/// seed, simulate_panels, compute. Cost: one compile and `replicates` simulations. Throws as
/// parse_scenario and compile do. Thread-safe (reads `m`).
[[nodiscard]] std::vector<std::vector<double>> simulate_moments(const ScenarioMoments& m,
                                                                std::span<const double> theta);

/// The statistics of one replicate's panel, each on its window. O(statistics x panel cost).
/// Thread-safe. No throw beyond std::bad_alloc.
[[nodiscard]] std::vector<double> statistics_of(const ScenarioMoments& m, const Panel& panel);

/// The same, keeping the replicates (for diagnostics). Their series leave the giant component
/// share at 0 (not measured: sim::CompileOptions::giant_share), and a year no statistic reads
/// has no network (see simulate_panels).
[[nodiscard]] SimulatedReplicates simulate_replicates(const ScenarioMoments& m,
                                                      std::span<const double> theta);

/// The scenario's text with `settings` applied (the same keys parse_scenario takes), as TOML
/// after `header` (comment lines, each written with "# "). The result parses as a scenario.
/// Comments of the original are not kept. O(size). Throws InvalidInput as parse_scenario.
[[nodiscard]] std::string scenario_with(std::string_view scenario_text, const std::string& file,
                                        std::span<const sim::ParameterSetting> settings,
                                        std::span<const std::string> header);

}  // namespace verbund::calib
