#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::sim {

/// The indicators recorded after every month (step 0 = the start).
struct Indicators {
  double density = 0.0;
  double mean_degree = 0.0;
  double transitivity = 0.0;
  double giant_share = 0.0;
  double science_share = 0.0;          ///< of firms, with a tie to science
  double cross_municipal_share = 0.0;  ///< of ties between located actors
  double innovations = 0.0;            ///< cumulative since the start
  double ties = 0.0;
};
inline constexpr std::size_t indicator_count = 8;
inline constexpr std::array<std::string_view, indicator_count> indicator_names{
    "density",       "mean degree",           "transitivity", "giant component share",
    "science share", "cross-municipal share", "innovations",  "ties"};
[[nodiscard]] std::array<double, indicator_count> values(const Indicators& i);

struct RunOptions {
  std::size_t replicates = 20;
  std::uint64_t seed = 1;
  /// Called after each finished replicate (from a worker thread, serialised).
  std::function<void(std::size_t done, std::size_t total)> progress{};
  /// Checked between months: when set, unfinished replicates stop and are dropped.
  const std::atomic<bool>* cancel = nullptr;
};

/// Replicates of one scenario: series[r][t] for finished replicates r, months t = 0..horizon.
struct Run {
  std::vector<std::vector<Indicators>> series;
  std::vector<std::size_t> replicate_ids;  ///< which replicates finished (ascending)
  std::size_t requested = 0;
  bool cancelled = false;
  /// Actors per working group as drawn (same in every replicate), for the report.
  std::vector<std::pair<std::string, std::vector<core::ActorId>>> groups;
};

/// Runs the scenario's replicates in parallel (oneTBB). Replicate r draws every random number
/// from streams keyed by (seed, r, month, actor, purpose): results are bit-identical for any
/// thread count, and two scenarios run with the same seed share their random numbers
/// (common random numbers) wherever their networks agree. Cost per month grows with
/// actors x meetings, not actors^2. Throws InvalidInput if the scenario names unknown actors,
/// kinds, municipalities or themes.
[[nodiscard]] Run simulate(const core::Region& region, const Scenario& scenario,
                           const RunOptions& options = {});

/// A mean with its 95 % confidence interval (Student t over replicates).
struct Estimate {
  double mean = 0.0, low = 0.0, high = 0.0;
};
/// Per month and indicator, over the finished replicates.
[[nodiscard]] std::vector<std::array<Estimate, indicator_count>> summarize(const Run& run);
/// Per month and indicator: scenario minus baseline, paired by replicate (the common random
/// numbers), over the replicates both finished. Throws InvalidInput if the horizons differ.
[[nodiscard]] std::vector<std::array<Estimate, indicator_count>> compare(const Run& baseline,
                                                                         const Run& scenario);

}  // namespace verbund::sim
