#pragma once

// Finding the actor a command line names, with suggestions when the id is unknown.

#include <string>

#include "verbund/core/region.hpp"

namespace verbund::cli {

/// The actor with external id `id`; an unknown id is bad input whose message names `option` and
/// suggests the closest ids and names (verbund find's ranking, else the nearest ids by spelling).
[[nodiscard]] core::ActorId require_actor(const core::Region& region, const std::string& id,
                                          const std::string& option);

}  // namespace verbund::cli
