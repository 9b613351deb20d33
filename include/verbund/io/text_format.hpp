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
/// A CSV field, quoted (RFC 4180) when it holds a comma, quote, line break or edge space.
/// O(length). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string csv_field(std::string_view text);
/// One CSV record with a trailing "\n". O(total length). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string csv_line(const std::vector<std::string>& fields);

}  // namespace verbund::io
