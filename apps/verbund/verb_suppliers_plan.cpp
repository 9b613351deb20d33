// `verbund suppliers plan`: buyers' demand allocated to regional suppliers' free capacity, with
// the optimality certificate and the reasons for unmet demand (registered by verb_suppliers.cpp).
#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include "cli.hpp"
#include "market_load.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/supply/sourcing_plan.hpp"

namespace verbund::cli {
namespace {

struct PlanCli {
  double max_share = 0.6;
  bool all_demands = false;
  std::string cost = "score";
  double unit = 1.0;
  std::size_t candidates = 0;
  std::string out;
};

std::vector<Table> plan_tables(const supply::Market& market, const supply::SourcingPlan& plan) {
  const auto& region = market.region();
  // Quantities are totalled per unit only: t, MWh, hours and parts do not add up.
  const auto unit_of = [&](std::uint32_t demand) {
    const auto& unit = market.category(market.demands()[demand].category).unit;
    return unit.empty() ? std::string("units") : unit;
  };
  std::map<std::string, std::array<double, 2>> by_unit;  // unit -> allocated, unmet
  for (const auto& a : plan.allocations) by_unit[unit_of(a.demand)][0] += a.quantity;
  for (const auto& u : plan.unmet) by_unit[unit_of(u.demand)][1] += u.quantity;
  Table totals{"by unit", {"unit", "demand", "allocated", "unmet"}, {}};
  for (const auto& [unit, q] : by_unit) totals.rows.push_back({unit, q[0] + q[1], q[0], q[1]});
  // The max-flow certificate: no plan can cross the cut with more than the plan allocates.
  const bool bound_reached =
      std::abs(plan.allocation_bound - plan.allocated) <= 1e-9 * std::max(1.0, plan.allocated);
  Table summary{"plan", {"indicator", "value"}, {}};
  summary.rows = {{"demands planned", plan.demands_planned},
                  {"candidate pairs", plan.candidate_pairs},
                  {"allocation bound reached", bound_reached},
                  {"cost", plan.cost},
                  {"dual bound", plan.dual_bound},
                  {"optimality gap", plan.gap},
                  {"demands with unmet quantity", plan.unmet.size()},
                  {"regional sourcing share before", plan.regional_share_before},
                  {"regional sourcing share after", plan.regional_share_after}};
  Table allocations{
      "allocations", {"buyer", "category", "supplier", "quantity", "unit", "unit cost"}, {}};
  for (const auto& a : plan.allocations) {
    const auto& d = market.demands()[a.demand];
    const auto& o = market.offers()[a.offer];
    const auto& c = market.category(d.category);
    allocations.rows.push_back({region.external_id(d.buyer), c.id, region.external_id(o.supplier),
                                a.quantity, c.unit, a.unit_cost});
  }
  Table unmet{"unmet", {"buyer", "category", "quantity", "unit", "reason", "why"}, {}};
  for (const auto& u : plan.unmet) {
    const auto& d = market.demands()[u.demand];
    const auto& c = market.category(d.category);
    unmet.rows.push_back({region.external_id(d.buyer), c.id, u.quantity, c.unit,
                          std::string(supply::to_string(u.reason)), u.why});
  }
  return {summary, totals, allocations, unmet};
}

}  // namespace

std::function<void()> add_suppliers_plan_subcommand(CLI::App& suppliers,
                                                    const GlobalOptions& global) {
  auto o = std::make_shared<PlanCli>();
  CLI::App* cmd = suppliers.add_subcommand(
      "plan",
      "Allocate buyers' demand to regional suppliers' free capacity (most quantity, then least "
      "cost), with the optimality certificate and why demand stays unmet");
  cmd->add_option("--max-share", o->max_share,
                  "the most one supplier may deliver of one demand, as a share in (0, 1]")
      ->capture_default_str()
      ->check(number_range(0.0, 1.0));
  cmd->add_flag("--all-demands", o->all_demands,
                "also plan demands sourced in the region today (default: only those sourced "
                "elsewhere)");
  cmd->add_option("--cost", o->cost, "what a unit costs on a pair: score or distance")
      ->capture_default_str()
      ->check(one_of({"score", "distance"}));
  cmd->add_option("--unit", o->unit, "plan in whole multiples of this quantity")
      ->capture_default_str()
      ->check(positive_number());
  cmd->add_option("--candidates", o->candidates,
                  "candidate suppliers per demand, its best by the search's score (0 = every "
                  "eligible one)")
      ->capture_default_str()
      ->check(number_range(0, 100000));
  cmd->add_option("--out", o->out, "write the plan to this file instead of stdout");
  return [&global, o, cmd] {
    if (!cmd->parsed()) return;
    if (!(o->max_share > 0.0)) throw InvalidInput("--max-share must be above 0");
    io::Store store = open_store(global, /*create=*/false);
    const core::Region region = store.load_region();
    const supply::Market market = load_market(store, region);
    const supply::SupplierIndex index(market);
    const supply::PlanOptions options{
        .max_share = o->max_share,
        .include_regional = o->all_demands,
        .cost = o->cost == "distance" ? supply::PlanCost::distance : supply::PlanCost::score,
        .unit = o->unit,
        .candidates_per_demand = o->candidates,
        .lang = global.lang};
    const auto plan = supply::plan_sourcing(index, options);
    const auto tables = plan_tables(market, plan);
    if (o->out.empty()) {
      print_tables(std::cout, tables, global);
    } else {
      write_tables(o->out, tables, global.format);
      // The summary (certificate, shares) and the totals stay on screen; the rows are in the file.
      if (!global.quiet) print_tables(std::cout, {tables[0], tables[1]}, global);
    }
    record_reading_run(store, global, {"suppliers plan", describe_options(*cmd), global.seed});
    // Everything is printed; unmet demand makes the answer incomplete.
    if (!plan.unmet.empty()) throw NoSolution{};
  };
}

}  // namespace verbund::cli
