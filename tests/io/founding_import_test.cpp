// Imports refuse a tie or membership that starts before either end was founded (a research
// group without its own year takes its parent's), as the generator's base data do: real CSV
// files through Store::append, Store::update and once through the CLI, the database unchanged.
#include <catch2/catch.hpp>

#include <map>
#include <random>

#include "test_support.hpp"
#include "verbund/error.hpp"
#include "verbund/io/founding.hpp"
#include "verbund/io/project_import.hpp"
#include "verbund/io/region_csv.hpp"
#include "verbund/io/store.hpp"

using namespace verbund;
using Catch::Matchers::Contains;

namespace {

// uni founded 2009; grp its research group without a year (so 2009); lab a group of grp with
// its own 2015; old founded 1990; anon and anon2 without a year; cl a cluster of 2000.
constexpr const char* actors_csv =
    "id,name,kind,municipality,lat,lon,founded,parent\n"
    "uni,Uni,university,,,,2009,\n"
    "grp,Group,research_group,,,,,uni\n"
    "lab,Lab,research_group,,,,2015,grp\n"
    "old,Old GmbH,firm,,,,1990,\n"
    "anon,Anon GmbH,firm,,,,,\n"
    "anon2,Anon2 GmbH,firm,,,,,\n"
    "cl,Cluster,cluster,,,,2000,\n";

constexpr const char* ties_header = "source,target,kind,weight,start,end\n";
constexpr const char* memberships_header = "actor,group,start,end\n";

// A store holding the actors above and, stored, the tie old - grp from 2009.
struct Fixture {
  test::ScratchDir dir;
  std::filesystem::path db = dir / "v.db";
  Fixture() {
    test::write_file(dir / "actors.csv", actors_csv);
    test::write_file(dir / "base_ties.csv",
                     std::string(ties_header) + "old,grp,transfer,1,2009,\n");
    io::RegionCsvFiles files;
    files.actors = dir / "actors.csv";
    files.ties = dir / "base_ties.csv";
    auto store = io::Store::open(db, io::OpenMode::create_if_missing);
    (void)store.append(io::read_region_csv(files));
  }
  // What appending (or, with `update`, updating with) these files refuses; "no error" if none.
  std::string import(const io::RegionCsvFiles& files, bool update = false) const {
    return test::invalid_input_message([&] {
      auto store = io::Store::open(db);
      const auto data = io::read_region_csv(files);
      if (update) return store.update(data).ties.added;
      return store.append(data).ties;
    });
  }
  std::string import_ties(const std::string& rows, bool update = false) const {
    test::write_file(dir / "t.csv", ties_header + rows);
    io::RegionCsvFiles files;
    files.ties = dir / "t.csv";
    return import(files, update);
  }
  std::string import_memberships(const std::string& rows, bool update = false) const {
    test::write_file(dir / "m.csv", memberships_header + rows);
    io::RegionCsvFiles files;
    files.memberships = dir / "m.csv";
    return import(files, update);
  }
  std::string update_actors(const std::string& csv) const {
    test::write_file(dir / "a.csv", csv);
    io::RegionCsvFiles files;
    files.actors = dir / "a.csv";
    return import(files, /*update=*/true);
  }
};

// Oracle for founding_year: years pushed down the parent forest by repeated relaxation, the
// rule read as "a year-less actor has the year of its parent" rather than as a walk upwards.
std::vector<std::optional<int>> relaxed_years(const std::vector<std::optional<int>>& own,
                                              const std::vector<int>& parent) {
  auto years = own;
  for (std::size_t round = 0; round < own.size(); ++round) {
    for (std::size_t i = 0; i < own.size(); ++i) {
      if (!own[i] && parent[i] >= 0) years[i] = years[static_cast<std::size_t>(parent[i])];
    }
  }
  return years;
}

}  // namespace

TEST_CASE("founding_year walks up to the first own year, as relaxation says", "[io][founding]") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 1 + rng() % 9;
    std::vector<std::optional<int>> own(n);
    std::vector<int> parent(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
      if (rng() % 2 == 0) own[i] = 1950 + static_cast<int>(rng() % 70);
      if (i > 0 && rng() % 3 != 0) parent[i] = static_cast<int>(rng() % i);  // a forest
    }
    const auto expected = relaxed_years(own, parent);
    const io::FoundingLookup lookup = [&](std::string_view id) -> std::optional<io::FoundingFacts> {
      const auto i = std::stoul(std::string(id.substr(1)));
      if (i >= n) return std::nullopt;
      return io::FoundingFacts{own[i], parent[i] < 0 ? "" : "a" + std::to_string(parent[i])};
    };
    for (std::size_t i = 0; i < n; ++i)
      CHECK(io::founding_year("a" + std::to_string(i), lookup) == expected[i]);
    CHECK_THROWS_AS(io::founding_year("a" + std::to_string(n), lookup), InvalidInput);
  }
  const io::FoundingLookup cycle = [](std::string_view id) -> std::optional<io::FoundingFacts> {
    return io::FoundingFacts{std::nullopt, id == "x" ? "y" : "x"};
  };
  CHECK_THAT(test::invalid_input_message([&] { return io::founding_year("x", cycle); }),
             Contains("the parents of actor 'x' form a cycle"));
}

