// The supplier market inside the simulation: the supply indicators against the risk engine
// (an independent definition), supplier closures against a market without the closed firms, a
// supplier initiative's introductions against the supplier search, and a closed-form case of
// how new suppliers take over a buyer's demand.

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <set>
#include <tuple>

#include "../supply/random_market.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/sim/model.hpp"
#include "verbund/sim/simulate.hpp"
#include "verbund/sim/simulation.hpp"
#include "verbund/supply/risk.hpp"
#include "verbund/supply/search.hpp"

using namespace verbund;

namespace {

constexpr int year = 2012;

/// The region with one supply tie (supplier -> buyer) per distinct flow of the market, as the
/// store keeps flows on ties.
core::RegionData with_flow_ties(core::RegionData d, const supply::MarketData& m) {
  std::set<std::tuple<std::string, std::string, std::optional<int>, std::optional<int>>> seen;
  for (const auto& f : m.flows) {
    if (!seen.insert({f.supplier, f.buyer, f.start, f.end}).second) continue;
    core::TieRecord t;
    t.source = f.supplier;
    t.target = f.buyer;
    t.kind = core::TieKind::supply;
    t.start = f.start;
    t.end = f.end;
    d.ties.push_back(t);
  }
  return d;
}

/// A model in which nothing happens by itself: no meetings, no decay.
sim::Scenario still_scenario(int horizon) {
  sim::Scenario s;
  s.name = "still";
  s.horizon = horizon;
  s.start_year = year;
  s.model.meetings = {0.0, 0.0, 0.0, 0.0};
  s.model.decay = 0.0;
  return s;
}

sim::ScenarioInputs inputs_with(const supply::MarketData& m) {
  sim::ScenarioInputs in;
  in.market = std::make_shared<const supply::MarketData>(m);
  return in;
}

/// The supply indicators by the risk engine's definitions, over a market: the sourcing share is
/// the mean of the demands' regional shares (their units differ).
std::pair<double, double> risk_indicators(const supply::Market& market) {
  const auto report = supply::assess_risk(market);
  double regional = 0.0;
  for (const auto& e : report.exposures) regional += e.regional_share;
  const auto n = static_cast<double>(report.exposures.size());
  const auto& s = report.summary;
  return {n > 0 ? regional / n : 0.0, s.buyers_with_high > 0
                                          ? static_cast<double>(s.buyers_high_dual_sourced) /
                                                static_cast<double>(s.buyers_with_high)
                                          : 0.0};
}

}  // namespace

TEST_CASE("month 0's supply indicators equal the risk engine's on random markets",
          "[sim][supply]") {
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    const auto data = test::random_market(seed, {.actors = 14, .max_sources = 3});
    const auto region = core::build_region(with_flow_ties(test::random_firms(seed, 14), data));
    const auto model = sim::compile(region, still_scenario(2), inputs_with(data), {.seed = 3});
    if (data.demands.empty()) {
      CHECK_FALSE(model.measures_supply());
      continue;
    }
    REQUIRE(model.measures_supply());
    const sim::Simulation replicate(model, 0);
    const auto [share, dual] = risk_indicators(supply::Market::build(region, data, {.year = year}));
    INFO("seed " << seed);
    CHECK(replicate.indicators().regional_sourcing_share == Approx(share).epsilon(1e-12));
    CHECK(replicate.indicators().buyers_dual_sourced == Approx(dual).epsilon(1e-12));
  }
}

