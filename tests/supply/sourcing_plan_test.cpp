#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <catch2/catch.hpp>

#include "../core/region_fixture.hpp"
#include "small_market.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/supply_market.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/sourcing_plan.hpp"

using namespace verbund;

namespace {

// An independent min-cost maximum flow: successive shortest paths with Bellman-Ford on the
// residual network (slow, simple, exact on integers).
struct Reference {
  std::int64_t flow = 0;
  std::int64_t cost = 0;
};

Reference successive_shortest_paths(const supply::TransportProblem& p) {
  const auto offers = p.offers.size(), demands = p.demands.size();
  const std::size_t n = 2 + offers + demands;
  struct Arc {
    std::size_t to;
    std::int64_t capacity, cost;
    std::size_t reverse;
  };
  std::vector<std::vector<Arc>> g(n);
  auto add = [&](std::size_t u, std::size_t v, std::int64_t cap, std::int64_t cost) {
    g[u].push_back({v, cap, cost, g[v].size()});
    g[v].push_back({u, 0, -cost, g[u].size() - 1});
  };
  for (std::size_t o = 0; o < offers; ++o) add(0, 2 + o, p.supply[o], 0);
  for (const auto& pair : p.pairs)
    add(2 + pair.offer, 2 + offers + pair.demand, pair.capacity, pair.cost);
  for (std::size_t d = 0; d < demands; ++d) add(2 + offers + d, 1, p.need[d], 0);
  Reference r;
  constexpr auto inf = std::numeric_limits<std::int64_t>::max();
  while (true) {
    std::vector<std::int64_t> dist(n, inf);
    std::vector<std::pair<std::size_t, std::size_t>> via(n, {n, 0});
    dist[0] = 0;
    for (std::size_t round = 0; round < n; ++round) {
      bool changed = false;
      for (std::size_t u = 0; u < n; ++u) {
        if (dist[u] == inf) continue;
        for (std::size_t i = 0; i < g[u].size(); ++i) {
          const auto& a = g[u][i];
          if (a.capacity > 0 && dist[u] + a.cost < dist[a.to]) {
            dist[a.to] = dist[u] + a.cost;
            via[a.to] = {u, i};
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (dist[1] == inf) break;
    std::int64_t push = inf;
    for (std::size_t v = 1; v != 0; v = via[v].first)
      push = std::min(push, g[via[v].first][via[v].second].capacity);
    for (std::size_t v = 1; v != 0; v = via[v].first) {
      auto& a = g[via[v].first][via[v].second];
      a.capacity -= push;
      g[a.to][a.reverse].capacity += push;
    }
    r.flow += push;
    r.cost += push * dist[1];
  }
  return r;
}

void check_feasible(const supply::SupplierIndex& index, const supply::SourcingPlan& plan,
                    const supply::PlanOptions& options) {
  const auto& market = index.market();
  std::map<std::uint32_t, double> per_offer, per_demand;
  for (const auto& a : plan.allocations) {
    const auto& d = market.demands()[a.demand];
    const auto& o = market.offers()[a.offer];
    REQUIRE(a.quantity > 0.0);
    REQUIRE(o.category == d.category);
    REQUIRE(supply::covers(o.certifications, d.required));  // certifications
    // Share cap, never below one whole unit.
    REQUIRE(a.quantity <= std::max(options.max_share * d.quantity, options.unit) + 1e-9);
    REQUIRE(o.supplier != d.buyer);
    per_offer[a.offer] += a.quantity;
    per_demand[a.demand] += a.quantity;
  }
  for (const auto& [o, q] : per_offer) REQUIRE(q <= market.offers()[o].free_capacity() + 1e-9);
  for (const auto& [d, q] : per_demand) REQUIRE(q <= market.demands()[d].quantity + 1e-9);
  double unmet = 0.0;
  for (const auto& u : plan.unmet) unmet += u.quantity;
  REQUIRE(plan.allocated + unmet == Approx(plan.demand_total));
  REQUIRE(plan.allocated == plan.allocation_bound);  // maximal: a cut of that capacity
  REQUIRE(plan.gap == 0);                            // cheapest: the dual bound meets the cost
  REQUIRE(plan.regional_share_after >= plan.regional_share_before);
}

supply::MarketData hand_market() {
  auto d = test::castings_market(100.0, 30.0);
  d.demands = {
      // f3: castings, 2 suppliers at 60% each but f2 has only 30 free: 60 + 30 = 90 of 100.
      {"f3",
       "castings",
       100.0,
       {"iso-9001"},
       supply::Sourcing::abroad,
       supply::Criticality::high,
       2},
      // f3: logistics, one supplier, 60% cap: 30 of 50 (share cap).
      {"f3", "logistics", 50.0, {}, supply::Sourcing::germany, supply::Criticality::low, 3},
      // f4: castings with IATF 16949: nobody holds it.
      {"f4",
       "castings",
       10.0,
       {"iatf-16949"},
       supply::Sourcing::abroad,
       supply::Criticality::low,
       4},
      // f4: forgings: nobody offers them.
      {"f4", "forgings", 5.0, {}, supply::Sourcing::abroad, supply::Criticality::low, 5},
      // uni: logistics sourced in the region today: not planned by default.
      {"uni", "logistics", 7.0, {}, supply::Sourcing::region, supply::Criticality::low, 6}};
  return d;
}

}  // namespace

TEST_CASE("sourcing plan: allocation, share caps and reasons on a hand-made market",
          "[supply][plan]") {
  const auto region = core::build_region(test::small_region_data());
  const auto market = supply::Market::build(region, hand_market());
  const supply::SupplierIndex index(market);
  const supply::PlanOptions options{.max_share = 0.6};
  const auto plan = supply::plan_sourcing(index, options);
  check_feasible(index, plan, options);
  CHECK(plan.demands_planned == 4);
  CHECK(plan.allocated == 90.0 + 30.0);
  CHECK(plan.demand_total == 165.0);
  REQUIRE(plan.unmet.size() == 4);
  std::map<std::string, supply::UnmetReason> reason;
  for (const auto& u : plan.unmet) {
    const auto& d = market.demands()[u.demand];
    reason[std::string(region.external_id(d.buyer)) + " " + market.category(d.category).id] =
        u.reason;
  }
  CHECK(reason["f3 castings"] == supply::UnmetReason::capacity_short);
  CHECK(reason["f3 logistics"] == supply::UnmetReason::share_cap);
  CHECK(reason["f4 castings"] == supply::UnmetReason::no_supplier);
  CHECK(reason["f4 forgings"] == supply::UnmetReason::no_supplier);
  for (const auto& u : plan.unmet) CHECK_FALSE(u.why.empty());
  // Regional share, each of the 5 demands counting once (tonnes and hours cannot be added): only
  // uni's logistics today; with the plan also 90 of f3's 100 castings and 30 of its 50 logistics.
  CHECK(plan.regional_share_before == Approx(1.0 / 5.0));
  CHECK(plan.regional_share_after == Approx((1.0 + 90.0 / 100.0 + 30.0 / 50.0) / 5.0));

  // Two buyers who could each be served alone but not both: one reports "capacity taken".
  auto data = hand_market();
  data.offers[0].capacity = 60.0;
  data.offers[1].capacity = 60.0;
  data.demands[2].certifications = {"iso-9001"};
  data.demands[2].quantity = 100.0;
  const auto busy = supply::Market::build(region, data);
  const supply::SupplierIndex busy_index(busy);
  const auto contested = supply::plan_sourcing(busy_index, options);
  check_feasible(busy_index, contested, options);
  CHECK(std::any_of(contested.unmet.begin(), contested.unmet.end(),
                    [](const auto& u) { return u.reason == supply::UnmetReason::capacity_taken; }));

  CHECK_THROWS_AS(supply::plan_sourcing(index, {.max_share = 0.0}), InvalidInput);
  CHECK_THROWS_AS(supply::plan_sourcing(index, {.max_share = 1.5}), InvalidInput);
  CHECK_THROWS_AS(supply::plan_sourcing(index, {.unit = -1.0}), InvalidInput);
  CHECK_THROWS_AS(supply::plan_sourcing(index, {.unit = 1e-14}), InvalidInput);
}

TEST_CASE("sourcing plan: a demand too small to split goes to one supplier whole",
          "[supply][plan]") {
  // f1 and f2 offer castings (100 t and 30 t free); f3 needs q t. Brute force over whole-unit
  // allocations (x1, x2), each at most the cap max(1, floor(share q)) and the free capacity.
  const auto region = core::build_region(test::small_region_data());
  for (const auto& [quantity, share] :
       {std::pair{1.0, 0.6}, std::pair{3.0, 0.3}, std::pair{2.0, 0.6}, std::pair{10.0, 0.25}}) {
    auto data = test::castings_market(100.0, 30.0);
    data.demands = {{"f3",
                     "castings",
                     quantity,
                     {"iso-9001"},
                     supply::Sourcing::abroad,
                     supply::Criticality::high,
                     2}};
    const auto market = supply::Market::build(region, data);
    const supply::SupplierIndex index(market);
    const supply::PlanOptions options{.max_share = share};
    const auto plan = supply::plan_sourcing(index, options);
    INFO("quantity " << quantity << ", share " << share);
    check_feasible(index, plan, options);
    const auto need = static_cast<int>(quantity);
    const int cap = std::max(1, static_cast<int>(std::floor(share * quantity)));
    int best = 0;
    for (int x1 = 0; x1 <= std::min(cap, 100); ++x1)
      for (int x2 = 0; x2 <= std::min(cap, 30); ++x2)
        if (x1 + x2 <= need) best = std::max(best, x1 + x2);
    CHECK(plan.allocated == best);
    CHECK(plan.unmet.size() == (best < need ? 1U : 0U));
    for (const auto& u : plan.unmet) CHECK(u.reason == supply::UnmetReason::share_cap);
  }
}

TEST_CASE("sourcing plan: totals equal an independent min-cost max-flow on random markets",
          "[supply][plan]") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const auto generated = gen::generate_supply_market(
        {.buyers = 25 + seed * 3, .suppliers = 6 + seed, .seed = seed, .regional_share = 0.3});
    const auto market = supply::Market::build(generated.region, generated.data);
    const supply::SupplierIndex index(market);
    const supply::PlanOptions options{
        .max_share = 0.3 + 0.05 * static_cast<double>(seed),
        .include_regional = seed % 3 == 0,
        .cost = seed % 2 == 0 ? supply::PlanCost::distance : supply::PlanCost::score,
        .unit = seed % 4 == 0 ? 10.0 : 1.0,
        .candidates_per_demand = seed % 5 == 0 ? std::size_t{2} : std::size_t{0}};
    INFO("seed " << seed);
    const auto problem = supply::sourcing_problem(index, options);
    const auto plan = supply::plan_sourcing(index, options);
    check_feasible(index, plan, options);
    // Every pair's cap: the share of the demand in whole units, at least one unit.
    for (const auto& pair : problem.pairs) {
      const double q = market.demands()[problem.demands[pair.demand]].quantity;
      const auto share_units =
          static_cast<std::int64_t>(std::floor(options.max_share * q / options.unit + 1e-9));
      CHECK(pair.capacity == std::max<std::int64_t>(1, share_units));
    }
    const auto reference = successive_shortest_paths(problem);
    CHECK(plan.allocated == static_cast<double>(reference.flow) * options.unit);
    CHECK(plan.cost == reference.cost);
    CHECK(plan.candidate_pairs == problem.pairs.size());
  }
}
