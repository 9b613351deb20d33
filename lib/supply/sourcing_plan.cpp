#include "verbund/supply/sourcing_plan.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <span>

#include "core/parallel_loops.hpp"

#include "../match/min_cost_flow.hpp"
#include "search_index.hpp"
#include "verbund/assert.hpp"
#include "verbund/error.hpp"
#include "verbund/report/terms.hpp"
#include "words.hpp"

namespace verbund::supply {

using core::ActorId;

namespace {

constexpr double cost_units = 1000.0;  // score costs: 1000 per unit of score below the maximum
constexpr double whole = 1e-9;         // tolerance when quantities become whole units

// Whole units the solver can add up without overflow: every total stays below 2^62.
constexpr double max_units = 1e15;

std::int64_t units(double quantity, double unit) {
  const double n = std::floor(quantity / unit + whole);
  if (n > max_units) {
    throw InvalidInput("a quantity or capacity of " + std::to_string(quantity) + " is more than " +
                       "10^15 planning units; choose a larger unit");
  }
  return static_cast<std::int64_t>(n);
}

/// The transportation network: source 0, sink 1, offers 2.., demands after them; arcs in the
/// order source->offer, pair arcs, demand->sink.
struct Network {
  std::uint32_t nodes = 0;
  struct Arc {
    std::uint32_t from, to;
    std::int64_t capacity, cost;
  };
  std::vector<Arc> arcs;
  std::size_t first_pair = 0;
};

/// The network of the pairs `ids` (a part of `p` that shares no offer or demand with the rest),
/// with local node numbers.
Network network_of(const TransportProblem& p, std::span<const std::uint32_t> ids) {
  std::vector<std::uint32_t> offers, demands;
  for (const auto k : ids) {
    offers.push_back(p.pairs[k].offer);
    demands.push_back(p.pairs[k].demand);
  }
  for (auto* v : {&offers, &demands}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  auto local = [](const std::vector<std::uint32_t>& v, std::uint32_t x) {
    return static_cast<std::uint32_t>(std::lower_bound(v.begin(), v.end(), x) - v.begin());
  };
  Network n;
  const auto o_count = static_cast<std::uint32_t>(offers.size());
  n.nodes = 2 + o_count + static_cast<std::uint32_t>(demands.size());
  for (std::uint32_t o = 0; o < o_count; ++o) n.arcs.push_back({0, 2 + o, p.supply[offers[o]], 0});
  n.first_pair = n.arcs.size();
  for (const auto k : ids) {
    const auto& pair = p.pairs[k];
    n.arcs.push_back({2 + local(offers, pair.offer), 2 + o_count + local(demands, pair.demand),
                      pair.capacity, pair.cost});
  }
  for (std::uint32_t d = 0; d < demands.size(); ++d)
    n.arcs.push_back({2 + o_count + d, 1, p.need[demands[d]], 0});
  return n;
}

struct Solution {
  std::vector<std::int64_t> flow;  // per arc
  std::int64_t value = 0;
  std::int64_t cost = 0;
  std::int64_t dual_bound = 0;
  std::int64_t cut = 0;
};

// Maximum flow, then minimum cost among maximum flows, with the circulation solver: (1) all
// costs 0 and a return arc sink->source of cost -1: a min-cost circulation is a maximum flow;
// (2) the residual network of that flow (return arc left out, so the value stays) with the true
// costs: a min-cost circulation there cancels every negative cycle, which is exactly what makes
// a flow of that value cheapest.
Solution solve(const Network& n) {
  Solution s;
  std::int64_t total_need = 0;
  for (const auto& a : n.arcs)
    if (a.to == 1) total_need += a.capacity;
  {
    match::detail::CostScalingCirculation first(n.nodes);
    for (const auto& a : n.arcs) first.add_arc(a.from, a.to, a.capacity, 0);
    const auto back = first.add_arc(1, 0, total_need, -1);
    first.solve();
    s.flow.resize(n.arcs.size());
    for (std::uint32_t k = 0; k < n.arcs.size(); ++k) s.flow[k] = first.flow(k);
    s.value = first.flow(back);
  }
  match::detail::CostScalingCirculation second(n.nodes);
  std::vector<std::pair<std::int64_t, std::int64_t>> residual_arcs(n.arcs.size(), {-1, -1});
  for (std::uint32_t k = 0; k < n.arcs.size(); ++k) {
    const auto& a = n.arcs[k];
    if (a.capacity - s.flow[k] > 0)
      residual_arcs[k].first = second.add_arc(a.from, a.to, a.capacity - s.flow[k], a.cost);
    if (s.flow[k] > 0) residual_arcs[k].second = second.add_arc(a.to, a.from, s.flow[k], -a.cost);
  }
  second.solve();
  for (std::uint32_t k = 0; k < n.arcs.size(); ++k) {
    const auto [forward, backward] = residual_arcs[k];
    if (forward >= 0) s.flow[k] += second.flow(static_cast<std::uint32_t>(forward));
    if (backward >= 0) s.flow[k] -= second.flow(static_cast<std::uint32_t>(backward));
    s.cost += s.flow[k] * n.arcs[k].cost;
  }
  // Dual bound of any flow of this value, for potentials y: cost = F (y_t - y_s) + sum of
  // reduced costs times flow >= F (y_t - y_s) + sum of capacity x min(0, reduced cost).
  const auto& y = second.potentials();
  s.dual_bound = s.value * (y[1] - y[0]);
  for (const auto& a : n.arcs) {
    const auto reduced = a.cost + y[a.from] - y[a.to];
    if (reduced < 0) s.dual_bound += a.capacity * reduced;
  }
  // Max-flow certificate: the nodes reachable from the source in the residual network; the
  // arcs leaving them are saturated and their capacity bounds every flow.
  std::vector<std::vector<std::uint32_t>> out(n.nodes);
  for (std::uint32_t k = 0; k < n.arcs.size(); ++k) {
    out[n.arcs[k].from].push_back(k);
    out[n.arcs[k].to].push_back(k);
  }
  std::vector<std::uint8_t> reached(n.nodes, 0);
  std::vector<std::uint32_t> queue{0};
  reached[0] = 1;
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const auto u = queue[q];
    for (const auto k : out[u]) {
      const auto& a = n.arcs[k];
      const bool open = a.from == u ? s.flow[k] < a.capacity : s.flow[k] > 0;
      const auto v = a.from == u ? a.to : a.from;
      if (open && !reached[v]) {
        reached[v] = 1;
        queue.push_back(v);
      }
    }
  }
  for (const auto& a : n.arcs)
    if (reached[a.from] && !reached[a.to]) s.cut += a.capacity;
  return s;
}

}  // namespace

std::string_view to_string(UnmetReason reason) noexcept {
  switch (reason) {
    case UnmetReason::no_supplier:
      return "no supplier";
    case UnmetReason::share_cap:
      return "share cap";
    case UnmetReason::capacity_short:
      return "capacity short";
    case UnmetReason::capacity_taken:
      return "capacity taken";
  }
  return "?";
}

TransportProblem sourcing_problem(const SupplierIndex& index, const PlanOptions& options) {
  if (!(options.max_share > 0.0 && options.max_share <= 1.0))
    throw InvalidInput("the maximum share per supplier must lie in (0, 1]");
  if (!std::isfinite(options.unit) || options.unit <= 0.0)
    throw InvalidInput("the planning unit must be a finite number > 0");
  const auto& impl = index.impl();
  const auto& market = index.market();
  const auto demands = market.demands();
  const auto offers = market.offers();
  const double max_score = [&] {
    const auto& w = index.settings().weights;
    return w.capability + w.capacity + w.distance + w.trust + w.diversification;
  }();
  TransportProblem p;
  std::vector<std::int64_t> position(offers.size(), -1);  // offer -> position in p.offers
  struct RawPair {
    std::uint32_t offer, demand;
    std::int64_t capacity, cost;
  };
  std::vector<RawPair> raw;
  // With a candidate limit, the search's top candidates of every demand (in Market order).
  std::vector<DemandMatches> candidates;
  if (options.candidates_per_demand > 0)
    candidates = find_suppliers_all(index, {.top_k = options.candidates_per_demand});
  std::vector<std::uint32_t> chosen;
  RelationScratch relations(options.candidates_per_demand > 0 ? 0 : market.region().size());
  ActorId related{UINT32_MAX};
  for (std::uint32_t d = 0; d < demands.size(); ++d) {
    const auto& demand = demands[d];
    if (demand.source == Sourcing::region && !options.include_regional) continue;
    const auto need = units(demand.quantity, options.unit);
    if (need <= 0) continue;
    const auto planned = static_cast<std::uint32_t>(p.demands.size());
    p.demands.push_back(d);
    p.need.push_back(need);
    // The cap spreads big demands; it never caps a supplier below one whole unit, so a demand
    // too small to split (1 part at 60 %) may go whole to one supplier.
    const auto cap =
        std::max<std::int64_t>(1, units(options.max_share * demand.quantity, options.unit));
    const DemandContext ctx = impl.context(d);
    chosen.clear();
    std::vector<double> scores;  // by position in `chosen`, with candidates
    if (options.candidates_per_demand > 0) {
      auto top = candidates[d].top;
      VERBUND_ASSERT(candidates[d].demand == d);
      std::sort(top.begin(), top.end(),
                [](const auto& a, const auto& b) { return a.offer < b.offer; });
      for (const auto& m : top) {
        chosen.push_back(m.offer);
        scores.push_back(m.score.total);
      }
    } else {
      if (options.cost == PlanCost::score && related != demand.buyer) {
        impl.relate(demand.buyer, relations);
        related = demand.buyer;
      }
      const auto in = market.offers_in(demand.category);
      const auto first = static_cast<std::uint32_t>(in.data() - offers.data());
      for (std::uint32_t i = first; i < first + in.size(); ++i) chosen.push_back(i);
    }
    for (std::size_t c = 0; c < chosen.size(); ++c) {
      const auto i = chosen[c];
      const auto& o = offers[i];
      if (!impl.eligible(demand, o) || units(o.free_capacity(), options.unit) <= 0) continue;
      std::int64_t cost = 0;
      if (options.cost == PlanCost::score) {
        const double score =
            scores.empty() ? impl.weigh(impl.parts(ctx, o, relations)).total : scores[c];
        cost = std::llround(cost_units * std::max(0.0, max_score - score));
      } else {
        const auto here = market.region().location(demand.buyer);
        const auto there = market.region().location(o.supplier);
        cost = std::llround(here && there ? core::distance_km(*here, *there)
                                          : index.settings().unknown_distance_km);
      }
      raw.push_back({i, planned, cap, cost});
      position[i] = 0;
    }
  }
  for (std::uint32_t i = 0; i < offers.size(); ++i) {
    if (position[i] < 0) continue;
    position[i] = static_cast<std::int64_t>(p.offers.size());
    p.offers.push_back(i);
    p.supply.push_back(units(offers[i].free_capacity(), options.unit));
  }
  double total_need = 0.0, total_supply = 0.0;
  for (const auto n : p.need) total_need += static_cast<double>(n);
  for (const auto n : p.supply) total_supply += static_cast<double>(n);
  if (total_need > max_units || total_supply > max_units)
    throw InvalidInput(
        "the demand or capacity in all is more than 10^15 planning units; choose "
        "a larger unit");
  p.pairs.reserve(raw.size());
  for (const auto& r : raw) {
    p.pairs.push_back(
        {static_cast<std::uint32_t>(position[r.offer]), r.demand, r.capacity, r.cost});
  }
  return p;
}

SourcingPlan plan_sourcing(const SupplierIndex& index, const PlanOptions& options) {
  const auto problem = sourcing_problem(index, options);
  const auto& market = index.market();
  const double unit = options.unit;

  // The problem falls apart by category (an offer and a demand belong to one): each part is
  // solved on its own, in parallel, and the parts' totals and certificates add up.
  std::vector<std::vector<std::uint32_t>> parts(market.categories().size());
  for (std::uint32_t k = 0; k < problem.pairs.size(); ++k) {
    const auto d = problem.demands[problem.pairs[k].demand];
    parts[market.demands()[d].category.value].push_back(k);
  }
  std::vector<Solution> solved(parts.size());
  std::vector<std::size_t> first_pair(parts.size(), 0);
  par::parallel_for(std::size_t{0}, parts.size(), [&](std::size_t c) {
    if (parts[c].empty()) return;
    const auto network = network_of(problem, parts[c]);
    first_pair[c] = network.first_pair;
    solved[c] = solve(network);
  });

  SourcingPlan plan;
  plan.demands_planned = problem.demands.size();
  plan.candidate_pairs = problem.pairs.size();
  std::int64_t value = 0, cut = 0;
  std::vector<std::int64_t> pair_flow(problem.pairs.size(), 0);
  for (std::size_t c = 0; c < parts.size(); ++c) {
    if (parts[c].empty()) continue;
    value += solved[c].value;
    cut += solved[c].cut;
    plan.cost += solved[c].cost;
    plan.dual_bound += solved[c].dual_bound;
    for (std::size_t i = 0; i < parts[c].size(); ++i)
      pair_flow[parts[c][i]] = solved[c].flow[first_pair[c] + i];
  }
  plan.allocated = static_cast<double>(value) * unit;
  plan.allocation_bound = static_cast<double>(cut) * unit;
  plan.gap = plan.cost - plan.dual_bound;

  std::vector<std::int64_t> got(problem.demands.size(), 0);
  for (std::size_t k = 0; k < problem.pairs.size(); ++k) {
    const auto f = pair_flow[k];
    if (f <= 0) continue;
    const auto& pair = problem.pairs[k];
    got[pair.demand] += f;
    plan.allocations.push_back({problem.demands[pair.demand], problem.offers[pair.offer],
                                static_cast<double>(f) * unit, pair.cost});
  }
  // Unmet demand and why: what the demand's eligible pairs could give it alone decides between
  // the share cap, short capacity and capacity taken by others.
  const auto lang = options.lang;
  const bool de = lang == report::Lang::de;
  const std::string who = options.candidates_per_demand > 0 ? "candidate" : "eligible";
  std::vector<std::size_t> pair_start(problem.demands.size() + 1, 0);
  for (const auto& pair : problem.pairs) ++pair_start[pair.demand + 1];
  std::partial_sum(pair_start.begin(), pair_start.end(), pair_start.begin());
  for (std::uint32_t d = 0; d < problem.demands.size(); ++d) {
    plan.demand_total += static_cast<double>(problem.need[d]) * unit;
    const auto missing = problem.need[d] - got[d];
    if (missing <= 0) continue;
    const auto& demand = market.demands()[problem.demands[d]];
    const auto& category = market.category(demand.category);
    const std::string what = detail::category_name(category, lang);
    const std::string_view unit_name =
        category.unit.empty() ? std::string_view{"units"} : category.unit;
    const auto required = detail::certification_names(market, demand.required, lang);
    UnmetDemand u{problem.demands[d], static_cast<double>(missing) * unit, UnmetReason::no_supplier,
                  ""};
    std::int64_t capped = 0, alone = 0;
    const auto eligible = pair_start[d + 1] - pair_start[d];
    for (auto k = pair_start[d]; k < pair_start[d + 1]; ++k) {
      const auto& pair = problem.pairs[k];
      capped += pair.capacity;
      alone += std::min(pair.capacity, problem.supply[pair.offer]);
    }
    if (eligible == 0) {
      const auto diagnosis = index.diagnose(problem.demands[d]);
      if (diagnosis.offers == 0) {
        u.why = de ? "in der Region gibt es keinen Zulieferer im Bereich " + what
                   : "no supplier in the region offers " + what;
      } else if (diagnosis.lacking_certifications == diagnosis.offers) {
        u.why = de ? "kein Zulieferer der Region im Bereich " + what + " hat " + required
                   : "no supplier of " + what + " in the region holds " + required;
      } else {
        u.why = de ? "kein zertifizierter Zulieferer der Region im Bereich " + what +
                         " hat freie Kapazität und eine passende Mindestmenge"
                   : "no certified supplier of " + what +
                         " in the region has free capacity and a minimum order that fits";
      }
    } else if (alone < problem.need[d] && capped < problem.need[d]) {
      u.reason = UnmetReason::share_cap;
      const auto cap = report::amount_number(lang, 100.0 * options.max_share);
      u.why =
          de ? (eligible == 1 ? "1 geeigneter Zulieferer, der höchstens " + cap +
                                    " % des Bedarfs liefern darf"
                              : report::count(lang, eligible) +
                                    " geeignete Zulieferer, jeder darf höchstens " + cap +
                                    " % des Bedarfs liefern")
             : (eligible == 1
                    ? "1 eligible supplier, allowed at most " + cap + "% of the demand"
                    : report::count(lang, eligible) + " eligible suppliers, each allowed at most " +
                          cap + "% of the demand");
    } else if (alone < problem.need[d]) {
      u.reason = UnmetReason::capacity_short;
      const auto have = report::amount(lang, static_cast<double>(alone) * unit, unit_name);
      const auto need =
          report::amount(lang, static_cast<double>(problem.need[d]) * unit, unit_name);
      u.why = de ? "die freie Kapazität der " +
                       std::string(options.candidates_per_demand > 0 ? "Kandidaten"
                                                                     : "geeigneten Zulieferer") +
                       " (" + have + " innerhalb der Obergrenze) liegt unter dem Bedarf (" + need +
                       ")"
                 : "the " + who + " suppliers' free capacity (" + have +
                       " within the share cap) is below the " + need + " needed";
    } else {
      u.reason = UnmetReason::capacity_taken;
      u.why = de ? "Kapazität durch andere Abnehmer ausgeschöpft: der Plan verteilt zuerst die "
                   "größte Gesamtmenge, dann an die am besten passenden Paare"
                 : "capacity exhausted by other buyers: the plan allocates the most in all, then "
                   "the best-suited pairs";
    }
    plan.unmet.push_back(std::move(u));
  }

  // Each demand counts once, as the share of it sourced in the region: demands come in tonnes,
  // MWh, hours and parts, and those cannot be added up.
  const auto demands = market.demands();
  std::vector<double> planned(demands.size(), 0.0);
  for (const auto& a : plan.allocations)
    if (demands[a.demand].source != Sourcing::region) planned[a.demand] += a.quantity;
  double regional = 0.0, after = 0.0;
  for (std::size_t d = 0; d < demands.size(); ++d) {
    const bool here = demands[d].source == Sourcing::region;
    regional += here ? 1.0 : 0.0;
    after += here ? 1.0 : std::min(1.0, planned[d] / demands[d].quantity);
  }
  if (!demands.empty()) {
    const auto n = static_cast<double>(demands.size());
    plan.regional_share_before = regional / n;
    plan.regional_share_after = after / n;
  }
  return plan;
}

}  // namespace verbund::supply
