#pragma once

// Running a sweep: its points loaded and checked against the scenario first, then work units
// (point, replicate) run in parallel. A unit's values are a pure function of the plan, the
// region and (point, replicate): the same for any thread count, any order and any number of
// MPI ranks.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/io/scenario_inputs.hpp"
#include "verbund/sim/model.hpp"
#include "verbund/sweep/sweep.hpp"

namespace verbund::supply {
struct MarketData;
}

namespace verbund::sweep {

/// A sweep ready to run: its points, each point's scenario with its files, and the month kept.
struct SweepPlan {
  SweepSpec spec;
  std::vector<Point> points;
  std::vector<io::LoadedScenario> scenarios;  ///< per point
  std::vector<int> months;                    ///< per point: the month whose values are kept
  /// What identifies this sweep for resuming: the spec, the base scenario's files (hashes) and
  /// the region's fingerprint, hashed (16 hex digits).
  std::string key;
  std::string definition;  ///< the canonical JSON the key hashes
};

struct PlanOptions {
  /// Compile every point once to check it (what the process that stores results does); a
  /// worker rank that only runs units handed to it skips this serial cost.
  bool compile_all = true;
};

/// Loads the base scenario with every point's settings and (with compile_all) compiles every
/// point against `region`, so that no setting fails once units run. O(points x (scenario size
/// + compile)), compiled in parallel. Throws InvalidInput naming the point and its settings for
/// a setting the scenario refuses or a model that does not compile, and for a month beyond a
/// point's horizon. Thread-safe for distinct plans.
[[nodiscard]] SweepPlan plan_sweep(SweepSpec spec, const core::Region& region,
                                   std::shared_ptr<const supply::MarketData> market = {},
                                   const PlanOptions& options = {});

/// One work unit.
struct Unit {
  std::uint32_t point = 0;
  std::uint32_t replicate = 0;
  friend bool operator==(const Unit&, const Unit&) = default;
  friend auto operator<=>(const Unit&, const Unit&) = default;
};
/// A finished unit: the kept indicators at the kept month, in SweepSpec::indicators order.
struct UnitResult {
  Unit unit;
  std::vector<double> values;
};

/// Every unit of the plan, point-major (point 0's replicates first). O(units), no throw beyond
/// allocation.
[[nodiscard]] std::vector<Unit> all_units(const SweepPlan& plan);

/// Runs one unit: compiles nothing, steps replicate `unit.replicate` of `model` (the point's
/// compiled model) to the kept month. O(months x (actors x meetings + ties)). Thread-safe.
[[nodiscard]] UnitResult run_unit(const SweepPlan& plan, const sim::Model& model, Unit unit);

/// Compiles point `point` to check it, as plan_sweep does with compile_all. O(compile).
/// Throws InvalidInput "sweep point N (settings): ..." if it does not compile. Thread-safe.
void check_point(const SweepPlan& plan, const core::Region& region, std::size_t point);

/// Compiles point `point` of the plan (the sweep's seed). O(compile). Throws as sim::compile.
[[nodiscard]] sim::Model compile_point(const SweepPlan& plan, const core::Region& region,
                                       std::size_t point);

struct RunUnitsOptions {
  /// Called after each batch of finished units (ascending), from the calling thread: store them.
  std::function<void(std::span<const UnitResult>)> on_batch{};
  /// Checked between batches: when set, the remaining units are not run.
  const std::atomic<bool>* cancel = nullptr;
  /// Points compiled and run together; their units form one batch.
  std::size_t points_per_batch = 8;
};

/// Runs `units` (ascending) in parallel through verbund::par, batch by batch of points: the
/// batch's models compile in parallel, then its units run in parallel. Returns whether every
/// unit ran (false: cancelled). Cost: the units' replicates over the threads.
/// Throws what compile throws (plan_sweep has ruled that out for the plan's points).
bool run_units(const SweepPlan& plan, const core::Region& region, std::span<const Unit> units,
               const RunUnitsOptions& options);

}  // namespace verbund::sweep
