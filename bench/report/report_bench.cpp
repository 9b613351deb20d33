// The HTML reports on a generated region. Args: (firms, threads). Targets (README, "Reports"):
// region report for 100,000 firms <= 5 s with the HTML < 5 MB; firm report <= 0.5 s (the
// transfer scorer built as the CLI builds it, then the report).
//
//   verbund_bench --benchmark_filter='Report' --benchmark_repetitions=3

#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "verbund/core/parallel.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/report/firm_report.hpp"
#include "verbund/report/region_report.hpp"

namespace {

using namespace verbund;

const core::Region& region_of(std::size_t firms) {
  static std::map<std::size_t, std::unique_ptr<core::Region>> cache;
  auto& slot = cache[firms];
  if (!slot) {
    const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
    slot = std::make_unique<core::Region>(
        gen::generate_ruhr_region(base, {.firms = firms, .seed = 1}));
  }
  return *slot;
}

void BM_RegionReport(benchmark::State& state) {
  const auto& region = region_of(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const report::RegionReportOptions options{.lang = report::Lang::de};
    const auto html =
        report::region_report(region, report::analyse_region(region, options), options);
    bytes = html.size();
    benchmark::DoNotOptimize(html.data());
  }
  state.counters["actors"] = static_cast<double>(region.size());
  state.counters["html_MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_FirmReport(benchmark::State& state) {
  const auto& region = region_of(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  const auto seekers = match::seekers_of(region);
  const auto firm = seekers.at(seekers.size() / 2);
  for (auto _ : state) {
    const match::TransferScorer scorer(region, {});
    const auto html = report::firm_report(scorer, firm, {.lang = report::Lang::de});
    benchmark::DoNotOptimize(html.data());
  }
}

}  // namespace

BENCHMARK(BM_RegionReport)
    ->Args({1000, 2})
    ->Args({100000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_FirmReport)
    ->Args({1000, 2})
    ->Args({100000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
