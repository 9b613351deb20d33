// The firm report reads only its buyer's part of the supplier market (io::load_market_for_buyer):
// the report is the same, byte for byte, as on the whole market, for every buyer tried.
// (A slice of the offers must keep every offer of a supplier that offers one of the buyer's
// categories, and every flow of it: specialisation, committed capacity and references count them.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "test_support.hpp"
#include "verbund/io/store.hpp"
#include "verbund/io/supply_store.hpp"
#include "verbund/match/score.hpp"
#include "verbund/report/firm_report.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/search.hpp"

using namespace verbund;

namespace {

std::string report_on(const match::TransferScorer& scorer, const core::Region& region,
                      core::ActorId firm, const supply::MarketData& data) {
  const auto market = supply::Market::build(region, data);
  const supply::SupplierIndex index(market);
  return report::firm_report(scorer, firm, {.lang = report::Lang::de, .suppliers = &index});
}

}  // namespace

TEST_CASE("firm report: the buyer's slice of the market gives the same report as the whole",
          "[report][firm]") {
  test::ScratchDir dir;
  REQUIRE(
      test::run_cli({"generate", "ruhr", "--firms", "400", "--seed", "4"}, dir.path()).exit_code ==
      0);
  const auto store = io::Store::open(dir / "verbund.db");
  const auto region = store.load_region();
  const auto whole = io::load_market(store);
  REQUIRE(!whole.demands.empty());
  const match::TransferScorer scorer(region, {});
  // Every tenth buyer with demands, and a firm without any.
  std::set<std::string> buyers;
  for (std::size_t d = 0; d < whole.demands.size(); d += 10) buyers.insert(whole.demands[d].buyer);
  for (const auto a : region.actors_of_kind(core::ActorKind::firm)) {
    const std::string id(region.external_id(a));
    if (std::none_of(whole.demands.begin(), whole.demands.end(),
                     [&](const auto& d) { return d.buyer == id; })) {
      buyers.insert(id);
      break;
    }
  }
  REQUIRE(buyers.size() > 5);
  std::size_t smaller = 0, german_units = 0;
  for (const auto& buyer : buyers) {
    INFO(buyer);
    const auto slice = io::load_market_for_buyer(store, buyer);
    smaller += slice.demands.size() + slice.offers.size() + slice.flows.size() <
               whole.demands.size() + whole.offers.size() + whole.flows.size();
    const auto firm = *region.find(buyer);
    const auto html = report_on(scorer, region, firm, slice);
    CHECK(html == report_on(scorer, region, firm, whole));
    // Units in German (the generated market has parts, hours, orders, shipments, units).
    for (const char* english : {" parts im Jahr", " hours im Jahr", " orders im Jahr",
                                " shipments im Jahr", " units im Jahr"})
      CHECK(html.find(english) == std::string::npos);
    german_units += html.find(" Stunden im Jahr") != std::string::npos ||
                    html.find(" Teile im Jahr") != std::string::npos;
  }
  CHECK(german_units > 0);
  CHECK(smaller == buyers.size());  // the slice is a slice
}
