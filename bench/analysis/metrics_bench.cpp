// Network indicators on a generated region, side by side with igraph 0.10 (the peer) in the same
// run: components, transitivity, average local clustering. Args: (firms, threads).
// igraph is called directly here because it is the peer being measured; the library itself
// reaches igraph only through its bridge.
//
//   verbund_bench --benchmark_filter='Components|Transitivity|Clustering|Indicators|Betweenness'
//       --benchmark_repetitions=3

#include <benchmark/benchmark.h>
#include <igraph/igraph.h>

#include <map>
#include <memory>

#include "verbund/analysis/betweenness.hpp"
#include "verbund/analysis/metrics.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/gen/ruhr.hpp"

namespace {

using namespace verbund;

// ~5 ties per firm: 1 M firms give about 5 M ties.
constexpr double ties_per_firm = 4.8;

struct Instance {
  core::Region region;
  std::unique_ptr<analysis::SimpleGraph> graph;
  igraph_t peer{};
  ~Instance() { igraph_destroy(&peer); }
};

Instance& instance(std::size_t firms) {
  static std::map<std::size_t, std::unique_ptr<Instance>> cache;
  auto& slot = cache[firms];
  if (!slot) {
    slot = std::make_unique<Instance>();
    const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
    slot->region = gen::generate_ruhr_region(
        base, {.firms = firms, .seed = 1, .ties_per_firm = ties_per_firm});
    slot->graph = std::make_unique<analysis::SimpleGraph>(slot->region);
    const auto& g = *slot->graph;
    igraph_vector_int_t edges;
    igraph_vector_int_init(&edges, static_cast<igraph_integer_t>(2 * g.edge_count()));
    igraph_integer_t at = 0;
    for (std::uint32_t v = 0; v < g.vertex_count(); ++v) {
      for (const auto w : g.neighbours(v)) {
        if (w < v) continue;
        VECTOR(edges)[at++] = v;
        VECTOR(edges)[at++] = w;
      }
    }
    igraph_create(&slot->peer, &edges, static_cast<igraph_integer_t>(g.vertex_count()),
                  IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&edges);
  }
  return *slot;
}

void counters(benchmark::State& state, const Instance& in) {
  state.counters["actors"] = static_cast<double>(in.graph->vertex_count());
  state.counters["edges"] = static_cast<double>(in.graph->edge_count());
}

void BM_Components_verbund(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  for (auto _ : state) benchmark::DoNotOptimize(analysis::components(*in.graph));
  counters(state, in);
}

void BM_Components_igraph(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    igraph_vector_int_t membership, sizes;
    igraph_vector_int_init(&membership, 0);
    igraph_vector_int_init(&sizes, 0);
    igraph_integer_t count = 0;
    igraph_connected_components(&in.peer, &membership, &sizes, &count, IGRAPH_WEAK);
    benchmark::DoNotOptimize(count);
    igraph_vector_int_destroy(&membership);
    igraph_vector_int_destroy(&sizes);
  }
  counters(state, in);
}

// Our clustering() yields transitivity and average local clustering in one pass.
void BM_Clustering_verbund(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  for (auto _ : state) benchmark::DoNotOptimize(analysis::clustering(*in.graph));
  counters(state, in);
}

void BM_Transitivity_igraph(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    igraph_real_t t = 0;
    igraph_transitivity_undirected(&in.peer, &t, IGRAPH_TRANSITIVITY_ZERO);
    benchmark::DoNotOptimize(t);
  }
  counters(state, in);
}

void BM_AverageClustering_igraph(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    igraph_real_t t = 0;
    igraph_transitivity_avglocal_undirected(&in.peer, &t, IGRAPH_TRANSITIVITY_ZERO);
    benchmark::DoNotOptimize(t);
  }
  counters(state, in);
}

// Everything `verbund metrics` prints, from the Region (graph build included).
void BM_Indicators_verbund(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  for (auto _ : state) {
    const analysis::SimpleGraph graph(in.region);
    benchmark::DoNotOptimize(analysis::network_metrics(in.region, graph));
  }
  counters(state, in);
}

// Exact betweenness on a mid-sized region (O(n m): 1 M actors would take hours on both sides).
void BM_Betweenness_verbund(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  for (auto _ : state) benchmark::DoNotOptimize(analysis::betweenness(*in.graph));
  counters(state, in);
}

void BM_Betweenness_igraph(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    igraph_vector_t result;
    igraph_vector_init(&result, 0);
    igraph_betweenness(&in.peer, &result, igraph_vss_all(), false, nullptr);
    benchmark::DoNotOptimize(VECTOR(result)[0]);
    igraph_vector_destroy(&result);
  }
  counters(state, in);
}

// Sampled betweenness on the large region: Args (firms, threads, sources).
void BM_BetweennessSampled_verbund(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  const auto k = static_cast<std::size_t>(state.range(2));
  double bound = 0.0;
  for (auto _ : state)
    bound = analysis::betweenness(*in.graph, {.samples = k}).normalised_error_bound;
  state.counters["bound"] = bound;
  counters(state, in);
}

void sizes_and_threads(benchmark::internal::Benchmark* b) {
  for (const long firms : {1000L, 1000000L}) {
    for (const long threads : {1L, 2L}) b->Args({firms, threads});
  }
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

void sizes_only(benchmark::internal::Benchmark* b) {
  for (const long firms : {1000L, 1000000L}) b->Args({firms, 1});
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_Components_verbund)->Apply(sizes_and_threads);
BENCHMARK(BM_Components_igraph)->Apply(sizes_only);
BENCHMARK(BM_Clustering_verbund)->Apply(sizes_and_threads);
BENCHMARK(BM_Transitivity_igraph)->Apply(sizes_only);
BENCHMARK(BM_AverageClustering_igraph)->Apply(sizes_only);
BENCHMARK(BM_Indicators_verbund)->Apply(sizes_and_threads);
BENCHMARK(BM_Betweenness_verbund)
    ->Args({10000, 1})
    ->Args({10000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Betweenness_igraph)->Args({10000, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BetweennessSampled_verbund)
    ->Args({1000000, 2, 100})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
