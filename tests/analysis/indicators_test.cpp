#include <catch2/catch.hpp>

#include "../core/region_fixture.hpp"
#include "verbund/analysis/indicators.hpp"

using namespace verbund;
using analysis::IndicatorCounts;

TEST_CASE("the indicator formulas on counts", "[analysis][indicators]") {
  CHECK(analysis::density(0, 0) == 0.0);
  CHECK(analysis::density(1, 0) == 0.0);
  CHECK(analysis::density(2, 1) == 1.0);
  CHECK(analysis::density(8, 4) == 4.0 / 28.0);
  CHECK(analysis::giant_component_share(0, 0) == 0.0);
  CHECK(analysis::giant_component_share(5, 8) == 5.0 / 8.0);
  CHECK(analysis::science_share(0, 0) == 0.0);
  CHECK(analysis::science_share(1, 4) == 0.25);
  CHECK(analysis::cross_municipal_share(0, 0) == 0.0);
  CHECK(analysis::cross_municipal_share(2, 3) == 2.0 / 3.0);
  CHECK(analysis::ei_index(0, 0) == 0.0);
  CHECK(analysis::ei_index(3, 0) == 1.0);
  CHECK(analysis::ei_index(0, 3) == -1.0);
  CHECK(analysis::ei_index(3, 1) == 0.5);

  CHECK(analysis::counts_as_firm(core::ActorKind::firm));
  CHECK_FALSE(analysis::counts_as_firm(core::ActorKind::research_group));
  CHECK(analysis::counts_as_science(core::ActorKind::research_group));
  CHECK_FALSE(analysis::counts_as_science(core::ActorKind::transfer_office));

  const core::MunicipalityId essen{1}, bochum{2};
  CHECK(analysis::is_located_pair(essen, bochum));
  CHECK_FALSE(analysis::is_located_pair(essen, std::nullopt));
  CHECK(analysis::is_cross_municipal(essen, bochum));
  CHECK_FALSE(analysis::is_cross_municipal(essen, essen));
  CHECK_FALSE(analysis::is_cross_municipal(std::nullopt, std::nullopt));
}

// The hand-drawn region (region_fixture.hpp), counted by hand.
TEST_CASE("indicator counts of the hand-drawn region", "[analysis][indicators]") {
  const core::Region region = core::build_region(test::small_region_data());
  const IndicatorCounts c = analysis::count_indicators(region, analysis::SimpleGraph(region));
  CHECK(c == IndicatorCounts{.actors = 8,
                             .pairs = 4,
                             .components = 4,
                             .giant = 5,
                             .firms = 4,
                             .firms_with_science_tie = 2,
                             .located_pairs = 4,
                             .cross_municipal_pairs = 3});
  const auto h = analysis::headline_indicators(c);
  CHECK(h.density == 4.0 / 28.0);
  CHECK(h.giant_share == 5.0 / 8.0);
  CHECK(h.science_share == 0.5);
  CHECK(h.cross_municipal_share == 0.75);
}
