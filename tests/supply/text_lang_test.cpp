// The supply engines' sentences in both languages: every reason the search, the sourcing plan
// and the joint-offer search write has a German text (no English word left in it), and the
// English ones are as before.
#include <algorithm>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "../core/region_fixture.hpp"
#include "random_market.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/supply/joint_offer.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/requirement.hpp"
#include "verbund/supply/search.hpp"
#include "verbund/supply/sourcing_plan.hpp"

using namespace verbund;
using report::Lang;

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
  supply::MarketData d;
  d.categories = {{"castings", "Castings", "Gussteile", "", {}, "t", 2},
                  {"logistics", "Logistics", "Logistik", "", {}, "shipments", 3},
                  {"forgings", "Forgings", "Schmiedeteile", "", {}, "t", 4}};
  d.certifications = {{"iso-9001", "ISO 9001", "ISO 9001", 2},
                      {"iatf-16949", "IATF 16949", "IATF 16949", 3}};
  d.offers = {{"f1", "castings", 60.0, {"iso-9001"}, std::nullopt, std::nullopt, 2},
              {"f2", "castings", 60.0, {"iso-9001"}, std::nullopt, std::nullopt, 3},
              {"f2", "logistics", 50.0, {}, std::nullopt, std::nullopt, 4}};
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
  CHECK(said("kein Zulieferer der Region bietet Schmiedeteile an"));
  CHECK(said("kein Zulieferer von Gussteile in der Region hat iatf-16949"));
  CHECK(std::any_of(en.unmet.begin(), en.unmet.end(), [](const auto& u) {
    return u.why == "no supplier in the region offers forgings";  // English as before
  }));
}

TEST_CASE("a joint offer's diagnosis and broken rules in German", "[supply][lang]") {
  const auto region = core::build_region(test::random_firms(2, 6));
  supply::MarketData d;
  d.categories = {{"castings", "Castings", "Gussteile", "", {}, "t", 2},
                  {"coating", "Surface treatment", "Oberflächentechnik", "", {}, "m2", 3}};
  d.certifications = {{"iatf", "IATF 16949", "IATF 16949", 2}};
  d.offers = {{"s0", "castings", 100.0, {"iatf"}, {}, {}, 2},
              {"s1", "castings", 80.0, {}, {}, {}, 3},
              {"s2", "coating", 50.0, {}, {}, {}, 4}};
  const auto market = supply::Market::build(region, d);
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
        "Castings (castings): the customer needs 150 t a year; the 1 supplier with iatf has "
        "100 t free in all, 50 t short.");
  CHECK(de.diagnosis[0] ==
        "Gussteile (castings): der Kunde braucht 150 t im Jahr; der 1 Zulieferer mit iatf hat "
        "100 t frei, 50 t zu wenig.");
  CHECK(de.diagnosis[1] ==
        "1 regionaler Zulieferer bietet Oberflächentechnik (coating) an, aber keiner hat iatf.");
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
