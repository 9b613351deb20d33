// The headline indicators (density, giant component share, science share, cross-municipal share)
// are defined once (indicators.hpp); `verbund info` (analysis::summarize), `verbund metrics`
// (analysis::network_metrics) and the simulation's month 0 (sim::Network's counters) must give
// the same numbers, to the bit, on the same network. The simulation starts from the ties active
// in the region's latest start year, so info and metrics are asked for that year.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <climits>
#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "verbund/analysis/metrics.hpp"
#include "verbund/analysis/region_summary.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/io/store.hpp"
#include "verbund/sim/simulate.hpp"

using namespace verbund;

namespace {

// The year the simulation starts from when the scenario names none.
int latest_start_year(const core::Region& region) {
  int latest = INT_MIN;
  for (const auto& t : region.ties())
    if (t.start) latest = std::max(latest, *t.start);
  return latest;
}

sim::Indicators month_zero(const core::Region& region) {
  sim::Scenario scenario;
  scenario.name = "agreement";
  scenario.horizon = 1;
  const sim::Run run = sim::simulate(region, scenario, {.replicates = 1}, 1);
  REQUIRE(run.series.size() == 1);
  return run.series[0][0];
}

}  // namespace

TEST_CASE("info, metrics and the simulation's month 0 agree on the headline indicators",
          "[analysis][indicators][sim]") {
  const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  const auto [firms, seed] =
      GENERATE(table<std::size_t, std::uint64_t>({{200, 1}, {800, 2}, {800, 3}, {3000, 4}}));
  CAPTURE(firms, seed);
  const core::Region region = gen::generate_ruhr_region(base, {.firms = firms, .seed = seed});
  const int year = latest_start_year(region);
  REQUIRE(year > INT_MIN);
  const analysis::TieFilter that_year{.kinds = {}, .year = year};

  const analysis::RegionSummary info = analysis::summarize(region, that_year);
  const analysis::NetworkMetrics metrics =
      analysis::network_metrics(region, analysis::SimpleGraph(region, that_year));
  const sim::Indicators start = month_zero(region);

  CHECK(info.connected_pairs == metrics.edges);
  CHECK(static_cast<double>(metrics.edges) == start.ties);
  CHECK(static_cast<double>(metrics.firms) == start.firms);

  CHECK(info.density == metrics.density);
  CHECK(metrics.density == start.density);
  CHECK(info.giant_component_share == metrics.giant_share);
  CHECK(metrics.giant_share == start.giant_share);
  CHECK(info.science_tie_share == metrics.science_share);
  CHECK(metrics.science_share == start.science_share);
  CHECK(info.cross_municipal_share == metrics.cross_municipal_share);
  CHECK(metrics.cross_municipal_share == start.cross_municipal_share);

  // Over all ties ever recorded (info's and metrics' default) the network is larger than the
  // simulation's start: ended ties count there. The two analysis paths still agree.
  const analysis::RegionSummary info_all = analysis::summarize(region);
  const analysis::NetworkMetrics metrics_all =
      analysis::network_metrics(region, analysis::SimpleGraph(region));
  CHECK(info_all.density == metrics_all.density);
  CHECK(info_all.giant_component_share == metrics_all.giant_share);
  CHECK(info_all.science_tie_share == metrics_all.science_share);
  CHECK(info_all.cross_municipal_share == metrics_all.cross_municipal_share);
  CHECK(info_all.connected_pairs >= info.connected_pairs);
}

TEST_CASE("the verbs print the numbers the simulation starts from", "[analysis][indicators][cli]") {
  test::ScratchDir dir;
  REQUIRE(
      test::run_cli({"generate", "ruhr", "--firms", "600", "--seed", "9"}, dir.path()).exit_code ==
      0);
  const core::Region region = io::Store::open(dir / "verbund.db").load_region();
  const int year = latest_start_year(region);
  const auto y = std::to_string(year);
  const auto info_run = test::run_cli({"info", "--year", y, "--format", "json"}, dir.path());
  const auto metrics_run = test::run_cli({"metrics", "--year", y, "--format", "json"}, dir.path());
  REQUIRE(info_run.exit_code == 0);
  REQUIRE(metrics_run.exit_code == 0);
  auto value = [](const std::string& out, const char* table, const std::string& indicator) {
    const auto doc = nlohmann::json::parse(out);
    for (const auto& row : doc.at(table))
      if (row.at("indicator") == indicator) return row.at("value").get<double>();
    FAIL("no row '" << indicator << "' in " << table);
    return 0.0;
  };
  const sim::Indicators start = month_zero(region);
  const std::array<std::pair<const char*, double>, 4> expected{
      {{"density", start.density},
       {"giant component share", start.giant_share},
       {"share of firms with a science tie", start.science_share},
       {"cross-municipal share of ties", start.cross_municipal_share}}};
  for (const auto& [indicator, want] : expected) {
    CAPTURE(indicator);
    CHECK(value(info_run.out, "region", indicator) == want);
    CHECK(value(metrics_run.out, "network", indicator) == want);
  }
}
