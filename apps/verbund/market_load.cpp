// The connection point between the supplier verbs and the supply store.
#include "market_load.hpp"

#include "verbund/error.hpp"
#include "verbund/io/supply_store.hpp"

namespace verbund::cli {

supply::Market load_market(io::Store& store, const core::Region& region) {
  const auto data = io::load_market(store);
  if (data.offers.empty() && data.demands.empty()) {
    throw InvalidInput(
        "this database holds no supplier market (import one with `verbund import suppliers DIR` "
        "or generate one with `verbund generate ruhr`)");
  }
  return supply::Market::build(region, data);
}

}  // namespace verbund::cli
