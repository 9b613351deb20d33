#pragma once

// Sentences with placeholders: "{}" is replaced by the next argument, in order. Arguments are
// plain text; the result is escaped where it reaches the page, like every other value.

#include <initializer_list>
#include <string>
#include <string_view>

namespace verbund::report::detail {

inline std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args) {
  std::string out;
  auto next = args.begin();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 1 < pattern.size() && pattern[i + 1] == '}' &&
        next != args.end()) {
      out += *next++;
      ++i;
      // A name that ends in a full stop ("Lippe Elektrotechnik e.K.") ends the sentence too.
      if (!out.empty() && out.back() == '.' && i + 1 < pattern.size() && pattern[i + 1] == '.' &&
          (i + 2 == pattern.size() || pattern[i + 2] == ' '))
        ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

}  // namespace verbund::report::detail
