#pragma once

// Lookup of an enumeration's names as written in files, the database and the CLI: a table of
// (value, name) pairs in enumerator order.

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace verbund::core::detail {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_by_name(const std::array<std::pair<Enum, std::string_view>, N>& names,
                                  std::string_view name) {
  const auto* it = std::find_if(names.begin(), names.end(),
                                [&](const auto& entry) { return entry.second == name; });
  if (it == names.end()) return std::nullopt;
  return it->first;
}

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
  return names[static_cast<std::size_t>(value)].second;
}

}  // namespace verbund::core::detail
