#pragma once

// Which actors a set of KEY=VALUE conditions (`--where`) selects, matched the way people type
// names: "muelheim an der ruhr" finds "Mülheim an der Ruhr". And, when nothing matches, the
// values that come closest, so that a message can suggest them.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/ids.hpp"
#include "verbund/core/region.hpp"
#include "verbund/core/region_select.hpp"

namespace verbund::analysis {

/// `text` as selection compares it: letters lower-cased (ASCII and Latin-1, so Ä Ö Ü too) and
/// ä ö ü ß (and capital ẞ) spelt ae oe ue ss, so that "MÜLHEIM", "Muelheim" and "mülheim" fold
/// alike. Other bytes are kept. O(length). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string fold_for_matching(std::string_view text);

/// `text` folded as fold_for_matching, but with ä ö ü as a o u, as typed on a keyboard without
/// umlauts ("Mulheim"): for searches and suggestions, not for selection. O(length).
/// Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string fold_loosely(std::string_view text);

/// What actor `a` has under `key`, as core::ActorCondition reads it: its kind's name, its
/// municipality's name, its sector, else its attribute `key`; "" when it has none. The view
/// lives as long as `region`. O(log k) over a's k attributes. Thread-safe; does not throw.
[[nodiscard]] std::string_view actor_value(const core::Region& region, core::ActorId a,
                                           std::string_view key);

/// The actors that meet every condition, ascending; a value matches when it folds
/// (fold_for_matching) to the same text as the actor's (actor_value). Every exact match is a
/// match. The key `theme` is the exception: it holds for an actor that offers a competence of
/// that theme (so an actor can be in several, as `metrics --by theme` groups them), and
/// `theme=` (empty) for one that offers nothing. O(n c L) for n actors, c conditions, values of
/// length L. Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::vector<core::ActorId> select_actors(
    const core::Region& region, std::span<const core::ActorCondition> conditions);

/// The keys a condition can use in `region`: kind, municipality, sector, theme and every other
/// attribute key any actor has, in that order (attributes sorted). O(n k log K). Thread-safe;
/// throws only std::bad_alloc.
[[nodiscard]] std::vector<std::string> selection_keys(const core::Region& region);

/// Up to `limit` of `candidates` closest to `text`, best first: those whose folded form contains
/// the folded `text` before the rest, then by the edit distance (Levenshtein, on bytes) of the
/// folded forms, then by name. Folded both as fold_for_matching and with ä ö ü as a o u, so
/// that "Mulheim" suggests "Mülheim an der Ruhr" (which it does not select). O(V L^2) for V
/// candidates of length L. Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::vector<std::string> closest(std::span<const std::string> candidates,
                                               std::string_view text, std::size_t limit = 3);

/// The distinct non-empty values actors have under `key` (actor_value; for `theme`, the themes
/// of offered competences), sorted. O(n log V).
/// Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::vector<std::string> values_of(const core::Region& region, std::string_view key);

}  // namespace verbund::analysis
