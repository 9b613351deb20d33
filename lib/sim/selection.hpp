#pragma once

// Who an intervention targets: the listed actors, or those matching a Selection, `size` of them
// drawn once when compiling (the same in every replicate). Private to lib/sim.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/streams.hpp"
#include "verbund/core/region.hpp"
#include "verbund/error.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::sim::detail {

/// Where a selection is written, for messages: the intervention's table and name.
struct SelectionSite {
  SourceLocation at;
  std::string name;
  std::size_t index = 0;  ///< the intervention's index in its scenario (keys the draw)
  SelectionRole role = SelectionRole::targets;
};

/// The listed actors in their order, or else the actors matching `selection` ascending, `size`
/// of them drawn with `seed`. O(actors). Throws InvalidInput at `site` for an unknown actor,
/// municipality or theme.
[[nodiscard]] std::vector<core::ActorId> resolve_selection(
    const core::Region& region, const Selection& selection, const std::vector<std::string>& listed,
    std::uint64_t seed, const SelectionSite& site, std::span<const SourceLocation> listed_at = {});

}  // namespace verbund::sim::detail
