// The scenario report on hand-made outcomes: one chart per indicator with one series per
// scenario, verdicts and fade-out in words (computed here by hand), and the participants section.
#include <catch2/catch.hpp>

#include "text_search.hpp"
#include "verbund/error.hpp"
#include "verbund/report/scenario_report.hpp"
#include "verbund/sim/scenario.hpp"

using namespace verbund;
using report::Lang;
using verbund::report::test::has;
using verbund::report::test::occurrences;

namespace {
using Month = std::array<sim::Estimate, sim::indicator_count>;
Month all(double mean, double low, double high) {
  Month m;
  m.fill({mean, low, high});
  return m;
}

// Months 0..4; the programme ends in month 2. The difference is 0.2 [0.1, 0.3] at its end and
// 0.1 [0.05, 0.15] at the horizon: it fades to half and lasts.
std::vector<report::ScenarioOutcome> outcomes() {
  report::ScenarioOutcome base{"Basis <b>", std::vector<Month>(5, all(1, 0.9, 1.1)), {}, {}, {},
                               10};
  report::ScenarioOutcome s{"Programm", std::vector<Month>(5, all(1.2, 1.1, 1.3)), {}, 2, {}, 10};
  s.difference = {all(0, 0, 0), all(0.1, -0.1, 0.2), all(0.2, 0.1, 0.3), all(0.15, 0.1, 0.2),
                  all(0.1, 0.05, 0.15)};
  base.supply = s.supply = true;  // every indicator measured
  return {base, s};
}
}  // namespace

TEST_CASE("scenario report: a chart per indicator, verdicts and fade-out", "[report][scenario]") {
  const auto html = report::scenario_report(outcomes(), {.lang = Lang::en});
  // Every indicator but the participant ones, which come as `extra` series.
  CHECK(occurrences(html, "class=\"chart line-chart\"") == sim::first_participant_indicator);
  CHECK(occurrences(html, "data-series=\"2\"") == sim::first_participant_indicator);
  CHECK(occurrences(html, "class=\"band\"") == 2 * sim::first_participant_indicator);
  CHECK(occurrences(html, "class=\"marker\"") == sim::first_participant_indicator);
  CHECK(has(html, "Basis &lt;b&gt;"));
  CHECK_FALSE(has(html, "<b>"));
  CHECK(has(html,
            "In month 4, mean degree is higher under “Programm” than in the baseline: "
            "+0.10 (95 % interval +0.05 to +0.15)."));
  CHECK(has(html,
            "mean degree: the effect of “Programm” fades but lasts: +0.20 when the "
            "programme ended (month 2), +0.10 by month 4 (50.0% of it kept)."));
  CHECK(has(html, "“Programm” records no participants"));

  // Without a supplier market, the two supply indicators are not shown.
  auto without = outcomes();
  without[0].supply = without[1].supply = false;
  const auto fewer = report::scenario_report(without, {.lang = Lang::en});
  CHECK(occurrences(fewer, "class=\"chart line-chart\"") == sim::first_supply_indicator);
  CHECK_FALSE(has(fewer, "regional sourcing share"));
}

TEST_CASE("scenario report in German, with participants", "[report][scenario]") {
  auto o = outcomes();
  std::vector<sim::Estimate> p(5, {0.5, 0.4, 0.6}), n(5, {0.3, 0.2, 0.4});
  o[1].extra = {{"science share (participants)", p}, {"science share (non-participants)", n}};
  const auto html = report::scenario_report(o, {.lang = Lang::de});
  CHECK(occurrences(html, "class=\"chart line-chart\"") == sim::first_participant_indicator + 1);
  CHECK(has(html, "Teilnehmende und Nicht-Teilnehmende"));
  CHECK(has(html,
            "science share am Ende des Zeitraums: Teilnehmende 0,500, Nicht-Teilnehmende 0,300."));
  CHECK_FALSE(has(html, "erfasst keine Teilnehmenden"));
  CHECK(has(html,
            "Im Monat 4 ist mittlere Zahl der Partner unter „Programm“ höher als in der Basis"));
}

TEST_CASE("scenario report: the effect that vanishes, and bad input", "[report][scenario]") {
  auto o = outcomes();
  o[1].difference.back() = all(0.01, -0.05, 0.07);
  const auto html = report::scenario_report(o, {.lang = Lang::en});
  CHECK(has(html,
            "the effect of “Programm” fades out. It was +0.20 when the programme ended "
            "(month 2); by month 4 no clear difference remains (+0.01)."));
  o[1].summary.pop_back();
  CHECK_THROWS_AS(report::scenario_report(o, {}), InvalidInput);
  CHECK_THROWS_AS(report::scenario_report({}, {}), InvalidInput);
}

TEST_CASE("programme_end is the last month an intervention acts", "[report][scenario]") {
  sim::Scenario s;
  s.horizon = 60;
  CHECK_FALSE(report::programme_end(s));
  sim::WorkingGroup w;
  w.end = 24;
  s.interventions.emplace_back("working_group", w);
  CHECK(report::programme_end(s) == 24);
  sim::FundingCall f;
  f.at = 6;
  f.duration = 36;
  s.interventions.emplace_back("funding_call", f);
  CHECK(report::programme_end(s) == 42);
  f.duration = 100;  // capped at the horizon
  s.interventions.emplace_back("funding_call", f);
  CHECK(report::programme_end(s) == 60);
}
