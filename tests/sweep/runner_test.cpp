// A sweep's units against sim::simulate run point by point: the same values bit for bit, on
// common random numbers (compiled with the sweep's seed, replicate r), for any thread count.
#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/sim/simulate.hpp"
#include "verbund/sweep/runner.hpp"

using namespace verbund;

TEST_CASE("sweep units equal simulate's replicates, point by point", "[sweep]") {
  const core::Region region = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 800, .seed = 12});
  test::ScratchDir dir;
  const std::string text = "name = \"s\"\nhorizon_months = 5\n";
  test::write_file(dir / "s.toml", text);
  sweep::SweepSpec spec;
  spec.scenario = dir / "s.toml";
  spec.replicates = 3;
  spec.seed = 7;
  spec.month = 4;
  spec.parameters.push_back({.key = "model.decay", .levels = {0.02, 0.5}});
  spec.parameters.push_back({.key = "model.effects.base", .levels = {-6.0, -5.0}});
  for (std::size_t k = 0; k < sim::first_supply_indicator; ++k) spec.indicators.push_back(k);
  const auto plan = sweep::plan_sweep(spec, region);
  REQUIRE(plan.points.size() == 4);
  const auto units = sweep::all_units(plan);
  const auto run = [&](std::size_t threads) {
    const core::ThreadLimit limit(threads);
    std::vector<sweep::UnitResult> out;
    CHECK(sweep::run_units(plan, region, units,
                           {.on_batch =
                                [&](std::span<const sweep::UnitResult> batch) {
                                  out.insert(out.end(), batch.begin(), batch.end());
                                },
                            .points_per_batch = 3}));
    return out;
  };
  const auto one = run(1), two = run(2);
  REQUIRE(one.size() == 12);
  for (std::size_t p = 0; p < 4; ++p) {
    const auto scenario = sim::parse_scenario(text, "s.toml", plan.points[p].settings);
    const auto bare = sim::simulate(region, scenario, {.replicates = 3}, spec.seed);
    for (std::size_t r = 0; r < 3; ++r) {
      const auto& u = one[p * 3 + r];
      CHECK(u.unit == sweep::Unit{static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(r)});
      const auto want = sim::values(bare.series[r][4]);
      for (std::size_t i = 0; i < spec.indicators.size(); ++i) CHECK(u.values[i] == want[i]);
      CHECK(two[p * 3 + r].values == u.values);
    }
  }
  // The parameters act (points 0 and 1 differ in the base effect only, points 0 and 2 in decay),
  // so the equality above compares different runs, not one run four times.
  CHECK(one[3].values != one[0].values);
  CHECK(one[6].values != one[0].values);
}
