// The CLI's table words in German, and the partner reasons in sentences.
#include <catch2/catch.hpp>

#include "verbund/report/reasons.hpp"
#include "verbund/report/terms.hpp"
#include "verbund/sim/indicators.hpp"

using namespace verbund::report;

TEST_CASE("term: English unchanged, German from the dictionary and the vocabulary", "[report]") {
  CHECK(term(Lang::en, "rank") == "rank");
  CHECK(term(Lang::de, "rank") == "Rang");
  // The first and last words of the sorted dictionary: the binary search reaches both ends.
  CHECK(term(Lang::de, "E-I index") == "E-I-Index");
  CHECK(term(Lang::de, "working groups") == "Arbeitskreise");
  // Kinds as core::to_string writes them, the same names as the reports use.
  CHECK(term(Lang::de, "research_institute") ==
        label(Lang::de, verbund::core::ActorKind::research_institute));
  CHECK(term(Lang::de, "supply") == label(Lang::de, verbund::core::TieKind::supply));
  CHECK(term(Lang::de, "no clear change") == "keine klare Veränderung");
  // Every simulation indicator has its German name.
  for (std::size_t k = 0; k < verbund::sim::indicator_names.size(); ++k) {
    CHECK(has_term(verbund::sim::indicator_names[k]));
    CHECK(term(Lang::de, verbund::sim::indicator_names[k]) == indicator_label(Lang::de, k));
  }
  // A name is not a word of the dictionary: it stays as it is.
  CHECK_FALSE(has_term("Universität Duisburg-Essen"));
  CHECK(term(Lang::de, "Universität Duisburg-Essen") == "Universität Duisburg-Essen");
  CHECK(term(Lang::de, "") == "");
}

TEST_CASE("partner reasons: one sentence per part above zero, in the language", "[report]") {
  verbund::match::PartnerRecommendation p{};
  CHECK(partner_reasons(p, false, Lang::en).empty());
  p.ties = 0.5;
  p.needs = 0.25;
  const auto en = partner_reasons(p, false, Lang::en);
  REQUIRE(en.size() == 2);
  CHECK(en[0] == "Already works with 50.0% of the members.");
  CHECK(en[1] == "Offers 25.0% of what the members need.");
  const auto de = partner_reasons(p, false, Lang::de);
  REQUIRE(de.size() == 2);
  CHECK(de[0] == "Arbeitet schon mit 50,0 % der Mitglieder.");
  // With a call: the objective and whether rules stay open, whatever the parts.
  p.objective = 1.5;
  p.deficits = 0.0;
  const auto call = partner_reasons(p, true, Lang::de);
  REQUIRE(call.size() == 2);
  CHECK(call[0] == "Mit ihm erreicht das Konsortium den Zielwert 1,500.");
  CHECK(call[1] == "Mit ihm erfüllt das Konsortium alle Regeln.");
  p.deficits = 2.0;
  CHECK(partner_reasons(p, true, Lang::en)[1] == "Rule gaps left to close: 2.0.");
}
