#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "verbund/core/ids.hpp"

namespace verbund::core {

/// What a tie stands for.
enum class TieKind : unsigned char {
  supply,    ///< directed: source delivers to target
  research,  ///< research cooperation
  transfer,  ///< transfer partnership (firm and science)
  project,   ///< joint project in a consortium
  informal,  ///< informal contact
  advisory,  ///< advice, steering group, board seat
};

inline constexpr std::array all_tie_kinds{TieKind::supply,  TieKind::research, TieKind::transfer,
                                          TieKind::project, TieKind::informal, TieKind::advisory};

/// The name used in files, the database and the CLI ("supply", ...). O(1). Thread-safe; does not
/// throw.
[[nodiscard]] std::string_view to_string(TieKind kind) noexcept;
/// Parses a tie kind name as written by to_string; nullopt if unknown. O(k) over the k kinds.
/// Thread-safe; does not throw.
[[nodiscard]] std::optional<TieKind> parse_tie_kind(std::string_view name) noexcept;
/// Supply ties have a direction; all others are symmetric. O(1). Thread-safe; does not throw.
[[nodiscard]] constexpr bool is_directed(TieKind kind) noexcept { return kind == TieKind::supply; }

/// A typed, weighted tie active from `start` to `end` (years, inclusive; nullopt = open).
struct Tie {
  ActorId source;
  ActorId target;
  TieKind kind = TieKind::informal;
  double weight = 1.0;
  std::optional<int> start;
  std::optional<int> end;

  /// Whether the tie is active at any time in `year` (unknown start = always was). O(1).
  /// Thread-safe; does not throw.
  [[nodiscard]] constexpr bool active_in(int year) const noexcept {
    return (!start || *start <= year) && (!end || year <= *end);
  }
  /// The endpoint that is not `self` (self must be an endpoint). O(1). Thread-safe; does not
  /// throw.
  [[nodiscard]] constexpr ActorId other(ActorId self) const noexcept {
    return self == source ? target : source;
  }
};

/// An actor's membership in a group actor (chamber, cluster, working group, ...).
struct Membership {
  ActorId member;
  ActorId group;
  std::optional<int> start;
  std::optional<int> end;
};

}  // namespace verbund::core
