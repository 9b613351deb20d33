#pragma once

#include <cstdint>
#include <vector>

#include "verbund/analysis/simple_graph.hpp"

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
/// Deterministic for any thread count. O(m^1.5), O(n) memory per worker thread. Thread-safe
/// (reads `graph`); throws only std::bad_alloc.
[[nodiscard]] Clustering clustering(const SimpleGraph& graph);

/// Average weighted local clustering after Onnela et al. (2005), as networkx
/// `average_clustering(G, weight=...)`: c(v) = 2 / (d(v)(d(v)-1)) * sum over triangles {v,u,w}
/// of (w'(v,u) w'(v,w) w'(u,w))^(1/3), weights w' divided by the largest weight; vertices of
/// degree < 2 count as 0. Each vertex is summed on its own, so the result is deterministic.
/// O(sum over edges (v,u) of d(v) + d(u)), in parallel. Thread-safe (reads `graph`); throws only
/// std::bad_alloc.
[[nodiscard]] double weighted_average_clustering(const SimpleGraph& graph);

}  // namespace verbund::analysis
