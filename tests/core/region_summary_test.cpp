#include <catch2/catch.hpp>

#include "region_fixture.hpp"
#include "verbund/core/region_summary.hpp"

using namespace verbund::core;

// Reference values worked out by hand from the fixture's drawing (region_fixture.hpp).
TEST_CASE("summary of the hand-drawn region", "[core][summary]") {
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
  CHECK(s.actors_by_kind.at(ActorKind::firm) == 4);
  CHECK(s.actors_by_kind.at(ActorKind::research_group) == 1);
  CHECK(s.actors_by_municipality.at("Essen") == 4);
  CHECK(s.actors_by_municipality.at("") == 1);
  CHECK(s.ties_by_kind.at(TieKind::supply) == 2);
  CHECK(s.firms_by_size.at(FirmSize::large) == 1);
  CHECK_FALSE(s.firms_by_size.contains(FirmSize::small));
}

TEST_CASE("summary of an empty region", "[core][summary]") {
  const RegionSummary s = summarize(Region{});
  CHECK(s.actors == 0);
  CHECK(s.density == 0.0);
  CHECK(s.components == 0);
  CHECK(s.science_tie_share == 0.0);
}
