// The staged form: a replicate stepped month by month and observed, against simulate(); the
// checkpoint of month 0.

#include <catch2/catch.hpp>

#include <atomic>

#include "verbund/error.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/sim/simulate.hpp"

using namespace verbund;

namespace {

const core::Region& region() {
  static const core::Region r = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 600, .seed = 8});
  return r;
}

const char* const scenario_text = R"(name = "staged"
horizon_months = 8
[model]
firm_exit = 0.01
firm_entry = 0.05
[[intervention]]
type = "working_group"
start = 2
end = 6
select = { kinds = ["firm", "university"], size = 30 }
[[intervention]]
type = "shock"
at = 4
select = { sector = "47" }
)";

}  // namespace

TEST_CASE(
    "a replicate stepped month by month is the one simulate() runs, and its observer sees "
    "every month",
    "[sim]") {
  const auto scenario = sim::parse_scenario(scenario_text, "staged.toml");
  const sim::Model model = sim::compile(region(), scenario, {}, {.seed = 9});
  CHECK(model.horizon() == 8);
  REQUIRE(model.groups().size() == 1);
  CHECK(model.groups()[0].second.size() == 30);

  std::vector<int> seen;
  std::vector<double> ties_seen;
  sim::Simulation replicate(model, 2, [&](const sim::Simulation& s) {
    seen.push_back(s.month());
    ties_seen.push_back(static_cast<double>(s.network().ties()));
  });
  CHECK(replicate.month() == 0);
  CHECK(replicate.series().size() == 1);
  while (!replicate.done()) {
    const auto before = replicate.month();
    replicate.step();
    CHECK(replicate.month() == before + 1);
    // The view and the indicators tell the same network.
    CHECK(static_cast<double>(replicate.network().ties()) == replicate.indicators().ties);
  }
  CHECK(seen == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8});
  for (std::size_t m = 0; m < ties_seen.size(); ++m)
    CHECK(ties_seen[m] == replicate.series()[m + 1].ties);

  const auto run = sim::simulate(model, {.replicates = 3});
  REQUIRE(run.series.size() == 3);
  REQUIRE(run.series[2].size() == replicate.series().size());
  for (std::size_t m = 0; m < run.series[2].size(); ++m)
    CHECK(sim::values(run.series[2][m]) == sim::values(replicate.series()[m]));
  CHECK(run.tie_endings[2].ended == replicate.tie_endings().ended);
  CHECK(run.tie_endings[2].months_at_risk == replicate.tie_endings().months_at_risk);

  // A tie seen through the view is the same from both ends, and only between partners.
  const auto view = replicate.network();
  std::size_t checked = 0;
  for (std::uint32_t v = 0; v < view.size() && checked < 50; ++v)
    for (const auto u : view.neighbours(v)) {
      const auto t = view.tie(v, u);
      REQUIRE(t);
      CHECK(t->a == std::min(u, v));
      CHECK(view.tie(u, v)->kind == t->kind);
      ++checked;
    }
  CHECK(checked > 0);
  CHECK_FALSE(view.tie(0, 0));

  // A raised cancel flag stops a month within a few thousand actors; the replicate stays
  // incomplete and steps no more.
  std::atomic<bool> stop{true};
  sim::Simulation stopped(model, 0);
  stopped.cancel_with(&stop);
  stopped.step();
  CHECK(stopped.interrupted());
  CHECK(stopped.series().size() == 1);
  stopped.step();
  CHECK(stopped.series().size() == 1);
  const auto cancelled = sim::simulate(model, {.replicates = 2, .cancel = &stop});
  CHECK(cancelled.cancelled);
  CHECK(cancelled.series.empty());

  // The observer in simulate() is called for every month of every replicate.
  std::atomic<int> calls{0};
  (void)sim::simulate(model,
                      {.replicates = 3, .observer = [&](const sim::Simulation&) { ++calls; }});
  CHECK(calls.load() == 3 * 8);
}

TEST_CASE(
    "a checkpoint of month 0 holds the starting network, and a fork at month 0 resumed "
    "from it equals the replayed fork",
    "[sim]") {
  const auto base = sim::parse_scenario("name = \"b\"\nhorizon_months = 5\n", "b.toml");
  const sim::Model model = sim::compile(region(), base, {}, {.seed = 4});
  const auto run = sim::simulate(model, {.replicates = 2, .checkpoint_at = 0});
  REQUIRE(run.checkpoint);
  REQUIRE(run.checkpoint->replicates.size() == 2);
  const sim::Simulation fresh(model, 1);
  const auto& saved = run.checkpoint->replicates[1];
  CHECK(saved.series.size() == 1);
  CHECK(saved.ties.size() == fresh.state().ties.size());
  CHECK(static_cast<double>(saved.ties.size()) == run.series[1][0].ties);

  const auto fork = sim::parse_scenario(
      "name = \"f\"\nhorizon_months = 5\n[fork]\nfrom = \"b.toml\"\nmonth = 0\n"
      "checkpoint = \"b-0.ckpt\"\n",
      "f.toml");
  sim::ScenarioInputs resume;
  resume.checkpoint = *run.checkpoint;
  auto replayed = fork;
  replayed.fork->checkpoint.clear();
  sim::ScenarioInputs replay;
  replay.origin = base;
  const auto a =
      sim::simulate(sim::compile(region(), fork, resume, {.seed = 4}), {.replicates = 2});
  const auto b =
      sim::simulate(sim::compile(region(), replayed, replay, {.seed = 4}), {.replicates = 2});
  for (std::size_t r = 0; r < 2; ++r)
    for (std::size_t m = 0; m <= 5; ++m)
      CHECK(sim::values(a.series[r][m]) == sim::values(b.series[r][m]));
  // A checkpoint before the month a run resumes from cannot be taken.
  auto later = fork;
  later.fork->month = 2;
  sim::ScenarioInputs at_two;
  at_two.checkpoint = *sim::simulate(model, {.replicates = 2, .checkpoint_at = 2}).checkpoint;
  const auto resumed = sim::compile(region(), later, at_two, {.seed = 4});
  CHECK(resumed.resumes_after() == 2);
  CHECK_THROWS_WITH(sim::simulate(resumed, {.replicates = 2, .checkpoint_at = 1}),
                    Catch::Contains("before the month the scenario resumes from (2)"));
  // Files a scenario names but the inputs lack are named when compiling.
  CHECK_THROWS_WITH(sim::compile(region(), fork, {}, {.seed = 4}),
                    Catch::Contains("f.toml") &&
                        Catch::Contains("fork: the checkpoint 'b-0.ckpt' was not loaded"));
}

TEST_CASE("compiling notes interventions that will do nothing", "[sim]") {
  const auto scenario = sim::parse_scenario(R"(name = "idle"
horizon_months = 2
[[intervention]]
type = "shock"
name = "nothing to hit"
select = { sector = "99.99" }
[[intervention]]
type = "working_group"
name = "lonely"
members = ["rub"]
[[intervention]]
type = "working_group"
name = "busy"
select = { kinds = ["firm"], size = 5 }
)",
                                            "idle.toml");
  const auto model = sim::compile(region(), scenario, {}, {.seed = 1});
  REQUIRE(model.notes().size() == 2);
  CHECK(model.notes()[0] == "nothing to hit: the shock hits no actor");
  CHECK(model.notes()[1] == "lonely: the group has 1 member and will not meet");
}
