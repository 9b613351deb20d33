#pragma once

// German names for the words of the CLI's tables: titles, column headers, row labels and the
// vocabulary in cells (actor kinds, tie kinds, simulation indicators, verdicts, methods). The
// tables are built in English, which JSON and CSV keep as stable keys; only the text table
// shows these names.

#include <cstddef>
#include <string>
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

/// `value` with at most `decimals` decimals (none when it is whole), thousands separators and
/// the decimal mark of the language ("1.155,5" / "1,155.5"); "–" when not finite. O(digits),
/// thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string amount_number(Lang lang, double value, int decimals = 1);

/// An amount with its unit in number agreement: "1 order" / "1 Auftrag", "1.155 parts" /
/// "1.155 Teile", "2,5 t". `unit` is the market's unit as stored (plural, English: "hours");
/// units without a singular form ("t", "MWh") stay as they are. O(digits + log u) over the u
/// known units, thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string amount(Lang lang, double value, std::string_view unit, int decimals = 1);

/// A count with its noun in number agreement: "1 partner" / "2 partners", with thousands
/// separators ("1.155 Teile"). The caller gives the four forms, so any noun phrase agrees
/// ("1 gemeinsamen Partner" / "2 gemeinsame Partner"). O(digits), thread-safe; throws only
/// std::bad_alloc.
[[nodiscard]] std::string counted(Lang lang, std::size_t n, std::string_view en_one,
                                  std::string_view en_many, std::string_view de_one,
                                  std::string_view de_many);

}  // namespace verbund::report
