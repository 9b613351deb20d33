#include <catch2/catch.hpp>

#include "../core/region_fixture.hpp"
#include "verbund/analysis/region_summary.hpp"

using namespace verbund::core;
using verbund::analysis::RegionSummary;
using verbund::analysis::summarize;

// Reference values worked out by hand from the fixture's drawing (region_fixture.hpp).
TEST_CASE("summary of the hand-drawn region", "[analysis][summary]") {
  const RegionSummary s = summarize(build_region(verbund::test::small_region_data()));
  CHECK(s.actors == 8);
  CHECK(s.ties == 5);
  CHECK(s.memberships == 4);
  CHECK(s.themes == 2);
  CHECK(s.competences == 3);
  CHECK(s.connected_pairs == 4);
  CHECK(s.density == Approx(4.0 / 28.0));
  CHECK(s.components == 4);
  CHECK(s.giant_component == 5);
  CHECK(s.giant_component_share == Approx(5.0 / 8.0));
  CHECK(s.firms == 4);
  CHECK(s.firms_with_science_tie == 2);
  CHECK(s.science_tie_share == Approx(0.5));
  // f1-uni in Essen; f1-f2, f2-f3 and f3-grp cross a municipal border.
  CHECK(s.cross_municipal_share == Approx(3.0 / 4.0));
  CHECK(s.actors_by_kind.at(ActorKind::firm) == 4);
  CHECK(s.actors_by_kind.at(ActorKind::research_group) == 1);
  CHECK(s.actors_by_municipality.at("Essen") == 4);
  CHECK(s.actors_by_municipality.at("") == 1);
  CHECK(s.ties_by_kind.at(TieKind::supply) == 2);
  CHECK(s.firms_by_size.at(FirmSize::large) == 1);
  CHECK_FALSE(s.firms_by_size.contains(FirmSize::small));
}

TEST_CASE("summary of the hand-drawn region in 2020", "[analysis][summary]") {
  // The transfer tie f3-grp ended in 2018: grp is cut off and f3 loses its science tie.
  const RegionSummary s =
      summarize(build_region(verbund::test::small_region_data()), {.kinds = {}, .year = 2020});
  CHECK(s.ties == 4);
  CHECK_FALSE(s.ties_by_kind.contains(TieKind::transfer));
  CHECK(s.connected_pairs == 3);
  CHECK(s.density == Approx(3.0 / 28.0));
  CHECK(s.components == 5);
  CHECK(s.giant_component == 4);
  CHECK(s.firms_with_science_tie == 1);
  CHECK(s.science_tie_share == Approx(0.25));
  CHECK(s.cross_municipal_share == Approx(2.0 / 3.0));
}

TEST_CASE("summary of an empty region", "[analysis][summary]") {
  const RegionSummary s = summarize(Region{});
  CHECK(s.actors == 0);
  CHECK(s.density == 0.0);
  CHECK(s.components == 0);
  CHECK(s.science_tie_share == 0.0);
  CHECK(s.cross_municipal_share == 0.0);
}
