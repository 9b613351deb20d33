// Languages: parsing, the locale default, numbers as each reader writes them.
#include <catch2/catch.hpp>

#include "verbund/sim/indicators.hpp"

#include "verbund/report/lang.hpp"

using namespace verbund::report;
using verbund::core::ActorKind;
using verbund::core::TieKind;

TEST_CASE("parse_lang accepts de and en only", "[report]") {
  CHECK(parse_lang("de") == Lang::de);
  CHECK(parse_lang("EN") == Lang::en);
  CHECK_FALSE(parse_lang("fr"));
  CHECK_FALSE(parse_lang(""));
  CHECK_FALSE(parse_lang("deu"));
}

TEST_CASE("the locale picks German for de*, English otherwise, LC_ALL first", "[report]") {
  CHECK(lang_from_locale(nullptr, nullptr, "de_DE.UTF-8") == Lang::de);
  CHECK(lang_from_locale(nullptr, nullptr, "en_GB.UTF-8") == Lang::en);
  CHECK(lang_from_locale("en_US.UTF-8", nullptr, "de_DE.UTF-8") == Lang::en);
  CHECK(lang_from_locale("", "de_AT", "en_US") == Lang::de);  // empty = unset
  CHECK(lang_from_locale(nullptr, nullptr, nullptr) == Lang::en);
  CHECK(lang_from_locale("C", nullptr, "de_DE") == Lang::en);
}

TEST_CASE("numbers use the reader's decimal mark and separators", "[report]") {
  CHECK(number(Lang::de, 0.25) == "0,25");
  CHECK(number(Lang::en, 0.25) == "0.25");
  CHECK(number(Lang::en, -0.001) == "0.00");
  CHECK(number(Lang::en, 1.0 / 0.0) == "–");
  CHECK(count(Lang::de, 1234567) == "1.234.567");
  CHECK(count(Lang::en, 1234567) == "1,234,567");
  CHECK(count(Lang::en, 999) == "999");
  CHECK(percent(Lang::de, 0.125) == "12,5 %");
  CHECK(percent(Lang::en, 0.125) == "12.5%");
}

TEST_CASE("every kind, tie kind, indicator and verdict has a name in both languages", "[report]") {
  for (const auto k : verbund::core::all_actor_kinds) {
    CHECK_FALSE(label(Lang::de, k).empty());
    CHECK_FALSE(label(Lang::en, k).empty());
    CHECK_FALSE(plural(Lang::de, k).empty());
  }
  CHECK(label(Lang::de, ActorKind::research_institute) == "Forschungsinstitut");
  for (const auto t : verbund::core::all_tie_kinds) CHECK_FALSE(label(Lang::de, t).empty());
  CHECK(label(Lang::de, TieKind::transfer) == "Transferpartnerschaft");
  for (std::size_t i = 0; i < verbund::sim::indicator_count; ++i)
    CHECK_FALSE(indicator_label(Lang::de, i).empty());
  CHECK(indicator_label(Lang::de, verbund::sim::indicator_count).empty());
  CHECK(verdict_of(0.1, 0.3) == Verdict::higher);
  CHECK(verdict_of(-0.3, -0.1) == Verdict::lower);
  CHECK(verdict_of(0.0, 0.0) == Verdict::unchanged);
  CHECK(verdict_of(-0.1, 0.2) == Verdict::unclear);
  CHECK(label(Lang::de, Verdict::higher) == "höher");
}

TEST_CASE("taxonomy labels fall back to the other language, then the id", "[report]") {
  verbund::core::Competence c{"ai", "Artificial intelligence", "Künstliche Intelligenz", {}};
  CHECK(label(Lang::de, c) == "Künstliche Intelligenz");
  CHECK(label(Lang::en, c) == "Artificial intelligence");
  c.label_de.clear();
  CHECK(label(Lang::de, c) == "Artificial intelligence");
  c.label_en.clear();
  CHECK(label(Lang::en, c) == "ai");
}
