#pragma once

// Boost.Graph view of a Region's tie CSR, without copying: RegionGraph models VertexListGraph,
// IncidenceGraph and AdjacencyGraph as an undirected multigraph (each tie is an out-edge of both
// endpoints), with the identity as vertex_index. Private to lib/: BGL types never reach the
// public API.

#include <cstdint>

#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <boost/property_map/property_map.hpp>

#include "verbund/core/region.hpp"

namespace verbund::core::detail {

struct RegionGraph {
  const Region* region;
};

/// An incidence of a tie at vertex `source`: `position` indexes the CSR entries.
struct RegionEdge {
  std::uint32_t source = 0;
  std::uint64_t position = 0;
  friend bool operator==(const RegionEdge&, const RegionEdge&) = default;
};

struct MakeEdge {
  std::uint32_t source = 0;
  RegionEdge operator()(std::uint64_t position) const { return {source, position}; }
};

struct EntryTarget {
  const Neighbour* entries = nullptr;
  std::uint32_t operator()(std::uint64_t position) const { return entries[position].actor.value; }
};

}  // namespace verbund::core::detail

namespace boost {

template <>
struct graph_traits<verbund::core::detail::RegionGraph> {
  using vertex_descriptor = std::uint32_t;
  using edge_descriptor = verbund::core::detail::RegionEdge;
  using directed_category = undirected_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  struct traversal_category : vertex_list_graph_tag, incidence_graph_tag, adjacency_graph_tag {};
  using vertex_iterator = counting_iterator<std::uint32_t>;
  using out_edge_iterator =
      transform_iterator<verbund::core::detail::MakeEdge, counting_iterator<std::uint64_t>,
                         verbund::core::detail::RegionEdge, verbund::core::detail::RegionEdge>;
  using adjacency_iterator =
      transform_iterator<verbund::core::detail::EntryTarget, counting_iterator<std::uint64_t>,
                         std::uint32_t, std::uint32_t>;
  using vertices_size_type = std::uint32_t;
  using edges_size_type = std::uint64_t;
  using degree_size_type = std::uint64_t;
  static vertex_descriptor null_vertex() { return UINT32_MAX; }
};

template <>
struct property_map<verbund::core::detail::RegionGraph, vertex_index_t> {
  using type = typed_identity_property_map<std::uint32_t>;
  using const_type = type;
};

}  // namespace boost

namespace verbund::core::detail {

using RegionGraphTraits = boost::graph_traits<RegionGraph>;

inline std::pair<RegionGraphTraits::vertex_iterator, RegionGraphTraits::vertex_iterator> vertices(
    const RegionGraph& g) {
  return {RegionGraphTraits::vertex_iterator(0),
          RegionGraphTraits::vertex_iterator(static_cast<std::uint32_t>(g.region->size()))};
}

inline std::uint32_t num_vertices(const RegionGraph& g) {
  return static_cast<std::uint32_t>(g.region->size());
}

inline std::pair<RegionGraphTraits::out_edge_iterator, RegionGraphTraits::out_edge_iterator>
out_edges(std::uint32_t v, const RegionGraph& g) {
  const auto csr = g.region->csr();
  const MakeEdge make{v};
  return {RegionGraphTraits::out_edge_iterator(
              boost::counting_iterator<std::uint64_t>(csr.offsets[v]), make),
          RegionGraphTraits::out_edge_iterator(
              boost::counting_iterator<std::uint64_t>(csr.offsets[v + 1]), make)};
}

inline std::uint64_t out_degree(std::uint32_t v, const RegionGraph& g) {
  const auto csr = g.region->csr();
  return csr.offsets[v + 1] - csr.offsets[v];
}

inline std::pair<RegionGraphTraits::adjacency_iterator, RegionGraphTraits::adjacency_iterator>
adjacent_vertices(std::uint32_t v, const RegionGraph& g) {
  const auto csr = g.region->csr();
  const EntryTarget target{csr.entries.data()};
  return {RegionGraphTraits::adjacency_iterator(
              boost::counting_iterator<std::uint64_t>(csr.offsets[v]), target),
          RegionGraphTraits::adjacency_iterator(
              boost::counting_iterator<std::uint64_t>(csr.offsets[v + 1]), target)};
}

inline std::uint32_t source(const RegionEdge& e, const RegionGraph&) { return e.source; }

inline std::uint32_t target(const RegionEdge& e, const RegionGraph& g) {
  return g.region->csr().entries[e.position].actor.value;
}

inline boost::typed_identity_property_map<std::uint32_t> get(boost::vertex_index_t,
                                                             const RegionGraph&) {
  return {};
}

}  // namespace verbund::core::detail
