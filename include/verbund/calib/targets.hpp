#pragma once

// Target files: the statistics calibration matches, each with a value or "from the data,
// years A-B".
//
//   [[target]]
//   statistic = "mean_degree"      # one of calib::statistic_names()
//   value = 5.6
//
//   [[target]]
//   statistic = "new_ties"
//   kind = "project"               # new_ties only: count pairs with a tie of this kind
//   from_data = [2014, 2016]       # the observed value averaged over these years
//
//   [[target]]
//   statistic = "science_share"
//   firms = "industrial"           # science_share only: "all" (default) or "industrial"
//   value = 0.40
//
//   [[target]]
//   statistic = "stationary"       # no trend: value 0 unless given
//   of = "mean_degree"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "verbund/calib/panel.hpp"
#include "verbund/calib/statistics.hpp"
#include "verbund/error.hpp"

namespace verbund::calib {

struct Target {
  Statistic statistic;
  std::optional<double> value;               ///< given, or computed by resolve_targets
  std::optional<std::pair<int, int>> years;  ///< from the data: first and last year
  double weight = 1.0;                       ///< multiplies the statistic's weight
  SourceLocation at;                         ///< where the target is written
  SourceLocation value_at;  ///< where its value (or from_data) is written; unknown if neither
};

/// Reads a target file strictly: unknown keys and statistics, a target with both or neither of
/// value and from_data (stationary may have neither: 0), years out of order, a quantile outside
/// [0, 1], a kind on another statistic than new_ties all throw InvalidInput at file:line:column.
/// O(size). Thread-safe.
[[nodiscard]] std::vector<Target> read_targets(std::string_view text, const std::string& file);

/// Gives each target "from the data" its observed value: compute() on the observed panel of its
/// years (`observed(first, last)` makes it; for a flow, or the trend of one, from the year
/// before the first, so that the first year's new ties count). O(targets x panel cost). Throws
/// InvalidInput at the target if the data leave the statistic undefined (no new ties, no ended
/// tie).
template <class ObservedPanel>
void resolve_targets(std::vector<Target>& targets, const core::Region& region,
                     ObservedPanel&& observed);

/// Refuses targets that contradict themselves or each other for a region of `actors` actors: a
/// mean degree or degree quantile above actors - 1, a share outside [0, 1], more new ties a year
/// than pairs, a duration <= 0, one statistic with two different values. Throws InvalidInput at
/// the target's value (its `value` or `from_data` key; the [[target]] line for a stationary
/// target without one), the value in its shortest exact form. O(targets^2). Thread-safe.
void check_targets(std::span<const Target> targets, std::size_t actors);

template <class ObservedPanel>
void resolve_targets(std::vector<Target>& targets, const core::Region& region,
                     ObservedPanel&& observed) {
  for (auto& t : targets) {
    if (!t.years) continue;
    const bool flow = is_flow(t.statistic.kind) ||
                      (t.statistic.kind == StatisticKind::stationary && is_flow(t.statistic.of));
    const Panel panel = observed(t.years->first - (flow ? 1 : 0), t.years->second);
    const double v = compute(t.statistic, region, panel);
    if (!(v == v))  // NaN: undefined on these years
      throw InvalidInput(t.at, "'" + t.statistic.label() + "' is undefined in the data of " +
                                   std::to_string(t.years->first) + "-" +
                                   std::to_string(t.years->second) +
                                   " (no new ties, or no tie ended): give a value instead");
    t.value = v;
  }
}

}  // namespace verbund::calib
