#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include <filesystem>
#include <optional>

#include "verbund/core/region.hpp"
#include "verbund/sim/network.hpp"
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
  double firms = 0.0;  ///< operating firms (changes with firm exit and entry, and shocks)
};
inline constexpr std::size_t indicator_count = 9;
inline constexpr std::array<std::string_view, indicator_count> indicator_names{
    "density",        "mean degree",           "transitivity", "giant component share",
    "science share",  "cross-municipal share", "innovations",  "ties",
    "operating firms"};
[[nodiscard]] std::array<double, indicator_count> values(const Indicators& i);

/// One replicate's state after a month: enough to continue it exactly.
struct ReplicateState {
  std::size_t replicate = 0;
  std::vector<SimTie> ties;           ///< live ties
  std::vector<std::uint32_t> closed;  ///< actors closed at the time (firm exit), ascending
  std::uint64_t innovations = 0;
  std::vector<Indicators> series;  ///< months 0..month
};

/// The states of a run's replicates after `month`, for scenarios forked from it later.
struct Checkpoint {
  int month = 0;
  std::uint64_t seed = 0;
  std::uint64_t region = 0;  ///< fingerprint of the region it belongs to
  std::string scenario;      ///< the scenario's name, for the record
  std::vector<ReplicateState> replicates;
};
/// A fingerprint of a region's actors and ties (FNV-1a): a checkpoint resumes only on the same.
[[nodiscard]] std::uint64_t region_fingerprint(const core::Region& region);
/// Text file, values written exactly (hex floats). Throws IoError if it cannot be written.
void write_checkpoint(const Checkpoint& checkpoint, const std::filesystem::path& path);
/// Throws InvalidInput naming file and line if it is not a checkpoint or is damaged.
[[nodiscard]] Checkpoint read_checkpoint(const std::filesystem::path& path);

struct RunOptions {
  std::size_t replicates = 20;
  std::uint64_t seed = 1;
  /// Called after each finished replicate (from a worker thread, serialised).
  std::function<void(std::size_t done, std::size_t total)> progress{};
  /// Checked between months: when set, unfinished replicates stop and are dropped.
  const std::atomic<bool>* cancel = nullptr;
  /// Keep every replicate's state after this month in Run::checkpoint.
  std::optional<int> checkpoint_at{};
};

/// Replicates of one scenario: series[r][t] for finished replicates r, months t = 0..horizon.
struct Run {
  std::vector<std::vector<Indicators>> series;
  std::vector<std::size_t> replicate_ids;  ///< which replicates finished (ascending)
  std::size_t requested = 0;
  bool cancelled = false;
  /// Actors per working group as drawn (same in every replicate), for the report.
  std::vector<std::pair<std::string, std::vector<core::ActorId>>> groups;
  std::optional<Checkpoint> checkpoint;  ///< with RunOptions::checkpoint_at
  /// Per finished replicate: open ties that ended during the run, and the months all ties were
  /// at risk of ending (ended ones to their end, the rest to the horizon), so that
  /// months / ended estimates the mean tie duration without censoring bias.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> tie_endings;
};

/// Runs the scenario's replicates in parallel (oneTBB). Replicate r draws every random number
/// from streams keyed by (seed, r, month, actor, purpose): results are bit-identical for any
/// thread count, and two scenarios run with the same seed share their random numbers
/// (common random numbers) wherever their networks agree. Cost per month grows with
/// actors x meetings, not actors^2. A scenario with a fork replays the scenario it forks from up
/// to the fork month, or, if the fork names a checkpoint file, resumes from the states saved
/// there (same seed and region required). Throws InvalidInput if the scenario names unknown
/// actors, kinds, municipalities or themes, or the checkpoint does not fit.
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
