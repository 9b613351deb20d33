#pragma once

#include <filesystem>
#include <span>

#include "verbund/sim/inputs.hpp"
#include "verbund/sim/parameters.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::io {

/// A scenario file with everything it names read: what sim::compile takes.
struct LoadedScenario {
  sim::Scenario scenario;
  sim::ScenarioInputs inputs;
};

/// Reads a scenario file and every file it names: the fork origin (which may not itself fork),
/// the checkpoint, each funding call's file (also those of the origin) and the weights file.
/// Relative paths are taken from the folder of the file that names them. Each file is read once
/// and hashed (LoadedScenario::inputs.files). O(total size).
/// Throws InvalidInput naming file:line:column for a file that is missing, unreadable or
/// malformed, and for a fork of a fork. Thread-safe (reads files only).
/// \code
///   const auto loaded = io::load_scenario_inputs("data/scenarios/efre-funding-round.toml");
///   const auto model = sim::compile(region, loaded.scenario, loaded.inputs, {.seed = 7});
///   const auto run = sim::simulate(model, {.replicates = 20});
/// \endcode
[[nodiscard]] LoadedScenario load_scenario_inputs(const std::filesystem::path& path);

/// As above, with `settings` applied to the scenario (not to its fork origin) before it is
/// parsed (sim::parse_scenario with settings): what sweeps and calibration run. Also throws
/// InvalidInput for a setting the scenario refuses, naming the key.
[[nodiscard]] LoadedScenario load_scenario_inputs(const std::filesystem::path& path,
                                                  std::span<const sim::ParameterSetting> settings);

}  // namespace verbund::io
