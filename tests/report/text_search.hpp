#pragma once

// What the report tests look for in a page: whether a piece of text is there, and how often.

#include <cstddef>
#include <string>

namespace verbund::report::test {

inline bool has(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

/// Occurrences of `what` in `text`, overlapping ones included.
inline std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

}  // namespace verbund::report::test
