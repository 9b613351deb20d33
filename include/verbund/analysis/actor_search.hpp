#pragma once

// Finding actors by what people remember of them: part of a name, typed without umlauts.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "verbund/core/region.hpp"

namespace verbund::analysis {

/// How well a name or id matched, best first.
enum class MatchRank : unsigned char {
  exact,       ///< the whole id or name
  prefix,      ///< the name starts with the text
  word_start,  ///< the text starts a word of the name
  substring,   ///< the text occurs in the name or the id
  all_tokens,  ///< every word of the text occurs in the name, in any order
};

struct ActorSearchOptions {
  std::optional<core::ActorKind> kind = std::nullopt;  ///< only actors of this kind
  std::size_t limit = 20;                              ///< at most this many hits
};

struct ActorHit {
  core::ActorId actor;
  MatchRank rank = MatchRank::exact;
};

/// Actors whose name or id matches `text`, compared as analysis::fold_for_matching folds both
/// (case-insensitive; ä = ae, ö = oe, ü = ue, ß = ss) and as fold_loosely does (ä = a, ...),
/// the better of the two ranks counting. Best rank first, then shorter names,
/// then name and id, so that the result does not depend on the load order. Empty text (after
/// trimming) finds nothing. O(n L) (names folded twice) for n actors with names of length L, plus
/// O(h log h) for h hits. Thread-safe; throws only std::bad_alloc. \code
///   auto hits = analysis::find_actors(region, "universitat duisburg", {.limit = 5});
/// \endcode
[[nodiscard]] std::vector<ActorHit> find_actors(const core::Region& region, std::string_view text,
                                                const ActorSearchOptions& options = {});

/// "exact", "prefix", "word start", "substring", "all words": for tables. O(1); does not throw.
[[nodiscard]] std::string_view to_string(MatchRank rank) noexcept;

}  // namespace verbund::analysis
