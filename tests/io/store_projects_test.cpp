// Store::merge_projects against the one-file import: importing two extracts one after the other
// (in either order, overlapping or repeated) must give what importing their union at once gives.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "test_support.hpp"
#include "verbund/core/random.hpp"
#include "verbund/error.hpp"
#include "verbund/io/project_import.hpp"
#include "verbund/io/region_csv.hpp"
#include "verbund/io/store.hpp"

using namespace verbund;

namespace {

std::string sorted_export(const io::Store& store) {
  test::ScratchDir dir;
  io::write_region_csv(store.load_region(), dir.path());
  std::istringstream in(test::read_csv_export(dir.path()));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

const std::string participations_header = "rcn,role,pic,type,start_year,end_year\n";

io::ProjectImport read(const test::ScratchDir& dir, const std::string& rows,
                       const std::string& name) {
  test::write_file(dir / name, participations_header + rows);
  return io::read_projects({dir / name, dir / "organisations.csv", dir / "topics.csv"});
}

}  // namespace

TEST_CASE("project imports one after the other equal one import of their union",
          "[io][store][projects]") {
  const char* types[] = {"HES", "REC", "PRC", "PRC", "OTH", "PRC", "HES", "PRC"};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    CAPTURE(seed);
    core::RandomStream rng(seed, 3);
    test::ScratchDir dir;
    std::string organisations = "pic,name,short_name,type,city,country\n";
    for (int o = 0; o < 8; ++o) {
      // Organisation 7 has no row: it is named "PIC 7" until a file names it.
      if (o < 7)
        organisations +=
            std::to_string(o) + ",Org " + std::to_string(o) + ",O," + types[o] + ",Essen,DE\n";
    }
    test::write_file(dir / "organisations.csv", organisations);
    std::string topics = "rcn,programme_part\n";
    const char* topic_names[] = {"LEIT", "SC3", "ERC"};
    // Rows of each project, and which extracts hold it: A, B or both.
    std::string a, b;
    for (int p = 0; p < 10; ++p) {
      const int start = 2010 + static_cast<int>(rng.below(6));
      const int end = start + static_cast<int>(rng.below(4));
      std::set<int> members;
      const auto size = 1 + rng.below(4);
      while (members.size() < size) members.insert(static_cast<int>(rng.below(8)));
      const auto where = rng.below(3);  // 0: A, 1: B, 2: both (each a part of its members)
      bool first = true;
      for (const int m : members) {
        const std::string row = std::to_string(p) + "," + (first ? "coordinator" : "participant") +
                                "," + std::to_string(m) + "," + types[m] + "," +
                                std::to_string(start) + "," + std::to_string(end) + "\n";
        first = false;
        const auto part = where == 2 ? rng.below(3) : where;  // 2: the row is in both
        if (part != 1) a += row;
        if (part != 0) b += row;
      }
      if (rng.below(2) == 0) topics += std::to_string(p) + "," + topic_names[rng.below(3)] + "\n";
    }
    test::write_file(dir / "topics.csv", topics);
    if (a.empty() || b.empty()) continue;

    io::Store one = io::Store::open(dir / "one.db", io::OpenMode::create_if_missing);
    one.merge_projects(read(dir, a + b, "ab.csv"));
    const std::string expected = sorted_export(one);

    io::Store ab = io::Store::open(dir / "ab.db", io::OpenMode::create_if_missing);
    ab.merge_projects(read(dir, a, "a.csv"));
    ab.merge_projects(read(dir, b, "b.csv"));
    CHECK(sorted_export(ab) == expected);

    io::Store ba = io::Store::open(dir / "ba.db", io::OpenMode::create_if_missing);
    ba.merge_projects(read(dir, b, "b.csv"));
    const auto summary = ba.merge_projects(read(dir, a, "a.csv"));
    CHECK(sorted_export(ba) == expected);
    CHECK(summary.projects.added + summary.projects.changed + summary.projects.unchanged ==
          static_cast<std::int64_t>(read(dir, a, "a.csv").projects.size()));

    // The same extract again changes nothing.
    const auto again = ba.merge_projects(read(dir, a, "a.csv"));
    CHECK(sorted_export(ba) == expected);
    CHECK(again.projects.added == 0);
    CHECK(again.projects.changed == 0);
    CHECK(again.ties.added + again.ties.changed == 0);
    CHECK(again.actors.added + again.actors.changed == 0);
    CHECK(again.attributes.changed + again.actor_competences.changed == 0);
  }
}

