#include <catch2/catch.hpp>
#include <fstream>

#include "../core/region_fixture.hpp"
#include "test_support.hpp"
#include "verbund/error.hpp"
#include "verbund/io/region_csv.hpp"
#include "verbund/io/store.hpp"

using namespace verbund;
using verbund::test::exec_sql;

namespace {

std::string csv_export(const core::Region& region, const test::ScratchDir& dir) {
  io::write_region_csv(region, dir.path());
  return test::read_csv_export(dir.path());
}

std::string open_error(const std::filesystem::path& path,
                       io::OpenMode mode = io::OpenMode::open_existing) {
  return test::invalid_input_message([&] { return io::Store::open(path, mode); });
}

}  // namespace

TEST_CASE("a new store has the current schema, WAL and no rows", "[io][store]") {
  test::ScratchDir dir;
  const auto path = dir / "v.db";
  {
    io::Store store = io::Store::open(path, io::OpenMode::create_if_missing);
    const auto counts = store.counts();
    CHECK(counts.actors == 0);
    CHECK(counts.ties == 0);
  }
  const std::string dump = test::dump_database(path);
  CHECK_THAT(dump, Catch::Contains("user_version " + std::to_string(io::Store::schema_version)));
  CHECK(test::query_text(path, "PRAGMA journal_mode") == "wal\n");
  // Opening again is a no-op migration.
  CHECK_NOTHROW(io::Store::open(path));
}

TEST_CASE("what is appended loads back as the same region", "[io][store]") {
  test::ScratchDir dir, a, b;
  io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
  const core::RegionData data = test::small_region_data();
  const auto added = store.append(data);
  CHECK(added.actors == 8);
  CHECK(added.ties == 5);
  const core::Region loaded = store.load_region();
  CHECK(csv_export(loaded, a) == csv_export(core::build_region(data), b));
  CHECK(loaded.parent(*loaded.find("grp")) == loaded.find("uni"));
  CHECK(loaded.attribute(*loaded.find("f1"), "website") == "f1.example");
  CHECK(store.record_run({"test", "{}", 5}) == 1);
  CHECK(store.counts().runs == 1);
}

TEST_CASE("a later batch may refer to actors already in the store", "[io][store]") {
  test::ScratchDir dir;
  io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
  store.append(test::small_region_data());
  core::RegionData more;
  more.ties.push_back({"f4", "uni", core::TieKind::transfer, 1.0, 2020, std::nullopt, 0});
  more.memberships.push_back({"f4", "clu", std::nullopt, std::nullopt, 0});
  store.append(more);
  const core::Region r = store.load_region();
  CHECK(r.tie_count() == 6);
  CHECK(r.connected(*r.find("f4"), *r.find("uni")));
  CHECK(store.has_taxonomy_id("h2"));
  CHECK(store.has_taxonomy_id("green"));
  CHECK_FALSE(store.has_taxonomy_id("nothing"));
}

TEST_CASE("a bad batch leaves the database exactly as it was", "[io][store]") {
  test::ScratchDir dir;
  const auto path = dir / "v.db";
  {
    io::Store store = io::Store::open(path, io::OpenMode::create_if_missing);
    store.append(test::small_region_data());
  }
  const std::string before = test::dump_database(path);
  io::Store store = io::Store::open(path);

  core::RegionData bad;  // good actors first, the bad row last
  core::ActorRecord a;
  a.id = "new-firm";
  a.name = "Neue Firma";
  bad.actors.push_back(a);
  bad.ties.push_back({"new-firm", "f1", core::TieKind::supply, 1.0, std::nullopt, std::nullopt, 0});
  bad.ties.push_back(
      {"new-firm", "ghost", core::TieKind::supply, 1.0, std::nullopt, std::nullopt, 0});
  CHECK_THROWS_WITH(store.append(bad), Catch::Contains("unknown actor 'ghost'"));

  core::RegionData duplicate;
  duplicate.actors.push_back(a);
  duplicate.actors.back().id = "f2";
  CHECK_THROWS_WITH(store.append(duplicate), Catch::Contains("duplicate actor id 'f2'"));

  core::RegionData taxonomy_again;
  taxonomy_again.taxonomy.push_back({"h2", "x", "x", "green", 0});
  CHECK_THROWS_AS(store.append(taxonomy_again), InvalidInput);

  CHECK(test::dump_database(path) == before);
}

