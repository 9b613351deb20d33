#include "supplier_market.hpp"

#include <array>
#include <cstdio>

#include "verbund/error.hpp"

namespace verbund::cli {

supply::MarketData load_market_data(io::Store& store) {
  (void)store;
  // Connected to the store's supplier tables when the supply store is merged (issue 13).
  throw InvalidInput(
      "the database holds no supplier market (import supplier CSVs or run `generate ruhr`)");
}

std::string amount_text(double value, const std::string& unit) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.4g", value);
  return std::string(buffer.data()) + (unit.empty() ? "" : " " + unit);
}

}  // namespace verbund::cli
