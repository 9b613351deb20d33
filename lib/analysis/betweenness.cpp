#include "verbund/analysis/betweenness.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <mutex>

#include "core/parallel_loops.hpp"

#include "verbund/core/random.hpp"
#include "verbund/error.hpp"

namespace verbund::analysis {
namespace {

__extension__ using uint128 = unsigned __int128;

constexpr double fixed_scale = 0x1.0p24;  // dependencies are summed as integers of 2^-24
constexpr std::uint32_t sample_purpose = 0x6274776eU;  // "btwn"

/// Per-thread state: one source's shortest-path tree, and the running sums over sources.
struct Workspace {
  explicit Workspace(std::size_t n)
      : distance(n, -1), paths(n, 0.0), dependency(n, 0.0), sum(n, 0), sum_squares(n, 0) {
    order.reserve(n);
  }
  std::vector<std::int32_t> distance;
  std::vector<double> paths;  // number of shortest paths from the source (double: no overflow)
  std::vector<double> dependency;
  std::vector<std::uint32_t> order;  // vertices in BFS order
  std::vector<std::uint64_t> sum;
  std::vector<uint128> sum_squares;
};

void accumulate_source(const SimpleGraph& graph, std::uint32_t source, Workspace& ws) {
  ws.order.clear();
  ws.distance[source] = 0;
  ws.paths[source] = 1.0;
  ws.order.push_back(source);
  for (std::size_t head = 0; head < ws.order.size(); ++head) {
    const std::uint32_t v = ws.order[head];
    for (const auto w : graph.neighbours(v)) {
      if (ws.distance[w] < 0) {
        ws.distance[w] = ws.distance[v] + 1;
        ws.order.push_back(w);
      }
      if (ws.distance[w] == ws.distance[v] + 1) ws.paths[w] += ws.paths[v];
    }
  }
  // Back-propagate dependencies in reverse BFS order (Brandes 2001, without predecessor lists:
  // a predecessor is a neighbour one step closer to the source).
  for (auto it = ws.order.rbegin(); it != ws.order.rend(); ++it) {
    const std::uint32_t w = *it;
    const double share = (1.0 + ws.dependency[w]) / ws.paths[w];
    for (const auto v : graph.neighbours(w)) {
      if (ws.distance[v] == ws.distance[w] - 1) ws.dependency[v] += ws.paths[v] * share;
    }
    if (w != source) {
      const auto fixed = static_cast<std::uint64_t>(std::llround(ws.dependency[w] * fixed_scale));
      ws.sum[w] += fixed;
      ws.sum_squares[w] += static_cast<uint128>(fixed) * fixed;
    }
  }
  for (const auto v : ws.order) {
    ws.distance[v] = -1;
    ws.paths[v] = 0.0;
    ws.dependency[v] = 0.0;
  }
}

std::vector<std::uint32_t> choose_sources(std::size_t n, std::size_t k, std::uint64_t seed) {
  std::vector<std::uint32_t> all(n);
  std::iota(all.begin(), all.end(), 0U);
  if (k >= n) return all;
  core::RandomStream random(seed, 0, sample_purpose);
  for (std::size_t i = 0; i < k; ++i) {  // partial Fisher–Yates: k distinct, uniformly
    std::swap(all[i], all[i + random.below(n - i)]);
  }
  all.resize(k);
  std::sort(all.begin(), all.end());
  return all;
}

}  // namespace

std::size_t betweenness_samples_for(std::size_t vertices, double normalised_error,
                                    double confidence) {
  if (!(normalised_error > 0.0 && normalised_error < 1.0))
    throw InvalidInput("betweenness error bound must lie in (0, 1)");
  if (!(confidence > 0.0 && confidence < 1.0))
    throw InvalidInput("betweenness confidence must lie in (0, 1)");
  const double n = static_cast<double>(std::max<std::size_t>(vertices, 2));
  const double scaled = normalised_error * (n - 1) / n;
  const double k = std::log(2.0 * n / (1.0 - confidence)) / (2.0 * scaled * scaled);
  return std::min(vertices, static_cast<std::size_t>(std::ceil(k)));
}

Betweenness betweenness(const SimpleGraph& graph, const BetweennessOptions& options) {
  if (!(options.confidence > 0.0 && options.confidence < 1.0))
    throw InvalidInput("betweenness confidence must lie in (0, 1)");
  const std::size_t n = graph.vertex_count();
  const std::size_t k = options.samples == 0 ? n : std::min(options.samples, n);
  const auto sources = choose_sources(n, k, options.seed);

  par::ThreadLocal<Workspace> local([n] { return Workspace(n); });
  std::mutex progress_mutex;
  std::size_t done = 0;
  par::parallel_for(par::Range<std::size_t>(0, sources.size(), 1), [&](const auto& r) {
    auto& ws = local.local();
    for (std::size_t i = r.begin(); i != r.end(); ++i) accumulate_source(graph, sources[i], ws);
    if (options.progress) {
      const std::lock_guard lock(progress_mutex);
      done += r.size();
      options.progress(done, sources.size());
    }
  });
  // Integer sums: the same whichever thread took which source.
  std::vector<std::uint64_t> sum(n, 0);
  std::vector<uint128> squares(n, 0);
  for (const auto& ws : local) {
    for (std::size_t v = 0; v < n; ++v) {
      sum[v] += ws.sum[v];
      squares[v] += ws.sum_squares[v];
    }
  }

  Betweenness out;
  out.sources = sources.size();
  out.exact = sources.size() == n;
  out.value.assign(n, 0.0);
  // Every unordered pair is seen from both ends when all sources are summed: halve.
  const double scale =
      out.exact || k == 0 ? 0.5 : 0.5 * static_cast<double>(n) / static_cast<double>(k);
  for (std::size_t v = 0; v < n; ++v)
    out.value[v] = scale * static_cast<double>(sum[v]) / fixed_scale;
  if (out.exact || k < 2) {
    if (!out.exact) out.normalised_error_bound = 1.0;
    return out;
  }
  const double nd = static_cast<double>(n), kd = static_cast<double>(k);
  out.normalised_error_bound =
      std::min(1.0, nd / (nd - 1.0) *
                        std::sqrt(std::log(2.0 * nd / (1.0 - options.confidence)) / (2.0 * kd)));
  out.standard_error.assign(n, 0.0);
  for (std::size_t v = 0; v < n; ++v) {
    const double mean = static_cast<double>(sum[v]) / fixed_scale / kd;
    const double mean_square = static_cast<double>(squares[v]) / (fixed_scale * fixed_scale) / kd;
    const double variance = std::max(0.0, (mean_square - mean * mean) * kd / (kd - 1.0));
    out.standard_error[v] = 0.5 * nd * std::sqrt(variance / kd * (1.0 - kd / nd));
  }
  return out;
}

}  // namespace verbund::analysis
