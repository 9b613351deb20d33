#pragma once

// The supplier market inside the simulation: who demands what, who can deliver it, and the
// flows the region starts with. A replicate's supply state is nothing but its network's
// directed supply ties (SimTie::delivers), so checkpoints and forks need nothing more; each
// month the flows are derived from the live ties by one deterministic rule:
//
// - A *base flow* (a current flow of the market, Market::current) runs while its supplier and
//   buyer are tied with the supplier delivering along the tie (the region's supply ties start
//   so) and both operate, with its recorded volume (unknown volume: 0).
// - A supply tie made during the run (created > 0, a pair without base flows) makes the
//   supplier a regional source of every demand of the buyer it can serve (an offer in the
//   category holding every required certification). It takes over min(new_supplier_share x
//   quantity, the quantity still sourced outside the region, the offer's capacity left) —
//   new ties in the order they were made, after every base flow.
//
// Indicators (over operating buyers), as supply::assess_risk defines them for month 0:
// - regional sourcing share: the mean over open buyers' demands of min(1, regional volume /
//   quantity) (units differ between demands, so quantities are never added);
// - buyers dual-sourced: of the buyers with a high-criticality demand, the share with at least
//   two regional sources for every one of them.
// Private to lib/sim.

#include <cstdint>
#include <vector>

#include "sim/network.hpp"
#include "verbund/supply/market.hpp"

namespace verbund::sim::detail {

/// Per-measurement working memory, kept by the replicate so months reuse it.
struct SupplyScratch {
  std::vector<double> volume;          // per demand: regional volume
  std::vector<std::uint32_t> sources;  // per demand: regional sources
  std::vector<double> used;            // per offer: capacity taken
};

struct SupplyIndicators {
  double regional_sourcing_share = 0.0;
  double buyers_dual_sourced = 0.0;
};

class SupplyModel {
 public:
  /// The market's demands, offers and current flows by actor index. O(D + S + F log F).
  explicit SupplyModel(const supply::Market& market);

  /// The indicators of the flows `network`'s live ties carry. O(D + S + F log d + ties);
  /// thread-safe (the scratch is the caller's).
  [[nodiscard]] SupplyIndicators measure(const Network& network, double new_supplier_share,
                                         SupplyScratch& scratch) const;

  /// Whether the market lists `supplier` as delivering to `buyer` today (a base pair).
  [[nodiscard]] bool base_pair(std::uint32_t supplier, std::uint32_t buyer) const;

 private:
  struct DemandFacts {
    std::uint32_t buyer = 0;
    std::uint32_t category = 0;
    double quantity = 0.0;
    supply::CertificationSet required = 0;
    bool critical = false;
  };
  struct OfferFacts {
    std::uint32_t category = 0;
    double capacity = 0.0;
    supply::CertificationSet certifications = 0;
  };
  struct BaseFlow {
    std::uint32_t supplier = 0, buyer = 0, category = 0;
    std::int64_t demand = -1;  ///< index into demands_, -1 = the buyer demands no such input
    std::int64_t offer = -1;   ///< index into offers_, -1 = the supplier lists no such offer
    double volume = 0.0;
  };

  /// The new regional source `supplier` for `buyer`'s demands, applied to the scratch.
  void add_new_source(std::uint32_t supplier, std::uint32_t buyer, double share,
                      SupplyScratch& scratch) const;

  std::vector<DemandFacts> demands_;                // by (buyer, category)
  std::vector<std::uint32_t> buyer_demand_offset_;  // demands of actor v: [o[v], o[v+1])
  std::vector<OfferFacts> offers_;                  // by (supplier, category)
  std::vector<std::uint32_t> supplier_offer_offset_;
  std::vector<BaseFlow> base_;                   // by (supplier, buyer), one per (supplier, demand)
  std::vector<std::uint64_t> base_pairs_;        // (supplier << 32 | buyer), ascending, distinct
  std::vector<std::uint32_t> buyers_with_high_;  // actors with a high-criticality demand
};

}  // namespace verbund::sim::detail