TEST_CASE("an imported tie may not start before either end was founded", "[io][founding]") {
  Fixture f;
  const auto before = test::dump_database(f.db);
  // Refused at the start column, naming both ends, the start and the founding year; the second
  // row is the bad one, so the line is 3.
  CHECK_THAT(f.import_ties("old,anon,supply,1,1995,\nold,uni,transfer,1,2008,\n"),
             Contains("t.csv:3:5: the tie old - uni starts in 2008, before 'uni' was founded "
                      "(2009)"));
  // A research group without its own year takes its parent's; one with its own keeps it.
  CHECK_THAT(f.import_ties("anon,grp,transfer,1,2008,\n"),
             Contains("t.csv:2:5: the tie anon - grp starts in 2008, before 'grp' was founded "
                      "(2009)"));
  CHECK_THAT(f.import_ties("lab,anon,research,1,2014,\n"),
             Contains("before 'lab' was founded (2015)"));
  CHECK_THAT(f.import_ties("anon,old,informal,1,1989,\n"),
             Contains("before 'old' was founded (1990)"));
  // With --update (a new tie there) the same.
  CHECK_THAT(f.import_ties("old,uni,transfer,1,2008,\n", /*update=*/true),
             Contains("t.csv:2:5: the tie old - uni starts in 2008"));
  CHECK(test::dump_database(f.db) == before);

  // The edge: a tie may start in the founding year; unknown years never conflict.
  CHECK(f.import_ties("old,uni,transfer,1,2009,\nanon,grp,research,1,2009,\n"
                      "lab,anon,research,1,2015,\nanon,anon2,informal,1,1000,\n"
                      "anon,old,informal,1,,\n") == "no error");
  CHECK(test::query_int(f.db, "SELECT count(*) FROM ties") == 6);
}

TEST_CASE("an imported membership may not start before either end was founded", "[io][founding]") {
  Fixture f;
  const auto before = test::dump_database(f.db);
  CHECK_THAT(f.import_memberships("anon,cl,1800,\n"),
             Contains("m.csv:2:3: the membership anon - cl starts in 1800, before 'cl' was "
                      "founded (2000)"));
  CHECK_THAT(f.import_memberships("old,cl,2005,\nold,cl,1989,\n", /*update=*/true),
             Contains("m.csv:3:3: the membership old - cl starts in 1989, before 'old' was "
                      "founded (1990)"));
  CHECK(test::dump_database(f.db) == before);
  CHECK(f.import_memberships("anon,cl,2000,\nold,cl,,\n") == "no error");
  CHECK(test::query_int(f.db, "SELECT count(*) FROM memberships") == 2);
}

TEST_CASE("a batch's own actors give the founding years of its ties", "[io][founding]") {
  Fixture f;
  test::write_file(f.dir / "a.csv",
                   "id,name,kind,municipality,lat,lon,founded,parent\n"
                   "neu,Neu GmbH,firm,,,,2020,\n");
  test::write_file(f.dir / "t.csv", std::string(ties_header) + "neu,old,supply,1,2019,\n");
  io::RegionCsvFiles files;
  files.actors = f.dir / "a.csv";
  files.ties = f.dir / "t.csv";
  CHECK_THAT(f.import(files), Contains("t.csv:2:5: the tie neu - old starts in 2019, before "
                                       "'neu' was founded (2020)"));
  test::write_file(f.dir / "t.csv", std::string(ties_header) + "neu,old,supply,1,2020,\n");
  CHECK(f.import(files) == "no error");
}

