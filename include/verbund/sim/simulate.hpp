#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/sim/checkpoint.hpp"
#include "verbund/sim/indicators.hpp"
#include "verbund/sim/model.hpp"
#include "verbund/sim/scenario.hpp"
#include "verbund/sim/simulation.hpp"

namespace verbund::sim {

struct RunOptions {
  std::size_t replicates = 20;
  /// Called after each finished replicate (from a worker thread, serialised).
  std::function<void(std::size_t done, std::size_t total)> progress{};
  /// Checked between months: when set, unfinished replicates stop and are dropped.
  const std::atomic<bool>* cancel = nullptr;
  /// Keep every replicate's state after this month in Run::checkpoint.
  std::optional<int> checkpoint_at{};
  /// Called after every month of every replicate, from worker threads and concurrently for
  /// different replicates: it must be thread-safe.
  Simulation::Observer observer{};
};

/// Replicates of one scenario: series[r][t] for finished replicates r, months t = 0..horizon.
struct Run {
  std::vector<std::vector<Indicators>> series;
  std::vector<std::size_t> replicate_ids;  ///< which replicates finished (ascending)
  std::size_t requested = 0;
  bool cancelled = false;
  /// Whether the supply indicators were measured (Model::measures_supply): report them only then
  /// (sim::reported).
  bool supply = false;
  /// Whether the participant indicators were measured (Model::measures_participants).
  bool participants = false;
  /// Actors per working group as drawn (same in every replicate), for the report.
  std::vector<std::pair<std::string, std::vector<core::ActorId>>> groups;
  std::optional<Checkpoint> checkpoint;  ///< with RunOptions::checkpoint_at
  /// Per finished replicate: open ties that ended during the run, and the months all ties were
  /// at risk of ending (ended ones to their end, the rest to the horizon), so that
  /// months / ended estimates the mean tie duration without censoring bias.
  std::vector<TieEndings> tie_endings;
};

/// Runs the model's replicates 0..replicates-1 in parallel (oneTBB), each exactly as
///   Simulation replicate(model, r, options.observer);
///   while (!replicate.done()) replicate.step();
/// would, stopping early when `cancel` is set (unfinished replicates are dropped) and keeping
/// each replicate's state after `checkpoint_at`. Results are bit-identical for any thread
/// count. Cost: replicates x months x (actors x meetings + ties), divided over the threads.
/// Throws InvalidInput if checkpoint_at lies outside the horizon, or the model resumes a
/// checkpoint that lacks a replicate asked for.
[[nodiscard]] Run simulate(const Model& model, const RunOptions& options = {});

/// Compiles a scenario that names no files and runs it: compile(region, scenario, {}, {.seed =
/// seed}) then simulate(model, options). Throws as both do.
[[nodiscard]] Run simulate(const core::Region& region, const Scenario& scenario,
                           const RunOptions& options, std::uint64_t seed);

/// Checks that scenarios to compare share the first one's horizon, before running any. O(n).
/// Throws InvalidInput naming the first scenario file that differs.
void check_same_horizon(std::span<const Scenario> scenarios);

/// Checks that compiled scenarios start from the same year's network as the first one (a
/// scenario without `start_year` starts in the region's latest start year, which a calibrated
/// baseline's explicit year may not be). `scenarios[i]` is the one `models[i]` was compiled
/// from. O(n). Throws InvalidInput naming the first scenario file that differs.
void check_same_start_year(std::span<const Model> models, std::span<const Scenario> scenarios);

/// A mean with its 95 % confidence interval (Student t over replicates).
struct Estimate {
  double mean = 0.0, low = 0.0, high = 0.0;
};
/// Per month and indicator, over the finished replicates. O(replicates x months). No throw
/// beyond std::bad_alloc.
[[nodiscard]] std::vector<std::array<Estimate, indicator_count>> summarize(const Run& run);
/// Per month and indicator: scenario minus baseline, paired by replicate (the common random
/// numbers), over the replicates both finished. O(replicates x months). Throws InvalidInput if
/// the horizons differ.
[[nodiscard]] std::vector<std::array<Estimate, indicator_count>> compare(const Run& baseline,
                                                                         const Run& scenario);

}  // namespace verbund::sim
