#pragma once

// Where the supplier verbs get the market stored with the region. The supply store (CSV import,
// generator) connects here; the verbs only see this function.

#include "verbund/core/region.hpp"
#include "verbund/io/store.hpp"
#include "verbund/supply/market.hpp"

namespace verbund::cli {

/// The supplier market stored in `store`, resolved against `region` (which must outlive it).
/// Throws InvalidInput if the database holds no market; what the store throws otherwise.
[[nodiscard]] supply::Market load_market(io::Store& store, const core::Region& region);

}  // namespace verbund::cli
