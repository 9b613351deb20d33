// Matchmaking days in the simulation run on the event scheduler: nobody meets more often than
// the day has slots, the schedule passes the event's independent checker, and a research partner
// that many firms ask for is capped.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "sim/interventions/matchmaking_plan.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/match/score.hpp"
#include "verbund/sim/simulate.hpp"

using namespace verbund;

namespace {

const core::Region& region() {
  static const core::Region r = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 1500, .seed = 5});
  return r;
}

const match::TransferScorer& scorer() {
  static const match::TransferScorer s(region(), match::ScoreWeights{});
  return s;
}

/// The first `n` firms of the region: as a day of only firms, every research actor is a candidate.
std::vector<core::ActorId> firms(std::size_t n) {
  std::vector<core::ActorId> out;
  for (std::uint32_t a = 0; a < region().size() && out.size() < n; ++a)
    if (region().kind(core::ActorId{a}) == core::ActorKind::firm) out.push_back(core::ActorId{a});
  return out;
}

sim::MatchmakingEvent day(int meetings, int slots, std::optional<int> tables = {}) {
  sim::MatchmakingEvent e;
  e.name = "day";
  e.meetings = meetings;
  e.slots = slots;
  e.tables = tables;
  return e;
}

}  // namespace

TEST_CASE("a simulated matchmaking day meets only as the scheduler plans, at most once a slot",
          "[sim][event]") {
  const auto participants = firms(150);
  const auto spec = day(3, 4, 30);
  const auto plan = sim::detail::plan_matchmaking_day(region(), scorer(), participants, spec, 7);
  REQUIRE(plan.firms.size() > 100);
  // The independent referee of the event scheduler.
  CHECK(event::check_schedule(plan.problem, plan.schedule).empty());

  std::map<std::uint32_t, int> meetings;  // person -> meetings held
  for (const auto& m : plan.schedule.meetings) {
    ++meetings[m.a];
    ++meetings[m.b];
    CHECK(m.table < 30U);
  }
  for (const auto& [person, held] : meetings) CHECK(held <= spec.slots);
  // Each firm: at most min(slots, meetings), only partners it asked for, in its order.
  std::size_t held_total = 0;
  for (std::size_t f = 0; f < plan.firms.size(); ++f) {
    CHECK(plan.partners[f].size() <= 3U);
    held_total += plan.partners[f].size();
  }
  CHECK(held_total == plan.schedule.meetings.size());

  // The most asked-for partner is asked for by far more firms than there are slots; it is capped.
  std::map<std::uint32_t, int> asked;
  for (const auto& q : plan.problem.requests) ++asked[q.b];
  const auto busiest = std::max_element(asked.begin(), asked.end(),
                                        [](auto& x, auto& y) { return x.second < y.second; });
  REQUIRE(busiest->second > 3 * spec.slots);
  CHECK(region().kind(plan.people[busiest->first]) != core::ActorKind::firm);
  CHECK(meetings[busiest->first] <= spec.slots);
  CHECK(meetings[busiest->first] >= 1);
}

TEST_CASE("a simulated matchmaking day is the same for any thread count", "[sim][event]") {
  const auto participants = firms(120);
  const auto spec = day(3, 6, 25);
  const auto one = [&] {
    const core::ThreadLimit limit(1);
    return sim::detail::plan_matchmaking_day(region(), scorer(), participants, spec, 3);
  }();
  const auto all = sim::detail::plan_matchmaking_day(region(), scorer(), participants, spec, 3);
  REQUIRE(one.schedule.meetings.size() == all.schedule.meetings.size());
  for (std::size_t i = 0; i < one.schedule.meetings.size(); ++i) {
    const auto& x = one.schedule.meetings[i];
    const auto& y = all.schedule.meetings[i];
    CHECK((x.a == y.a && x.b == y.b && x.slot == y.slot && x.table == y.table));
  }
  CHECK(one.partners == all.partners);
}

TEST_CASE("a matchmaking day's slots and tables are read from the scenario", "[sim][event]") {
  const auto parse = [](const std::string& fields) {
    return sim::parse_scenario(
        "name = \"t\"\nhorizon_months = 12\n[[intervention]]\ntype = \"matchmaking_event\"\n"
        "select = { kinds = [\"firm\"], size = 40 }\n" +
            fields,
        "t.toml");
  };
  const auto s = parse("slots = 12\ntables = 9\n");
  const auto* m = s.interventions.at(0).spec_if<sim::MatchmakingEvent>();
  REQUIRE(m != nullptr);
  CHECK(m->slots == 12);
  CHECK(m->tables == 9);
  const auto d = parse("");
  CHECK(d.interventions.at(0).spec_if<sim::MatchmakingEvent>()->slots == 8);
  CHECK_FALSE(d.interventions.at(0).spec_if<sim::MatchmakingEvent>()->tables);
  CHECK_THROWS_AS(parse("slots = 0\n"), InvalidInput);
  CHECK_THROWS_WITH(parse("tables = 0\n"), Catch::StartsWith("t.toml:6:"));
}
