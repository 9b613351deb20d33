#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "verbund/core/region_data.hpp"
#include "verbund/io/store.hpp"
#include "verbund/io/taxonomy_merge.hpp"

using namespace verbund;

namespace {

core::RegionData batch(std::vector<core::TaxonomyRecord> taxonomy) {
  core::RegionData d;
  d.taxonomy = std::move(taxonomy);
  return d;
}

}  // namespace

TEST_CASE("a second batch keeps only the taxonomy rows the store lacks", "[io][taxonomy]") {
  test::ScratchDir dir;
  io::Store store = io::Store::open(dir / "t.db", io::OpenMode::create_if_missing);
  (void)store.append(batch({{"projects", "Projects", "Projekte", "", 1},
                            {"h2020-energy", "Energy", "Energie", "projects", 2}}));

  auto second = batch({{"projects", "Projects", "Projekte", "", 1},
                       {"h2020-energy", "Energy (renamed)", "Energie", "projects", 2},
                       {"h2020-ict", "ICT", "IKT", "projects", 3}});
  io::drop_known_taxonomy(second, store);
  REQUIRE(second.taxonomy.size() == 1);
  CHECK(second.taxonomy[0].id == "h2020-ict");
  CHECK(second.taxonomy[0].line == 3);

  // Without the merge the known theme is a duplicate; with it the batch appends.
  CHECK_THROWS_AS(store.append(batch({{"projects", "Projects", "Projekte", "", 1}})), InvalidInput);
  const auto added = store.append(second);
  CHECK(added.competences == 1);
  CHECK(added.themes == 0);
  CHECK(store.counts().competences == 2);
}

TEST_CASE("an empty store drops nothing", "[io][taxonomy]") {
  test::ScratchDir dir;
  const io::Store store = io::Store::open(dir / "t.db", io::OpenMode::create_if_missing);
  auto data = batch({{"green", "Green", "Grün", "", 1}, {"h2", "Hydrogen", "H2", "green", 2}});
  io::drop_known_taxonomy(data, store);
  CHECK(data.taxonomy.size() == 2);
}
