// Within-year training splits of learned partner recommendation: every project of the year is
// asked in exactly one fold, and each fold's network is exactly the co-participations of the
// other projects up to that year (checked against pairs counted by brute force).
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <sstream>

#include "test_support.hpp"
#include "verbund/match/partner_learning.hpp"

using namespace verbund;

TEST_CASE("within-year partner splits ask each project once, over the other projects' network",
          "[match][partners][learn]") {
  const test::ScratchDir dir;
  std::mt19937_64 rng(11);
  std::ostringstream part, orgs;
  part << "rcn,role,pic,type,contribution,country,start_year,end_year\n";
  orgs << "pic,name,short_name,type,city,country\n";
  for (int o = 0; o < 15; ++o) orgs << 100 + o << ",Org " << o << ",O,PRC,Essen,DE\n";
  std::map<std::string, std::pair<int, std::vector<int>>> projects;  // id -> year, members
  for (int p = 0; p < 40; ++p) {
    const int year = p < 10 ? 2014 : p < 32 ? 2015 : 2016;
    std::vector<int> members;
    const std::size_t size = 2 + rng() % 4;
    while (members.size() < size) {
      const int o = static_cast<int>(rng() % 15);
      if (std::find(members.begin(), members.end(), o) == members.end()) members.push_back(o);
    }
    for (const int o : members)
      part << 7000 + p << ",participant," << 100 + o << ",PRC,1,DE," << year << "," << year + 2
           << "\n";
    projects[std::to_string(7000 + p)] = {year, members};
  }
  test::write_file(dir.path() / "part.csv", part.str());
  test::write_file(dir.path() / "orgs.csv", orgs.str());
  const io::ProjectFiles files{dir.path() / "part.csv", dir.path() / "orgs.csv", std::nullopt};

  std::set<std::string> expected_asked;
  for (const auto& [id, p] : projects)
    if (p.first == 2015 && p.second.size() >= 3) expected_asked.insert(id);

  std::multiset<std::string> asked;
  for (std::size_t fold = 0; fold < 3; ++fold) {
    const auto split =
        match::partner_split(files, 2015, {.hidden_per_project = 1, .folds = 3, .fold = fold});
    CHECK(split.query_year == 2016);
    std::set<std::string> here;
    for (const auto& q : split.queries) here.insert(q.project);
    asked.insert(here.begin(), here.end());

    // Brute force: joint projects per pair over the projects up to 2015 not asked here.
    std::map<std::pair<std::string, std::string>, int> joint;
    for (const auto& [id, p] : projects) {
      if (p.first > 2015 || here.contains(id)) continue;
      for (const int a : p.second)
        for (const int b : p.second)
          if (a < b) ++joint[{std::to_string(100 + a), std::to_string(100 + b)}];
    }
    std::map<std::pair<std::string, std::string>, int> seen;
    const auto& region = split.region;
    for (std::uint32_t v = 0; v < region.size(); ++v)
      for (const auto& nb : region.neighbours(core::ActorId{v})) {
        const auto a = std::string(region.external_id(core::ActorId{v}));
        const auto b = std::string(region.external_id(nb.actor));
        if (a < b) seen[{a, b}] += static_cast<int>(region.tie(nb.tie).weight);
      }
    CHECK(seen == joint);
  }
  CHECK(std::set<std::string>(asked.begin(), asked.end()) == expected_asked);
  CHECK(asked.size() == expected_asked.size());  // each once
}
