#include <algorithm>
#include <bit>
#include <cmath>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../core/region_fixture.hpp"
#include "test_support.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/supply_market.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/search.hpp"

using namespace verbund;
using core::ActorId;

namespace {

// An independent scorer for the oracle: every part recomputed from the market's public records
// with sets, as the README defines it, scanning every offer.
struct OracleMatch {
  ActorId supplier;
  double total;
};

std::vector<OracleMatch> oracle_top(const supply::Market& m, const supply::SearchSettings& st,
                                    std::uint32_t demand, const supply::SearchOptions& opt) {
  const auto& region = m.region();
  const auto& d = m.demands()[demand];
  std::set<ActorId> current;     // the buyer's current sources of the category
  std::set<ActorId> delivering;  // any category
  for (const auto& f : m.flows()) {
    if (f.buyer != d.buyer || !m.current(f)) continue;
    delivering.insert(f.supplier);
    if (f.category == d.category) current.insert(f.supplier);
  }
  auto partners = [&](ActorId a, ActorId x, ActorId y) {
    std::set<ActorId> out;
    for (const auto& n : region.neighbours(a))
      if (n.actor != x && n.actor != y) out.insert(n.actor);
    return out;
  };
  std::vector<OracleMatch> all;
  for (const auto& o : m.offers()) {
    const double free = o.capacity > o.committed ? o.capacity - o.committed : 0.0;
    if (o.category != d.category || o.supplier == d.buyer) continue;
    if ((o.certifications & d.required) != d.required || free <= 0.0) continue;
    if (o.min_order && (*o.min_order > d.quantity || *o.min_order > free)) continue;
    if (std::find(opt.exclude.begin(), opt.exclude.end(), o.supplier) != opt.exclude.end())
      continue;
    if (opt.exclude_current && current.count(o.supplier) > 0) continue;

    const int extra = std::popcount(o.certifications & ~d.required);
    const double cert = std::min(extra, 3) / 3.0;
    std::size_t categories = 0;
    for (const auto& other : m.offers()) categories += other.supplier == o.supplier ? 1 : 0;
    const double spec = 1.0 / static_cast<double>(categories);
    const double lead = o.lead_time_weeks ? 4.0 / (4.0 + *o.lead_time_weeks) : 0.5;
    const double capability = (cert + spec + lead) / 3.0;
    const double capacity = std::min(1.0, free / d.quantity);
    const auto here = region.location(d.buyer);
    const auto there = region.location(o.supplier);
    const double km = here && there ? core::distance_km(*here, *there) : st.unknown_distance_km;
    const double distance = st.distance_scale_km / (st.distance_scale_km + km);
    std::set<ActorId> customers;
    for (const auto& f : m.flows())
      if (f.supplier == o.supplier && f.buyer != d.buyer && m.current(f)) customers.insert(f.buyer);
    const auto refs = static_cast<double>(customers.size());
    const auto a = partners(d.buyer, d.buyer, o.supplier);
    const auto b = partners(o.supplier, d.buyer, o.supplier);
    std::size_t shared = 0;
    for (const auto x : a) shared += b.count(x);
    const bool direct = delivering.count(o.supplier) > 0 || region.connected(d.buyer, o.supplier);
    const double relation =
        direct ? 1.0 : static_cast<double>(shared) / (static_cast<double>(shared) + 2.0);
    const double trust = 0.5 * (refs / (refs + 3.0)) + 0.5 * relation;
    const double diversification =
        current.count(o.supplier) > 0 ? 0.0 : (current.size() <= 1 ? 1.0 : 0.0);
    const auto& w = st.weights;
    const double total = w.capability * capability + w.capacity * capacity + w.distance * distance +
                         w.trust * trust + w.diversification * diversification;
    all.push_back({o.supplier, total});
  }
  std::sort(all.begin(), all.end(), [](const OracleMatch& x, const OracleMatch& y) {
    return x.total != y.total ? x.total > y.total : x.supplier < y.supplier;
  });
  if (all.size() > opt.top_k) all.resize(opt.top_k);
  return all;
}

void require_equal(const std::vector<supply::SupplierMatch>& got,
                   const std::vector<OracleMatch>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("rank " << i + 1);
    REQUIRE(got[i].supplier == want[i].supplier);
    REQUIRE(got[i].score.total == Approx(want[i].total).margin(1e-12));
  }
}

