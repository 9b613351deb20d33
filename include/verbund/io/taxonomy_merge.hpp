#pragma once

#include "verbund/core/region_data.hpp"
#include "verbund/io/store.hpp"

namespace verbund::io {

/// Removes from `data` the taxonomy rows (themes and competences) whose id `store` already holds,
/// so that a second batch of the same source (e.g. another CORDIS extract, whose programme parts
/// repeat) appends without tripping over its shared themes. Rows are matched by id alone: a known
/// id keeps the store's labels and theme. Other tables of `data` are left as they are.
/// Throws IoError if the database cannot be read. O(T log K) for T taxonomy rows and K stored
/// ids (one indexed lookup each). Not thread-safe: `store` is used (see Store).
void drop_known_taxonomy(core::RegionData& data, const Store& store);

}  // namespace verbund::io
