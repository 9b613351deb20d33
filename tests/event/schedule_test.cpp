#include <catch2/catch.hpp>

#include "verbund/core/parallel.hpp"
#include "verbund/error.hpp"
#include "verbund/event/schedule.hpp"
#include "verbund/gen/event.hpp"

using namespace verbund;
using event::Priority;

namespace {

event::SchedulingProblem small(std::uint64_t seed) {
  return gen::generate_event({.participants = 12,
                              .slots = 4,
                              .tables = 3,
                              .requests = 30,
                              .partial_share = 0.3,
                              .max_meetings = 4,
                              .min_meetings = 2,
                              .vetoes = 3,
                              .locks = 2,
                              .seed = seed});
}

void require_valid(const event::SchedulingProblem& p, const event::Schedule& s) {
  const auto problems = event::check_schedule(p, s);
  INFO((problems.empty() ? std::string() : problems.front()));
  REQUIRE(problems.empty());
}

}  // namespace

TEST_CASE("the checker catches every kind of broken schedule", "[event]") {
  event::SchedulingProblem p;
  p.participants = 3;
  p.slots = 2;
  p.tables = 1;
  p.available = {1, 1, 1, 0, 1, 1};
  p.max_meetings = {1, 2, 2};
  p.requests = {
      {0, 1, Priority::must, 3.0}, {1, 2, Priority::want, 1.0}, {0, 2, Priority::want, 1.0}};
  p.vetoes = {{0, 2}};
  const auto good = event::schedule_meetings(p);
  require_valid(p, good);
  CHECK(good.weight == 3.0);  // participant 1 is there for one slot only: the must wins

  auto twice = good;  // the same meeting twice: both people and the table booked twice
  twice.meetings.push_back(twice.meetings.front());
  twice.meetings.back().request.reset();
  twice.meetings.back().fixed = true;
  CHECK(event::check_schedule(p, twice).size() >= 3);
  auto moved = good;
  moved.meetings.front().table = 1;  // no such table
  CHECK_FALSE(event::check_schedule(p, moved).empty());
  auto unavailable = good;  // participant 1 is away in slot 1
  for (auto& m : unavailable.meetings)
    if (m.request == 0u) m.slot = 1;
  CHECK_FALSE(event::check_schedule(p, unavailable).empty());
  auto vetoed = good;
  vetoed.meetings.push_back({});
  vetoed.meetings.back().a = 0;
  vetoed.meetings.back().b = 2;
  vetoed.meetings.back().request = 2u;
  CHECK_FALSE(event::check_schedule(p, vetoed).empty());
  auto heavy = good;
  heavy.weight = 5.0;
  CHECK_FALSE(event::check_schedule(p, heavy).empty());
  auto lost_lock = good;
  p.fixed = {{1, 2, 1, 0}};
  CHECK_FALSE(event::check_schedule(p, lost_lock).empty());
}

TEST_CASE("heuristic vs GLPK's exact optimum and the bound on small events", "[event]") {
  int equal = 0;
  double heuristic = 0.0, exact = 0.0;
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    const auto p = small(seed);
    const auto h = event::schedule_meetings(p, {.seed = seed});
    require_valid(p, h);
    const auto x = event::schedule_exact(p);
    require_valid(p, x.schedule);
    REQUIRE(x.proven_optimal);
    const auto bound = event::upper_bound(p);
    const auto loose = event::upper_bound(p, {.lp_max_variables = 0});
    INFO("seed " << seed);
    CHECK(h.weight <= x.schedule.weight + 1e-9);
    CHECK(bound.value >= x.schedule.weight - 1e-9);
    CHECK(loose.value >= x.schedule.weight - 1e-9);
    CHECK(bound.value <= loose.value + 1e-9);
    CHECK(h.weight >= 0.85 * x.schedule.weight);
    equal += h.weight > x.schedule.weight - 1e-9;
    heuristic += h.weight;
    exact += x.schedule.weight;
  }
  CHECK(heuristic >= 0.97 * exact);
  CHECK(equal >= 15);
}

TEST_CASE("the schedule is the same for any number of threads", "[event]") {
  const auto p = gen::generate_event(
      {.participants = 200, .slots = 8, .tables = 40, .requests = 1200, .seed = 7});
  event::Schedule one, many;
  {
    const core::ThreadLimit limit(1);
    one = event::schedule_meetings(p, {.seed = 3});
  }
  many = event::schedule_meetings(p, {.seed = 3});
  require_valid(p, one);
  REQUIRE(one.meetings.size() == many.meetings.size());
  for (std::size_t i = 0; i < one.meetings.size(); ++i) {
    CHECK(one.meetings[i].a == many.meetings[i].a);
    CHECK(one.meetings[i].b == many.meetings[i].b);
    CHECK(one.meetings[i].slot == many.meetings[i].slot);
    CHECK(one.meetings[i].table == many.meetings[i].table);
  }
  CHECK(event::upper_bound(p).value >= one.weight);
}

TEST_CASE("replanning keeps fixed meetings and what stays valid", "[event]") {
  auto p = gen::generate_event(
      {.participants = 60, .slots = 6, .tables = 12, .requests = 300, .locks = 4, .seed = 11});
  const auto first = event::schedule_meetings(p);
  require_valid(p, first);
  // Half the morning has been held: those meetings become fixed; ten requests are cancelled.
  std::vector<std::optional<std::pair<std::uint32_t, std::uint32_t>>> keep(p.requests.size());
  auto later = p;
  later.fixed.clear();
  for (const auto& m : first.meetings) {
    if (m.fixed || m.slot < 2)
      later.fixed.push_back(m);
    else if (m.request)
      keep[*m.request] = std::pair(m.slot, m.table);
  }
  std::vector<bool> cancelled(p.requests.size(), false);
  for (std::uint32_t r = 0; r < p.requests.size(); r += 30) cancelled[r] = true;
  decltype(later.requests) requests;
  decltype(keep) keep2;
  for (std::uint32_t r = 0; r < p.requests.size(); ++r) {
    if (cancelled[r]) continue;
    requests.push_back(p.requests[r]);
    keep2.push_back(keep[r]);
  }
  later.requests = requests;
  const auto second = event::schedule_meetings(later, {.keep = keep2});
  require_valid(later, second);  // includes: every fixed meeting where it was
  std::size_t kept = 0, had = 0;
  for (std::uint32_t r = 0; r < later.requests.size(); ++r) {
    if (!keep2[r]) continue;
    ++had;
    const auto& i = second.meeting_of_request[r];
    kept += i && second.meetings[*i].slot == keep2[r]->first &&
            second.meetings[*i].table == keep2[r]->second;
  }
  CHECK(kept == had);  // nothing that stayed valid moved
  CHECK(second.weight >= first.weight - 10 * 3.0);
}

TEST_CASE("bad scheduling problems are refused", "[event]") {
  event::SchedulingProblem p;
  p.participants = 2;
  p.slots = 1;
  p.tables = 1;
  p.requests = {{0, 0, Priority::want, 1.0}};
  CHECK_THROWS_AS(event::schedule_meetings(p), InvalidInput);
  p.requests = {{0, 1, Priority::want, 1.0}, {1, 0, Priority::must, 3.0}};
  CHECK_THROWS_AS(event::schedule_meetings(p), InvalidInput);
  p.requests = {{0, 1, Priority::want, 1.0}};
  p.fixed = {{0, 1, 0, 1}};
  CHECK_THROWS_AS(event::schedule_meetings(p), InvalidInput);
}
