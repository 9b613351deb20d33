// The firm report on a hand-drawn region: who is recommended, the reasons in sentences (counts
// checked against the region by hand), current partners with their years, and escaping.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <set>
#include <span>

#include "agreement.hpp"
#include "hand_region.hpp"
#include "text_search.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/match/score.hpp"
#include "verbund/report/firm_report.hpp"
#include "verbund/report/reasons.hpp"
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
  // (Each with weight 1: a main field of the offerer.)
  CHECK(has(
      html,
      "Deckt Ihren Bedarf im Bereich KI (dort ein Schwerpunkt): 2 von 4 Forschungspartnern bieten "
      "das an."));
  CHECK(has(html,
            "Deckt Ihren Bedarf im Bereich Wasserstoff (dort ein Schwerpunkt): 1 von 4 "
            "Forschungspartnern bieten das an."));
  // G3 offers ml only, related to ai with strength 0.5.
  CHECK(has(html,
            "Deckt Ihren Bedarf im Bereich KI teilweise, mit dem mäßig verwandten Gebiet "
            "Maschinelles Lernen."));
  // The fit by hand: rarity (BM25 idf over 4 candidates) of ai ln(1 + 2.5/2.5) = ln 2, of h2
  // ln(1 + 3.5/1.5) = ln(10/3); G4 meets h2 only: ln(10/3) / (ln 2 + ln(10/3)) = 63.5 %; G3
  // meets ai by ml: 0.3 (theme credit) x 0.5 x ln 2 / (ln 2 + ln(10/3)) = 5.5 %.
  CHECK(has(html,
            "Passt zu 1 von 2 Ihrer Bedarfe: Passung 63,5 % (seltenere Bedarfe zählen "
            "mehr)."));
  CHECK(has(html,
            "Passt zu 1 von 2 Ihrer Bedarfe: Passung 5,5 % (seltenere Bedarfe zählen "
            "mehr)."));
  // G2's one tie: to P1.
  CHECK(has(html, "Arbeitet mit 1 Akteur der Region zusammen."));
  // G2 shares the partner P1 and the cluster with the firm.
  CHECK(has(html, "Sie haben 1 gemeinsamen Partner: Partner AG."));
  // The bridge bonus is named where it applies: G4 and G3 have no tie to the firm's part of the
  // network (F1 - P1 - G2), G2 has.
  const auto card_of = [&](const std::string& name) {
    const auto at = html.find("class=\"card recommendation\"><h3>" + name);
    REQUIRE(at != std::string::npos);
    return html.substr(at, html.find("class=\"card recommendation\"", at + 1) - at);
  };
  const std::string bridge =
      "Noch nicht mit Ihrem Teil des Netzwerks verbunden: eine Brücke in einen neuen Teil "
      "(Bonus 0,10).";
  CHECK(has(card_of("Wasserstoff-Labor"), bridge));
  CHECK(has(card_of("Gruppe ML"), bridge));
  CHECK_FALSE(has(card_of("Institut Daten"), bridge));
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
  CHECK(has(html,
            "Covers your need for AI (a main field there): 2 of 4 research partners offer "
            "it."));
  // G1 meets ai: ln 2 / (ln 2 + ln(10/3)) = 36.5 %.
  CHECK(has(html, "Matches 1 of your 2 needs: fit 36.5% (rarer needs count more)."));
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

