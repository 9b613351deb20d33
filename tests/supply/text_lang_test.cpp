// The supply engines' sentences in both languages: every reason the search, the sourcing plan
// and the joint-offer search write has a German text (no English word left in it), and the
// English ones are as before.
#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "../core/region_fixture.hpp"
#include "agreement.hpp"
#include "random_market.hpp"
#include "small_market.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/report/terms.hpp"
#include "verbund/supply/joint_offer.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/requirement.hpp"
#include "verbund/supply/search.hpp"
#include "verbund/supply/sourcing_plan.hpp"

using namespace verbund;
using report::Lang;
using verbund::test::disagreement;

namespace {

// Words of the English sentences that no German one may contain: a branch left untranslated
// shows up here.
bool has_english(const std::string& text) {
  static const std::vector<std::string> words{
      "the ",     " of ",     "your",       "you ",     "holds",     "lead time", "capacity",
      "deliver",  "category", "categories", " away",    "source",    "shares",    "would ",
      "tied",     "required", "location",   "unknown",  " is ",      "supplier",  "needs ",
      "offers ",  "none ",    "free ",      "group",    "member",    "allowed",   "needed",
      "excluded", " and ",    "SMEs",       "partners", "certified", "short",     "cap "};
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return text.find(w) != std::string::npos; });
}

// The English sentence with its numbers taken out: one per branch of the text.
std::string shape(std::string text) {
  std::erase_if(text, [](char c) { return c >= '0' && c <= '9'; });
  return text.substr(0, std::min<std::size_t>(text.size(), 18));
}

}  // namespace

TEST_CASE("every supplier-search reason has a German text", "[supply][lang]") {
  std::set<std::string> shapes;  // the branches the markets reached
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const auto region = core::build_region(test::random_firms(seed, 14));
    const auto market = supply::Market::build(
        region, test::random_market(seed, {.actors = 14, .offer_chance = 0.6}));
    const supply::SupplierIndex index(market);
    for (std::uint32_t d = 0; d < market.demands().size(); ++d) {
      for (std::uint32_t o = 0; o < market.offers().size(); ++o) {
        const auto en = index.explain(d, o, Lang::en);
        const auto de = index.explain(d, o, Lang::de);
        REQUIRE(en.has_value() == de.has_value());
        if (!en) continue;
        CHECK(index.explain(d, o)->reasons.size() == en->reasons.size());  // English by default
        REQUIRE(en->reasons.size() == de->reasons.size());
        CHECK(en->score.total == de->score.total);
        for (std::size_t k = 0; k < en->reasons.size(); ++k) {
          INFO(en->reasons[k].text << " | " << de->reasons[k].text);
          CHECK(en->reasons[k].part == de->reasons[k].part);
          CHECK(en->reasons[k].text != de->reasons[k].text);
          CHECK_FALSE(has_english(de->reasons[k].text));
          shapes.insert(shape(en->reasons[k].text));
        }
      }
    }
  }
  // The markets reach most branches: certifications, categories, lead time, capacity, distance,
  // references, relation and sources.
  CHECK(shapes.size() >= 14);
}

TEST_CASE("the sourcing plan says why a demand stays unmet in German", "[supply][lang]") {
  const auto region = core::build_region(test::small_region_data());
  auto d = test::castings_market(60.0, 60.0);
  using supply::Criticality;
  using supply::Sourcing;
  d.demands = {{"f3", "castings", 100.0, {"iso-9001"}, Sourcing::abroad, Criticality::high, 2},
               {"f3", "logistics", 50.0, {}, Sourcing::germany, Criticality::low, 3},
               {"f4", "castings", 100.0, {"iso-9001"}, Sourcing::abroad, Criticality::low, 4},
               {"f4", "forgings", 5.0, {}, Sourcing::abroad, Criticality::low, 5},
               {"f1", "castings", 10.0, {"iatf-16949"}, Sourcing::abroad, Criticality::low, 6},
               {"uni", "castings", 150.0, {"iso-9001"}, Sourcing::abroad, Criticality::low, 7}};
  const auto market = supply::Market::build(region, d);
  const supply::SupplierIndex index(market);
  const auto en = supply::plan_sourcing(index, {.max_share = 0.6});
  const auto de = supply::plan_sourcing(index, {.max_share = 0.6, .lang = Lang::de});
  REQUIRE(en.unmet.size() == de.unmet.size());
  std::set<supply::UnmetReason> reasons;
  for (std::size_t k = 0; k < en.unmet.size(); ++k) {
    INFO(en.unmet[k].why << " | " << de.unmet[k].why);
    CHECK(en.unmet[k].reason == de.unmet[k].reason);
    CHECK(en.unmet[k].quantity == de.unmet[k].quantity);
    CHECK_FALSE(has_english(de.unmet[k].why));
    reasons.insert(en.unmet[k].reason);
  }
  // Every reason code is reached: no supplier, share cap, capacity short, capacity taken.
  CHECK(reasons.size() == 4);
  const auto said = [&](const char* text) {
    return std::any_of(de.unmet.begin(), de.unmet.end(),
                       [&](const auto& u) { return u.why == text; });
  };
  CHECK(said("in der Region gibt es keinen Zulieferer im Bereich Schmiedeteile"));
  CHECK(said("kein Zulieferer der Region im Bereich Gussteile hat IATF 16949"));
  CHECK(std::any_of(en.unmet.begin(), en.unmet.end(), [](const auto& u) {
    return u.why == "no supplier in the region offers forgings";  // English as before
  }));
}

