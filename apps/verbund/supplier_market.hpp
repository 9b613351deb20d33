#pragma once

// Where the supplier verbs `risk` and `offer` get their market: the database's supplier tables.
// A seam until the supply store is merged (issue 13): load_market_data is connected to
// io::Store's market tables then.

#include "cli.hpp"
#include "verbund/supply/market_data.hpp"

namespace verbund::cli {

/// The supplier market stored in the database. Throws InvalidInput when it holds none.
[[nodiscard]] supply::MarketData load_market_data(io::Store& store);

/// "12.5 t" for an amount and a category's unit (four significant digits, as tables show).
[[nodiscard]] std::string amount_text(double value, const std::string& unit);

}  // namespace verbund::cli