TEST_CASE("firm report: a university, a chair or a cluster is refused by name and kind",
          "[report][firm]") {
  const auto region = report::test::hand_region();
  const match::TransferScorer scorer(region, {});
  for (const auto& [id, kind] : {std::pair{"U1", "university"}, std::pair{"G1", "research group"},
                                 std::pair{"C1", "cluster"}}) {
    INFO(id);
    std::string message;
    try {
      (void)report::firm_report(scorer, *region.find(id), {.lang = Lang::de});
    } catch (const InvalidInput& e) {
      message = e.what();
    }
    CHECK_THAT(message, Catch::Contains(std::string("'") + id + "'") &&
                            Catch::Contains(std::string("is a ") + kind + ", not a firm") &&
                            Catch::Contains(std::string("verbund show ") + id) &&
                            Catch::Contains("verbund report region"));
  }
  CHECK_NOTHROW(report::require_firm(region, *region.find("P1")));
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

namespace {

// A firm with only an id and a name, for the partner lists below.
core::ActorId add_firm(core::RegionBuilder& b, const char* id, const char* name) {
  core::ActorRecord r;
  r.id = id;
  r.name = name;
  r.kind = core::ActorKind::firm;
  return b.add_actor(r);
}

}  // namespace

TEST_CASE("firm report: a tie that ended before the region's present is a former partner",
          "[report][firm]") {
  core::Taxonomy taxonomy;
  core::RegionBuilder b(taxonomy);
  const auto actor = [&](const char* id, const char* name) { return add_firm(b, id, name); };
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

TEST_CASE("firm report: two partners of the same name are told apart by their ids",
          "[report][firm]") {
  core::Taxonomy taxonomy;
  core::RegionBuilder b(taxonomy);
  const auto actor = [&](const char* id, const char* name) { return add_firm(b, id, name); };
  const auto f = actor("F", "Firma");
  const auto k1 = actor("F000175", "Kowalski Handel e.K.");
  const auto k2 = actor("F007321", "Kowalski Handel e.K.");
  const auto other = actor("B", "Neue Partner GmbH");
  b.add_tie({f, k1, core::TieKind::supply, 1.0, 2015, std::nullopt});
  b.add_tie({f, k1, core::TieKind::informal, 1.0, 2016, std::nullopt});  // one actor, two ties
  b.add_tie({f, k2, core::TieKind::supply, 1.0, 2005, 2008});            // former partner
  b.add_tie({f, other, core::TieKind::supply, 1.0, 2020, std::nullopt});
  const auto region = std::move(b).build();
  const match::TransferScorer scorer(region, {});
  const auto html = report::firm_report(scorer, *region.find("F"), {.lang = Lang::en});
  CHECK(has(html, "Kowalski Handel e.K. (F000175)"));
  CHECK(has(html, "Kowalski Handel e.K. (F007321)"));
  CHECK(has(html, "Neue Partner GmbH"));
  CHECK_FALSE(has(html, "Neue Partner GmbH ("));  // a unique name stays as it is
}

namespace {

// One need (ai) and five candidates that meet it differently: offered with weight 1, 0.6 and
// 0.3, and by related competences of strength 0.8 and 0.3; every candidate's capacity given.
core::Region one_need_region(int capacity) {
  core::Taxonomy taxonomy;
  const auto digital = taxonomy.add_theme({"digital", "Digital", "Digitales"});
  const auto ai = taxonomy.add_competence("ai", "AI", "KI", digital);
  const auto ml = taxonomy.add_competence("ml", "Machine learning", "Maschinelles Lernen", digital);
  const auto rob = taxonomy.add_competence("rob", "Robotics", "Robotik", digital);
  taxonomy.relate(ai, ml, 0.8F);
  taxonomy.relate(ai, rob, 0.3F);
  core::RegionBuilder b(taxonomy);
  const auto actor = [&](const char* id, core::ActorKind kind, std::optional<int> cap) {
    core::ActorRecord r;
    r.id = id;
    r.name = std::string("Name ") + id;
    r.kind = kind;
    r.capacity = cap;
    return b.add_actor(r);
  };
  using K = core::ActorKind;
  const auto f = actor("F", K::firm, {});
  b.add_competence(f, ai, core::CompetenceRole::need, 1.0F);
  const std::pair<core::CompetenceId, float> offers[] = {
      {ai, 1.0F}, {ai, 0.6F}, {ai, 0.3F}, {ml, 1.0F}, {rob, 1.0F}};
  const char* ids[] = {"A", "B", "C", "D", "E"};
  for (std::size_t i = 0; i < 5; ++i) {
    const auto g = actor(ids[i], K::research_institute, capacity);
    b.add_competence(g, offers[i].first, core::CompetenceRole::offer, offers[i].second);
  }
  return std::move(b).build();
}

}  // namespace

TEST_CASE("firm report: the reasons tell candidates for the same need apart", "[report][firm]") {
  const auto region = one_need_region(3);
  const match::TransferScorer scorer(region, {});
  const auto html = report::firm_report(scorer, *region.find("F"), {.lang = Lang::en, .top = 5});
  // One need: the fit is the credit, offer weight or 0.3 (theme credit) x strength.
  for (const char* fit : {"100.0%", "60.0%", "30.0%", "24.0%", "9.0%"})
    CHECK(has(html, std::string("Matches your one need: fit ") + fit + "."));
  // 3 of the 5 offer ai itself, each with a different weight.
  CHECK(has(html, "Covers your need for AI (a main field there): 3 of 5 research partners"));
  CHECK(has(html, "Covers your need for AI (one field among others there): 3 of 5"));
  CHECK(has(html, "Covers your need for AI (a side field there): 3 of 5"));
  CHECK(
      has(html, "Partly covers your need for AI with Machine learning, a closely related field."));
  CHECK(has(html, "Partly covers your need for AI with Robotics, a loosely related field."));
  // No two candidates carry the same reasons.
  const auto de = report::firm_report(scorer, *region.find("F"), {.lang = Lang::de, .top = 5});
  CHECK(
      has(de, "Deckt Ihren Bedarf im Bereich KI (dort ein Arbeitsgebiet unter anderen): 3 von 5"));
  CHECK(has(de, "Deckt Ihren Bedarf im Bereich KI (dort ein Nebengebiet): 3 von 5"));
  CHECK(has(de,
            "Deckt Ihren Bedarf im Bereich KI teilweise, mit dem entfernt verwandten Gebiet "
            "Robotik."));
  CHECK(has(de, "Passt zu Ihrem einzigen Bedarf: Passung 24,0 %."));
}

TEST_CASE("firm report: all offerers fully booked is said so, not 'nobody offers it'",
          "[report][firm]") {
  const auto full = one_need_region(0);
  const match::TransferScorer scorer(full, {});
  const auto en = report::firm_report(scorer, *full.find("F"), {.lang = Lang::en});
  CHECK(has(en,
            "5 research partners offer what this actor needs (or a related competence), but all "
            "of them are fully booked at present."));
  CHECK_FALSE(has(en, "No research partner offers"));
  const auto de = report::firm_report(scorer, *full.find("F"), {.lang = Lang::de});
  CHECK(has(de,
            "5 Forschungspartner bieten, was dieser Akteur sucht (oder Verwandtes), sind "
            "derzeit aber alle ausgelastet."));
  // With free capacity the same region lists them and says nothing of the kind.
  const auto free = one_need_region(3);
  const match::TransferScorer open(free, {});
  CHECK_FALSE(has(report::firm_report(open, *free.find("F"), {.lang = Lang::en}), "fully booked"));
}

TEST_CASE("firm report: every transfer reason agrees in number, in both languages",
          "[report][firm][lang]") {
  std::set<std::string> seen;
  const auto walk = [&](const core::Region& region, std::span<const core::ActorId> firms) {
    const match::TransferScorer scorer(region, {});
    for (const auto firm : firms) {
      const auto needs = match::needs_of(region, firm);
      for (const auto lang : {Lang::en, Lang::de}) {
        report::OfferCounts counts;
        for (const auto c : scorer.candidates()) {
          const auto e = scorer.explain(firm, needs, c);
          for (const auto& s : report::transfer_reasons(scorer, firm, c, e, lang, counts)) {
            INFO(s);
            CHECK(test::disagreement(s, &seen).empty());
          }
        }
      }
    }
  };
  const auto hand = report::test::hand_region();
  const std::array firms{*hand.find("F1"), *hand.find("P1")};
  walk(hand, firms);
  // A generated region: candidates with one and with many partners, shared partners.
  const auto ruhr = gen::generate_ruhr_region(gen::load_ruhr_base(gen::bundled_ruhr_dir()),
                                              {.firms = 300, .seed = 3});
  auto seekers = match::seekers_of(ruhr);
  seekers.resize(std::min<std::size_t>(seekers.size(), 4));
  walk(ruhr, seekers);
  // Candidates that work with one actor and with several, in both languages.
  for (const char* form : {"1 actor", "n actors", "1 Akteur", "n Akteuren"}) {
    INFO(form);
    CHECK(seen.contains(form));
  }
}

TEST_CASE("transfer reasons: shared partners run now, same names told apart, one full stop",
          "[report][firm]") {
  core::Taxonomy taxonomy;
  const auto digital = taxonomy.add_theme({"digital", "Digital", "Digitales"});
  const auto ai = taxonomy.add_competence("ai", "AI", "KI", digital);
  core::RegionBuilder b(taxonomy);
  const auto actor = [&](const char* id, const char* name, core::ActorKind kind) {
    core::ActorRecord r;
    r.id = id;
    r.name = name;
    r.kind = kind;
    if (core::is_science(kind)) r.capacity = 2;
    return b.add_actor(r);
  };
  using K = core::ActorKind;
  const auto f = actor("F", "Firma", K::firm);
  const auto g = actor("G", "Lehrstuhl KI", K::research_group);
  const auto k1 = actor("F000175", "Kowalski Handel e.K.", K::firm);
  const auto k2 = actor("F007321", "Kowalski Handel e.K.", K::firm);
  const auto lippe = actor("F011285", "Lippe Elektrotechnik e.K.", K::firm);
  b.add_competence(f, ai, core::CompetenceRole::need, 1.0F);
  b.add_competence(g, ai, core::CompetenceRole::offer, 1.0F);
  for (const auto k : {k1, k2}) {
    b.add_tie({f, k, core::TieKind::supply, 1.0, 2015, std::nullopt});
    b.add_tie({g, k, core::TieKind::research, 1.0, 2016, std::nullopt});
  }
  b.add_tie({f, lippe, core::TieKind::supply, 1.0, 2018, 2021});  // ended: a former partner
  b.add_tie({g, lippe, core::TieKind::research, 1.0, 2022, std::nullopt});
  const auto region = std::move(b).build();
  const match::TransferScorer scorer(region, {});
  const auto needs = match::needs_of(region, f);
  std::string en, de;
  for (const auto lang : {Lang::en, Lang::de}) {
    report::OfferCounts counts;
    const auto why =
        report::transfer_reasons(scorer, f, g, scorer.explain(f, needs, g), lang, counts);
    for (const auto& s : why) (lang == Lang::en ? en : de) += s + "\n";
  }
  INFO(en << de);
  CHECK(has(en,
            "You share 2 partners: Kowalski Handel e.K. (F000175), Kowalski Handel e.K. "
            "(F007321).\n"));
  CHECK(has(de,
            "Sie haben 2 gemeinsame Partner: Kowalski Handel e.K. (F000175), Kowalski "
            "Handel e.K. (F007321).\n"));
  CHECK_FALSE(has(en + de, "Lippe"));
  CHECK_FALSE(has(en + de, ".."));

  // One shared partner whose name ends in a full stop: the sentence keeps a single one.
  core::RegionBuilder one(taxonomy);
  const auto add = [&](const char* id, const char* name, core::ActorKind kind) {
    core::ActorRecord r;
    r.id = id;
    r.name = name;
    r.kind = kind;
    if (core::is_science(kind)) r.capacity = 2;
    return one.add_actor(r);
  };
  const auto f1 = add("F", "Firma", K::firm);
  const auto g1 = add("G", "Lehrstuhl KI", K::research_group);
  const auto l1 = add("L", "Lippe Elektrotechnik e.K.", K::firm);
  one.add_competence(f1, ai, core::CompetenceRole::need, 1.0F);
  one.add_competence(g1, ai, core::CompetenceRole::offer, 1.0F);
  one.add_tie({f1, l1, core::TieKind::supply, 1.0, 2020, std::nullopt});
  one.add_tie({g1, l1, core::TieKind::research, 1.0, 2020, std::nullopt});
  const auto small = std::move(one).build();
  const match::TransferScorer small_scorer(small, {});
  report::OfferCounts counts;
  const auto why = report::transfer_reasons(
      small_scorer, f1, g1, small_scorer.explain(f1, match::needs_of(small, f1), g1), Lang::de,
      counts);
  CHECK(std::find(why.begin(), why.end(),
                  "Sie haben 1 gemeinsamen Partner: Lippe Elektrotechnik e.K.") != why.end());
}
