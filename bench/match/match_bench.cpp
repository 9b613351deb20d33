// Transfer matchmaking at regional scale: top-10 for every firm through the inverted index
// against brute-force scoring of all pairs, and the capacitated assignment of the resulting
// candidate pairs. Args: (firms, research groups[, threads]).
//
//   verbund_bench --benchmark_filter='Recommend|Assignment' --benchmark_repetitions=3

#include <benchmark/benchmark.h>

#include <map>
#include <memory>

#include "verbund/core/parallel.hpp"
#include "verbund/gen/market.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/match/transfer_round.hpp"

namespace {

using namespace verbund;

constexpr std::size_t top_k = 10;
constexpr std::size_t brute_sample = 500;  // seekers scored by brute force (it is that slow)

struct Market {
  core::Region region;
  std::unique_ptr<match::TransferScorer> scorer;
  std::vector<core::ActorId> sample;
  std::vector<match::SeekerRecommendations> lists;  // top-10 of every seeker, for assignment
};

Market& market(std::size_t firms, std::size_t groups) {
  static std::map<std::pair<std::size_t, std::size_t>, std::unique_ptr<Market>> cache;
  auto& slot = cache[{firms, groups}];
  if (!slot) {
    slot = std::make_unique<Market>();
    const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
    slot->region = gen::generate_market(base, {.firms = firms, .groups = groups, .seed = 1});
    slot->scorer = std::make_unique<match::TransferScorer>(slot->region, match::ScoreWeights{});
    const auto seekers = match::seekers_of(slot->region);
    const std::size_t step = std::max<std::size_t>(1, seekers.size() / brute_sample);
    for (std::size_t i = 0; i < seekers.size(); i += step) slot->sample.push_back(seekers[i]);
  }
  return *slot;
}

const std::vector<match::SeekerRecommendations>& lists_of(Market& m) {
  if (m.lists.empty()) m.lists = match::recommend_all(*m.scorer, top_k);
  return m.lists;
}

void counters(benchmark::State& state, const Market& m) {
  state.counters["firms"] = static_cast<double>(match::seekers_of(m.region).size());
  state.counters["candidates"] = static_cast<double>(m.scorer->candidates().size());
}

void BM_RecommendAll_indexed(benchmark::State& state) {
  auto& m =
      market(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(2)));
  for (auto _ : state) benchmark::DoNotOptimize(match::recommend_all(*m.scorer, top_k));
  counters(state, m);
}

// The reference: every candidate scored for every firm (slow: tens of seconds at 100k x 10k).
void BM_RecommendAll_brute(benchmark::State& state) {
  auto& m =
      market(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(2)));
  for (auto _ : state) benchmark::DoNotOptimize(match::recommend_all_brute_force(*m.scorer, top_k));
  counters(state, m);
}

// The same sample of seekers both ways, on one thread: the ratio of times is the index's
// speed-up over scoring all pairs; times the number of firms, the brute force's full time.
template <bool brute>
void BM_RecommendSample(benchmark::State& state) {
  auto& m =
      market(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const core::ThreadLimit limit(1);
  for (auto _ : state) {
    benchmark::DoNotOptimize(brute ? match::recommend_many_brute_force(*m.scorer, m.sample, top_k)
                                   : match::recommend_many(*m.scorer, m.sample, top_k));
  }
  state.counters["seekers"] = static_cast<double>(m.sample.size());
  state.counters["us_per_seeker"] = benchmark::Counter(
      static_cast<double>(m.sample.size()),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert,
      benchmark::Counter::OneK::kIs1000);
  counters(state, m);
}
void BM_RecommendSample_brute(benchmark::State& state) { BM_RecommendSample<true>(state); }
void BM_RecommendSample_indexed(benchmark::State& state) { BM_RecommendSample<false>(state); }

template <match::AssignMethod method>
void BM_Assignment(benchmark::State& state) {
  auto& m =
      market(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  const auto& lists = lists_of(m);
  std::size_t pairs = 0;
  double total = 0.0;
  for (auto _ : state) {
    const auto round = match::assign_transfers(*m.scorer, lists, method);
    pairs = round.problem.pairs.size();
    total = round.assignment.total;
  }
  state.counters["pairs"] = static_cast<double>(pairs);
  state.counters["total"] = total;
  counters(state, m);
}
void BM_Assignment_optimal(benchmark::State& s) { BM_Assignment<match::AssignMethod::optimal>(s); }
void BM_Assignment_stable(benchmark::State& s) { BM_Assignment<match::AssignMethod::stable>(s); }
void BM_Assignment_greedy(benchmark::State& s) { BM_Assignment<match::AssignMethod::greedy>(s); }

BENCHMARK(BM_RecommendAll_indexed)
    ->Args({1000, 100, 1})
    ->Args({100000, 10000, 1})
    ->Args({100000, 10000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_RecommendAll_brute)
    ->Args({1000, 100, 1})
    ->Args({100000, 10000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK(BM_RecommendSample_brute)
    ->Args({1000, 100})
    ->Args({100000, 10000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_RecommendSample_indexed)
    ->Args({1000, 100})
    ->Args({100000, 10000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// 100,000 firms x top-10 = 1,000,000 candidate pairs.
BENCHMARK(BM_Assignment_optimal)
    ->Args({1000, 100})
    ->Args({100000, 10000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Assignment_stable)
    ->Args({1000, 100})
    ->Args({100000, 10000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Assignment_greedy)
    ->Args({1000, 100})
    ->Args({100000, 10000})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