void require_identical(const std::vector<supply::DemandMatches>& a,
                       const std::vector<supply::DemandMatches>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    REQUIRE(a[i].demand == b[i].demand);
    REQUIRE(a[i].top.size() == b[i].top.size());
    for (std::size_t j = 0; j < a[i].top.size(); ++j) {
      REQUIRE(a[i].top[j].supplier == b[i].top[j].supplier);
      REQUIRE(a[i].top[j].offer == b[i].top[j].offer);
      REQUIRE(a[i].top[j].score.total == b[i].top[j].score.total);
    }
  }
}

supply::MarketData hand_market() {
  supply::MarketData d;
  d.categories = {{"castings", "Castings", "Gussteile", "", {"24.5"}, "t", 2},
                  {"logistics", "Logistics", "Logistik", "", {"49"}, "shipments", 3}};
  d.certifications = {{"iso-9001", "ISO 9001", "ISO 9001", 2},
                      {"iatf-16949", "IATF 16949", "IATF 16949", 3},
                      {"iso-14001", "ISO 14001", "ISO 14001", 4}};
  // f1 (Essen), f2 (Duisburg), f4 (no location) offer castings; f3 (Mülheim) buys them.
  d.offers = {{"f1", "castings", 100.0, {"iso-9001", "iatf-16949", "iso-14001"}, 4.0, {}, 2},
              {"f2", "castings", 200.0, {"iso-9001", "iatf-16949"}, 6.0, std::nullopt, 3},
              {"f4", "castings", 500.0, {"iso-9001"}, std::nullopt, std::nullopt, 4},
              {"f2", "logistics", 50.0, {}, std::nullopt, 60.0, 5}};
  d.demands = {
      {"f3",
       "castings",
       80.0,
       {"iatf-16949"},
       supply::Sourcing::abroad,
       supply::Criticality::high,
       2},
      {"f3", "logistics", 10.0, {}, supply::Sourcing::region, supply::Criticality::low, 3}};
  d.flows = {{"f2", "f1", "castings", 20.0, 2018, std::nullopt, 2}};
  return d;
}

}  // namespace

TEST_CASE("supplier search: hard filters, ranking and sentences on a hand-made market",
          "[supply][search]") {
  const auto region = core::build_region(test::small_region_data());
  const auto market = supply::Market::build(region, hand_market());
  const supply::SupplierIndex index(market);
  const auto f3 = *region.find("f3");
  const auto found = supply::find_suppliers(index, f3, {.top_k = 5});
  REQUIRE(found.size() == 2);
  // Castings: f4 lacks IATF 16949; f1 and f2 qualify.
  const auto& castings = found[0].top;
  REQUIRE(castings.size() == 2);
  // Logistics: f2's minimum order of 60 is above the 10 needed.
  CHECK(found[1].top.empty());
  const auto diagnosis = index.diagnose(found[1].demand);
  CHECK(diagnosis.offers == 1);
  CHECK(diagnosis.above_minimum_order == 1);
  CHECK(diagnosis.eligible == 0);

  // f2 is tied to f3 (supply and informal ties) and already delivers to f1: references and trust.
  const auto f2 = *region.find("f2");
  const auto f2_offer = *market.find_offer(f2, *market.find_category("castings"));
  const auto e = *index.explain(found[0].demand, static_cast<std::uint32_t>(f2_offer));
  auto says = [&](const std::string& text) {
    return std::any_of(e.reasons.begin(), e.reasons.end(),
                       [&](const supply::Reason& r) { return r.text == text; });
  };
  CHECK(says("holds IATF 16949 as required"));
  CHECK(says("also holds ISO 9001"));
  CHECK(says("already delivers to 1 firm in the region"));
  CHECK(says("already tied to you in the region"));
  CHECK(says("would be your first regional source of castings"));
  CHECK(says("castings is 1 of its 2 categories"));
  CHECK(says("free capacity of 180 t covers your 80 t"));
  REQUIRE(e.distance_km);
  CHECK(*e.distance_km == Approx(8.3).margin(0.1));
  CHECK(says("8.3 km away in Duisburg"));
  CHECK(e.score.total == Approx(castings[castings[0].supplier == f2 ? 0 : 1].score.total));

  // Exclusions: the buyer never, explicit ones on request.
  const auto without = supply::find_suppliers(
      index, f3, {.top_k = 5, .category = market.find_category("castings"), .exclude = {f2}});
  REQUIRE(without.size() == 1);
  REQUIRE(without[0].top.size() == 1);
  CHECK(without[0].top[0].supplier == *region.find("f1"));
  CHECK_THROWS_AS(supply::find_suppliers(index, *region.find("f4")), InvalidInput);
  CHECK_THROWS_AS(supply::SupplierIndex(market, {.weights = {.distance = -1.0}}), InvalidInput);
}