TEST_CASE("a joint offer's diagnosis and broken rules in German", "[supply][lang]") {
  const auto region = core::build_region(test::random_firms(2, 6));
  const auto market = supply::Market::build(region, test::coating_market());
  const auto req = supply::parse_requirement(R"(certifications = ["iatf"]
[partners]
max = 6
min_smes = 5
[[input]]
category = "castings"
quantity = 150
[[input]]
category = "coating"
quantity = 10
)",
                                             "req.toml");
  const auto en = supply::find_joint_offers(market, req);
  const auto de = supply::find_joint_offers(market, req, {.lang = Lang::de});
  REQUIRE(de.diagnosis.size() == en.diagnosis.size());
  REQUIRE(de.diagnosis.size() == 3);
  CHECK(en.diagnosis[0] ==
        "Castings (castings): the customer needs 150 t a year; the 1 supplier with IATF 16949 has "
        "100 t free in all, 50 t short.");
  CHECK(
      de.diagnosis[0] ==
      "Gussteile (castings): der Kunde braucht 150 t im Jahr; der 1 Zulieferer mit IATF 16949 hat "
      "100 t frei, 50 t zu wenig.");
  CHECK(de.diagnosis[1] ==
        "Im Bereich Oberflächentechnik (coating) gibt es 1 regionalen Zulieferer, aber keinen mit "
        "IATF 16949.");
  for (const auto& s : de.diagnosis) {
    INFO(s);
    CHECK_FALSE(has_english(s));
  }
  // The rules a group breaks, as criticality reports them.
  const std::vector<core::ActorId> group{*region.find("s1"), *region.find("s1")};
  const auto broken_en = supply::check_joint_offer(market, req, group);
  const auto broken_de = supply::check_joint_offer(market, req, group, Lang::de);
  REQUIRE(broken_en.size() == broken_de.size());
  CHECK(std::find(broken_de.begin(), broken_de.end(), "nennt ein Mitglied zweimal") !=
        broken_de.end());
  for (const auto& s : broken_de) {
    INFO(s);
    CHECK_FALSE(has_english(s));
  }
}

namespace {

// Phrases that speak to the buyer, which no sentence to the supplier may contain (and the
// reverse).
bool addresses_buyer(const std::string& text) {
  static const std::vector<std::string> phrases{
      "covers your", "% of your",        "to you",        "with you",      "your regional",
      "your first",  "your second",      "its only",      "its location",  "of its",
      "deckt Ihre",  "% Ihrer",          "an Sie",        "mit Ihnen",     "Ihre erste",
      "Ihre zweite", "Ihrer regionalen", "seine einzige", "sein Standort", "seiner"};
  return std::any_of(phrases.begin(), phrases.end(),
                     [&](const std::string& p) { return text.find(p) != std::string::npos; });
}
bool addresses_supplier(const std::string& text) {
  static const std::vector<std::string> phrases{"the buyer",   "Abnehmer",   "your free",
                                                "you hold",    "Ihre freie", "you deliver",
                                                "Sie liefern", "your only",  "Ihre einzige"};
  return std::any_of(phrases.begin(), phrases.end(),
                     [&](const std::string& p) { return text.find(p) != std::string::npos; });
}

}  // namespace

