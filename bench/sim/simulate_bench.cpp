// Simulation cost: months of the baseline model on generated Ruhr regions of growing size (the
// cost per month should grow with actors x meetings), and replicates across threads.
// Args: (firms, replicates, threads, months). The targets:
//   one replicate of 100,000 actors over 120 months on one thread (aim <= 10 s),
//   1,000 replicates of a 1,200-actor region over 200 months (aim <= 60 s on 16 threads).

#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "verbund/core/parallel.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/sim/simulate.hpp"

namespace {

using namespace verbund;

const core::Region& region(std::size_t firms) {
  static std::map<std::size_t, std::unique_ptr<core::Region>> cache;
  auto& slot = cache[firms];
  if (!slot)
    slot = std::make_unique<core::Region>(gen::generate_ruhr_region(
        gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = firms, .seed = 1}));
  return *slot;
}

void BM_Simulate(benchmark::State& state) {
  const auto& r = region(static_cast<std::size_t>(state.range(0)));
  const auto replicates = static_cast<std::size_t>(state.range(1));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(2)));
  sim::Scenario scenario;
  scenario.horizon = static_cast<int>(state.range(3));
  for (auto _ : state)
    benchmark::DoNotOptimize(sim::simulate(r, scenario, {.replicates = replicates}, 1));
  state.counters["actors"] = static_cast<double>(r.size());
  state.counters["actor_months_per_s"] = benchmark::Counter(
      static_cast<double>(r.size() * replicates) * static_cast<double>(scenario.horizon),
      benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_Simulate)
    ->Args({1000, 1, 1, 12})
    ->Args({5000, 1, 1, 12})
    ->Args({50000, 1, 1, 12})
    ->Args({5000, 8, 1, 12})
    ->Args({5000, 8, 2, 12})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// The two targets (slow: run them by name).
BENCHMARK(BM_Simulate)
    ->Args({100000, 1, 1, 120})
    ->Args({1050, 1000, 1, 200})
    ->Args({1050, 1000, 2, 200})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
