#pragma once

// A synthetic supplier market at any scale, for the supplier engines' tests and benchmarks.

#include <cstddef>
#include <cstdint>

#include "verbund/core/region.hpp"
#include "verbund/supply/market_data.hpp"

namespace verbund::gen {

/// What generate_supply_market builds.
struct SupplyMarketOptions {
  std::size_t buyers = 1000;    ///< firms with demands ("B0000001", ...)
  std::size_t suppliers = 200;  ///< firms with offers ("S0000001", ...)
  std::uint64_t seed = 1;
  double offers_per_supplier = 2.0;  ///< mean categories a supplier delivers (at least 1)
  double demands_per_buyer = 3.0;    ///< mean categories a buyer needs (at least 1)
  double regional_share = 0.2;       ///< share of demands sourced in the region today (a flow)
  double unknown_location = 0.02;    ///< share of firms without a location
  double ties_per_firm = 1.0;        ///< mean informal ties per firm, within its municipality
};

/// A region of firms and its market (categories, certifications, offers, demands, flows). Build
/// the supply::Market from `region` where it stays: the market refers to it.
struct SupplyMarket {
  core::Region region;
  supply::MarketData data;
};

/// Twelve input categories (castings ... IT services, Zipf-like popularity), six certifications
/// (ISO 9001 common, the sector standards rare), firms placed in fifteen Ruhr cities; capacities
/// and quantities log-uniform, so that some suppliers are too small. Demands sourced in the
/// region get a current flow (and a supply tie) from a supplier of the category. All figures are
/// assumptions for testing, not estimates. Counter-based draws on (seed, firm, purpose): the
/// same options give the same market. O((B + S) log(B + S)) for B buyers and S suppliers.
/// Throws InvalidInput without buyers or suppliers, or on a share outside [0, 1] or a negative
/// mean. Thread-safe.
[[nodiscard]] SupplyMarket generate_supply_market(const SupplyMarketOptions& options);

}  // namespace verbund::gen
