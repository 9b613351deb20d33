#include "verbund/analysis/communities.hpp"

#include <algorithm>

#include "igraph_bridge.hpp"
#include "verbund/error.hpp"

namespace verbund::analysis {

double modularity(const SimpleGraph& graph, const std::vector<std::uint32_t>& membership,
                  double resolution, bool weighted) {
  if (membership.size() != graph.vertex_count())
    throw InvalidInput("membership has the wrong size");
  if (graph.edge_count() == 0) return 0.0;
  const auto lock = detail::lock_igraph();
  detail::IgraphGraph g(graph);
  detail::IntVector m(static_cast<igraph_integer_t>(membership.size()));
  for (std::size_t i = 0; i < membership.size(); ++i) VECTOR(*m.get())[i] = membership[i];
  igraph_real_t q = 0;
  detail::check(
      igraph_modularity(g.get(), m.get(), weighted ? g.weights() : nullptr, resolution, false, &q),
      "modularity");
  return q;
}

Communities detect_communities(const SimpleGraph& graph, const CommunityOptions& options) {
  if (!(options.resolution > 0.0)) throw InvalidInput("resolution must be positive");
  Communities out;
  const std::size_t n = graph.vertex_count();
  if (graph.edge_count() == 0) {
    out.membership.resize(n);
    for (std::uint32_t v = 0; v < n; ++v) out.membership[v] = v;
    out.count = n;
    return out;
  }
  {
    const auto lock = detail::lock_igraph();
    detail::IgraphGraph g(graph);
    detail::IntVector membership;
    igraph_vector_t* weights = options.weighted ? g.weights() : nullptr;
    detail::check(igraph_rng_seed(igraph_rng_default(), options.seed), "rng seed");
    if (options.method == CommunityMethod::louvain) {
      detail::check(igraph_community_multilevel(g.get(), weights, options.resolution,
                                                membership.get(), nullptr, nullptr),
                    "multilevel communities");
    } else {
      // Leiden maximises modularity with node weights = strengths and resolution / (2 W).
      detail::RealVector strength(static_cast<igraph_integer_t>(n));
      double total = 0.0;
      for (std::uint32_t v = 0; v < n; ++v) {
        double s = 0.0;
        if (options.weighted) {
          for (const double w : graph.weights(v)) s += w;
        } else {
          s = static_cast<double>(graph.degree(v));
        }
        VECTOR(*strength.get())[v] = s;
        total += s;
      }
      igraph_integer_t clusters = 0;
      detail::check(
          igraph_community_leiden(g.get(), weights, strength.get(), options.resolution / total,
                                  0.01, false, -1, membership.get(), &clusters, nullptr),
          "Leiden communities");
    }
    out.membership = membership.to_std();
  }
  // Renumber by first appearance, so that numbering does not depend on igraph's internals.
  std::vector<std::uint32_t> number(n, UINT32_MAX);
  for (auto& c : out.membership) {
    if (number[c] == UINT32_MAX) number[c] = static_cast<std::uint32_t>(out.count++);
    c = number[c];
  }
  out.modularity = modularity(graph, out.membership, options.resolution, options.weighted);
  return out;
}

}  // namespace verbund::analysis
