#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
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

/// Indicators about a set of actors (a --where selection or a --by group) that count their ties
/// to anyone in the graph, inside the set or not. Science share, cross-municipal share and E-I
/// index as defined in indicators.hpp. Over all actors they equal network_metrics' figures of
/// the same name; over a subset they differ from network_metrics on the induced sub-region,
/// which sees only the ties among the subset.
struct SelectionMetrics {
  std::size_t actors = 0;
  std::size_t edges_inside = 0;   ///< connected pairs with both ends in the set
  std::size_t edges_outside = 0;  ///< connected pairs with one end in the set
  double ei_index = 0.0;          ///< (outside - inside) / (outside + inside)
  double mean_degree = 0.0;       ///< neighbours anywhere, averaged over the set
  std::size_t max_degree = 0;
  std::size_t isolated = 0;  ///< actors of the set without any tie
  /// Mean local clustering of the set's actors within the whole graph (not among the set).
  double average_clustering = 0.0;
  std::size_t firms = 0;
  std::size_t firms_with_science_tie = 0;  ///< a science neighbour anywhere
  double science_share = 0.0;
  std::size_t located_pairs = 0;  ///< pairs touching the set with both municipalities known
  std::size_t cross_municipal_pairs = 0;
  double cross_municipal_share = 0.0;  ///< of the pairs touching the set
  /// E-I index over actor kinds, on the pairs touching the set.
  double ei_index_kind = 0.0;
  std::size_t smes = 0;
  std::size_t smes_with_project = 0;  ///< SMEs with an accepted `project` tie to anyone
  double sme_project_share = 0.0;
};

/// The indicators about the actors `selected` (ascending, distinct, below graph.vertex_count()),
/// counting their ties to anyone in `graph`. O(m^1.5) for the clustering, the rest O(n + m).
/// Thread-safe (reads only); throws only std::bad_alloc.
[[nodiscard]] SelectionMetrics selection_metrics(const core::Region& region,
                                                 const SimpleGraph& graph,
                                                 std::span<const core::ActorId> selected);

/// How to break indicators down.
enum class Grouping { municipality, kind, theme, sector };

/// Indicators of one group of actors (a municipality, a kind, a sector, or the actors offering a
/// theme): the group as a selection, ties to anyone counted (selection_metrics).
struct GroupMetrics : SelectionMetrics {
  std::string group;
};

/// One row per group, sorted by name; actors without a municipality (theme, sector) form the
/// group "". A theme's group is every actor offering a competence of it, so groups may overlap.
/// Each row equals selection_metrics over the group's actors. O(m^1.5) for the clustering plus
/// O(sum over actors of groups x degree x groups). Thread-safe (reads only); throws only
/// std::bad_alloc.
[[nodiscard]] std::vector<GroupMetrics> metrics_by(const core::Region& region,
                                                   const SimpleGraph& graph, Grouping grouping);

/// As above, with the groups made of the actors `among` (ascending, distinct) only; their ties
/// to anyone still count. Groups without such actors are left out.
[[nodiscard]] std::vector<GroupMetrics> metrics_by(const core::Region& region,
                                                   const SimpleGraph& graph, Grouping grouping,
                                                   std::span<const core::ActorId> among);

}  // namespace verbund::analysis
