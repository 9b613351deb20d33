// Supplier engines at regional scale: top-10 regional suppliers for every buyer through the
// index, against the brute force on a sample of buyers (the brute force of every buyer takes
// minutes; the sample's ratio is the speed-up), and the sourcing plan over about a million
// candidate pairs (every eligible pair of a generated market). Args: (buyers, suppliers,
// threads).
//
//   verbund_bench --benchmark_filter='Supplier|Sourcing' --benchmark_repetitions=3

#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "verbund/core/parallel.hpp"
#include "verbund/gen/supply_market.hpp"
#include "verbund/supply/sourcing_plan.hpp"

namespace {

using namespace verbund;

constexpr std::size_t top_k = 10;
constexpr std::size_t sample_size = 1000;  // buyers of the brute-force comparison

struct Instance {
  gen::SupplyMarket generated;
  std::unique_ptr<supply::Market> market;
  std::unique_ptr<supply::SupplierIndex> index;
  std::vector<core::ActorId> sample;
};

Instance& instance(std::size_t buyers, std::size_t suppliers) {
  static std::map<std::pair<std::size_t, std::size_t>, std::unique_ptr<Instance>> cache;
  auto& slot = cache[{buyers, suppliers}];
  if (!slot) {
    slot = std::make_unique<Instance>();
    slot->generated =
        gen::generate_supply_market({.buyers = buyers, .suppliers = suppliers, .seed = 1});
    slot->market = std::make_unique<supply::Market>(
        supply::Market::build(slot->generated.region, slot->generated.data));
    slot->index = std::make_unique<supply::SupplierIndex>(*slot->market);
    const auto all = supply::buyers_of(*slot->market);
    const std::size_t step = std::max<std::size_t>(1, all.size() / sample_size);
    for (std::size_t i = 0; i < all.size(); i += step) slot->sample.push_back(all[i]);
  }
  return *slot;
}

void counters(benchmark::State& state, const Instance& m, std::size_t buyers) {
  state.counters["buyers"] = static_cast<double>(buyers);
  state.counters["demands"] = static_cast<double>(m.market->demands().size());
  state.counters["offers"] = static_cast<double>(m.market->offers().size());
}

void BM_SupplierSearchAll_indexed(benchmark::State& state) {
  auto& m =
      instance(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(2)));
  for (auto _ : state)
    benchmark::DoNotOptimize(supply::find_suppliers_all(*m.index, {.top_k = top_k}));
  counters(state, m, supply::buyers_of(*m.market).size());
}

void BM_SupplierSearchSample_indexed(benchmark::State& state) {
  auto& m =
      instance(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(2)));
  for (auto _ : state)
    benchmark::DoNotOptimize(supply::find_suppliers_many(*m.index, m.sample, {.top_k = top_k}));
  counters(state, m, m.sample.size());
}

void BM_SupplierSearchSample_bruteforce(benchmark::State& state) {
  auto& m =
      instance(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(2)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        supply::find_suppliers_many_brute_force(*m.index, m.sample, {.top_k = top_k}));
  }
  counters(state, m, m.sample.size());
}

void BM_SourcingPlan(benchmark::State& state) {
  auto& m =
      instance(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(2)));
  supply::SourcingPlan plan;
  for (auto _ : state) {
    plan = supply::plan_sourcing(*m.index, {});
    benchmark::DoNotOptimize(plan);
  }
  state.counters["pairs"] = static_cast<double>(plan.candidate_pairs);
  state.counters["gap"] = static_cast<double>(plan.gap);
  state.counters["allocated"] = plan.allocated;
}

}  // namespace

// The first argument 1000 is the smoke size CI runs.
BENCHMARK(BM_SupplierSearchAll_indexed)
    ->Args({1000, 200, 2})
    ->Args({100000, 20000, 1})
    ->Args({100000, 20000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_SupplierSearchSample_indexed)
    ->Args({1000, 200, 2})
    ->Args({100000, 20000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_SupplierSearchSample_bruteforce)
    ->Args({1000, 200, 2})
    ->Args({100000, 20000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// 8,000 buyers x 600 suppliers: about 19,000 planned demands and 980,000 candidate pairs.
BENCHMARK(BM_SourcingPlan)
    ->Args({1000, 200, 2})
    ->Args({8000, 600, 1})
    ->Args({8000, 600, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
