#include "verbund/io/taxonomy_merge.hpp"

#include <vector>

namespace verbund::io {

void drop_known_taxonomy(core::RegionData& data, const Store& store) {
  std::erase_if(data.taxonomy,
                [&](const core::TaxonomyRecord& r) { return store.has_taxonomy_id(r.id); });
}

}  // namespace verbund::io