TEST_CASE("the agreement check catches the sentences the trial found", "[supply][lang]") {
  for (const char* bad :
       {"hat 1 gemeinsame Partner mit Ihnen", "deckt Ihre 1 Aufträge", "shares 1 partners with you",
        "already delivers to 2 firm", "Lieferzeit 2 Woche", "the maximum of 1 meetings"})
    CHECK_FALSE(disagreement(bad).empty());
  for (const char* good : {"hat 1 gemeinsamen Partner mit Ihnen", "deckt Ihre 1.155 Aufträge",
                           "deckt Ihre 1,5 Stunden", "shares 0 partners", "Lieferzeit 1 Woche"})
    CHECK(disagreement(good).empty());
}

TEST_CASE("amounts and counts agree with their number in both languages", "[supply][lang]") {
  using report::amount;
  CHECK(amount(Lang::en, 1.0, "orders") == "1 order");
  CHECK(amount(Lang::de, 1.0, "orders") == "1 Auftrag");
  CHECK(amount(Lang::de, 0.0, "orders") == "0 Aufträge");
  CHECK(amount(Lang::en, 2.0, "hours") == "2 hours");
  CHECK(amount(Lang::de, 1.0, "hours") == "1 Stunde");
  CHECK(amount(Lang::de, 1.5, "hours") == "1,5 Stunden");
  CHECK(amount(Lang::en, 1.04, "hours") == "1 hour");  // as written: one decimal, rounded
  CHECK(amount(Lang::de, 1155.0, "parts") == "1.155 Teile");
  CHECK(amount(Lang::en, 1155.25, "parts") == "1,155.3 parts");
  CHECK(amount(Lang::de, 1e12, "t") == "1.000.000.000.000 t");
  CHECK(amount(Lang::de, 1.0, "t") == "1 t");
  CHECK(amount(Lang::en, 1.0, "MWh") == "1 MWh");
  CHECK(amount(Lang::de, 1.0, "weeks") == "1 Woche");
  CHECK(report::amount_number(Lang::de, 0.05, 1) == "0,1");
  CHECK(report::counted(Lang::de, 1, "partner", "partners", "gemeinsamer Partner",
                        "gemeinsame Partner") == "1 gemeinsamer Partner");
  CHECK(report::counted(Lang::en, 2, "partner", "partners", "", "") == "2 partners");
  CHECK(report::counted(Lang::en, 0, "partner", "partners", "", "") == "0 partners");
  CHECK(report::counted(Lang::de, 1234, "", "", "Teil", "Teile") == "1.234 Teile");
}

TEST_CASE("every supplier-search sentence agrees in number and speaks to its reader",
          "[supply][lang]") {
  std::set<std::string> seen;  // "1 firm", "n firms", ...: the counts the markets reached
  std::size_t sentences = 0;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    // Ties in the region, so that buyer and supplier share none, one or more partners.
    auto firms = test::random_firms(seed, 14);
    for (std::uint32_t i = 0; i < 14; ++i)
      for (const std::uint32_t step : {1U, 4U, 6U})
        if ((i * step + seed) % 5 < 2)
          firms.ties.push_back({"s" + std::to_string(i), "s" + std::to_string((i + step) % 14),
                                core::TieKind::informal, 1.0, std::nullopt, std::nullopt, 0});
    const auto region = core::build_region(firms);
    auto data = test::random_market(seed, {.actors = 14, .offer_chance = 0.6});
    // Units that change with the number, and lead times of 1 and 2 weeks.
    const char* units[] = {"orders", "hours", "parts"};
    for (std::size_t c = 0; c < data.categories.size(); ++c) data.categories[c].unit = units[c % 3];
    for (std::size_t o = 0; o < data.offers.size(); ++o)
      if (o % 3 != 0) data.offers[o].lead_time_weeks = static_cast<double>(o % 3);
    for (auto& d : data.demands) d.quantity = 1.0 + std::fmod(d.quantity, 3.0);  // 1 to 3
    const auto market = supply::Market::build(region, data);
    const supply::SupplierIndex index(market);
    for (std::uint32_t d = 0; d < market.demands().size(); ++d) {
      for (std::uint32_t o = 0; o < market.offers().size(); ++o) {
        for (const auto lang : {Lang::en, Lang::de}) {
          const auto to_buyer = index.explain(d, o, lang, supply::Perspective::buyer);
          const auto to_supplier = index.explain(d, o, lang, supply::Perspective::supplier);
          REQUIRE(to_buyer.has_value() == to_supplier.has_value());
          if (!to_buyer) continue;
          // The same facts and score, told to another reader.
          CHECK(to_buyer->score.total == to_supplier->score.total);
          REQUIRE(to_buyer->reasons.size() == to_supplier->reasons.size());
          for (std::size_t k = 0; k < to_buyer->reasons.size(); ++k) {
            const auto& b = to_buyer->reasons[k].text;
            const auto& s = to_supplier->reasons[k].text;
            INFO(b << " | " << s);
            CHECK(to_buyer->reasons[k].part == to_supplier->reasons[k].part);
            CHECK(disagreement(b, &seen).empty());
            CHECK(disagreement(s, &seen).empty());
            CHECK_FALSE(addresses_supplier(b));
            CHECK_FALSE(addresses_buyer(s));
            if (lang == Lang::de) CHECK_FALSE(has_english(s));
            sentences += 2;
          }
        }
      }
    }
  }
  INFO(sentences << " sentences");
  // Counts of 1 and of more met each form: references, shared partners, categories, amounts
  // and lead times, in both languages.
  for (const char* form :
       {"1 firm",    "n firms",    "1 partner", "n partners", "1 gemeinsamen", "n gemeinsame",
        "1 anderes", "n andere",   "1 order",   "n orders",   "1 hour",        "n hours",
        "1 Auftrag", "n Aufträge", "1 Stunde",  "n Stunden",  "1 Teil",        "n Teile",
        "1 week",    "n weeks",    "1 Woche",   "n Wochen"}) {
    INFO(form);
    CHECK(seen.contains(form));
  }
}

