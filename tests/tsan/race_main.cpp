// A deliberate data race in a parallel body, built only under ThreadSanitizer: proves that the
// fork/join annotations of lib/core/parallel_loops.hpp and tests/tsan.supp still let TSan report
// a race in verbund's own code. ctest requires the report (tests/tsan/CMakeLists.txt); `none`
// runs the same hand-overs without the race and must stay silent.
//
// usage: verbund_tsan_race index|range|reduce|none
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string_view>
#include <thread>
#include <vector>

#include "core/parallel_loops.hpp"
#include "verbund/core/parallel.hpp"

namespace {

using namespace verbund;

// Holds each body until a second thread has run one too (at most 2 s), so that the bodies
// really overlap. Relaxed atomics: TSan derives no happens-before from them.
class TwoThreads {
 public:
  void wait() {
    const auto me = std::this_thread::get_id();
    auto first = first_.load(std::memory_order_relaxed);
    if (first == std::thread::id{}) {
      first_.compare_exchange_strong(first, me, std::memory_order_relaxed);
      first = first_.load(std::memory_order_relaxed);
    }
    if (first != me) second_.store(true, std::memory_order_relaxed);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!second_.load(std::memory_order_relaxed) && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    second_.store(true, std::memory_order_relaxed);  // waited once: later bodies run on
  }

 private:
  std::atomic<std::thread::id> first_{};
  std::atomic<bool> second_{false};
};

// Every body writes the same plain counter: a race.
long race_in_index_loop() {
  TwoThreads gate;
  long count = 0;
  par::parallel_for(std::size_t{0}, std::size_t{64}, [&](std::size_t) {
    gate.wait();
    ++count;
  });
  return count;
}

long race_in_range_loop() {
  TwoThreads gate;
  long count = 0;
  par::parallel_for(par::Range<std::size_t>(0, 64, 1), [&](const auto& r) {
    gate.wait();
    count += static_cast<long>(r.size());
  });
  return count;
}

long race_in_reduce_body() {
  TwoThreads gate;
  long shared = 0;
  return par::parallel_reduce(
      par::Range<std::size_t>(0, 64, 1), 0L,
      [&](const par::Range<std::size_t>& r, long partial) {
        gate.wait();
        ++shared;
        return partial + static_cast<long>(r.size());
      },
      [](long a, long b) { return a + b; });
}

// The same shapes without a race: the caller writes before the loop, bodies write their own
// elements and per-thread storage, the caller reads everything after it.
long no_race() {
  TwoThreads gate;
  std::vector<long> in(64, 1);
  std::vector<long> out(64, 0);
  par::parallel_for(std::size_t{0}, in.size(), [&](std::size_t i) {
    gate.wait();
    out[i] = in[i] * 2;
  });
  par::ThreadLocal<std::vector<long>> local([] { return std::vector<long>(64, 0); });
  par::parallel_for(par::Range<std::size_t>(0, 64, 1), [&](const auto& r) {
    auto& mine = local.local();
    for (auto i = r.begin(); i != r.end(); ++i) mine[i] += out[i];
  });
  long sum = 0;
  for (const auto& mine : local)
    for (const long v : mine) sum += v;
  sum += par::parallel_reduce(
      par::Range<std::size_t>(0, 64, 1), 0L,
      [&](const par::Range<std::size_t>& r, long partial) {
        for (auto i = r.begin(); i != r.end(); ++i) partial += out[i];
        return partial;
      },
      [](long a, long b) { return a + b; });
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  const core::ThreadLimit limit(2);
  const std::string_view what = argc > 1 ? argv[1] : "";
  long result = 0;
  if (what == "index") {
    result = race_in_index_loop();
  } else if (what == "range") {
    result = race_in_range_loop();
  } else if (what == "reduce") {
    result = race_in_reduce_body();
  } else if (what == "none") {
    result = no_race();
    if (result != 256) return 1;
  } else {
    std::fprintf(stderr, "usage: verbund_tsan_race index|range|reduce|none\n");
    return 2;
  }
  std::printf("%s: %ld\n", argv[1], result);
  return 0;
}
