#pragma once

// What the supplier verbs `risk` and `offer` share: the database's market, and amounts in words.

#include <string>

#include "cli.hpp"
#include "verbund/supply/market_data.hpp"

namespace verbund::cli {

/// The supplier market stored in the database. Throws InvalidInput when it holds no offers and
/// no demands (nothing to assess).
[[nodiscard]] supply::MarketData load_market_data(const io::Store& store);

/// "12.5 t", "11370 parts": an amount and a category's unit, for sentences.
[[nodiscard]] std::string amount_text(double value, const std::string& unit);

}  // namespace verbund::cli
