#pragma once

// The supplier market in the store (schema version 3): input categories, certifications, offers,
// demands and categorised supply flows beside the region they refer to.

#include <cstdint>
#include <optional>
#include <string_view>

#include "verbund/io/store.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/market_data.hpp"

namespace verbund::io {

/// Rows of the market's tables, as imports and `verbund info` report them.
struct MarketCounts {
  std::int64_t categories = 0;
  std::int64_t certifications = 0;
  std::int64_t offers = 0;
  std::int64_t demands = 0;
  std::int64_t flows = 0;
  friend bool operator==(const MarketCounts&, const MarketCounts&) = default;
};

/// Checks `data` together with the stored region and market (supply::Market::build over both)
/// and appends it in one transaction, after SQLite's quick_check has found the file intact.
/// A category or certification already stored with the same fields is skipped; one stored with
/// other fields is refused. Each flow is stored on the first supply tie from its supplier to its
/// buyer with the same start and end years that carries no flow yet, and creates that tie
/// (weight 1) when there is none. Returns the rows added (skipped ones not counted).
/// Throws InvalidInput naming file, line and column of the first problem (or the damaged file),
/// IoError if the database fails; the database is then unchanged. O(P + D + B log B) for P pages,
/// D stored rows (the region and market are loaded to check against) and a batch of B records.
/// Not thread-safe (as Store).
MarketCounts append_market(Store& store, const supply::MarketData& data);
/// As append_market(store, data), and records `run` in the same transaction.
MarketCounts append_market(Store& store, const supply::MarketData& data, const RunRecord& run);

/// The stored market as records (tables in insertion order, certification lists in their
/// order), so that supply::Market::build(store.load_region(), load_market(store)) gives the
/// market as appended. Records carry line 0 and the database's path as origin.
/// O(R log R) for R rows. Throws IoError if the database fails. Not thread-safe (as Store).
[[nodiscard]] supply::MarketData load_market(const Store& store);

/// The part of the stored market that one buyer's supplier search reads (nullopt: the whole
/// market, as load_market): every category and certification, the buyer's demands, and only the
/// suppliers that offer one of its categories, with all their offers (specialisation counts them)
/// and all their flows (committed capacity and references count them), plus the flows to the
/// buyer. find_suppliers for this buyer gives the same result on it as on the whole market (tests
/// compare them). A firm report reads this. O(R log R) for the R rows read. Throws IoError if the
/// database fails. Not thread-safe.
[[nodiscard]] supply::MarketData load_market_for_buyer(
    const Store& store, const std::optional<std::string_view>& buyer);

/// A buyer's part of the market with its suppliers' flows summed up: what
/// supply::Market::build_with_totals takes.
struct BuyerMarket {
  supply::MarketData data;
  supply::FlowTotals totals;
};

/// What a firm report's supplier search reads, without reading the suppliers' flows row by row:
/// as load_market_for_buyer(store, buyer), but data.flows holds only the flows to the buyer, and
/// `totals` gives each offer's committed capacity and its supplier's customers, counted over all
/// the supplier's flows current in `year` (as supply::MarketOptions::year). So
/// Market::build_with_totals(region, m.data, m.totals, {.year = year}) searches for this buyer
/// exactly as Market::build on the whole market (tests compare them). An unknown buyer gives no
/// demands. O(T + F + R log R) for T ties, F flows and the R rows kept. Throws IoError if the
/// database fails. Not thread-safe (as Store).
[[nodiscard]] BuyerMarket load_buyer_market(const Store& store, std::string_view buyer,
                                            std::optional<int> year = std::nullopt);

/// Rows in each market table. O(rows). Throws IoError. Not thread-safe (as Store).
[[nodiscard]] MarketCounts market_counts(const Store& store);

}  // namespace verbund::io
