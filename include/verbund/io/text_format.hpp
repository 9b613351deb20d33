#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verbund::io {

/// Shortest text that reads back as exactly `value` ("0.25", "1e-07"); deterministic. O(1).
/// Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string format_double(double value);
/// Shortest text that reads back as exactly the float `value` ("0.3", not "0.30000001"). O(1).
/// Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string format_float(float value);
/// Empty for nullopt, else the number. O(1). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string format_optional(const std::optional<int>& value);
/// Whether a spreadsheet would take `text` as the start of a formula: after any leading single
/// quotes comes `=`, `+`, `-`, `@`, a tab or a carriage return, and it is not a plain number
/// ("-0.5", "+3", "-inf" stay as they are). O(length). Thread-safe; does not throw.
[[nodiscard]] bool needs_formula_guard(std::string_view text);
/// A CSV field, quoted (RFC 4180) when it holds a comma, quote, line break or edge space. Text
/// that needs_formula_guard gets a single quote in front (OWASP's advice against CSV formula
/// injection: Excel and LibreOffice then show it as text), which strip_formula_guard takes off
/// again, so that every string reads back as written. O(length). Thread-safe; throws only
/// std::bad_alloc.
[[nodiscard]] std::string csv_field(std::string_view text);
/// Undoes csv_field's guard: one leading single quote goes when only quotes and then a formula
/// character (`=` `+` `-` `@` tab CR) follow it; other text stays. CsvReader applies it to every
/// field, so exported files import as they were. O(length). Thread-safe; throws only
/// std::bad_alloc.
[[nodiscard]] std::string strip_formula_guard(std::string text);
/// One CSV record with a trailing "\n". O(total length). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string csv_line(const std::vector<std::string>& fields);

}  // namespace verbund::io
