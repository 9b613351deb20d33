#include "verbund/error.hpp"

#include <cstdio>
#include <cstdlib>

#include "verbund/assert.hpp"

namespace verbund {

std::string SourceLocation::to_string() const {
  std::string out = file;
  if (line > 0) {
    out.append(out.empty() ? "line " : ":");
    out.append(std::to_string(line));
    if (column > 0) {
      out.push_back(':');
      out.append(std::to_string(column));
    }
  }
  return out;
}

InvalidInput::InvalidInput(const std::string& message) : Error(message), detail_(message) {}

InvalidInput::InvalidInput(SourceLocation where, const std::string& message)
    : Error(where.to_string().empty() ? message : where.to_string() + ": " + message),
      where_(std::move(where)),
      detail_(message) {}

namespace detail {
void assertion_failed(const char* expression, const char* file, int line) {
  std::fprintf(stderr, "verbund: internal assertion failed: %s (%s:%d)\n", expression, file, line);
  std::abort();
}
}  // namespace detail

}  // namespace verbund
