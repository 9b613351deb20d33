#pragma once

// The actors an analysis verb's --where conditions select (cli.hpp declares the rest of the
// scope: its options, its tie filter and the region reduced to the selection).

#include <optional>
#include <span>
#include <vector>

#include "cli.hpp"
#include "verbund/core/ids.hpp"
#include "verbund/core/region.hpp"

namespace verbund::cli {

/// The actors of `region` that the scope's --where conditions select, ascending (matched as
/// analysis::select_actors: case and umlaut spelling ignored); nullopt without --where. Throws
/// InvalidInput for a malformed condition, and when nothing is selected, naming the values
/// (or keys) closest to those asked for.
[[nodiscard]] std::optional<std::vector<core::ActorId>> scope_selection(const core::Region& region,
                                                                        const AnalysisScope& scope);

/// The sub-region induced by `selected` (ascending): those actors and the ties among them.
[[nodiscard]] core::Region induced_region(const core::Region& region,
                                          std::span<const core::ActorId> selected);

}  // namespace verbund::cli
