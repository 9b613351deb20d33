#pragma once

// The words of `sweep --explain` and `sensitivity --explain` in the language of --lang.

#include <string>

#include "verbund/report/lang.hpp"
#include "verbund/sweep/runner.hpp"
#include "verbund/sweep/sweep_store.hpp"

namespace verbund::cli {

/// The sweep in words (explain_sweep of sweep_runs.hpp) in `lang`: what varies, the design, the
/// units, common random numbers, resuming. O(parameters). No throw beyond bad_alloc.
[[nodiscard]] std::string explain_sweep_in(const sweep::SweepPlan& plan,
                                           const sweep::ExecutedSweep& executed, report::Lang lang);

/// `value` with 15 significant digits (a grid's float noise gone, see sweep_points.cpp), a
/// decimal comma in German. No throw beyond bad_alloc.
[[nodiscard]] std::string number_in(double value, report::Lang lang);

}  // namespace verbund::cli
