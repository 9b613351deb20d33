// How fast a Region of up to 1 M actors and 10 M ties comes into memory, from the generator and
// from SQLite, and what it costs in memory. Counters: actors, ties, bytes_per_tie (the snapshot's
// own arrays), peak_rss_MiB (the whole process, high-water mark so far).
//
//   verbund_bench --benchmark_filter=Load --benchmark_repetitions=3
//
// The SQLite files are made once per size under $VERBUND_BENCH_DIR (default /tmp/verbund-bench)
// and reused by later runs.

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <filesystem>

#include "verbund/core/region.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/io/store.hpp"

namespace {

using namespace verbund;

// ~10 ties per firm: 1 M firms give about 10 M ties.
constexpr double ties_per_firm = 9.7;

const gen::RuhrBase& base() {
  static const gen::RuhrBase b = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  return b;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void report(benchmark::State& state, const core::Region& region) {
  state.counters["actors"] = static_cast<double>(region.size());
  state.counters["ties"] = static_cast<double>(region.tie_count());
  state.counters["bytes_per_tie"] =
      static_cast<double>(region.memory_bytes()) /
      static_cast<double>(std::max<std::size_t>(1, region.tie_count()));
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

std::filesystem::path database_for(std::size_t firms) {
  const char* env = std::getenv("VERBUND_BENCH_DIR");
  const std::filesystem::path dir = env != nullptr ? env : "/tmp/verbund-bench";
  std::filesystem::create_directories(dir);
  // The schema version is in the name: a cache from an older schema is not reused.
  const auto path = dir / ("ruhr-" + std::to_string(firms) + "-schema" +
                           std::to_string(io::Store::schema_version) + ".db");
  if (!std::filesystem::exists(path)) {
    {
      // Closed before the rename, so that SQLite folds its write-ahead log into the file.
      io::Store store =
          io::Store::open(path.string() + ".partial", io::OpenMode::create_if_missing);
      store.append(
          gen::generate_ruhr(base(), {.firms = firms, .seed = 1, .ties_per_firm = ties_per_firm}));
    }
    std::filesystem::rename(path.string() + ".partial", path);
    for (const char* suffix : {"-wal", "-shm"})
      std::filesystem::remove(path.string() + ".partial" + suffix);
  }
  return path;
}

// Straight into a Region by dense ids (what simulations use).
void BM_GenerateRegion(benchmark::State& state) {
  const auto firms = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    core::Region region = gen::generate_ruhr_region(
        base(), {.firms = firms, .seed = 1, .ties_per_firm = ties_per_firm});
    benchmark::DoNotOptimize(region);
    state.PauseTiming();
    report(state, region);
    { core::Region discard = std::move(region); }
    state.ResumeTiming();
  }
}
// Through records keyed by external ids, validated, then built (what an import does).
void BM_GenerateRecordsAndBuild(benchmark::State& state) {
  const auto firms = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    core::Region region = core::build_region(
        gen::generate_ruhr(base(), {.firms = firms, .seed = 1, .ties_per_firm = ties_per_firm}));
    benchmark::DoNotOptimize(region);
    state.PauseTiming();
    report(state, region);
    { core::Region discard = std::move(region); }
    state.ResumeTiming();
  }
}
BENCHMARK(BM_GenerateRecordsAndBuild)
    ->Arg(1000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK(BM_GenerateRegion)
    ->Arg(1000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_LoadRegionFromSqlite(benchmark::State& state) {
  const auto path = database_for(static_cast<std::size_t>(state.range(0)));
  const io::Store store = io::Store::open(path, io::OpenMode::read_only);
  for (auto _ : state) {
    core::Region region = store.load_region();
    benchmark::DoNotOptimize(region);
    state.PauseTiming();
    report(state, region);
    { core::Region discard = std::move(region); }
    state.ResumeTiming();
  }
}
BENCHMARK(BM_LoadRegionFromSqlite)
    ->Arg(1000)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
