#pragma once

// A replicate's yearly networks: the per-replicate statistics hook of calibration.

#include <cstddef>
#include <vector>

#include "verbund/calib/panel.hpp"
#include "verbund/sim/indicators.hpp"
#include "verbund/sim/model.hpp"

namespace verbund::calib {

/// What replicates of a model gave: each one's yearly networks and its monthly indicators.
struct SimulatedReplicates {
  /// panels[r]: the network at month 0 (year 0) and after every 12th month (years 1, 2, ...),
  /// with the operating actors present, and the mean tie duration from sim::TieEndings.
  std::vector<Panel> panels;
  std::vector<std::vector<sim::Indicators>> series;  ///< series[r][month], months 0..horizon
};

/// Runs replicates 0..replicates-1 of `model` (sim::Simulation, in parallel over replicates
/// with oneTBB; the result is the same for any thread count, and the same for two models compiled
/// with one seed wherever their networks agree: common random numbers).
/// Cost: as sim::simulate, plus O(ties log degree) per simulated year. Thread-safe (reads the
/// model). Throws as sim::Simulation does. `years` (empty: all): year y's network is taken only
/// where years[y] holds; the others keep their number with no pairs and no actors present, so
/// statistics must not read them.
[[nodiscard]] SimulatedReplicates simulate_panels(const sim::Model& model, std::size_t replicates,
                                                  const std::vector<bool>& years = {});

}  // namespace verbund::calib