TEST_CASE("closing suppliers takes their flows: equal to the market without them",
          "[sim][supply]") {
  for (std::uint64_t seed = 1; seed <= 15; ++seed) {
    const auto data = test::random_market(seed, {.actors = 16, .max_sources = 3});
    if (data.demands.empty()) continue;
    const auto firms = test::random_firms(seed, 16);
    const auto region = core::build_region(with_flow_ties(firms, data));
    auto scenario = still_scenario(2);
    sim::Shock shock;
    shock.name = "closures in Essen";
    shock.at = 1;
    shock.remove_share = 0.0;
    shock.close_share = 1.0;
    shock.select.municipality = "Essen";
    scenario.interventions.emplace_back("shock", shock);
    const auto model = sim::compile(region, scenario, inputs_with(data), {.seed = 5});
    sim::Simulation replicate(model, 0);
    replicate.step();

    // The oracle: the market of the firms that still operate.
    std::set<std::string> closed;
    for (const auto& a : firms.actors)
      if (a.municipality == "Essen") closed.insert(a.id);
    auto rest = data;
    std::erase_if(rest.demands, [&](const auto& d) { return closed.count(d.buyer) > 0; });
    std::erase_if(rest.flows, [&](const auto& f) {
      return closed.count(f.supplier) > 0 || closed.count(f.buyer) > 0;
    });
    const auto [share, dual] = risk_indicators(supply::Market::build(region, rest, {.year = year}));
    INFO("seed " << seed << ", closed " << closed.size());
    CHECK(replicate.indicators().regional_sourcing_share == Approx(share).epsilon(1e-12));
    CHECK(replicate.indicators().buyers_dual_sourced == Approx(dual).epsilon(1e-12));
  }
}

TEST_CASE("a supplier initiative introduces buyers to the search's best new suppliers",
          "[sim][supply]") {
  const auto data = test::random_market(7, {.actors = 40, .offer_chance = 0.5, .max_sources = 1});
  const auto region = core::build_region(with_flow_ties(test::random_firms(7, 40), data));
  auto scenario = still_scenario(4);
  sim::SupplierInitiative initiative;
  initiative.name = "supplier days";
  initiative.start = 1;
  initiative.end = 4;
  initiative.meetings = 2.0;
  initiative.visibility = 3.0;
  initiative.candidates = 2;
  scenario.interventions.emplace_back("supplier_initiative", initiative);
  const auto model = sim::compile(region, scenario, inputs_with(data), {.seed = 9});

  // The oracle: per buyer, the top 2 new suppliers of each of its demands.
  const auto market = supply::Market::build(region, data, {.year = year});
  const supply::SupplierIndex index(market);
  std::set<std::pair<std::uint32_t, std::uint32_t>> allowed;  // (supplier, buyer)
  for (const auto& d : market.demands()) {
    for (const auto& m : supply::find_suppliers_brute_force(
             index, d.buyer, {.top_k = 2, .category = d.category, .exclude_current = true}))
      for (const auto& s : m.top) allowed.insert({s.supplier.value, d.buyer.value});
  }
  REQUIRE(allowed.size() > 10);

  sim::Simulation replicate(model, 0);
  while (!replicate.done()) replicate.step();
  const auto net = replicate.network();
  std::size_t made = 0;
  for (std::uint32_t u = 0; u < net.size(); ++u) {
    for (const auto v : net.neighbours(u)) {
      if (v < u) continue;
      const auto t = net.tie(u, v);
      REQUIRE(t);
      if (t->created == 0) continue;
      ++made;
      CHECK(t->kind == core::TieKind::supply);
      // Exactly one direction, from a supplier the search proposed to the buyer.
      REQUIRE((t->delivers == sim::delivers_ab || t->delivers == sim::delivers_ba));
      const auto supplier = t->delivers == sim::delivers_ab ? t->a : t->b;
      const auto buyer = t->delivers == sim::delivers_ab ? t->b : t->a;
      CHECK(allowed.count({supplier, buyer}) == 1);
    }
  }
  CHECK(made > 5);
  const sim::Simulation fresh(model, 0);
  CHECK(replicate.indicators().regional_sourcing_share >
        fresh.indicators().regional_sourcing_share);
}

