#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "verbund/analysis/simple_graph.hpp"
#include "verbund/core/region.hpp"

namespace verbund::analysis {

/// Triangle-based clustering of a simple graph.
struct Clustering {
  std::uint64_t triangles = 0;
  /// 3 x triangles / connected triples (networkx `transitivity`, igraph
  /// `transitivity_undirected`); 0 without triples.
  double transitivity = 0.0;
  /// Mean over all vertices of 2 T(v) / (d(v) (d(v) - 1)), counting vertices of degree < 2 as 0
  /// (networkx `average_clustering`; igraph's `transitivity_avglocal_undirected` in ZERO mode).
  double average_local = 0.0;
  std::vector<std::uint64_t> triangles_at;  ///< per vertex
};

/// Counts triangles in parallel (edges oriented by degree, sorted-list intersection).
/// Deterministic for any thread count. O(m^1.5).
[[nodiscard]] Clustering clustering(const SimpleGraph& graph);

/// Average weighted local clustering after Onnela et al. (2005), as networkx
/// `average_clustering(G, weight=...)`: c(v) = 2 / (d(v)(d(v)-1)) * sum over triangles {v,u,w}
/// of (w'(v,u) w'(v,w) w'(u,w))^(1/3), weights w' divided by the largest weight; vertices of
/// degree < 2 count as 0. Each vertex is summed on its own, so the result is deterministic.
/// O(sum over edges (v,u) of d(v) + d(u)), in parallel.
[[nodiscard]] double weighted_average_clustering(const SimpleGraph& graph);

/// Connected components: the component of every vertex (numbered by smallest member) and sizes.
struct Components {
  std::vector<std::uint32_t> of;
  std::vector<std::size_t> sizes;
  std::size_t giant = 0;  ///< size of the largest
};
/// Union-find over the edges. With `removed`, as if that vertex had left: it belongs to no
/// component (of[removed] = UINT32_MAX). O(m alpha(n)).
[[nodiscard]] Components components(const SimpleGraph& graph,
                                    std::optional<std::uint32_t> removed = std::nullopt);

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
  double weighted_average_clustering = 0.0;  ///< Onnela, by tie weight (see above)
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
[[nodiscard]] std::vector<GroupMetrics> metrics_by(const core::Region& region,
                                                   const SimpleGraph& graph, Grouping grouping);

}  // namespace verbund::analysis