TEST_CASE("a project merge keeps actors' own fields, offers and ties of other imports",
          "[io][store][projects]") {
  test::ScratchDir dir;
  io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
  // Organisation 1 was imported by hand first, with an own offer and an own project tie.
  core::RegionData own;
  own.taxonomy = {{"t", "T", "T", "", 0}, {"c", "C", "C", "t", 0}};
  own.actors.resize(2);
  own.actors[0].id = "1";
  own.actors[0].name = "Ruhr-Universität";
  own.actors[0].kind = core::ActorKind::university;
  own.actors[1].id = "9";
  own.actors[1].name = "Other";
  own.competences = {{"1", "c", core::CompetenceRole::offer, 0.7, 0}};
  own.ties = {{"1", "9", core::TieKind::project, 3.0, 2001, 2002, 0}};
  store.append(own);
  test::write_file(dir / "organisations.csv",
                   "pic,name,short_name,type,city,country\n1,RUB,R,HES,Bochum,DE\n");
  test::write_file(dir / "topics.csv", "rcn,programme_part\n1,SC3\n");
  const auto summary = store.merge_projects(read(dir,
                                                 "1,coordinator,1,HES,2015,2017\n"
                                                 "1,participant,2,PRC,2015,2017\n",
                                                 "p.csv"));
  CHECK(summary.actors == io::RowChanges{1, 0, 1, 0});
  const auto region = store.load_region();
  const auto rub = *region.find("1");
  CHECK(region.name(rub) == "Ruhr-Universität");  // stored fields stay
  CHECK(region.attribute(rub, "projects") == "1");
  CHECK(region.attribute(rub, "country") == "DE");
  CHECK(region.offers(rub).size() == 2);  // its own and the topic
  CHECK(region.name(*region.find("2")) == "PIC 2");
  CHECK(region.ties().size() == 2);
  CHECK(region.ties()[0].weight == 3.0);  // the hand-made tie is not a project import's

  // A later extract names organisation 2: the placeholder becomes its name.
  test::write_file(dir / "organisations.csv",
                   "pic,name,short_name,type,city,country\n2,Firma,F,PRC,Herne,DE\n");
  const auto named = store.merge_projects(read(dir, "1,participant,2,PRC,2015,2017\n", "p2.csv"));
  CHECK(named.actors.changed == 1);
  CHECK(store.load_region().name(*store.load_region().find("2")) == "Firma");
}

TEST_CASE("a project merge refuses organisations of an import that kept no project records",
          "[io][store][projects]") {
  test::ScratchDir dir;
  test::write_file(dir / "organisations.csv",
                   "pic,name,short_name,type,city,country\n1,Uni,U,HES,Bochum,DE\n"
                   "2,Firma,F,PRC,Herne,DE\n");
  test::write_file(dir / "topics.csv", "rcn,programme_part\n");
  const auto first =
      read(dir, "1,coordinator,1,HES,2015,2017\n1,participant,2,PRC,2015,2017\n", "p.csv");
  io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
  store.append(first.data);  // as verbund before schema 3 stored a project import
  const std::string before = test::dump_database(dir / "v.db");
  try {
    store.merge_projects(first);
    FAIL("merged into an import without project records");
  } catch (const InvalidInput& e) {
    CHECK(e.where().file == (dir / "organisations.csv").string());
    CHECK(e.where().line == 2);
    CHECK_THAT(e.detail(), Catch::Contains("kept no record of its projects"));
  }
  CHECK(test::dump_database(dir / "v.db") == before);
}
