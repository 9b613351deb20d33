// The firm report on a hand-drawn region: who is recommended, the reasons in sentences (counts
// checked against the region by hand), current partners with their years, and escaping.
#include <catch2/catch.hpp>

#include "hand_region.hpp"
#include "text_search.hpp"
#include "verbund/error.hpp"
#include "verbund/match/score.hpp"
#include "verbund/report/firm_report.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/search.hpp"

using namespace verbund;
using report::Lang;
using verbund::report::test::has;

TEST_CASE("firm report: reasons in German, current partner left out", "[report][firm]") {
  const auto region = report::test::hand_region();
  const match::TransferScorer scorer(region, {});
  const auto f = *region.find("F1");
  const auto html = report::firm_report(scorer, f, {.lang = Lang::de, .top = 5});
  CHECK(has(html, "<html lang=\"de\">"));
  CHECK_FALSE(has(html, "<script"));
  CHECK(has(html, "&lt;script&gt;alert(1)&lt;/script&gt; GmbH"));
  // Two of the four research candidates (G1, G2) offer ai; one (G4) offers h2.
  CHECK(has(html, "Deckt Ihren Bedarf an KI: 2 von 4 Forschungspartnern bieten das an."));
  CHECK(has(html, "Deckt Ihren Bedarf an Wasserstoff: 1 von 4 Forschungspartnern bieten das an."));
  // G3 offers ml only, related to ai.
  CHECK(has(html,
            "Deckt Ihren Bedarf an KI teilweise, mit dem verwandten Gebiet Maschinelles Lernen."));
  // G2 shares the partner P1 and the cluster with the firm.
  CHECK(has(html, "Sie haben 1 gemeinsamen Partner: Partner AG."));
  CHECK(has(html, "Beide sind Mitglied in Cluster Digital."));
  // A chair is named with its university.
  CHECK(
      has(html, "Institut Daten (Lehrstuhl/Forschungsgruppe, Bochum, gehört zu Ruhr-Universität)"));
  // G1 is a current partner: not among the recommendations, but in the partners table.
  const auto recommendations = html.substr(html.find("class=\"recommendations\""));
  CHECK_FALSE(has(recommendations, "Lehrstuhl KI ("));
  CHECK(has(html,
            "<td>Lehrstuhl KI</td><td>Lehrstuhl/Forschungsgruppe</td><td>Essen</td>"
            "<td>Transferpartnerschaft</td><td>2019</td>"));
  CHECK(has(html, "1 aktueller Partner stünde ebenfalls weit oben"));
}

TEST_CASE("firm report: include_existing marks the current partner", "[report][firm]") {
  const auto region = report::test::hand_region();
  const match::TransferScorer scorer(region, {});
  const auto html =
      report::firm_report(scorer, *region.find("F1"), {.lang = Lang::en, .include_existing = true});
  CHECK(has(html, "Already your partner since 2019."));
  CHECK(has(html, "Covers your need for AI: 2 of 4 research partners offer it."));
  CHECK(has(html, "In your municipality, Essen."));
  // G1 has capacity 2 and one transfer partnership that started in the reference year.
  CHECK(has(html, "Has room for 1 more transfer partnership (1 of 2 in use)."));
}

TEST_CASE("firm report: an actor without needs, an empty region, a bad id", "[report][firm]") {
  const auto region = report::test::hand_region();
  const match::TransferScorer scorer(region, {});
  const auto html = report::firm_report(scorer, *region.find("P1"), {.lang = Lang::en});
  CHECK(has(html, "No needs are recorded for this actor"));
  CHECK_THROWS_AS(report::firm_report(scorer, core::ActorId{99}, {}), InvalidInput);
  const core::Region empty;
  const match::TransferScorer none(empty, {});
  CHECK(has(report::firm_report(none, core::ActorId{0}, {.lang = Lang::de}),
            "Die Datenbank enthält noch keine Akteure"));
}

TEST_CASE("firm report: regional suppliers for the firm's demands, with reasons",
          "[report][firm]") {
  const auto region = report::test::hand_region();
  supply::MarketData data;
  data.categories.push_back({"castings", "Castings", "Gussteile", "", {}, "t", 0});
  data.offers.push_back({"P1", "castings", 100.0, {}, 4.0, std::nullopt, 0});
  data.demands.push_back(
      {"F1", "castings", 10.0, {}, supply::Sourcing::abroad, supply::Criticality::high, 0});
  const auto market = supply::Market::build(region, data);
  const supply::SupplierIndex index(market);
  const match::TransferScorer scorer(region, {});
  const auto html =
      report::firm_report(scorer, *region.find("F1"), {.lang = Lang::de, .suppliers = &index});
  CHECK(has(html, "Regionale Zulieferer für Ihre Vorleistungen"));
  CHECK(has(html, "Gussteile: 10 t im Jahr, heute aus dem Ausland"));
  CHECK(has(html, "<strong>Partner AG (Unternehmen, Essen)</strong>"));
  CHECK(has(html, "Bereits mit Ihnen verbunden."));  // a tie, but no flow: not "beliefert"
  CHECK(has(html, "Freie Kapazität: 100 t im Jahr."));
  CHECK(has(html, "Sie haben für diese Vorleistung noch keine regionale Quelle."));
  // A firm without demands in the market gets no such section.
  const auto other = report::firm_report(scorer, *region.find("P1"), {.suppliers = &index});
  CHECK_FALSE(has(other, "Regional suppliers"));
  // A market of another region object is refused.
  const auto copy = report::test::hand_region();
  const match::TransferScorer elsewhere(copy, {});
  CHECK_THROWS_AS(report::firm_report(elsewhere, *copy.find("F1"), {.suppliers = &index}),
                  InvalidInput);
}

TEST_CASE("firm report: a tie that ended before the region's present is a former partner",
          "[report][firm]") {
  core::Taxonomy taxonomy;
  core::RegionBuilder b(taxonomy);
  const auto actor = [&](const char* id, const char* name) {
    core::ActorRecord r;
    r.id = id;
    r.name = name;
    r.kind = core::ActorKind::firm;
    return b.add_actor(r);
  };
  const auto f = actor("F", "Firma");
  const auto old = actor("A", "Alte Zulieferer KG");
  const auto now = actor("B", "Neue Partner GmbH");
  b.add_tie({f, old, core::TieKind::supply, 1.0, 2005, 2008});
  b.add_tie({f, now, core::TieKind::supply, 1.0, 2020, std::nullopt});
  const auto region = std::move(b).build();
  const match::TransferScorer scorer(region, {});
  const auto html = report::firm_report(scorer, *region.find("F"), {.lang = Lang::de});
  const auto former = html.find("Frühere Partner");
  REQUIRE(former != std::string::npos);
  const auto current = html.substr(0, former);
  CHECK(has(current, "Neue Partner GmbH"));
  CHECK_FALSE(has(current, "Alte Zulieferer KG"));
  CHECK(has(html.substr(former), "Alte Zulieferer KG"));
}
