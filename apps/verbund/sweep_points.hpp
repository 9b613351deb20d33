#pragma once

// The table of a sweep's points and their mean indicators, as `verbund sweep` and `verbund-mpi
// sweep` print it.

#include <span>

#include "output.hpp"
#include "verbund/report/lang.hpp"
#include "verbund/sweep/results.hpp"
#include "verbund/sweep/runner.hpp"

namespace verbund::cli {

/// One row per point: its number, its parameter values and the mean of each indicator over its
/// replicates (null where undefined). Headers in `lang` for text output ("mean degree (mean)",
/// "mittlerer Grad (Mittel)"); English for CSV and JSON. O(units). No throw beyond bad_alloc.
[[nodiscard]] Table sweep_points_table(const sweep::SweepPlan& plan,
                                       std::span<const sweep::UnitResult> results,
                                       report::Lang lang);

}  // namespace verbund::cli
