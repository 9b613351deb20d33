#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "verbund/core/actor_kind.hpp"
#include "verbund/core/region.hpp"
#include "verbund/core/tie.hpp"

namespace verbund::core {

/// The overview `verbund info` prints: counts and the two headline indicators.
struct RegionSummary {
  std::size_t actors = 0;
  std::size_t ties = 0;
  std::size_t memberships = 0;
  std::size_t competences = 0;  ///< in the taxonomy
  std::size_t themes = 0;
  std::map<ActorKind, std::size_t> actors_by_kind;
  std::map<std::string, std::size_t> actors_by_municipality;  ///< "" = unknown
  std::map<TieKind, std::size_t> ties_by_kind;
  std::map<FirmSize, std::size_t> firms_by_size;
  std::size_t connected_pairs = 0;  ///< distinct actor pairs joined by at least one tie
  /// connected_pairs / (n (n - 1) / 2); 0 for fewer than two actors.
  double density = 0.0;
  std::size_t components = 0;       ///< connected components (isolated actors count as one each)
  std::size_t giant_component = 0;  ///< actors in the largest component
  /// giant_component / actors; 0 for an empty region.
  double giant_component_share = 0.0;
  std::size_t firms = 0;
  std::size_t firms_with_science_tie = 0;
  /// Share of firms with a tie to a university, research institute or research group.
  double science_tie_share = 0.0;
};

/// Summarises a region. O(n + m); components via Boost.Graph on the region's CSR.
[[nodiscard]] RegionSummary summarize(const Region& region);

}  // namespace verbund::core
