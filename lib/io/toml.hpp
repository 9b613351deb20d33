#pragma once

// toml++ in header-only mode, so that the installed static library needs no extra link
// dependency. Include this instead of <toml++/toml.h> in lib/.

#ifndef TOML_HEADER_ONLY
#define TOML_HEADER_ONLY 1
#endif
#ifndef TOML_EXCEPTIONS
#define TOML_EXCEPTIONS 1
#endif
#include <toml++/toml.h>

#include <string>

#include "verbund/error.hpp"

namespace verbund::io {

/// Where a TOML node is, for error messages.
inline SourceLocation location_of(const std::string& file, const toml::source_region& where) {
  return {file, static_cast<std::size_t>(where.begin.line),
          static_cast<std::size_t>(where.begin.column)};
}

/// Parses TOML text; a syntax error becomes InvalidInput at file:line:column.
inline toml::table parse_toml(std::string_view text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InvalidInput(location_of(file, e.source()), std::string(e.description()));
  }
}

}  // namespace verbund::io
