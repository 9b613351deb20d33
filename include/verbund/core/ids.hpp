#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace verbund::core {

/// A dense index into one Region's actors (0..size-1). Only meaningful for the Region it came
/// from; users' ids are strings (`Region::external_id`).
struct ActorId {
  std::uint32_t value = 0;
  friend constexpr auto operator<=>(ActorId, ActorId) = default;
};

/// A dense index into one Region's ties (in the order the ties were loaded).
struct TieId {
  std::uint32_t value = 0;
  friend constexpr auto operator<=>(TieId, TieId) = default;
};

/// A dense index into a Taxonomy's competences.
struct CompetenceId {
  std::uint32_t value = 0;
  friend constexpr auto operator<=>(CompetenceId, CompetenceId) = default;
};

/// A dense index into a Taxonomy's themes.
struct ThemeId {
  std::uint32_t value = 0;
  friend constexpr auto operator<=>(ThemeId, ThemeId) = default;
};

/// A dense index into a Region's municipalities (sorted by name).
struct MunicipalityId {
  std::uint32_t value = 0;
  friend constexpr auto operator<=>(MunicipalityId, MunicipalityId) = default;
};

}  // namespace verbund::core

/// Hashes an ActorId by its index, for unordered containers. O(1). Thread-safe; does not throw.
template <>
struct std::hash<verbund::core::ActorId> {
  std::size_t operator()(verbund::core::ActorId id) const noexcept { return id.value; }
};
