#pragma once

// Zachary's karate club (34 members, 78 ties) from tests/data, as exported by networkx.

#include <filesystem>

#include "verbund/core/region.hpp"
#include "verbund/io/region_csv.hpp"

namespace verbund::test {

inline core::Region karate_club() {
  const auto dir = std::filesystem::path(VERBUND_TEST_DATA_DIR);
  return core::build_region(
      io::read_region_csv({std::nullopt, dir / "karate_actors.csv", std::nullopt,
                           dir / "karate_ties.csv", std::nullopt}));
}

}  // namespace verbund::test
