#include "supplier_market.hpp"

#include <array>
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
  std::snprintf(buffer.data(), buffer.size(), "%.4g", value);
  return std::string(buffer.data()) + (unit.empty() ? "" : " " + unit);
}

}  // namespace verbund::cli
