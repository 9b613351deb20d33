#pragma once

// The sourcing plan: buyers' demand allocated to regional suppliers' free capacity as a
// transportation problem (maximum quantity, then minimum cost), with its optimality
// certificate and the reasons for what is left unmet.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/supply/search.hpp"

namespace verbund::supply {

/// What one planned unit of quantity costs on a pair.
enum class PlanCost : unsigned char {
  score,  ///< round(1000 * (sum of weights - the search's score)): the better suited, the cheaper
  distance,  ///< round(km) (the search's unknown distance where a location is unknown)
};

struct PlanOptions {
  /// The most any one supplier may deliver of one demand, as a share of its quantity, in
  /// (0, 1] (diversification: 0.6 makes every fully served demand have two sources). It never
  /// caps a supplier below one whole unit: a demand too small to split may go to one supplier.
  double max_share = 0.6;
  /// Plan all demands, not only those sourced outside the region today. Current flows keep the
  /// capacity they commit either way.
  bool include_regional = false;
  PlanCost cost = PlanCost::score;
  /// Quantities, capacities and share caps are planned in whole multiples of this, rounded down.
  double unit = 1.0;
  /// Candidate suppliers per demand: its best ones by the search's score (`find_suppliers`);
  /// 0 = every eligible supplier. Unmet-demand reasons then speak of these candidates.
  std::size_t candidates_per_demand = 0;
  /// Language of UnmetDemand::why (the reason codes stay as they are).
  report::Lang lang = report::Lang::en;
};

/// The transportation problem a plan solves, in whole units: planned demands (sinks), offers
/// with free capacity (sources) and the eligible pairs (the search's hard filters), each with
/// its share cap and unit cost. Indices of `pairs` refer to positions in `demands`/`offers`.
struct TransportProblem {
  std::vector<std::uint32_t> demands;  ///< into Market::demands(), ascending
  std::vector<std::int64_t> need;      ///< units per planned demand
  std::vector<std::uint32_t> offers;   ///< into Market::offers(), ascending, with >= 1 pair
  std::vector<std::int64_t> supply;    ///< free units per offer
  struct Pair {
    std::uint32_t offer = 0;
    std::uint32_t demand = 0;
    std::int64_t capacity = 0;  ///< the share cap, in units
    std::int64_t cost = 0;      ///< per unit
  };
  std::vector<Pair> pairs;  ///< sorted by (demand, offer)
};

/// Why part of a demand is left unmet.
enum class UnmetReason : unsigned char {
  no_supplier,     ///< no regional supplier passes the filters (category, certifications, ...)
  share_cap,       ///< too few eligible suppliers for the share cap, whatever their capacity
  capacity_short,  ///< the eligible suppliers' free capacity is too small, even for it alone
  capacity_taken,  ///< their capacity went to other buyers in the plan
};
/// "no supplier", "share cap", "capacity short", "capacity taken". O(1). Does not throw.
[[nodiscard]] std::string_view to_string(UnmetReason reason) noexcept;

struct Allocation {
  std::uint32_t demand = 0;  ///< into Market::demands()
  std::uint32_t offer = 0;   ///< into Market::offers()
  double quantity = 0.0;
  std::int64_t unit_cost = 0;
};

struct UnmetDemand {
  std::uint32_t demand = 0;  ///< into Market::demands()
  double quantity = 0.0;     ///< left unmet
  UnmetReason reason = UnmetReason::no_supplier;
  std::string why;  ///< the reason in a sentence
};

struct SourcingPlan {
  std::vector<Allocation> allocations;  ///< sorted by (demand, offer)
  std::vector<UnmetDemand> unmet;       ///< by demand
  std::size_t demands_planned = 0;
  std::size_t candidate_pairs = 0;
  double demand_total = 0.0;  ///< planned demands' quantity, in whole units
  double allocated = 0.0;
  /// Max-flow certificate: the capacity of a cut (found in the final residual network) that
  /// every plan must cross, so no plan allocates more; equal to `allocated`.
  double allocation_bound = 0.0;
  std::int64_t cost = 0;  ///< sum of units x unit cost
  /// Lower bound on the cost of any plan that allocates as much, from the solver's node
  /// potentials (LP duality); `gap` = cost - dual_bound is 0 for an optimal plan.
  std::int64_t dual_bound = 0;
  std::int64_t gap = 0;
  /// Share sourced in the region, today and with the plan, as the mean over the market's demands
  /// of each demand's regional share (its quantities are in different units and cannot be
  /// added): a demand sourced in the region counts 1, one sourced outside counts its planned
  /// allocation / quantity (at most 1).
  double regional_share_before = 0.0;
  double regional_share_after = 0.0;
};

/// The problem `plan_sourcing` solves. O(D x S_c) for D planned demands and S_c offers of their
/// categories, each pair scored as by the search (with candidates_per_demand: the search's cost
/// for every demand, in parallel). Throws InvalidInput if the quantities come to more than 10^15
/// units, max_share is not in (0, 1] or unit is not finite and > 0. Thread-safe.
[[nodiscard]] TransportProblem sourcing_problem(const SupplierIndex& index,
                                                const PlanOptions& options = {});

/// Allocates the planned demands to the offers' free capacity: the largest total quantity, and
/// among those the least total cost, within every offer's free capacity, every pair's share cap
/// and every demand's quantity; only eligible pairs (certifications etc.). Solved as a min-cost
/// flow by cost scaling (the solver of the optimal transfer assignment): once for the maximum
/// quantity, once for the cheapest plan of that quantity on its residual network. Unmet demand
/// gets a reason. O(P + the solver's n^2 m log(nC) worst case, near-linear in practice) for P
/// pairs. Deterministic. Throws as `sourcing_problem`; std::overflow_error if costs and size
/// exceed 64-bit prices. Thread-safe.
/// \code
/// const supply::SupplierIndex index(market);
/// const auto plan = supply::plan_sourcing(index, {.max_share = 0.5, .cost =
/// supply::PlanCost::distance}); \endcode
[[nodiscard]] SourcingPlan plan_sourcing(const SupplierIndex& index,
                                         const PlanOptions& options = {});

}  // namespace verbund::supply
