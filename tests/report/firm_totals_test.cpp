// The firm report's market read with the suppliers' flows summed up (io::load_buyer_market and
// supply::Market::build_with_totals) against the whole market, every flow read and counted by
// Market::build: each offer's committed capacity (the same double), each supplier's customers,
// the flows to the buyer, the search, and the report byte for byte in both languages. Flows added
// on purpose make the order of the sum matter (1e16 + 1 + 1 is not 1 + 1 + 1e16), and add flows
// without a volume, ended ones and ones of unknown start; also counted for a year.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
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

std::string report_on(const match::TransferScorer& scorer, core::ActorId firm,
                      const supply::Market& market, report::Lang lang) {
  const supply::SupplierIndex index(market);
  return report::firm_report(scorer, firm, {.lang = lang, .suppliers = &index});
}

}  // namespace

TEST_CASE("firm report: the market with the suppliers' flows summed up equals the whole market",
          "[report][firm]") {
  test::ScratchDir dir;
  REQUIRE(
      test::run_cli({"generate", "ruhr", "--firms", "300", "--seed", "5"}, dir.path()).exit_code ==
      0);
  auto store = io::Store::open(dir / "verbund.db");
  const auto before = io::load_market(store);
  REQUIRE(!before.demands.empty());

  // The supplier with the most flows, one of its categories that a buyer demands, and flows of
  // it in that category whose sum depends on the order: Market::build adds by buyer id, the
  // flow with 1e16 goes to the buyer of the largest id but is stored first.
  std::map<std::string, std::size_t> flows_of;
  for (const auto& f : before.flows) ++flows_of[f.supplier];
  const auto busiest = std::max_element(flows_of.begin(), flows_of.end(), [](auto& a, auto& b) {
                         return a.second < b.second;
                       })->first;
  std::set<std::string> demanded;
  for (const auto& d : before.demands) demanded.insert(d.category);
  std::string category;
  for (const auto& o : before.offers)
    if (o.supplier == busiest && demanded.contains(o.category)) category = o.category;
  REQUIRE(!category.empty());
  {
    const auto region = store.load_region();
    const auto firms = region.actors_of_kind(core::ActorKind::firm);
    std::vector<std::string> to;  // three other firms, by ascending id
    for (const auto a : firms)
      if (to.size() < 3 && region.external_id(a) != busiest) to.emplace_back(region.external_id(a));
    supply::MarketData extra;
    const auto last = region.external_id(firms.back()) != busiest ? firms.back() : firms[0];
    extra.flows = {
        {busiest, std::string(region.external_id(last)), category, 1e16, 2001, std::nullopt, 1},
        {busiest, to[0], category, 1.0, 2001, std::nullopt, 2},
        {busiest, to[1], category, 1.0, std::nullopt, std::nullopt, 3},
        {busiest, to[2], category, std::nullopt, 2002, std::nullopt, 4},  // no volume
        {busiest, to[2], category, 5.5, 2001, 2003, 5},                   // ended
        {busiest, to[1], category, 2.25, 2030, std::nullopt, 6}};         // later
    (void)io::append_market(store, extra);
  }
  const auto region = store.load_region();
  const auto whole = io::load_market(store);
  const match::TransferScorer scorer(region, {});

  // Buyers: every seventh, the buyers of the busiest supplier's category, one without any flow
  // to it, a university (no demands) and an unknown id.
  std::set<std::string> buyers{"rub", "no-such-actor"};
  std::set<std::string> with_flows;
  for (const auto& f : whole.flows) with_flows.insert(f.buyer);
  bool without_flows = false;
  for (std::size_t d = 0; d < whole.demands.size(); ++d) {
    const auto& b = whole.demands[d].buyer;
    if (d % 7 == 0 || whole.demands[d].category == category) buyers.insert(b);
    if (!without_flows && !with_flows.contains(b)) {
      buyers.insert(b);
      without_flows = true;
    }
  }
  REQUIRE(without_flows);

  std::size_t order_checked = 0, reports = 0;
  for (const std::optional<int> year : {std::optional<int>{}, std::optional<int>{2002}}) {
    const auto full = supply::Market::build(region, whole, {.year = year});
    const supply::SupplierIndex full_index(full);
    for (const auto& id : buyers) {
      INFO(id << (year ? " in " + std::to_string(*year) : std::string()));
      const auto part = io::load_buyer_market(store, id, year);
      const auto found = region.find(id);
      if (!found) {
        CHECK(part.data.demands.empty());
        continue;
      }
      if (part.data.demands.empty()) {
        CHECK(full.demands_of(*found).empty());
        continue;
      }
      const auto market =
          supply::Market::build_with_totals(region, part.data, part.totals, {.year = year});
      REQUIRE(market.demands_of(*found).size() == full.demands_of(*found).size());
      for (const auto& o : market.offers()) {
        const auto i = full.find_offer(o.supplier, o.category);
        REQUIRE(i);
        CHECK(o.committed == full.offers()[*i].committed);
        CHECK(market.customers(o.supplier) == full.customers(o.supplier));
        CHECK(market.offers_of(o.supplier).size() == full.offers_of(o.supplier).size());
        order_checked += o.committed >= 1e16;
      }
      CHECK(market.flows_to(*found).size() == full.flows_to(*found).size());
      const supply::SupplierIndex index(market);
      const auto mine = supply::find_suppliers(index, *found, {.top_k = 5});
      const auto theirs = supply::find_suppliers(full_index, *found, {.top_k = 5});
      REQUIRE(mine.size() == theirs.size());
      for (std::size_t d = 0; d < mine.size(); ++d) {
        REQUIRE(mine[d].top.size() == theirs[d].top.size());
        for (std::size_t k = 0; k < mine[d].top.size(); ++k) {
          CHECK(mine[d].top[k].supplier == theirs[d].top[k].supplier);
          CHECK(mine[d].top[k].score.total == theirs[d].top[k].score.total);
        }
      }
      if (year) continue;  // the report counts flows without an end as current
      for (const auto lang : {report::Lang::de, report::Lang::en}) {
        CHECK(report_on(scorer, *found, market, lang) == report_on(scorer, *found, full, lang));
        ++reports;
      }
    }
  }
  CHECK(order_checked > 0);  // the busiest supplier's offer, summed in Market::build's order
  CHECK(reports > 10);

  // Totals that do not fit the data are refused.
  const auto part = io::load_buyer_market(store, whole.demands.front().buyer);
  CHECK_THROWS_AS(supply::Market::build_with_totals(region, part.data, part.totals, {.year = 2002}),
                  InvalidInput);
  auto short_totals = part.totals;
  short_totals.committed.pop_back();
  CHECK_THROWS_AS(supply::Market::build_with_totals(region, part.data, short_totals), InvalidInput);
}