TEST_CASE("supplier search: an unknown location is counted at the stated distance",
          "[supply][search]") {
  const auto region = core::build_region(test::small_region_data());
  auto data = hand_market();
  data.demands[0].certifications = {};
  const auto market = supply::Market::build(region, data);
  const supply::SupplierIndex index(market, {.unknown_distance_km = 50.0});
  const auto f4_offer = *market.find_offer(*region.find("f4"), *market.find_category("castings"));
  const auto e = *index.explain(0, static_cast<std::uint32_t>(f4_offer));
  CHECK_FALSE(e.distance_km);
  CHECK(e.score.distance == Approx(0.25 * 20.0 / 70.0));
  CHECK(std::any_of(e.reasons.begin(), e.reasons.end(), [](const supply::Reason& r) {
    return r.text == "its location is unknown (counted as 50 km)";
  }));
}

TEST_CASE("supplier search: indexed top-k equals an independent brute force, 1 and 2 threads",
          "[supply][search]") {
  struct Case {
    gen::SupplyMarketOptions market;
    supply::SearchSettings settings;
  };
  const std::vector<Case> cases{
      {{.buyers = 200, .suppliers = 150, .seed = 1}, {}},
      {{.buyers = 150,
        .suppliers = 300,
        .seed = 2,
        .offers_per_supplier = 3.0,
        .regional_share = 0.5,
        .ties_per_firm = 4.0},
       {}},
      // Many unknown locations and no ties: exact ties in the total, broken by supplier id.
      {{.buyers = 150, .suppliers = 200, .seed = 3, .unknown_location = 0.7, .ties_per_firm = 0.0},
       {.weights = {.capability = 0.0, .capacity = 1.0, .distance = 0.5, .trust = 0.0}}},
      {{.buyers = 100, .suppliers = 120, .seed = 4, .regional_share = 0.8},
       {.weights = {.capability = 0.1,
                    .capacity = 0.1,
                    .distance = 1.0,
                    .trust = 0.6,
                    .diversification = 0.3},
        .distance_scale_km = 5.0}},
  };
  for (const auto& c : cases) {
    const auto generated = gen::generate_supply_market(c.market);
    const auto market = supply::Market::build(generated.region, generated.data);
    const supply::SupplierIndex index(market, c.settings);
    for (const std::size_t k : {1U, 3U, 10U}) {
      for (const bool exclude_current : {false, true}) {
        INFO("seed " << c.market.seed << ", k " << k << ", exclude_current " << exclude_current);
        const supply::SearchOptions options{.top_k = k, .exclude_current = exclude_current};
        const auto one = [&] {
          const core::ThreadLimit limit(1);
          return supply::find_suppliers_all(index, options);
        }();
        const auto two = [&] {
          const core::ThreadLimit limit(2);
          return supply::find_suppliers_all(index, options);
        }();
        require_identical(one, two);
        require_identical(one, supply::find_suppliers_all_brute_force(index, options));
        REQUIRE(one.size() == market.demands().size());
        for (const auto& dm : one)
          require_equal(dm.top, oracle_top(market, c.settings, dm.demand, options));
      }
    }
    // One buyer, one category, an explicit exclusion: as the oracle.
    const auto buyer = market.demands()[0].buyer;
    const auto category = market.demands()[0].category;
    const auto best = supply::find_suppliers(index, buyer, {.top_k = 1, .category = category});
    REQUIRE(best.size() == 1);
    if (!best[0].top.empty()) {
      const supply::SearchOptions options{
          .top_k = 5, .category = category, .exclude = {best[0].top[0].supplier}};
      const auto found = supply::find_suppliers(index, buyer, options);
      require_equal(found[0].top, oracle_top(market, c.settings, found[0].demand, options));
      for (const auto& m : found[0].top) {
        const auto e = index.explain(found[0].demand, m.offer);
        REQUIRE(e);
        CHECK(e->score.total == Approx(m.score.total).margin(1e-12));
      }
    }
  }
}

