// The participant indicators against a count on the final network: the members of a working
// group (drawn when compiling) against everyone else, month 0 and horizon.

#include <catch2/catch.hpp>

#include <set>

#include "test_support.hpp"
#include "verbund/analysis/indicators.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/sim/simulate.hpp"
#include "verbund/sim/simulation.hpp"

using namespace verbund;

namespace {

/// Participants' and others' mean degree and science share on a replicate's network now.
std::array<double, 4> counted(const sim::Simulation& s, const core::Region& region,
                              const std::set<std::uint32_t>& members) {
  const auto net = s.network();
  double deg[2] = {0, 0}, actors[2] = {0, 0}, firms[2] = {0, 0}, science[2] = {0, 0};
  for (std::uint32_t v = 0; v < net.size(); ++v) {
    if (!net.is_open(v)) continue;
    const int side = members.count(v) ? 0 : 1;
    actors[side] += 1;
    deg[side] += static_cast<double>(net.neighbours(v).size());
    if (region.kind(core::ActorId{v}) == core::ActorKind::firm) {
      firms[side] += 1;
      science[side] += net.has_science_partner(v) ? 1 : 0;
    }
  }
  return {deg[0] / actors[0], deg[1] / actors[1], science[0] / firms[0], science[1] / firms[1]};
}

}  // namespace

TEST_CASE("participant indicators equal a count over the group's members", "[sim]") {
  const auto region = gen::generate_ruhr_region(gen::load_ruhr_base(gen::bundled_ruhr_dir()),
                                                {.firms = 600, .seed = 3});
  sim::Scenario scenario;
  scenario.name = "group";
  scenario.horizon = 6;
  sim::WorkingGroup group;
  group.name = "Arbeitskreis";
  group.end = 6;
  group.meetings = 4;
  group.select.kinds = {core::ActorKind::firm, core::ActorKind::university};
  group.select.size = 40;
  scenario.interventions.emplace_back("working_group", group);
  const auto model = sim::compile(region, scenario, {}, {.seed = 4});
  REQUIRE(model.measures_participants());
  std::set<std::uint32_t> members;
  for (const auto a : model.groups().front().second) members.insert(a.value);
  REQUIRE(members.size() == 40);

  sim::Simulation replicate(model, 0);
  auto check = [&] {
    const auto want = counted(replicate, region, members);
    const auto& got = replicate.indicators();
    CHECK(got.participants_mean_degree == Approx(want[0]).epsilon(1e-12));
    CHECK(got.others_mean_degree == Approx(want[1]).epsilon(1e-12));
    CHECK(got.participants_science_share == Approx(want[2]).epsilon(1e-12));
    CHECK(got.others_science_share == Approx(want[3]).epsilon(1e-12));
  };
  check();
  while (!replicate.done()) replicate.step();
  check();
  // The group's meetings raise its members' degree more than everyone else's.
  const auto& first = replicate.series().front();
  const auto& last = replicate.series().back();
  CHECK(last.participants_mean_degree - first.participants_mean_degree >
        last.others_mean_degree - first.others_mean_degree);

  // Shocks have no participants: a scenario of shocks only measures none.
  sim::Scenario shocks;
  shocks.name = "shock";
  shocks.horizon = 2;
  sim::Shock shock;
  shock.name = "shock";
  shock.select.kinds = {core::ActorKind::firm};
  shocks.interventions.emplace_back("shock", shock);
  CHECK_FALSE(sim::compile(region, shocks, {}, {.seed = 4}).measures_participants());
  CHECK_FALSE(sim::simulate(region, shocks, {.replicates = 1}, 4).participants);
}
