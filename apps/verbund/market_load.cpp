// The connection point between the supplier verbs and the supply store: until the store keeps
// markets, a database has none.
#include "market_load.hpp"

#include "verbund/error.hpp"

namespace verbund::cli {

supply::Market load_market(io::Store& store, const core::Region& region) {
  (void)store;
  (void)region;
  throw InvalidInput(
      "this database holds no supplier market (import offers and demands, or generate one)");
}

}  // namespace verbund::cli
