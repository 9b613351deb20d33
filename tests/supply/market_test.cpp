#include <catch2/catch.hpp>

#include "../core/region_fixture.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/error.hpp"
#include "verbund/supply/market.hpp"

using namespace verbund;

namespace {

supply::MarketData small_market() {
  supply::MarketData d;
  d.categories = {{"castings", "Castings", "Gussteile", "green", {"24.5"}, "t", 2},
                  {"logistics", "Logistics", "Logistik", "", {"49", "52"}, "shipments", 3}};
  d.certifications = {{"iso-9001", "ISO 9001", "ISO 9001", 2},
                      {"iatf-16949", "IATF 16949", "IATF 16949", 3}};
  d.offers = {{"f2", "castings", 100.0, {"iso-9001", "iatf-16949"}, 6.0, std::nullopt, 2},
              {"f1", "castings", 50.0, {"iso-9001"}, std::nullopt, 5.0, 3},
              {"f1", "logistics", 10.0, {}, std::nullopt, std::nullopt, 4}};
  d.demands = {{"f3", "castings", 80.0, {"iso-9001"}, supply::Sourcing::abroad,
                supply::Criticality::high, 2},
               {"uni", "logistics", 2.0, {}, supply::Sourcing::region, supply::Criticality::low, 3}};
  d.flows = {{"f2", "f3", "castings", 30.0, 2020, std::nullopt, 2},
             {"f2", "f3", "castings", 40.0, 2010, 2015, 3}};
  d.offers_origin = {"offers.csv", {"supplier", "category", "capacity", "certifications"}};
  d.demands_origin = {"demands.csv", {"buyer", "category", "quantity", "certifications"}};
  d.flows_origin = {"flows.csv", {"supplier", "buyer", "category", "volume"}};
  d.categories_origin = {"categories.csv", {"id", "label_en", "label_de", "theme"}};
  return d;
}

}  // namespace

TEST_CASE("a market resolves, sorts and indexes its records", "[supply]") {
  const auto region = core::build_region(test::small_region_data());
  const auto market = supply::Market::build(region, small_market());
  const auto castings = *market.find_category("castings");
  REQUIRE(market.offers_in(castings).size() == 2);
  CHECK(market.offers_in(castings)[0].supplier < market.offers_in(castings)[1].supplier);
  const auto f2 = *region.find("f2");
  const auto offer = market.offers()[*market.find_offer(f2, castings)];
  CHECK(offer.committed == 30.0);  // the 2010-2015 flow has ended
  CHECK(offer.free_capacity() == 70.0);
  CHECK(market.describe(offer.certifications) == "iso-9001, iatf-16949");
  CHECK(supply::covers(offer.certifications, supply::CertificationSet{1}));
  CHECK(market.offers_of(*region.find("f1")).size() == 2);
  CHECK(market.demands_of(*region.find("f3")).size() == 1);
  CHECK(market.flows_to(*region.find("f3")).size() == 2);
  CHECK(market.flows_from(f2).size() == 2);
  CHECK(market.demands_in(castings).size() == 1);

  const auto in_2012 = supply::Market::build(region, small_market(), {.year = 2012});
  CHECK(in_2012.offers()[*in_2012.find_offer(f2, castings)].committed == 40.0);
}

TEST_CASE("a market refuses bad records at file, line and column", "[supply]") {
  const auto region = core::build_region(test::small_region_data());
  auto expect = [&](supply::MarketData d, const std::string& where, const std::string& what) {
    try {
      (void)supply::Market::build(region, d);
      FAIL("accepted");
    } catch (const InvalidInput& e) {
      CHECK(e.where().to_string() == where);
      CHECK_THAT(e.detail(), Catch::Contains(what));
    }
  };
  auto d = small_market();
  d.offers[0].category = "forgings";
  expect(d, "offers.csv:2:2", "unknown input category 'forgings'");
  d = small_market();
  d.offers[1].capacity = 0.0;
  expect(d, "offers.csv:3:3", "capacity must be a finite number > 0");
  d = small_market();
  d.demands[0].certifications = {"en-9100"};
  expect(d, "demands.csv:2:4", "unknown certification 'en-9100'");
  d = small_market();
  d.offers[0].supplier = "uni";
  expect(d, "offers.csv:2:1", "is a university, not a firm");
  d = small_market();
  d.offers[2].category = "castings";
  expect(d, "offers.csv:4:2", "a second offer of 'f1' in 'castings'");
  d = small_market();
  d.flows[0].buyer = "f2";
  expect(d, "flows.csv:2:2", "to itself");
  d = small_market();
  d.demands[1].quantity = std::numeric_limits<double>::infinity();
  expect(d, "demands.csv:3:3", "quantity must be a finite number > 0");
}
