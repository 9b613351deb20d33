#include "supplier_market.hpp"

#include <array>
#include <cmath>
#include <cstdio>

#include "verbund/error.hpp"
#include "verbund/io/supply_store.hpp"

namespace verbund::cli {

supply::MarketData load_market_data(const io::Store& store) {
  auto data = io::load_market(store);
  if (data.offers.empty() && data.demands.empty())
    throw InvalidInput(
        "the database holds no supplier market (`import suppliers DIR` or `generate ruhr`)");
  return data;
}

std::string amount_text(double value, const std::string& unit) {
  std::array<char, 32> buffer{};
  // Whole numbers from 1000 on (no exponent in a sentence), four significant digits below.
  const bool large = std::fabs(value) >= 1000.0 && std::fabs(value) < 1e15;
  std::snprintf(buffer.data(), buffer.size(), large ? "%.0f" : "%.4g", value);
  return std::string(buffer.data()) + (unit.empty() ? "" : " " + unit);
}

}  // namespace verbund::cli
