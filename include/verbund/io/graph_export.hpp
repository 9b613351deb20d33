#pragma once

#include <ostream>
#include <string_view>

#include "verbund/core/region.hpp"

namespace verbund::io {

/// Graph file formats for Gephi, networkx, igraph and Graphviz.
enum class GraphFormat { graphml, gexf, dot };

/// Writes the region as a graph: every actor a node with its attributes (name, kind,
/// municipality, lat, lon, employees, size class, sector, founded, capacity, parent id, offers
/// and needs as semicolon-joined competence ids, and the extra attributes), every tie an edge
/// with kind, weight, start and end. GraphML, GEXF and DOT also carry an edge of kind "parent" from
/// each actor to its parent (a chair to its university) and one of kind "membership" from each
/// member to its group (with the membership's start and end), weight 1, so that Gephi can show
/// chairs under their university and who is in a cluster; filter on `kind` to keep only ties.
/// Ties stay separate (parallel edges allowed); the graph is undirected and a supply tie's
/// direction is its source -> target order. GEXF is dynamic: ties carry start/end years, so Gephi's
/// timeline plays the network over time. Output is deterministic. O(n + m + M + c) for M
/// memberships and c offers and needs (plus O(a log a) for the a distinct attribute keys).
/// Thread-safe (reads `region`; `out` is the caller's). Throws only std::bad_alloc; write errors
/// are left in `out`'s state.
void write_graph(const core::Region& region, GraphFormat format, std::ostream& out);

}  // namespace verbund::io