TEST_CASE("an update may not found an actor after its stored ties started", "[io][founding]") {
  Fixture f;
  const auto before = test::dump_database(f.db);
  // The stored tie old - grp starts in 2009; grp takes its year from uni.
  CHECK_THAT(
      f.update_actors("id,name,kind,municipality,lat,lon,founded\n"
                      "anon,Anon GmbH,firm,,,,\n"
                      "uni,Uni,university,,,,2010\n"),
      Contains("a.csv:3:7: actor 'uni' would date from 2010, but the transfer tie old - grp starts "
               "in 2009, before 'grp' was founded (2010) ('grp' takes its founding year from "
               "'uni')"));
  CHECK_THAT(f.update_actors("id,name,kind,municipality,lat,lon,founded\n"
                             "old,Old GmbH,firm,,,,2024\n"),
             Contains("a.csv:2:7: actor 'old' would date from 2024, but the transfer tie old - grp "
                      "starts in 2009, before 'old' was founded (2024)"));
  // A new parent can make a group younger too (column parent).
  CHECK_THAT(f.update_actors("id,name,kind,municipality,lat,lon,founded,parent\n"
                             "grp,Group,research_group,,,,,lab\n"
                             "lab,Lab,research_group,,,,2015,uni\n"),
             Contains("a.csv:2:8: actor 'grp' would date from 2015"));
  CHECK(test::dump_database(f.db) == before);
  // The edge (founded in the tie's first year) and an unknown year are accepted.
  CHECK(f.update_actors("id,name,kind,municipality,lat,lon,founded\nold,Old GmbH,firm,,,,2009\n") ==
        "no error");
  CHECK(f.update_actors("id,name,kind,municipality,lat,lon,founded\nuni,Uni,university,,,,\n") ==
        "no error");
  CHECK(test::query_text(f.db,
                         "SELECT ext_id, founded FROM actors WHERE ext_id IN ('old', "
                         "'uni') ORDER BY ext_id") == "old|2009\nuni|NULL\n");
}

TEST_CASE("a database that already breaks the founding rule still opens and takes other imports",
          "[io][founding]") {
  Fixture f;
  // Behind the library's back, as an older verbund could have written it.
  test::exec_sql(f.db, "UPDATE actors SET founded = 2030 WHERE ext_id = 'old'");
  const auto region = io::Store::open(f.db, io::OpenMode::read_only).load_region();
  CHECK(region.ties().size() == 1);
  // An import that touches neither end of the old tie goes through.
  CHECK(f.import_ties("anon,anon2,informal,1,2001,\n") == "no error");
  CHECK(
      f.update_actors("id,name,kind,municipality,lat,lon,founded\nanon,Anon GmbH,firm,,,,1999\n") ==
      "no error");
}

TEST_CASE("`verbund import --ties` refuses an early tie with exit 2", "[io][founding][cli]") {
  Fixture f;
  const auto before = test::dump_database(f.db);
  test::write_file(f.dir / "t1.csv", std::string(ties_header) + "old,grp,transfer,1,2005,\n");
  const auto r = test::run_cli({"--db", "v.db", "import", "--ties", "t1.csv"}, f.dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("t1.csv:2:5: the tie old - grp starts in 2005, before 'grp' was "
                             "founded (2009)"));
  CHECK(test::dump_database(f.db) == before);
}

TEST_CASE("a project import may not make a project tie older than an organisation",
          "[io][founding][projects]") {
  for (const int founded : {2011, 2010}) {
    CAPTURE(founded);
    test::ScratchDir dir;
    const auto db = dir / "v.db";
    test::write_file(dir / "actors.csv",
                     "id,name,kind,municipality,lat,lon,founded\n1,Org 1,firm,"
                     "Essen,,," +
                         std::to_string(founded) + "\n");
    test::write_file(dir / "organisations.csv",
                     "pic,name,short_name,type,city,country\n1,Org 1,O,PRC,Essen,DE\n"
                     "2,Org 2,U,HES,Essen,DE\n");
    test::write_file(dir / "participations.csv",
                     "rcn,role,pic,type,start_year,end_year\nP1,coordinator,2,HES,2010,2012\n"
                     "P1,participant,1,PRC,2010,2012\n");
    io::RegionCsvFiles files;
    files.actors = dir / "actors.csv";
    io::Store::open(db, io::OpenMode::create_if_missing).append(io::read_region_csv(files));
    const auto before = test::dump_database(db);
    const auto message = test::invalid_input_message([&] {
      auto store = io::Store::open(db);
      return store.merge_projects(
          io::read_projects({dir / "participations.csv", dir / "organisations.csv", std::nullopt}));
    });
    if (founded == 2011) {
      CHECK_THAT(message, Contains("organisations.csv:2") &&
                              Contains("the project tie 1 - 2 starts in 2010, before '1' was "
                                       "founded (2011) (joint project 'P1')"));
      CHECK(test::dump_database(db) == before);
    } else {
      CHECK(message == "no error");
      CHECK(test::query_int(db, "SELECT count(*) FROM ties WHERE start = 2010") == 1);
    }
  }
}
