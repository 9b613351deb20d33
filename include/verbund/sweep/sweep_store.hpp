#pragma once

// A sweep in the store: tables sweeps, sweep_points and sweep_results (schema v5). A unit's
// rows mark it finished, so a rerun of the same sweep (same key) skips it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "verbund/io/store.hpp"
#include "verbund/sweep/runner.hpp"

namespace verbund::sweep {

/// A sweep opened in the store: its row and the units already finished (ascending).
struct OpenedSweep {
  std::int64_t id = 0;
  std::int64_t run = 0;  ///< this invocation's run record
  std::vector<Unit> finished;
  bool resumed = false;  ///< the store held this sweep already
};

/// Opens the plan's sweep (by key) or creates it with its points, and records `run`, in one
/// transaction. O(points x parameters + finished units). Throws IoError (nothing written). Not
/// thread-safe (as Store).
OpenedSweep open_sweep(io::Store& store, const SweepPlan& plan, const io::RunRecord& run);

/// Stores finished units in one transaction; a unit stored already is left as it is (its values
/// are the same by construction). O(units x indicators). Throws IoError (nothing written).
void store_results(io::Store& store, std::int64_t sweep, const SweepPlan& plan,
                   std::span<const UnitResult> results);

/// Every stored unit of the sweep, ascending by (point, replicate), values in the spec's
/// indicator order. O(stored values). Throws IoError, InvalidInput if a unit lacks an
/// indicator. Not thread-safe.
[[nodiscard]] std::vector<UnitResult> stored_results(const io::Store& store, std::int64_t sweep,
                                                     const SweepPlan& plan);

}  // namespace verbund::sweep

namespace verbund::sweep {

struct ExecuteOptions {
  /// Checked between batches: when set, the units not begun are left for a rerun.
  const std::atomic<bool>* cancel = nullptr;
  /// Called after each stored batch with units done (finished earlier included) and total.
  std::function<void(std::size_t done, std::size_t total)> progress{};
};

/// A sweep run into the store.
struct ExecutedSweep {
  OpenedSweep opened;
  std::vector<UnitResult> results;  ///< every stored unit, ascending
  std::size_t ran = 0;              ///< units run now (the rest were finished before)
  bool complete = false;            ///< every unit is stored
};

/// Opens the sweep (open_sweep), runs the units not yet finished (run_units), storing each batch
/// as it finishes, and reads every stored unit back: a rerun after a crash or Ctrl-C resumes and
/// ends with the same results. Cost: the units left. Throws IoError; nothing but finished
/// batches is stored. Not thread-safe (as Store).
ExecutedSweep execute_sweep(io::Store& store, const core::Region& region, const SweepPlan& plan,
                            const io::RunRecord& run, const ExecuteOptions& options = {});

}  // namespace verbund::sweep
