// Features and learned scores for partner recommendation: 1,000 queries of three members over
// a synthetic project network of N organisations (projects of 3-8 members over three years,
// mostly within communities of 200), features for each query's 300-actor PageRank pool.
// Args: (organisations, threads). Target (issue 16): 1,000 queries over 20,000 organisations
// in at most 10 s on 2 threads. BM_PartnerTraining: training on CORDIS 2014-2016, target 2 min.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>

#include "verbund/core/parallel.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/match/partner_features.hpp"
#include "verbund/match/partner_learning.hpp"

namespace {

using namespace verbund;

struct Instance {
  core::Region region;
  std::unique_ptr<match::PartnerGraph> graph;
  std::vector<std::vector<core::ActorId>> queries;
};

Instance& instance(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<Instance>> cache;
  auto& slot = cache[n];
  if (!slot) {
    slot = std::make_unique<Instance>();
    std::mt19937_64 rng(1);
    core::RegionData d;
    for (std::size_t v = 0; v < n; ++v) {
      core::ActorRecord a;
      a.id = a.name = "o" + std::to_string(v);
      a.attributes.push_back({"country", v % 2 ? "DE" : "NL"});
      d.actors.push_back(a);
    }
    for (std::size_t p = 0; p < n / 2; ++p) {
      const std::size_t size = 3 + rng() % 6, community = (rng() % (n / 200)) * 200;
      std::vector<std::size_t> members;
      for (std::size_t k = 0; k < size; ++k)
        members.push_back(rng() % 5 == 0 ? rng() % n : std::min(n - 1, community + rng() % 200));
      const int year = 2014 + static_cast<int>(p % 3);
      for (std::size_t i = 0; i < members.size(); ++i)
        for (std::size_t j = i + 1; j < members.size(); ++j)
          if (members[i] != members[j]) {
            core::TieRecord t;
            t.source = "o" + std::to_string(members[i]);
            t.target = "o" + std::to_string(members[j]);
            t.kind = core::TieKind::project;
            t.start = year;
            t.end = year + 3;
            d.ties.push_back(t);
          }
    }
    slot->region = core::build_region(d);
    slot->graph = std::make_unique<match::PartnerGraph>(slot->region);
    for (int q = 0; q < 1000; ++q) {
      std::vector<core::ActorId> m;
      const std::size_t community = (rng() % (n / 200)) * 200;
      while (m.size() < 3) {
        const core::ActorId a{static_cast<std::uint32_t>(std::min(n - 1, community + rng() % 200))};
        if (std::find(m.begin(), m.end(), a) == m.end()) m.push_back(a);
      }
      slot->queries.push_back(std::move(m));
    }
  }
  return *slot;
}

void BM_PartnerFeatures(benchmark::State& state) {
  auto& in = instance(static_cast<std::size_t>(state.range(0)));
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(1)));
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto all = match::partner_features_many(*in.graph, in.queries, {.query_year = 2017});
    rows = 0;
    for (const auto& q : all) rows += q.candidates.size();
    benchmark::DoNotOptimize(rows);
  }
  state.counters["rows"] = static_cast<double>(rows);
}

// Training on CORDIS as `verbund train partners --until 2016` does (query years 2015-2016, the
// default plan). The data: $VERBUND_CORDIS_DIR, else ../shared/data/cordis from the working
// directory (the repository root); skipped when absent. Args: threads.
void BM_PartnerTraining(benchmark::State& state) {
  const char* env = std::getenv("VERBUND_CORDIS_DIR");
  const std::filesystem::path dir = env ? env : "../shared/data/cordis";
  const io::ProjectFiles files{dir / "h2020_participations_2014_2017.csv",
                               dir / "h2020_organisations_2017.csv",
                               dir / "h2020_programme_parts_2014_2017.csv"};
  if (!std::filesystem::exists(files.participations)) {
    state.SkipWithError("no CORDIS data (set VERBUND_CORDIS_DIR)");
    return;
  }
  const core::ThreadLimit limit(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const auto model = match::train_partner_model(files, 2015, 2016);
    benchmark::DoNotOptimize(model.provenance().size());
  }
}

}  // namespace

BENCHMARK(BM_PartnerTraining)
    ->Arg(2)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

BENCHMARK(BM_PartnerFeatures)
    ->Args({1000, 2})
    ->Args({20000, 1})
    ->Args({20000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
