#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "verbund/analysis/simple_graph.hpp"
#include "verbund/core/actor_kind.hpp"
#include "verbund/core/region.hpp"
#include "verbund/core/tie.hpp"

namespace verbund::analysis {

/// The overview `verbund info` prints: counts and the headline indicators (defined in
/// indicators.hpp, as `verbund metrics` and the simulation use them).
struct RegionSummary {
  std::size_t actors = 0;
  std::size_t ties = 0;  ///< ties accepted by the filter
  std::size_t memberships = 0;
  std::size_t competences = 0;  ///< in the taxonomy
  std::size_t themes = 0;
  std::map<core::ActorKind, std::size_t> actors_by_kind;
  std::map<std::string, std::size_t> actors_by_municipality;  ///< "" = unknown
  std::map<core::TieKind, std::size_t> ties_by_kind;          ///< ties accepted by the filter
  std::map<core::FirmSize, std::size_t> firms_by_size;
  std::size_t connected_pairs = 0;  ///< distinct actor pairs joined by at least one tie
  /// connected_pairs / (n (n - 1) / 2); 0 for fewer than two actors (analysis::density).
  double density = 0.0;
  std::size_t components = 0;       ///< connected components (isolated actors count as one each)
  std::size_t giant_component = 0;  ///< actors in the largest component
  /// giant_component / actors; 0 for an empty region.
  double giant_component_share = 0.0;
  std::size_t firms = 0;
  std::size_t firms_with_science_tie = 0;
  /// Share of firms with a tie to a university, research institute or research group.
  double science_tie_share = 0.0;
  /// Share of connected pairs in different municipalities, among pairs with both known.
  double cross_municipal_share = 0.0;
};

/// Summarises a region, its network indicators over the ties `ties` accepts (all by default; a
/// year gives the network of that year, as the simulation starts from). O((n + m) log d): builds
/// the SimpleGraph. Thread-safe (reads only). Does not throw (beyond std::bad_alloc).
[[nodiscard]] RegionSummary summarize(const core::Region& region, const TieFilter& ties = {});

}  // namespace verbund::analysis