TEST_CASE("files that are not this verbund's databases are refused clearly", "[io][store]") {
  test::ScratchDir dir;
  CHECK_THAT(open_error(dir / "missing.db"), Catch::Contains("does not exist"));

  test::write_file(dir / "text.db", "id,name\nthis is no database at all, just text\n");
  CHECK_THAT(open_error(dir / "text.db"), Catch::Contains("not a SQLite database"));

  exec_sql(dir / "other.db", "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
  CHECK_THAT(open_error(dir / "other.db"), Catch::Contains("not a verbund database"));

  const auto newer = dir / "newer.db";
  { io::Store::open(newer, io::OpenMode::create_if_missing); }
  exec_sql(newer, "PRAGMA user_version = 99");
  const std::string message = open_error(newer);
  CHECK_THAT(message,
             Catch::Contains("schema version 99 is newer") && Catch::Contains("upgrade verbund"));
  CHECK_THAT(open_error(newer, io::OpenMode::read_only), Catch::Contains("99"));
}

TEST_CASE("a schema-1 database is migrated to the simulation results table", "[io][store]") {
  test::ScratchDir dir;
  const auto path = dir / "old.db";
  { (void)io::Store::open(path, io::OpenMode::create_if_missing); }
  exec_sql(
      path,
      "DROP TABLE sim_series; DROP TABLE supply_flows; DROP TABLE supply_demand_certifications; "
      "DROP TABLE supply_demands; DROP TABLE supply_offer_certifications; "
      "DROP TABLE supply_offers; DROP TABLE certifications; DROP TABLE supply_categories; "
      "DROP TABLE partner_models; DROP TABLE competence_relations; DROP TABLE sweep_results; DROP "
      "TABLE sweep_points; "
      "DROP TABLE sweeps; "
      "DROP INDEX ties_by_ends; DROP TABLE project_ties; DROP TABLE project_members; "
      "DROP TABLE projects; PRAGMA user_version = 1");
  CHECK_THAT(test::dump_database(path), Catch::Contains("user_version 1"));
  {
    io::Store store = io::Store::open(path);
    const auto id = store.record_run({"simulate", "{}", 1},
                                     {{"base", {{0, 0, "ties", 10.0}, {0, 1, "ties", 12.0}}}});
    CHECK(id == 1);
  }
  const auto dump = test::dump_database(path);
  CHECK_THAT(dump, Catch::Contains("user_version " + std::to_string(io::Store::schema_version)) &&
                       Catch::Contains("1|base|0|1|ties|12.0|") &&
                       Catch::Contains("CREATE TABLE project_members"));
}

TEST_CASE("a schema-3 database is migrated to the project tables", "[io][store]") {
  test::ScratchDir dir;
  const auto path = dir / "old.db";
  {
    io::Store store = io::Store::open(path, io::OpenMode::create_if_missing);
    store.append(test::small_region_data());
  }
  exec_sql(path,
           "DROP TABLE partner_models; DROP TABLE competence_relations; DROP TABLE sweep_results; "
           "DROP TABLE sweep_points; "
           "DROP TABLE sweeps; "
           "DROP TABLE project_ties; DROP TABLE project_members; "
           "DROP TABLE projects; PRAGMA user_version = 3");
  { (void)io::Store::open(path); }
  const auto dump = test::dump_database(path);
  CHECK_THAT(dump, Catch::Contains("user_version " + std::to_string(io::Store::schema_version)) &&
                       Catch::Contains("CREATE TABLE projects") &&
                       Catch::Contains("CREATE TABLE project_ties"));
  CHECK(io::Store::open(path).counts().actors == 8);
}

TEST_CASE("a store refuses, writing nothing, what it cannot safely migrate", "[io][store]") {
  test::ScratchDir dir;
  const auto negative = dir / "negative.db";
  { (void)io::Store::open(negative, io::OpenMode::create_if_missing); }
  exec_sql(negative, "PRAGMA user_version = -1");
  const std::string before = test::dump_database(negative);
  for (const auto mode :
       {io::OpenMode::open_existing, io::OpenMode::create_if_missing, io::OpenMode::read_only}) {
    CHECK_THAT(open_error(negative, mode),
               Catch::Contains("not a verbund database of a known version"));
  }
  CHECK(test::dump_database(negative) == before);

  const auto empty = dir / "empty.db";
  test::write_file(empty, "");
  CHECK_THAT(open_error(empty), Catch::Contains("empty file"));
  CHECK(std::filesystem::file_size(empty) == 0);
  CHECK_NOTHROW(io::Store::open(empty, io::OpenMode::create_if_missing));

  const auto half = dir / "half.db";
  { (void)io::Store::open(half, io::OpenMode::create_if_missing); }
  exec_sql(half, "PRAGMA user_version = 1");
  CHECK_THAT(open_error(half), Catch::Contains("already has table 'sim_series'"));
  CHECK_THAT(test::dump_database(half), Catch::Contains("user_version 1"));
}

TEST_CASE("a batch and its run record are committed together", "[io][store]") {
  test::ScratchDir dir;
  const auto path = dir / "v.db";
  { (void)io::Store::open(path, io::OpenMode::create_if_missing); }
  exec_sql(path,
           "CREATE TRIGGER refuse_runs BEFORE INSERT ON runs "
           "BEGIN SELECT RAISE(ABORT, 'no runs today'); END");
  const std::string before = test::dump_database(path);
  {
    io::Store store = io::Store::open(path);
    CHECK_THROWS_WITH(store.append(test::small_region_data(), {"import", "{}", std::nullopt}),
                      Catch::Contains("no runs today"));
  }
  CHECK(test::dump_database(path) == before);
  exec_sql(path, "DROP TRIGGER refuse_runs");
  io::Store store = io::Store::open(path);
  const auto added = store.append(test::small_region_data(), {"import", "{}", std::nullopt});
  CHECK(added.actors == 8);
  CHECK(store.counts().runs == 1);
  CHECK(store.has_actor_id("f1"));
  CHECK_FALSE(store.has_actor_id("nobody"));
}

TEST_CASE("a run on a database SQLite will not write is left unrecorded", "[io][store]") {
  test::ScratchDir dir;
  const auto path = dir / "v.db";
  {
    io::Store store = io::Store::open(path, io::OpenMode::create_if_missing);
    store.append(test::small_region_data());
    CHECK(store.record_run_unless_read_only({"test", "{}", 1}) == 1);
  }
  {
    io::Store store = io::Store::open(path, io::OpenMode::read_only);
    CHECK_FALSE(store.record_run_unless_read_only({"test", "{}", 1}));
  }
  // A file format write version above 2 makes SQLite refuse writes on a writable connection.
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(18);
    file.put('\x03');
  }
  io::Store store = io::Store::open(path);
  CHECK_FALSE(store.record_run_unless_read_only({"test", "{}", 1}));
  CHECK_THROWS_AS(store.record_run({"test", "{}", 1}), IoError);
  CHECK(store.counts().runs == 1);
}
