// The call report on the hand-drawn region: a feasible call (members, coverage and what hangs on
// each member, checked against the builder's own result) and an infeasible one (the diagnosis).
#include <catch2/catch.hpp>

#include "hand_region.hpp"
#include "text_search.hpp"
#include "verbund/match/consortium.hpp"
#include "verbund/report/call_report.hpp"
#include "verbund/report/html.hpp"

using namespace verbund;
using report::Lang;
using verbund::report::test::has;
using verbund::report::test::occurrences;

TEST_CASE("call report: consortia with coverage and criticality in sentences", "[report][call]") {
  const auto region = report::test::hand_region();
  const auto call = match::parse_call(R"(
name = "KI & <Wasserstoff>"
[size]
min = 2
max = 3
[competences]
required = { "ai" = 1, "h2" = 1 }
)",
                                      "hand.toml");
  const match::TransferScorer scorer(region, {});
  const auto result = match::build_consortia(scorer, call, {.top = 2, .exact = true});
  REQUIRE_FALSE(result.consortia.empty());
  const auto html = report::call_report(region, call, result, {.lang = Lang::de, .consortia = 2});
  CHECK(has(html, "Bericht zum Förderaufruf: KI &amp; &lt;Wasserstoff&gt;"));
  CHECK_FALSE(has(html, "<script"));
  const auto shown = std::min<std::size_t>(2, result.consortia.size());
  CHECK(occurrences(html, "class=\"card consortium\"") == shown);
  CHECK(has(html, "KI, durch mindestens 1 Mitglieder"));
  // Every member of the best consortium has one sentence in its criticality list.
  const auto& best = result.consortia.front();
  const auto first = html.substr(html.find("Konsortium 1:"));
  const auto list = first.substr(0, first.find("</ul>"));
  CHECK(occurrences(list, "<li>") == best.criticality.size());
  for (const auto& k : best.criticality) {
    CHECK(has(list, report::escape(region.name(k.member))));
    if (!k.feasible_without) CHECK(has(list, "ist kritisch"));
  }
  // Only G4 offers h2: in any consortium it is critical, and nobody can replace it.
  CHECK(has(list, "Wasserstoff-Labor ist kritisch"));
  CHECK(has(list, "Kein Ersatz hält das Konsortium innerhalb der Regeln."));
}

TEST_CASE("call report: an infeasible call shows the diagnosis", "[report][call]") {
  const auto region = report::test::hand_region();
  const auto call = match::parse_call(R"(
name = "Zu viel verlangt"
[size]
min = 2
max = 3
[competences]
required = { "h2" = 2 }
)",
                                      "hard.toml");
  const match::TransferScorer scorer(region, {});
  const auto result = match::build_consortia(scorer, call, {.exact = true});
  REQUIRE(result.consortia.empty());
  REQUIRE_FALSE(result.diagnosis.empty());
  const auto html = report::call_report(region, call, result, {.lang = Lang::en});
  CHECK(has(html, "No consortium meets every rule of this call. Why:"));
  CHECK(occurrences(html, "class=\"reasons diagnosis\"") == 1);
  CHECK(has(html, report::escape(result.diagnosis.front())));
}
