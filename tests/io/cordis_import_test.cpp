// Tests on the real data in ../shared/data, which a checkout may lack. They form their own
// executable, whose main (support/shared_data_main.cpp) exits 77 when the folder is absent, so
// that ctest reports them as skipped instead of passed.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "test_support.hpp"
#include "verbund/core/region_data.hpp"
#include "verbund/io/project_import.hpp"

using namespace verbund;

TEST_CASE("the real CORDIS files import with counts that match the files",
          "[io][projects][cordis]") {
  // Run only when the data is there (shared_data_main.cpp skips otherwise): absent files fail.
  const auto dir = test::shared_data_dir() / "cordis";
  const io::ProjectFiles files{dir / "h2020_participations_2014_2017.csv",
                               dir / "h2020_organisations_2017.csv",
                               dir / "h2020_programme_parts_2014_2017.csv"};
  const io::ProjectImport imported = io::read_projects(files);
  const core::RegionData& d = imported.data;
  CHECK(imported.warnings.size() == 1);  // one organisation row has no pic

  // Independent count straight from the participations file (no quoted fields in it).
  std::ifstream in(files.participations);
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::set<std::string>> members;
  std::set<std::string> pics;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream s(line);
    for (std::string cell; std::getline(s, cell, ',');) f.push_back(cell);
    members[f[0]].insert(f[2]);
    pics.insert(f[2]);
  }
  std::set<std::pair<std::string, std::string>> pairs;
  for (const auto& [project, orgs] : members) {
    for (auto i = orgs.begin(); i != orgs.end(); ++i) {
      for (auto j = std::next(i); j != orgs.end(); ++j) pairs.emplace(*i, *j);
    }
  }
  CHECK(d.actors.size() == pics.size());
  CHECK(d.ties.size() == pairs.size());
  double weight = 0.0;
  for (const auto& t : d.ties) weight += t.weight;
  std::size_t pair_instances = 0;
  for (const auto& [project, orgs] : members) pair_instances += orgs.size() * (orgs.size() - 1) / 2;
  CHECK(weight == static_cast<double>(pair_instances));
  CHECK_NOTHROW(core::validate(d));
}
