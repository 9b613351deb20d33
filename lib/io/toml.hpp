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

#include <algorithm>
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

/// toml++ 3.3 asks its whitespace table about a non-ASCII character met outside a string (a
/// key such as `größe`, `fit = 1ä`, a malformed value such as `1x"ä"`, which it scans to the next
/// space, comma or bracket), or right after a line-ending backslash in a multi-line string; for
/// most such characters that table reaches __builtin_unreachable: undefined behaviour. TOML allows
/// none of them, so they are refused here, before toml++ sees the text, at their line and column
/// (code points, as toml++ counts). A quote starts a string where toml++ starts one: not inside
/// an unquoted value, which toml++ reads to its end first.
inline void refuse_non_ascii_outside_strings(std::string_view text, const std::string& file) {
  enum class In { code, comment, basic, literal, multi_basic, multi_literal };
  In in = In::code;
  std::size_t line = 1, line_start = 0;
  std::string nest;    // open arrays 'a' and inline tables '{'
  bool value = false;  // after '=' (or in an array): a value, not a key
  bool bare = false;   // inside an unquoted value
  const auto fail = [&](std::size_t at, const std::string& what) {
    std::size_t column = 1;
    for (std::size_t k = line_start; k < at; ++k)
      if ((static_cast<unsigned char>(text[k]) & 0xC0U) != 0x80U) ++column;
    throw InvalidInput(SourceLocation{file, line, column}, what);
  };
  const auto quotes_at = [&](std::size_t at, char quote) {
    std::size_t n = 0;
    while (at + n < text.size() && text[at + n] == quote) ++n;
    return n;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      if (in == In::comment || in == In::basic || in == In::literal) in = In::code;
      if (in == In::code) {
        bare = false;
        if (nest.empty()) value = false;
      }
      continue;
    }
    switch (in) {
      case In::code:
        if (static_cast<unsigned char>(c) >= 0x80U)
          fail(i,
               "a character other than ASCII outside a string or comment (put the text in "
               "quotes)");
        if (c == ' ' || c == '\t' || c == '\r') {
          bare = false;
        } else if (c == '#') {
          in = In::comment;
          bare = false;
        } else if ((c == '"' || c == '\'') && !bare) {
          const std::size_t n = quotes_at(i, c);
          if (n >= 3) {
            in = c == '"' ? In::multi_basic : In::multi_literal;
            i += 2;
          } else if (n == 2) {
            ++i;  // an empty string
          } else {
            in = c == '"' ? In::basic : In::literal;
          }
        } else if (c == '=' && !value) {
          value = true;
        } else if (c == '[' && value && !bare) {
          nest.push_back('a');
        } else if (c == '{' && value && !bare) {
          nest.push_back('{');
          value = false;
        } else if (c == ',' || c == ']' || c == '}') {
          bare = false;
          if ((c == ']' && !nest.empty() && nest.back() == 'a') ||
              (c == '}' && !nest.empty() && nest.back() == '{'))
            nest.pop_back();
          if (c == ',' && !nest.empty()) value = nest.back() == 'a';
          if (c == '}') value = true;
        } else if (value) {
          bare = true;
        }
        break;
      case In::basic:
        if (c == '\\') {
          if (i + 1 < text.size() && text[i + 1] != '\n') ++i;  // an escape
        } else if (c == '"') {
          in = In::code;
        }
        break;
      case In::literal:
        if (c == '\'') in = In::code;
        break;
      case In::multi_basic:
      case In::multi_literal: {
        const char quote = in == In::multi_basic ? '"' : '\'';
        if (c == quote && quotes_at(i, quote) >= 3) {
          i += std::min<std::size_t>(quotes_at(i, quote), 5) - 1;  // "" before """ belong to it
          in = In::code;
        } else if (in == In::multi_basic && c == '\\') {
          std::size_t j = i + 1;
          while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
          if (j < text.size() && text[j] == '\n') {  // a line-ending backslash: toml++ trims
            while (j < text.size() &&
                   (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) {
              if (text[j] == '\n') {
                ++line;
                line_start = j + 1;
              }
              ++j;
            }
            if (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80U)
              fail(j,
                   "a character other than ASCII right after a line-ending backslash in a "
                   "multi-line string (put a space or an escape such as \\u00e4 first)");
            i = j - 1;
          } else {
            ++i;  // an escape
          }
        }
        break;
      }
      case In::comment:
        break;
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
  // A database given where a TOML file belongs (--weights verbund.db): say so, not "non-ASCII".
  if (text.starts_with(std::string_view("SQLite format 3\0", 16)))
    throw InvalidInput(SourceLocation{file, 0, 0},
                       "is a SQLite database, not a TOML file: give the .toml file here");
  detail::refuse_non_ascii_outside_strings(text, file);
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
