// Single-source risk over a large supplier market: the exposure of every demand, and the loss
// cascade (3 tiers, with substitutes) after removing the supplier with the most customers.
// The market is generated here: every actor a firm in one of ten Ruhr municipalities; 30% offer
// one of 20 categories; every actor has two demands (30% high criticality), each fed by 0–3
// current flows from random suppliers of its category (volumes known for 85%).
// Args: (actors, threads).

#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "verbund/core/parallel.hpp"
#include "verbund/core/random.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/supply/risk.hpp"

namespace {

using namespace verbund;

constexpr std::uint32_t categories = 20;

struct Instance {
  core::Region region;
  std::unique_ptr<supply::Market> market;
  core::ActorId removed;
};

Instance& instance(std::uint32_t n) {
  static std::map<std::uint32_t, std::unique_ptr<Instance>> cache;
  auto& slot = cache[n];
  if (slot) return *slot;
  slot = std::make_unique<Instance>();
  core::RandomStream rng(1, 1);
  const char* places[] = {"Duisburg", "Essen", "Bochum", "Dortmund",   "Gelsenkirchen",
                          "Hagen",    "Hamm",  "Herne",  "Oberhausen", "Mülheim an der Ruhr"};
  core::RegionData rd;
  rd.actors.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    auto& a = rd.actors[i];
    a.id = "a" + std::to_string(i);
    a.name = a.id;
    a.kind = core::ActorKind::firm;
    a.municipality = places[rng.below(10)];
    a.location = core::GeoPoint{51.35 + 0.25 * rng.uniform(), 6.7 + 0.9 * rng.uniform()};
  }
  slot->region = core::build_region(rd);

  supply::MarketData d;
  for (std::uint32_t c = 0; c < categories; ++c)
    d.categories.push_back({"c" + std::to_string(c), "C", "C", "", {}, "t", 0});
  d.certifications = {{"iso-9001", "ISO 9001", "ISO 9001", 0}};
  std::vector<std::vector<std::uint32_t>> suppliers(categories);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!rng.bernoulli(0.3)) continue;
    const auto c = static_cast<std::uint32_t>(rng.below(categories));
    suppliers[c].push_back(i);
    d.offers.push_back({"a" + std::to_string(i),
                        "c" + std::to_string(c),
                        static_cast<double>(50 + rng.below(500)),
                        {"iso-9001"},
                        {},
                        {},
                        0});
  }
  for (std::uint32_t b = 0; b < n; ++b) {
    const auto c1 = static_cast<std::uint32_t>(rng.below(categories));
    auto c2 = static_cast<std::uint32_t>(rng.below(categories - 1));
    if (c2 >= c1) ++c2;
    for (const auto c : {c1, c2}) {
      const auto crit = rng.below(10);
      d.demands.push_back({"a" + std::to_string(b),
                           "c" + std::to_string(c),
                           static_cast<double>(1 + rng.below(40)),
                           {},
                           supply::Sourcing::region,
                           crit < 3   ? supply::Criticality::high
                           : crit < 7 ? supply::Criticality::medium
                                      : supply::Criticality::low,
                           0});
      for (std::uint64_t k = 0, m = suppliers[c].empty() ? 0 : rng.below(4); k < m; ++k) {
        const auto s = suppliers[c][rng.below(suppliers[c].size())];
        if (s == b) continue;
        std::optional<double> volume;
        if (!rng.bernoulli(0.15)) volume = static_cast<double>(1 + rng.below(10));
        d.flows.push_back({"a" + std::to_string(s),
                           "a" + std::to_string(b),
                           "c" + std::to_string(c),
                           volume,
                           {},
                           {},
                           0});
      }
    }
  }
  slot->market = std::make_unique<supply::Market>(supply::Market::build(slot->region, d));
  // The supplier with the most current customers.
  std::size_t most = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto out = slot->market->flows_from(core::ActorId{v}).size();
    if (out > most) {
      most = out;
      slot->removed = core::ActorId{v};
    }
  }
  return *slot;
}

void BM_RiskLossOneSupplier(benchmark::State& state) {
  auto& in = instance(static_cast<std::uint32_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  const std::vector<core::ActorId> removed{in.removed};
  supply::LossReport loss;
  for (auto _ : state) {
    loss = supply::simulate_loss(*in.market, removed, {.tiers = 3});
    benchmark::DoNotOptimize(loss.lost.data());
  }
  state.counters["flows"] = static_cast<double>(in.market->flows().size());
  state.counters["lost"] = static_cast<double>(loss.lost.size());
  state.counters["disrupted"] = static_cast<double>(loss.disrupted.size());
}

void BM_RiskExposure(benchmark::State& state) {
  auto& in = instance(static_cast<std::uint32_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  std::size_t single = 0;
  for (auto _ : state) {
    const auto report = supply::assess_risk(*in.market);
    single = report.summary.single_sourced[2];
  }
  state.counters["demands"] = static_cast<double>(in.market->demands().size());
  state.counters["single_high"] = static_cast<double>(single);
}

BENCHMARK(BM_RiskLossOneSupplier)
    ->Args({1000, 1})
    ->Args({1000000, 1})
    ->Args({1000000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_RiskExposure)
    ->Args({1000, 1})
    ->Args({1000000, 1})
    ->Args({1000000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
