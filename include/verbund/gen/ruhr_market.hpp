#pragma once

#include <cstdint>

#include "verbund/core/region_data.hpp"
#include "verbund/gen/ruhr_base.hpp"
#include "verbund/supply/market_data.hpp"

namespace verbund::gen {

/// The assumptions of the generated supplier market that are options; the others (capacity per
/// employee, demand per employee, certification chances by sector) are documented in the README.
struct RuhrMarketOptions {
  std::uint64_t seed = 1;        ///< the region's seed: the market draws its own streams from it
  double supplier_share = 0.5;   ///< chance that a firm of a supplying sector lists offers
  double offer_share = 0.6;      ///< chance that such a firm offers each category of its sector
  double outside_demand = 0.45;  ///< chance of each further demand a buyer sources outside
  double abroad_share = 0.55;    ///< of demands sourced outside: from abroad (else Germany)
};

/// A supplier market over a generated Ruhr region (generate_ruhr's output): the reference
/// tables (input categories and certifications, e.g. data/supply) as they are, offers of firms
/// in sectors whose NACE division a category's CPA codes name, demands of firms in sectors with
/// `buys_from` divisions, and a category and a yearly volume on each supply tie between two firms
/// whose supplier's sector has categories (flows keep the tie's years). Consistent by
/// construction: a flow's supplier offers its category, its buyer demands it, a current flow
/// (no end year) makes the demand sourced in the region, volumes stay within the demand, and
/// committed volume within capacity; required certifications of a regional demand are held by
/// its current suppliers. Every draw is counter-based on (seed, firm or tie, purpose), with
/// purposes of its own: the region is not changed and the same input gives the same market.
/// Throws InvalidInput if an option is out of [0, 1]. O(F x C + T) for F firms, C categories per
/// sector and T ties. Thread-safe (reads its arguments).
[[nodiscard]] supply::MarketData generate_ruhr_market(const RuhrBase& base,
                                                      const core::RegionData& region,
                                                      const supply::MarketData& reference,
                                                      const RuhrMarketOptions& options = {});

}  // namespace verbund::gen
