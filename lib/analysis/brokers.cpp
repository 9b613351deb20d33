#include "verbund/analysis/brokers.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "igraph_bridge.hpp"
#include "verbund/analysis/metrics.hpp"

namespace verbund::analysis {
namespace {

// Size of the largest component when `removed` is taken out. O(m alpha(n)).
std::size_t giant_without(const SimpleGraph& graph, std::uint32_t removed) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0U);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::uint32_t v = 0; v < n; ++v) {
    if (v == removed) continue;
    for (const auto w : graph.neighbours(v)) {
      if (w < v || w == removed) continue;
      const auto a = find(v), b = find(w);
      if (a != b) parent[a] = b;
    }
  }
  std::vector<std::size_t> size(n, 0);
  std::size_t giant = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    if (v != removed) giant = std::max(giant, ++size[find(v)]);
  }
  return giant;
}

}  // namespace

std::vector<Broker> brokers(const SimpleGraph& graph, const BrokerOptions& options) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  std::vector<double> betweenness, constraint;
  const bool exact = n <= options.exact_betweenness_limit;
  if (n > 0 && graph.edge_count() > 0) {
    const auto lock = detail::lock_igraph();
    detail::IgraphGraph g(graph);
    if (exact) {
      detail::RealVector result;
      detail::check(igraph_betweenness(g.get(), result.get(), igraph_vss_all(), false, nullptr),
                    "betweenness");
      betweenness = result.to_std();
    }
    detail::RealVector result;
    detail::check(igraph_constraint(g.get(), result.get(), igraph_vss_all(), g.weights()),
                  "constraint");
    constraint = result.to_std();
  }

  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0U);
  auto constraint_of = [&](std::uint32_t v) {
    const double c = constraint.empty() ? NAN : constraint[v];
    return std::isnan(c) || graph.degree(v) == 0 ? INFINITY : c;
  };
  const std::size_t top = std::min<std::size_t>(options.top, n);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                    [&](std::uint32_t a, std::uint32_t b) {
                      if (!betweenness.empty() && betweenness[a] != betweenness[b]) {
                        return betweenness[a] > betweenness[b];
                      }
                      if (constraint_of(a) != constraint_of(b))
                        return constraint_of(a) < constraint_of(b);
                      if (graph.degree(a) != graph.degree(b))
                        return graph.degree(a) > graph.degree(b);
                      return a < b;
                    });

  const Components before = components(graph);
  std::vector<Broker> out;
  for (std::size_t k = 0; k < top; ++k) {
    const std::uint32_t v = order[k];
    Broker b;
    b.actor = core::ActorId{v};
    b.degree = graph.degree(v);
    if (exact) b.betweenness = betweenness.empty() ? 0.0 : betweenness[v];
    if (!constraint.empty() && b.degree > 0 && !std::isnan(constraint[v]))
      b.constraint = constraint[v];
    const std::size_t giant_after = giant_without(graph, v);
    const bool in_giant = before.sizes[before.of[v]] == before.giant;
    // Everyone the giant loses beyond the broker itself was cut off by its leaving.
    b.cut_off = in_giant ? before.giant - 1 - std::min(before.giant - 1, giant_after) : 0;
    b.giant_share_after =
        n > 1 ? static_cast<double>(giant_after) / static_cast<double>(n - 1) : 0.0;
    out.push_back(b);
  }
  return out;
}

}  // namespace verbund::analysis
