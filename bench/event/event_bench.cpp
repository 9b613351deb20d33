// The event scheduler at the size: 1,000 participants, 16 slots, 300 tables, 8,000
// requests (gen::generate_event, seed 1), with the schedule's share of the upper bound as a
// counter; and replanning after 50 cancellations, every other meeting kept where it was.
// Args: (participants, threads); requests = 8 per participant, tables = 0.3 per participant.

#include <benchmark/benchmark.h>

#include "verbund/core/parallel.hpp"
#include "verbund/event/schedule.hpp"
#include "verbund/gen/event.hpp"

namespace {

using namespace verbund;

event::SchedulingProblem problem_of(std::int64_t participants) {
  const auto p = static_cast<std::uint32_t>(participants);
  return gen::generate_event({.participants = p,
                              .slots = 16,
                              .tables = p * 3 / 10,
                              .requests = std::size_t{p} * 8,
                              .seed = 1});
}

void BM_EventSchedule(benchmark::State& state) {
  const auto problem = problem_of(state.range(0));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  event::Schedule schedule;
  for (auto _ : state) {
    schedule = event::schedule_meetings(problem);
    benchmark::DoNotOptimize(schedule.weight);
  }
  const auto bound = event::upper_bound(problem);
  state.counters["weight"] = schedule.weight;
  state.counters["bound"] = bound.value;
  state.counters["of_bound_%"] = 100.0 * schedule.weight / bound.value;
  state.counters["meetings"] = static_cast<double>(schedule.meetings.size());
}
BENCHMARK(BM_EventSchedule)
    ->ArgNames({"participants", "threads"})
    ->Args({1000, 2})
    ->Args({1000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_EventBound(benchmark::State& state) {
  const auto problem = problem_of(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(event::upper_bound(problem).value);
}
BENCHMARK(BM_EventBound)->ArgNames({"participants"})->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_EventReplan50(benchmark::State& state) {
  auto problem = problem_of(state.range(0));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  const auto first = event::schedule_meetings(problem);
  // 50 scheduled requests cancelled (every k-th meeting), all others kept where they were.
  std::vector<std::uint8_t> cancelled(problem.requests.size(), 0);
  const std::size_t step = std::max<std::size_t>(1, first.meetings.size() / 50);
  std::size_t n = 0;
  for (std::size_t i = 0; i < first.meetings.size() && n < 50; i += step) {
    if (first.meetings[i].request) {
      cancelled[*first.meetings[i].request] = 1;
      ++n;
    }
  }
  auto later = problem;
  later.requests.clear();
  std::vector<std::optional<std::pair<std::uint32_t, std::uint32_t>>> keep;
  for (std::uint32_t r = 0; r < problem.requests.size(); ++r) {
    if (cancelled[r]) continue;
    later.requests.push_back(problem.requests[r]);
    const auto& m = first.meeting_of_request[r];
    keep.emplace_back();
    if (m) keep.back() = std::pair(first.meetings[*m].slot, first.meetings[*m].table);
  }
  event::Schedule again;
  for (auto _ : state) {
    again = event::schedule_meetings(later, {.keep = keep});
    benchmark::DoNotOptimize(again.weight);
  }
  std::size_t moved = 0;
  for (std::uint32_t r = 0; r < later.requests.size(); ++r) {
    const auto& m = again.meeting_of_request[r];
    if (keep[r] && (!m || again.meetings[*m].slot != keep[r]->first ||
                    again.meetings[*m].table != keep[r]->second))
      ++moved;
  }
  state.counters["moved"] = static_cast<double>(moved);
  state.counters["weight"] = again.weight;
}
BENCHMARK(BM_EventReplan50)
    ->ArgNames({"participants", "threads"})
    ->Args({1000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
