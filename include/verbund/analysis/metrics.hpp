#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "verbund/analysis/clustering.hpp"
#include "verbund/analysis/components.hpp"
#include "verbund/analysis/simple_graph.hpp"
#include "verbund/core/region.hpp"

namespace verbund::analysis {

/// The indicators regional development watches, for a whole region.
struct NetworkMetrics {
  std::size_t actors = 0;
  std::size_t edges = 0;  ///< connected pairs under the filter
  double density = 0.0;
  double mean_degree = 0.0;
  std::size_t max_degree = 0;
  std::size_t isolated = 0;
  std::size_t components = 0;
  double giant_share = 0.0;
  double transitivity = 0.0;
  double average_clustering = 0.0;
  double weighted_average_clustering = 0.0;  ///< Onnela, by tie weight (see clustering.hpp)
  std::size_t firms = 0;
  std::size_t firms_with_science_tie = 0;
  double science_share = 0.0;  ///< of firms, with a university/institute/group neighbour
  /// Share of edges whose ends lie in different municipalities, among edges with both ends known.
  double cross_municipal_share = 0.0;
  /// Krackhardt's E-I index over actor kinds: (external - internal) / (external + internal).
  double ei_index_kind = 0.0;
  std::size_t smes = 0;
  std::size_t smes_with_project = 0;  ///< SMEs with an accepted `project` tie
  double sme_project_share = 0.0;
};

/// The indicators of `graph` (the region's ties under a filter; vertices are `region`'s actors).
/// Density, giant share, science share and cross-municipal share as defined in indicators.hpp.
/// O(m^1.5) for the clustering, the rest O(n + m alpha(n)); partly in parallel. Thread-safe
/// (reads only); throws only std::bad_alloc.
[[nodiscard]] NetworkMetrics network_metrics(const core::Region& region, const SimpleGraph& graph);

/// How to break indicators down.
enum class Grouping { municipality, kind, theme };

/// Indicators of one group of actors (a municipality, a kind, or the actors offering a theme).
struct GroupMetrics {
  std::string group;
  std::size_t actors = 0;
  std::size_t edges_inside = 0;   ///< both ends in the group
  std::size_t edges_outside = 0;  ///< one end in the group
  double mean_degree = 0.0;
  double ei_index = 0.0;  ///< (outside - inside) / (outside + inside)
  std::size_t firms = 0;
  double science_share = 0.0;
  double average_clustering = 0.0;
};

/// One row per group, sorted by name; actors without a municipality (or theme) form the group
/// "". A theme's group is every actor offering a competence of it, so groups may overlap.
/// O(m^1.5) for the clustering plus O(sum over actors of groups x degree x groups). Thread-safe
/// (reads only); throws only std::bad_alloc.
[[nodiscard]] std::vector<GroupMetrics> metrics_by(const core::Region& region,
                                                   const SimpleGraph& graph, Grouping grouping);

}  // namespace verbund::analysis
