#include "verbund/analysis/brokers.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <string>

#include "igraph_bridge.hpp"
#include "verbund/analysis/components.hpp"
#include "verbund/error.hpp"

namespace verbund::analysis {

namespace {

// The vertices whose constraint the ranking and the output need: those at or above the
// `top`-th largest betweenness (constraint breaks ties there and is given for the top); nullopt
// when that is every vertex.
std::optional<std::vector<std::uint32_t>> constraint_needed(const std::vector<double>& betweenness,
                                                            std::size_t top) {
  const std::size_t n = betweenness.size();
  if (top >= n) return std::nullopt;
  if (top == 0) return std::vector<std::uint32_t>{};
  std::vector<double> sorted = betweenness;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(top - 1),
                   sorted.end(), std::greater<>());
  const double threshold = sorted[top - 1];
  std::vector<std::uint32_t> out;
  for (std::uint32_t v = 0; v < n; ++v)
    if (betweenness[v] >= threshold) out.push_back(v);
  if (out.size() == n) return std::nullopt;
  return out;
}

}  // namespace

std::vector<double> burt_constraint(const SimpleGraph& graph,
                                    std::span<const std::uint32_t> vertices) {
  const auto n = graph.vertex_count();
  std::vector<double> out(n, NAN);
  if (n == 0 || graph.edge_count() == 0) return out;
  for (const auto v : vertices)
    if (v >= n)
      throw InvalidInput("burt_constraint: vertex " + std::to_string(v) + " of " +
                         std::to_string(n));
  const auto lock = detail::lock_igraph();
  detail::IgraphGraph g(graph);
  detail::RealVector result;
  if (vertices.empty()) {
    detail::check(igraph_constraint(g.get(), result.get(), igraph_vss_all(), g.weights()),
                  "constraint");
    return result.to_std();
  }
  detail::IntVector ids(static_cast<igraph_integer_t>(vertices.size()));
  for (std::size_t i = 0; i < vertices.size(); ++i)
    VECTOR(*ids.get())[static_cast<igraph_integer_t>(i)] = vertices[i];
  detail::check(igraph_constraint(g.get(), result.get(), igraph_vss_vector(ids.get()), g.weights()),
                "constraint");
  const auto values = result.to_std();
  for (std::size_t i = 0; i < vertices.size(); ++i) out[vertices[i]] = values[i];
  return out;
}

BrokerReport brokers(const SimpleGraph& graph, const BrokerOptions& options) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  BrokerReport report;
  const bool exact = n <= options.exact_betweenness_limit;
  std::vector<double> betweenness, constraint;
  Betweenness estimate;
  if (exact || options.betweenness_samples > 0) {
    estimate = analysis::betweenness(graph, {.samples = exact ? 0 : options.betweenness_samples,
                                             .seed = options.seed,
                                             .progress = options.progress});
    betweenness = estimate.value;
    report.betweenness_mode =
        estimate.exact ? BrokerReport::Mode::exact : BrokerReport::Mode::sampled;
    report.betweenness_sources = estimate.sources;
    report.betweenness_error_bound = estimate.normalised_error_bound;
  } else {
    report.betweenness_mode = BrokerReport::Mode::skipped;
  }
  if (n > 0 && graph.edge_count() > 0) {
    // Without betweenness, constraint ranks everyone; with it, only the top's ties need it.
    const auto needed =
        betweenness.empty() ? std::nullopt : constraint_needed(betweenness, options.top);
    if (!needed) {
      constraint = burt_constraint(graph);
    } else if (!needed->empty()) {
      constraint = burt_constraint(graph, *needed);
    }
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
  auto& out = report.brokers;
  for (std::size_t k = 0; k < top; ++k) {
    const std::uint32_t v = order[k];
    Broker b;
    b.actor = core::ActorId{v};
    b.degree = graph.degree(v);
    if (!betweenness.empty()) b.betweenness = betweenness[v];
    if (!estimate.standard_error.empty()) b.betweenness_error = estimate.standard_error[v];
    if (!constraint.empty() && b.degree > 0 && !std::isnan(constraint[v]))
      b.constraint = constraint[v];
    const std::size_t giant_after = components(graph, v).giant;
    const bool in_giant = before.sizes[before.of[v]] == before.giant;
    // Everyone the giant loses beyond the broker itself was cut off by its leaving.
    b.cut_off = in_giant ? before.giant - 1 - std::min(before.giant - 1, giant_after) : 0;
    b.giant_share_after =
        n > 1 ? static_cast<double>(giant_after) / static_cast<double>(n - 1) : 0.0;
    out.push_back(b);
  }
  return report;
}

}  // namespace verbund::analysis
