#pragma once

// A sweep's results as files and as means per point.

#include <iosfwd>
#include <span>
#include <vector>

#include "verbund/sweep/runner.hpp"

namespace verbund::sweep {

/// One row per unit: point, the parameters' values, replicate, the kept indicators. Numbers
/// in their shortest exact form, so equal results give equal bytes. O(units x columns).
/// Throws only what the stream throws.
void write_results_csv(std::ostream& out, const SweepPlan& plan,
                       std::span<const UnitResult> results);
/// The same as a JSON array of objects {"point", "parameters": {...}, "replicate",
/// "values": {...}}. O(units x columns).
void write_results_json(std::ostream& out, const SweepPlan& plan,
                        std::span<const UnitResult> results);

/// means[point][i]: the mean over the point's replicates of kept indicator i (NaN for a point
/// without results). O(units x indicators). No throw beyond allocation.
[[nodiscard]] std::vector<std::vector<double>> point_means(const SweepPlan& plan,
                                                           std::span<const UnitResult> results);

}  // namespace verbund::sweep
