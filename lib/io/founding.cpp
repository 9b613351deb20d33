// The founding rule shared by the generator's base data and the imports: a tie or membership
// starts no earlier than either end was founded, a research group without a year taking its
// parent's.
#include "verbund/io/founding.hpp"

#include <algorithm>
#include <vector>

#include "verbund/error.hpp"

namespace verbund::io {

std::optional<int> founding_year(std::string_view id, const FoundingLookup& lookup) {
  std::vector<std::string> seen;  // the chain walked so far, to tell a cycle
  std::string at(id);
  for (;;) {
    const auto facts = lookup(at);
    if (!facts) throw InvalidInput("unknown actor '" + at + "'");
    if (facts->founded) return facts->founded;
    if (facts->parent.empty()) return std::nullopt;
    seen.push_back(std::move(at));
    at = facts->parent;
    if (std::find(seen.begin(), seen.end(), at) != seen.end())
      throw InvalidInput("the parents of actor '" + std::string(id) + "' form a cycle");
  }
}

std::optional<FoundingConflict> founding_conflict(
    std::optional<int> start, std::string_view a, std::string_view b,
    const std::function<std::optional<int>(std::string_view)>& year_of) {
  if (!start) return std::nullopt;
  for (const auto end : {a, b}) {
    const auto founded = year_of(end);
    if (founded && *start < *founded) return FoundingConflict{std::string(end), *founded};
  }
  return std::nullopt;
}

std::string founding_message(std::string_view what, std::string_view a, std::string_view b,
                             int start, const FoundingConflict& conflict) {
  return std::string(what) + " " + std::string(a) + " - " + std::string(b) + " starts in " +
         std::to_string(start) + ", before '" + conflict.actor + "' was founded (" +
         std::to_string(conflict.founded) + ")";
}

}  // namespace verbund::io