TEST_CASE("supply market generator: deterministic per seed and valid", "[supply][gen]") {
  const gen::SupplyMarketOptions options{.buyers = 300, .suppliers = 100, .seed = 9};
  const auto a = gen::generate_supply_market(options);
  const auto b = gen::generate_supply_market(options);
  REQUIRE(a.data.offers.size() == b.data.offers.size());
  REQUIRE(a.data.demands.size() == b.data.demands.size());
  for (std::size_t i = 0; i < a.data.demands.size(); ++i) {
    CHECK(a.data.demands[i].quantity == b.data.demands[i].quantity);
    CHECK(a.data.demands[i].certifications == b.data.demands[i].certifications);
  }
  CHECK(a.region.tie_count() == b.region.tie_count());
  const auto market = supply::Market::build(a.region, a.data);  // throws if anything is invalid
  CHECK(market.demands().size() >= 300);
  std::size_t regional = 0;
  for (const auto& d : market.demands()) regional += d.source == supply::Sourcing::region ? 1 : 0;
  CHECK(regional > 0);
  CHECK(regional < market.demands().size() / 2);  // most demand is sourced outside
  const auto other = gen::generate_supply_market({.buyers = 300, .suppliers = 100, .seed = 10});
  std::vector<double> mine, theirs;
  for (const auto& d : a.data.demands) mine.push_back(d.quantity);
  for (const auto& d : other.data.demands) theirs.push_back(d.quantity);
  CHECK(mine != theirs);
}

TEST_CASE("match suppliers and suppliers plan on a generated Ruhr region", "[supply][cli]") {
  using test::run_cli;
  const test::ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "800", "--seed", "5"}, dir.path()).exit_code ==
          0);
  const auto all =
      run_cli({"--format", "json", "match", "suppliers", "--all", "--top", "2"}, dir.path());
  REQUIRE(all.exit_code == 0);
  const auto lists = nlohmann::json::parse(all.out);
  REQUIRE_FALSE(lists["suppliers"].empty());
  const std::string buyer = lists["suppliers"][0]["buyer"];

  const auto one = run_cli(
      {"--format", "json", "match", "suppliers", "--buyer", buyer, "--top", "3", "--explain"},
      dir.path());
  const auto tables = nlohmann::json::parse(one.out);
  // Exit 3 exactly when some demand of the buyer has no eligible supplier (with its diagnosis).
  CHECK(one.exit_code == (tables.contains("diagnosis") ? 3 : 0));
  REQUIRE_FALSE(tables["reasons"].empty());
  CHECK(one.out.find(" km away") != std::string::npos);
  CHECK(one.out.find("Entfernung") != std::string::npos);

  CHECK(run_cli({"match", "suppliers", "--buyer", buyer, "--category", "no-such"}, dir.path())
            .exit_code == 2);
  CHECK(run_cli({"match", "suppliers", "--buyer", "nobody"}, dir.path()).exit_code == 2);

  const auto plan = run_cli({"--format", "json", "suppliers", "plan"}, dir.path());
  const auto result = nlohmann::json::parse(plan.out);
  CHECK(plan.exit_code == (result["unmet"].empty() ? 0 : 3));
  for (const auto& row : result["plan"]) {
    if (row["indicator"] == "optimality gap") CHECK(row["value"] == 0);
  }
  CHECK(run_cli({"suppliers", "plan", "--max-share", "0"}, dir.path()).exit_code == 2);
}
