#pragma once

// toml++ in header-only mode, so that the installed static library needs no extra link
// dependency. Include this instead of <toml++/toml.h> in lib/.

#ifndef TOML_HEADER_ONLY
#define TOML_HEADER_ONLY 1
#endif
#ifndef TOML_EXCEPTIONS
#define TOML_EXCEPTIONS 1
#endif
// toml++ 3.3 asserts preconditions that malformed text can break (a table header such as `[=a]`
// or `[[[a]]]`: toml++ pull request 301) and then reports a parse error anyway. Its assertions
// would abort a build without NDEBUG, and with NDEBUG clang takes them as __builtin_assume, which
// a false one makes undefined behaviour. So they are off in every build: toml++ sees no NDEBUG
// and a TOML_ASSERT that does nothing.
#ifdef NDEBUG
#define VERBUND_TOML_HAD_NDEBUG
#undef NDEBUG
#endif
#undef TOML_ASSERT
#define TOML_ASSERT(expr) static_cast<void>(0)
#include <toml++/toml.h>
#ifdef VERBUND_TOML_HAD_NDEBUG
#define NDEBUG
#undef VERBUND_TOML_HAD_NDEBUG
#endif

#include <string>
#include <string_view>

#include "verbund/error.hpp"

namespace verbund::io {

/// Where a TOML node is, for error messages.
inline SourceLocation location_of(const std::string& file, const toml::source_region& where) {
  return {file, static_cast<std::size_t>(where.begin.line),
          static_cast<std::size_t>(where.begin.column)};
}

namespace detail {

/// The text of the number that starts at `where` in `text` (line and column as toml++ counts
/// them: 1-based, columns in code points).
inline std::string_view number_text(std::string_view text, const toml::source_position& where) {
  std::size_t i = 0;
  for (std::size_t line = 1; line < where.line && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  for (std::size_t column = 1; column < where.column && i < text.size(); ++column) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) ++i;
  }
  std::size_t end = i;
  while (end < text.size() &&
         std::string_view("0123456789+-_.eE").find(text[end]) != std::string_view::npos)
    ++end;
  return text.substr(i, end - i);
}

/// toml++ reads a float too small for a double (1e-400) as 0 without a word: refuse those.
inline void refuse_underflow(const toml::node& node, std::string_view text,
                             const std::string& file) {
  if (const auto* table = node.as_table()) {
    for (const auto& [key, value] : *table) refuse_underflow(value, text, file);
  } else if (const auto* array = node.as_array()) {
    for (const auto& value : *array) refuse_underflow(value, text, file);
  } else if (const auto* number = node.as_floating_point()) {
    if (number->get() != 0.0) return;
    const auto written = number_text(text, node.source().begin);
    const auto mantissa = written.substr(0, written.find_first_of("eE"));
    if (mantissa.find_first_of("123456789") != std::string_view::npos) {
      throw InvalidInput(location_of(file, node.source()),
                         "number '" + std::string(written) +
                             "' is out of range for a double (magnitudes from 2.3e-308 to "
                             "1.8e308, or 0)");
    }
  }
}

/// The first '...' in a toml++ message, quotes included ("" if none).
inline std::string_view quoted_part(std::string_view message) {
  const auto open = message.find('\'');
  const auto close = open == std::string_view::npos ? open : message.find('\'', open + 1);
  if (close == std::string_view::npos) return {};
  return message.substr(open, close - open + 1);
}

}  // namespace detail

/// Parses TOML text; a syntax error becomes InvalidInput at file:line:column, and so does a
/// number out of the range of a double (1e400, 1e-400) or of a 64-bit integer.
inline toml::table parse_toml(std::string_view text, const std::string& file) {
  toml::table table;
  try {
    table = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    const std::string_view description = e.description();
    // toml++ says "'1e400' could not be interpreted as a value"; say what is wrong with it.
    if (description.starts_with("Error while parsing floating-point") &&
        description.ends_with("could not be interpreted as a value")) {
      const auto written = detail::quoted_part(description);
      throw InvalidInput(location_of(file, e.source()),
                         "number " + std::string(written) +
                             " is out of range for a double (magnitudes from 2.3e-308 to "
                             "1.8e308, or 0)");
    }
    if (description.ends_with("is not representable in 64 bits")) {
      const auto written = detail::quoted_part(description);
      throw InvalidInput(
          location_of(file, e.source()),
          "number " + std::string(written) + " is out of range for a 64-bit integer");
    }
    throw InvalidInput(location_of(file, e.source()), std::string(description));
  }
  detail::refuse_underflow(table, text, file);
  return table;
}

}  // namespace verbund::io