TEST_CASE("the joint offer's and the sourcing plan's sentences agree in number", "[supply][lang]") {
  std::vector<std::string> texts;
  // Groups of one and two members against a requirement for three to six.
  const auto region = core::build_region(test::random_firms(2, 6));
  const auto market = supply::Market::build(region, test::coating_market());
  const auto req = supply::parse_requirement(R"([partners]
min = 3
max = 6
min_smes = 3
[[input]]
category = "castings"
quantity = 500
)",
                                             "req.toml");
  for (const auto lang : {Lang::en, Lang::de}) {
    for (const auto& group : std::vector<std::vector<std::string>>{{"s0"}, {"s0", "s1"}}) {
      std::vector<core::ActorId> members;
      for (const auto& id : group) members.push_back(*region.find(id));
      for (auto& s : supply::check_joint_offer(market, req, members, lang)) texts.push_back(s);
    }
    for (auto& s : supply::find_joint_offers(market, req, {.lang = lang}).diagnosis)
      texts.push_back(s);
  }
  // The category by its label, never by its id, and the amount with its unit.
  CHECK(std::find(texts.begin(), texts.end(),
                  "Castings: qualified free capacity 100 t of 500 t needed") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(),
                  "Gussteile: qualifizierte freie Kapazität 100 t, benötigt 500 t") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "has 1 partner, allowed 3 to 6") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "has 2 partners, allowed 3 to 6") != texts.end());
  // The sourcing plan's reasons: one and two eligible suppliers under the share cap.
  const auto small = core::build_region(test::small_region_data());
  auto data = test::castings_market(100.0, 100.0);
  data.demands = {
      {"f3", "logistics", 50.0, {}, supply::Sourcing::abroad, supply::Criticality::low, 2},
      {"f4",
       "castings",
       100.0,
       {"iso-9001"},
       supply::Sourcing::abroad,
       supply::Criticality::low,
       3}};
  const auto plan_market = supply::Market::build(small, data);
  const supply::SupplierIndex index(plan_market);
  for (const auto lang : {Lang::en, Lang::de})
    for (const auto& u : supply::plan_sourcing(index, {.max_share = 0.3, .lang = lang}).unmet)
      texts.push_back(u.why);
  CHECK(std::find(texts.begin(), texts.end(),
                  "1 geeigneter Zulieferer, der höchstens 30 % des Bedarfs liefern darf") !=
        texts.end());
  CHECK(std::find(texts.begin(), texts.end(),
                  "2 eligible suppliers, each allowed at most 30% of the demand") != texts.end());
  for (const auto& t : texts) {
    INFO(t);
    CHECK(disagreement(t).empty());
    CHECK(t.find("castings:") == std::string::npos);
  }
}
