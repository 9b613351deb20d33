#include <algorithm>
#include <cmath>

#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include "verbund/analysis/metrics.hpp"

namespace verbund::analysis {

double weighted_average_clustering(const SimpleGraph& graph) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  if (n == 0) return 0.0;
  double max_weight = 0.0;
  for (std::uint32_t v = 0; v < n; ++v) {
    for (const double w : graph.weights(v)) max_weight = std::max(max_weight, w);
  }
  if (max_weight <= 0.0) return 0.0;

  std::vector<double> local(n, 0.0);
  tbb::parallel_for(std::uint32_t{0}, n, [&](std::uint32_t v) {
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
          sum += std::cbrt(wv[i] * wv[a] * wu[b] / (max_weight * max_weight * max_weight));
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
