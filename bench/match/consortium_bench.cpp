// Consortium building for a funding call over a large region: the bundled EFRE hydrogen call
// (4–8 members) over a generated Ruhr region; top-10 diverse consortia, 64 restarts.
// Args: (firms, threads).

#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "verbund/core/parallel.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/match/consortium.hpp"

namespace {

using namespace verbund;

struct Instance {
  core::Region region;
  std::unique_ptr<match::TransferScorer> scorer;
  match::Call call;
};

Instance& instance(std::size_t firms) {
  static std::map<std::size_t, std::unique_ptr<Instance>> cache;
  auto& slot = cache[firms];
  if (!slot) {
    slot = std::make_unique<Instance>();
    const auto dir = gen::bundled_ruhr_dir();
    slot->region = gen::generate_ruhr_region(gen::load_ruhr_base(dir), {.firms = firms, .seed = 1});
    slot->scorer = std::make_unique<match::TransferScorer>(slot->region, match::ScoreWeights{});
    slot->call = match::load_call(dir.parent_path() / "calls" / "efre-hydrogen.toml");
  }
  return *slot;
}

void BM_Consortium(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  std::size_t found = 0, eligible = 0;
  for (auto _ : state) {
    const auto result = match::build_consortia(*in.scorer, in.call, {.top = 10, .restarts = 64});
    found = result.consortia.size();
    eligible = result.eligible;
  }
  state.counters["eligible"] = static_cast<double>(eligible);
  state.counters["found"] = static_cast<double>(found);
}

BENCHMARK(BM_Consortium)
    ->Args({1000, 1})
    ->Args({100000, 1})
    ->Args({100000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
