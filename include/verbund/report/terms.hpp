#pragma once

// German names for the words of the CLI's tables: titles, column headers, row labels and the
// vocabulary in cells (actor kinds, tie kinds, simulation indicators, verdicts, methods). The
// tables are built in English, which JSON and CSV keep as stable keys; only the text table
// shows these names.

#include <string_view>

#include "verbund/report/lang.hpp"

namespace verbund::report {

/// The word `english` in `lang`: itself in English and for a word the dictionary lacks; in
/// German its German name. Knows actor and tie kinds as core::to_string writes them
/// ("research_institute"), sim::indicator_names and the verdicts of `verbund compare`.
/// O(log n + k) over the dictionary's n words and the k kinds and indicators, thread-safe,
/// does not throw.
[[nodiscard]] std::string_view term(Lang lang, std::string_view english) noexcept;

/// Whether `term` knows a German name for `english`. O(log n + k), does not throw.
[[nodiscard]] bool has_term(std::string_view english) noexcept;

}  // namespace verbund::report