TEST_CASE("new suppliers take over min(share x quantity, what is bought outside, capacity)",
          "[sim][supply]") {
  // One buyer b needs 100 t of castings (critical, ISO required), bought outside the region.
  // s1 (ISO, 30 t) and s2 (ISO, 100 t) can deliver; s3 lacks ISO and is never introduced.
  core::RegionData d;
  for (const char* id : {"b", "s1", "s2", "s3"}) {
    core::ActorRecord a;
    a.id = a.name = id;
    a.kind = core::ActorKind::firm;
    a.municipality = "Essen";
    a.location = core::GeoPoint{51.45, 7.0};
    d.actors.push_back(a);
  }
  const auto region = core::build_region(d);
  supply::MarketData m;
  m.categories = {{"castings", "Castings", "Gussteile", "", {}, "t", 2}};
  m.certifications = {{"iso", "ISO 9001", "ISO 9001", 2}};
  m.offers = {{"s1", "castings", 30.0, {"iso"}, {}, {}, 2},
              {"s2", "castings", 100.0, {"iso"}, {}, {}, 3},
              {"s3", "castings", 500.0, {}, {}, {}, 4}};
  m.demands = {
      {"b", "castings", 100.0, {"iso"}, supply::Sourcing::abroad, supply::Criticality::high, 2}};
  auto scenario = still_scenario(1);
  sim::SupplierInitiative initiative;
  initiative.name = "supplier day";
  initiative.start = initiative.end = 1;
  initiative.meetings = 60.0;    // surely enough meetings for both suppliers
  initiative.visibility = 40.0;  // every meeting makes a tie
  initiative.buyers.municipality = "Essen";
  scenario.interventions.emplace_back("supplier_initiative", initiative);
  const auto model = sim::compile(region, scenario, inputs_with(m), {.seed = 1});
  sim::Simulation replicate(model, 0);
  CHECK(replicate.indicators().regional_sourcing_share == 0.0);
  CHECK(replicate.indicators().buyers_dual_sourced == 0.0);
  replicate.step();
  // Whichever comes first: 30 (s1's capacity) + 50 (half the quantity) = 80 of 100.
  CHECK(replicate.indicators().regional_sourcing_share == Approx(0.8));
  CHECK(replicate.indicators().buyers_dual_sourced == 1.0);
  const auto net = replicate.network();
  CHECK(net.neighbours(region.find("s3")->value).empty());
  const auto b = region.find("b")->value, s2 = region.find("s2")->value;
  CHECK(net.tie(b, s2)->delivers == sim::delivers_ba);  // s2 (index 2) supplies b (index 0)

  SECTION("a smaller share moves less") {
    scenario.model.new_supplier_share = 0.25;
    const auto slow = sim::compile(region, scenario, inputs_with(m), {.seed = 1});
    sim::Simulation r(slow, 0);
    r.step();
    CHECK(r.indicators().regional_sourcing_share == Approx(0.25 + 0.25));
  }
}

TEST_CASE("supply runs are identical for 1 and 2 threads and resume from checkpoints exactly",
          "[sim][supply]") {
  const auto data = test::random_market(11, {.actors = 60, .offer_chance = 0.4, .max_sources = 2});
  auto firms = with_flow_ties(test::random_firms(11, 60), data);
  const auto region = core::build_region(firms);
  sim::Scenario scenario;
  scenario.name = "initiative";
  scenario.horizon = 8;
  scenario.start_year = year;
  sim::SupplierInitiative initiative;
  initiative.name = "supplier days";
  initiative.end = 6;
  initiative.visibility = 4.0;
  scenario.interventions.emplace_back("supplier_initiative", initiative);
  sim::Shock shock;
  shock.name = "closures";
  shock.at = 4;
  shock.close_share = 0.3;
  scenario.interventions.emplace_back("shock", shock);
  const auto model = sim::compile(region, scenario, inputs_with(data), {.seed = 2});
  auto run = [&](std::size_t threads) {
    const core::ThreadLimit limit(threads);
    return sim::simulate(model, {.replicates = 4, .checkpoint_at = 3});
  };
  const auto one = run(1), two = run(2);
  REQUIRE(one.supply);
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t m = 0; m < one.series[r].size(); ++m)
      CHECK(sim::values(one.series[r][m]) == sim::values(two.series[r][m]));
  CHECK(one.series[0].back().regional_sourcing_share !=
        one.series[0].front().regional_sourcing_share);

  // Resumed from month 3's states, the run goes on exactly as it went.
  sim::Scenario resumed = scenario;
  resumed.fork = sim::Fork{"initiative.toml", 3, "initiative-3.ckpt"};
  auto inputs = inputs_with(data);
  inputs.checkpoint = *one.checkpoint;
  const auto again =
      sim::simulate(sim::compile(region, resumed, inputs, {.seed = 2}), {.replicates = 4});
  // (A fork measures no participants: its first months are its origin's.)
  for (std::size_t r = 0; r < 4; ++r) {
    const auto a = sim::values(again.series[r].back()), b = sim::values(one.series[r].back());
    for (std::size_t k = 0; k < sim::first_participant_indicator; ++k) CHECK(a[k] == b[k]);
  }
}
