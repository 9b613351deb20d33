#pragma once

// Yearly networks of a region: what calibration compares. Observed panels come from the store's
// ties (with start and end years) and its imported projects (each with its years and members);
// simulated panels from a replicate's network at the end of each simulated year. The same
// statistics (statistics.hpp) are then computed on both.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/core/tie.hpp"

namespace verbund::calib {

/// A connected pair in one year: a < b (region actor indices), with the kinds of the ties
/// between them as a bit mask (bit k = core::all_tie_kinds[k]).
struct Pair {
  std::uint32_t a = 0, b = 0;
  std::uint8_t kinds = 0;
  friend bool operator==(const Pair&, const Pair&) = default;
};

/// The network of one year: its connected pairs (sorted by a, b, unique) and the actors that
/// count (operating in a simulation, every actor in observed data).
struct YearNetwork {
  int year = 0;
  std::vector<Pair> pairs;
  std::vector<bool> present;  ///< by actor index
};

/// Consecutive yearly networks, oldest first, and what the tie durations say.
struct Panel {
  std::vector<YearNetwork> years;
  /// Mean duration in years of the ties that ended (simulated: months at risk / ended / 12;
  /// observed: end - start + 1 of ties with both years that ended in the panel's years); nullopt
  /// when none ended.
  std::optional<double> mean_tie_duration;
};

/// One imported project: its years and its members (region actor indices).
struct ObservedProject {
  std::string id;
  std::optional<int> start, end;
  std::vector<std::uint32_t> members;
};

/// The observed network of each year in [first, last]: the region's ties active in the year
/// (core::Tie::active_in), except project ties made by a project import (`project_pairs`,
/// a < b), which are replaced by the co-members of the projects running in that year (a project
/// without years runs in every year). O(years x (ties + project members^2)). Thread-safe; no
/// throw beyond std::bad_alloc.
[[nodiscard]] Panel observed_panel(const core::Region& region,
                                   std::span<const ObservedProject> projects,
                                   std::span<const Pair> project_pairs, int first, int last);

/// Sorts `pairs` by (a, b) and merges duplicates (their kinds united). O(n log n). No throw
/// beyond std::bad_alloc.
void normalise(std::vector<Pair>& pairs);

/// The bit of `kind` in Pair::kinds. O(1), no throw.
[[nodiscard]] std::uint8_t kind_bit(core::TieKind kind) noexcept;

}  // namespace verbund::calib
