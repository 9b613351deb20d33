// Overhead of a sweep per work unit: units run through the sweep (compile per point, store per
// batch, read back) against the same replicates run bare by sim::simulate, on one thread.
// Args: (firms, months). Target (issue 17): overhead under 1 % of a replicate on 5,000 firms.

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "verbund/core/parallel.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/io/store.hpp"
#include "verbund/sim/simulate.hpp"
#include "verbund/sweep/sweep_store.hpp"

namespace {

using namespace verbund;

constexpr std::size_t points = 2, replicates = 4;

const core::Region& region(std::size_t firms) {
  static std::map<std::size_t, std::unique_ptr<core::Region>> cache;
  auto& slot = cache[firms];
  if (!slot)
    slot = std::make_unique<core::Region>(gen::generate_ruhr_region(
        gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = firms, .seed = 1}));
  return *slot;
}

std::filesystem::path scratch() {
  auto dir = std::filesystem::temp_directory_path() / "verbund_sweep_bench";
  std::filesystem::create_directories(dir);
  return dir;
}

void BM_SweepUnits(benchmark::State& state) {
  const auto& r = region(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(1);
  const auto dir = scratch();
  std::ofstream(dir / "s.toml") << "name = \"s\"\nhorizon_months = " << state.range(1) << "\n";
  sweep::SweepSpec spec;
  spec.scenario = dir / "s.toml";
  spec.replicates = replicates;
  spec.parameters.push_back({.key = "model.decay", .levels = {0.05, 0.1}});
  for (std::size_t k = 0; k < 9; ++k) spec.indicators.push_back(k);
  const auto plan = sweep::plan_sweep(spec, r);
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove(dir / "b.db");
    auto store = io::Store::open(dir / "b.db", io::OpenMode::create_if_missing);
    state.ResumeTiming();
    benchmark::DoNotOptimize(sweep::execute_sweep(store, r, plan, {"bench", "{}", 1}));
  }
  state.counters["s_per_unit"] = benchmark::Counter(
      static_cast<double>(points * replicates),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_BareReplicates(benchmark::State& state) {
  const auto& r = region(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(1);
  sim::Scenario scenario;
  scenario.horizon = static_cast<int>(state.range(1));
  for (auto _ : state)
    for (std::size_t p = 0; p < points; ++p)
      benchmark::DoNotOptimize(sim::simulate(r, scenario, {.replicates = replicates}, 1));
  state.counters["s_per_unit"] = benchmark::Counter(
      static_cast<double>(points * replicates),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHMARK(BM_SweepUnits)->Args({1000, 12})->Args({5000, 12})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BareReplicates)->Args({1000, 12})->Args({5000, 12})->Unit(benchmark::kMillisecond);
