#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace verbund::io {

/// What founding_year needs to know of one actor.
struct FoundingFacts {
  std::optional<int> founded;  ///< its own founding year, empty = unknown
  std::string parent;          ///< external id of its parent, empty = none
};

/// An actor's facts by external id; std::nullopt for an id it does not know.
using FoundingLookup = std::function<std::optional<FoundingFacts>(std::string_view)>;

/// The earliest year actor `id` can have existed in: its own `founded`, else its parent's (a
/// research group is no older than its university; recursively), else nothing (unknown). The
/// one rule for the generator's base data and for imports. O(depth of the parent chain) lookups
/// and comparisons. Throws InvalidInput if `id` or a parent is unknown to `lookup` or the parents
/// form a cycle, and what `lookup` throws. Thread-safe if `lookup` is.
[[nodiscard]] std::optional<int> founding_year(std::string_view id, const FoundingLookup& lookup);

/// An end of a tie or membership founded after its start.
struct FoundingConflict {
  std::string actor;  ///< external id of that end
  int founded = 0;    ///< its founding year (founding_year)
};

/// The first of `a`, `b` whose founding year is after `start`; nothing when `start` or the years
/// are unknown (an unknown year never conflicts). `year_of` gives founding_year of an id (e.g. a
/// cached founding_year). O(2 calls of year_of). Throws what `year_of` throws. Thread-safe if
/// `year_of` is.
[[nodiscard]] std::optional<FoundingConflict> founding_conflict(
    std::optional<int> start, std::string_view a, std::string_view b,
    const std::function<std::optional<int>(std::string_view)>& year_of);

/// The message for a conflict: "the tie a - b starts in 2005, before 'b' was founded (2009)",
/// with `what` "the tie" or "the membership". O(length). Thread-safe; throws only
/// std::bad_alloc.
[[nodiscard]] std::string founding_message(std::string_view what, std::string_view a,
                                           std::string_view b, int start,
                                           const FoundingConflict& conflict);

}  // namespace verbund::io
