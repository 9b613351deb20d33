#include "verbund/analysis/clustering.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel_loops.hpp"

namespace verbund::analysis {

Clustering clustering(const SimpleGraph& graph) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  // Orient each edge from lower to higher (degree, id) rank: every triangle is found once, at
  // its lowest-ranked vertex, and no out-list is longer than sqrt(2m).
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    const auto da = graph.degree(a), db = graph.degree(b);
    return da != db ? da < db : a < b;
  };
  std::vector<std::uint64_t> out_offsets(n + 1, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    std::uint64_t d = 0;
    for (const auto w : graph.neighbours(v)) d += before(v, w) ? 1 : 0;
    out_offsets[v + 1] = out_offsets[v] + d;
  }
  std::vector<std::uint32_t> out(out_offsets[n]);
  par::parallel_for(std::uint32_t{0}, n, [&](std::uint32_t v) {
    auto at = out_offsets[v];
    for (const auto w : graph.neighbours(v)) {
      if (before(v, w)) out[at++] = w;
    }
  });  // out-lists stay sorted by id

  // Per-thread counters; integer sums do not depend on how the work was split.
  par::ThreadLocal<std::vector<std::uint64_t>> local(
      [&] { return std::vector<std::uint64_t>(n, 0); });
  par::parallel_for(par::Range<std::uint32_t>(0, n, 256), [&](const auto& range) {
    auto& count = local.local();
    for (std::uint32_t u = range.begin(); u != range.end(); ++u) {
      const auto* ub = out.data() + out_offsets[u];
      const auto* ue = out.data() + out_offsets[u + 1];
      for (const auto* p = ub; p != ue; ++p) {
        const std::uint32_t v = *p;
        const auto* a = ub;
        const auto* b = out.data() + out_offsets[v];
        const auto* be = out.data() + out_offsets[v + 1];
        while (a != ue && b != be) {
          if (*a < *b) {
            ++a;
          } else if (*b < *a) {
            ++b;
          } else {
            ++count[u];
            ++count[v];
            ++count[*a];
            ++a;
            ++b;
          }
        }
      }
    }
  });
  Clustering c;
  c.triangles_at.assign(n, 0);
  for (const auto& count : local) {
    for (std::uint32_t v = 0; v < n; ++v) c.triangles_at[v] += count[v];
  }
  double triples = 0.0, local_sum = 0.0;
  std::uint64_t corners = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    const double d = static_cast<double>(graph.degree(v));
    corners += c.triangles_at[v];
    if (d >= 2) {
      triples += d * (d - 1) / 2.0;
      local_sum += 2.0 * static_cast<double>(c.triangles_at[v]) / (d * (d - 1));
    }
  }
  c.triangles = corners / 3;
  c.transitivity = triples > 0 ? static_cast<double>(corners) / triples : 0.0;
  c.average_local = n > 0 ? local_sum / n : 0.0;
  return c;
}

double weighted_average_clustering(const SimpleGraph& graph) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  if (n == 0) return 0.0;
  double max_weight = 0.0;
  for (std::uint32_t v = 0; v < n; ++v) {
    for (const double w : graph.weights(v)) max_weight = std::max(max_weight, w);
  }
  if (max_weight <= 0.0) return 0.0;

  std::vector<double> local(n, 0.0);
  par::parallel_for(std::uint32_t{0}, n, [&](std::uint32_t v) {
    const auto nv = graph.neighbours(v);
    const auto wv = graph.weights(v);
    const std::size_t d = nv.size();
    if (d < 2) return;
    double sum = 0.0;
    for (std::size_t i = 0; i < d; ++i) {
      const std::uint32_t u = nv[i];
      const auto nu = graph.neighbours(u);
      const auto wu = graph.weights(u);
      // Third corners w > u, common to v and u: each triangle at v is met once.
      std::size_t a = i + 1;
      std::size_t b =
          static_cast<std::size_t>(std::upper_bound(nu.begin(), nu.end(), u) - nu.begin());
      while (a < d && b < nu.size()) {
        if (nv[a] < nu[b]) {
          ++a;
        } else if (nu[b] < nv[a]) {
          ++b;
        } else {
          // Each weight divided by the largest first: in [0, 1], the product cannot overflow
          // (a product of raw weights did at 1e103, and max_weight^3 at 6e102).
          sum += std::cbrt((wv[i] / max_weight) * (wv[a] / max_weight) * (wu[b] / max_weight));
          ++a;
          ++b;
        }
      }
    }
    local[v] = 2.0 * sum / (static_cast<double>(d) * static_cast<double>(d - 1));
  });
  double total = 0.0;  // in vertex order: deterministic
  for (const double c : local) total += c;
  return total / n;
}

}  // namespace verbund::analysis
