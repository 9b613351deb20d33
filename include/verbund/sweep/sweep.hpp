#pragma once

// A sweep: a base scenario, the parameters to vary and a design that places points in their
// space; each point runs `replicates` replicates on common random numbers (every point compiled
// with the sweep's seed, replicate r drawing the same numbers at every point, as `compare` does).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/sim/parameters.hpp"

namespace verbund::sweep {

/// How points are placed: a full grid; a Latin hypercube or a Sobol sequence of `samples`
/// points; Morris trajectories or Saltelli's matrices for sensitivity analysis.
enum class Design { grid, lhs, sobol, morris, saltelli };
/// "grid", "lhs", "sobol", "morris", "saltelli". O(1), no throw.
[[nodiscard]] std::string_view design_name(Design design) noexcept;

/// One varied parameter: a range [low, high] or a list of levels.
struct Parameter {
  std::string key;  ///< a sim::ParameterSetting key, e.g. "model.effects.base"
  double low = 0.0, high = 0.0;
  std::vector<sim::ParameterValue> levels{};  ///< when given, the range is unused
  std::size_t steps = 0;                      ///< grid points over the range (grid design)
  bool integer = false;                       ///< whole numbers over [low, high]
  SourceLocation at{};  ///< where its range or levels are written, for a point's messages
};

/// A sweep file, read and checked (not yet against the scenario: plan_sweep does that).
struct SweepSpec {
  std::string file;                ///< the sweep file, for messages
  std::filesystem::path scenario;  ///< the base scenario, resolved against the file's folder
  std::vector<Parameter> parameters;
  Design design = Design::grid;
  std::size_t samples = 0;        ///< lhs/sobol points, morris trajectories, saltelli base rows
  std::size_t morris_levels = 4;  ///< levels of the Morris grid (even)
  std::size_t replicates = 10;
  std::uint64_t seed = 1;
  std::vector<std::size_t> indicators;  ///< indices into sim::indicator_names, ascending
  std::optional<int> month;             ///< the month kept; nullopt = each point's horizon
  SourceLocation month_at{};            ///< where `month` is written, for messages
};

/// Reads a sweep file's text strictly. Throws InvalidInput naming file:line:column for an
/// unknown key, a missing or malformed value, an empty range (high <= low) or empty levels, a
/// parameter varied twice, a design without the sample count it needs, a Sobol or Saltelli
/// sample count that is not a power of two, and an unknown indicator. O(size). Thread-safe.
[[nodiscard]] SweepSpec parse_sweep(std::string_view text, const std::string& file);
/// Reads and parses a sweep file. Throws InvalidInput as parse_sweep, and if it cannot be read.
[[nodiscard]] SweepSpec load_sweep(const std::filesystem::path& path);

/// One design point: its settings (in the order of the spec's parameters) and its coordinates
/// in the unit cube (what the sensitivity estimators use).
struct Point {
  std::vector<sim::ParameterSetting> settings;
  std::vector<double> unit;
};

/// The design's points, a pure function of the spec (seed included). Grid: the first parameter
/// varies slowest. Latin hypercube: one point per stratum of every parameter, strata paired by
/// seeded permutations. Sobol: the first points of Boost's Sobol sequence (origin included).
/// Morris: `samples` trajectories of parameters + 1 points. Saltelli: per base row A, B and A with
/// column i from B, for each i (parameters + 2 points a row). O(points x parameters). No throw
/// beyond allocation.
[[nodiscard]] std::vector<Point> design_points(const SweepSpec& spec);

/// The value of unit coordinate u in [0, 1] for a parameter: its levels by equal shares, whole
/// numbers by equal shares of [low, high], else low + u (high - low). O(1), no throw.
[[nodiscard]] sim::ParameterValue value_at(const Parameter& parameter, double u);

/// The spec as canonical JSON text (every field, fixed order): what identifies a sweep for
/// resuming, with the inputs' hashes. O(size). No throw beyond allocation.
[[nodiscard]] std::string canonical_json(const SweepSpec& spec);

}  // namespace verbund::sweep
