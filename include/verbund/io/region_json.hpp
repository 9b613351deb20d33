#pragma once

#include <ostream>

#include "verbund/core/region.hpp"

namespace verbund::io {

/// Writes `region` as one JSON document: {"taxonomy": {"themes", "competences"}, "actors",
/// "ties", "memberships"}, every actor with its attributes, size class and competence vectors.
/// Key order and number formatting are fixed, so equal regions give equal bytes. O(n + m).
/// Thread-safe (reads `region`; `out` is the caller's). Throws only std::bad_alloc; write errors
/// are left in `out`'s state.
void write_region_json(const core::Region& region, std::ostream& out);

}  // namespace verbund::io
