// End-to-end tests of the CLI's robustness around the database: damaged, foreign, read-only
// and concurrently created files, transactions of imports, refused options, memory exhaustion.

#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "verbund/io/store.hpp"

using verbund::test::dump_database;
using verbund::test::exec_sql;
using verbund::test::query_int;
using verbund::test::read_file;
using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;

namespace {

// Overwrites bytes of a file in place.
void patch_file(const std::filesystem::path& path, std::size_t offset, const std::string& bytes) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  REQUIRE(file);
  file.seekp(static_cast<std::streamoff>(offset));
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(file);
}

void write_projects(const ScratchDir& dir) {
  write_file(dir / "p.csv",
             "rcn,role,pic,type,start_year,end_year\n"
             "1,coordinator,1,HES,2015,2017\n"
             "1,participant,2,PRC,2015,2017\n");
  write_file(dir / "o.csv",
             "pic,name,short_name,type,city,country\n"
             "1,Uni,U,HES,Bochum,DE\n"
             "2,Firma,F,PRC,Herne,DE\n");
}

const std::vector<std::string> import_projects{"import", "projects",        "--participations",
                                               "p.csv",  "--organisations", "o.csv"};

// ASan and TSan reserve terabytes of shadow memory up front, which an address-space limit forbids.
bool built_with_sanitizer_shadow_memory() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

}  // namespace

TEST_CASE("cli: a negative schema version is refused, the database untouched", "[cli][store]") {
  ScratchDir dir;
  REQUIRE(run_cli({"init"}, dir.path()).exit_code == 0);
  exec_sql(dir / "verbund.db", "PRAGMA user_version = -1");
  const std::string before = dump_database(dir / "verbund.db");
  for (const auto& verb : {"info", "init"}) {
    INFO(verb);
    const auto r = run_cli({verb}, dir.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("not a verbund database of a known version"));
    CHECK(dump_database(dir / "verbund.db") == before);
  }
  // The same on a file that holds nothing but the version.
  exec_sql(dir / "bare.db", "PRAGMA user_version = -1");
  const auto r = run_cli({"--db", "bare.db", "init"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("not a verbund database of a known version"));
  CHECK(query_int(dir / "bare.db", "SELECT count(*) FROM sqlite_schema") == 0);
}

TEST_CASE("cli: schema version 1 with version-2 tables is refused clearly", "[cli][store]") {
  ScratchDir dir;
  REQUIRE(run_cli({"init"}, dir.path()).exit_code == 0);
  exec_sql(dir / "verbund.db", "PRAGMA user_version = 1");
  const std::string before = dump_database(dir / "verbund.db");
  const auto r = run_cli({"info"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("verbund.db: database says schema version 1 but already has "
                                    "table 'sim_series' of version 2"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(dump_database(dir / "verbund.db") == before);
}

TEST_CASE("cli: info on an empty file or an empty SQLite database writes nothing", "[cli][store]") {
  ScratchDir dir;
  write_file(dir / "empty.db", "");
  auto r = run_cli({"--db", "empty.db", "info"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("empty.db: empty file, not a verbund database"));
  CHECK(std::filesystem::file_size(dir / "empty.db") == 0);
  CHECK_FALSE(std::filesystem::exists(dir / "empty.db-wal"));

  exec_sql(dir / "blank.db", "PRAGMA page_size = 4096; VACUUM");
  const std::string before = read_file(dir / "blank.db");
  r = run_cli({"--db", "blank.db", "info"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("without a verbund schema"));
  CHECK(read_file(dir / "blank.db") == before);

  // Asked to, init makes a database of an empty file.
  CHECK(run_cli({"--db", "empty.db", "init"}, dir.path()).exit_code == 0);
  CHECK(run_cli({"--db", "empty.db", "info"}, dir.path()).exit_code == 0);
}

TEST_CASE("cli: two inits of the same new file at once both succeed", "[cli][store]") {
  ScratchDir dir;
  for (int trial = 0; trial < 10; ++trial) {
    INFO("trial " << trial);
    const std::string db = "new-" + std::to_string(trial) + ".db";
    const auto results = verbund::test::run_cli_concurrently(
        {{"--db", db, "init"}, {"--db", db, "init"}, {"--db", db, "init"}}, dir.path());
    for (const auto& r : results) {
      INFO(r.err);
      CHECK(r.exit_code == 0);
      CHECK(r.err.empty());
    }
    CHECK(query_int(dir / db, "PRAGMA user_version") == verbund::io::Store::schema_version);
    CHECK(query_int(dir / db, "SELECT count(*) FROM sqlite_schema WHERE name = 'themes'") == 1);
  }
}

TEST_CASE("cli: import projects commits its data and its run record together", "[cli][store]") {
  ScratchDir dir;
  write_projects(dir);
  REQUIRE(run_cli({"init"}, dir.path()).exit_code == 0);
  // A run record that cannot be written must take the imported data with it.
  exec_sql(dir / "verbund.db",
           "CREATE TRIGGER refuse_runs BEFORE INSERT ON runs "
           "BEGIN SELECT RAISE(ABORT, 'no runs today'); END");
  const std::string before = dump_database(dir / "verbund.db");
  auto r = run_cli(import_projects, dir.path());
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("no runs today"));
  CHECK(dump_database(dir / "verbund.db") == before);

  exec_sql(dir / "verbund.db", "DROP TRIGGER refuse_runs");
  r = run_cli(import_projects, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(query_int(dir / "verbund.db", "SELECT count(*) FROM runs WHERE verb = 'import projects'") ==
        1);
  CHECK(query_int(dir / "verbund.db", "SELECT count(*) FROM actors") == 2);
}

TEST_CASE("cli: import projects with the years the wrong way round is refused", "[cli][store]") {
  ScratchDir dir;
  write_projects(dir);
  REQUIRE(run_cli({"init"}, dir.path()).exit_code == 0);
  const std::string before = dump_database(dir / "verbund.db");
  auto args = import_projects;
  args.insert(args.end(), {"--from-year", "2020", "--to-year", "2010"});
  const auto r = run_cli(args, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--from-year 2020 is after --to-year 2010"));
  CHECK(dump_database(dir / "verbund.db") == before);
}

TEST_CASE("cli: a second project import merges; one that cannot names its file and line",
          "[cli][store]") {
  ScratchDir dir;
  write_projects(dir);
  REQUIRE(run_cli(import_projects, dir.path()).exit_code == 0);
  // Project 1 again (counted once) and project 2 with organisation 2 again and a new one.
  write_file(dir / "p2.csv",
             "rcn,role,pic,type,start_year,end_year\n"
             "1,participant,2,PRC,2015,2017\n"
             "2,coordinator,3,REC,2016,2019\n"
             "2,participant,2,PRC,2016,2019\n"
             "2,participant,1,HES,2016,2019\n");
  write_file(dir / "o2.csv",
             "pic,name,short_name,type,city,country\n3,Institut,I,REC,Dortmund,DE\n");
  auto r = run_cli({"import", "projects", "--participations", "p2.csv", "--organisations", "o2.csv",
                    "--format", "json"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::vector<int>> changes;
  const auto out = nlohmann::json::parse(r.out);
  for (const auto& row : out["changes"])
    changes[row["table"]] = {row["added"], row["changed"], row["unchanged"], row["deleted"]};
  CHECK(changes["projects"] == std::vector{1, 0, 1, 0});  // project 1 is not counted twice
  CHECK(changes["ties"] == std::vector{2, 1, 0, 0});
  CHECK(changes["actors"] == std::vector{1, 0, 2, 0});
  const auto db = dir / "verbund.db";
  CHECK(query_int(db, "SELECT count(*) FROM actors") == 3);
  // The 1-2 tie: two joint projects, 2015 to 2019.
  CHECK(query_int(db, "SELECT weight FROM ties WHERE source = 1 AND target = 2") == 2);
  CHECK(query_int(db, "SELECT \"end\" FROM ties WHERE source = 1 AND target = 2") == 2019);
  CHECK(query_int(db, "SELECT value FROM actor_attributes WHERE actor = 1 AND key = 'projects'") ==
        2);
  // Organisations imported by a verbund without project records cannot be merged: named at
  // their row, or their first participation when the organisations file has none.
  exec_sql(db, "DELETE FROM project_members WHERE actor = 2");
  const std::string before = dump_database(db);
  r = run_cli({"import", "projects", "--participations", "p2.csv", "--organisations", "o2.csv"},
              dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("p2.csv:2:3: organisation '2' was imported by an older "
                                    "verbund"));
  CHECK(dump_database(db) == before);
  write_file(dir / "o2.csv",
             "pic,name,short_name,type,city,country\n3,Institut,I,REC,Dortmund,DE\n"
             "2,Firma,F,PRC,Herne,DE\n");
  r = run_cli({"import", "projects", "--participations", "p2.csv", "--organisations", "o2.csv"},
              dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("o2.csv:3: organisation '2'"));
  CHECK(dump_database(db) == before);
}

TEST_CASE("cli: an import into a damaged database fails and leaves it as it was", "[cli][store]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "300", "--seed", "4"}, dir.path()).exit_code ==
          0);
  const auto db = dir / "verbund.db";
  REQUIRE_FALSE(std::filesystem::exists(dir / "verbund.db-wal"));  // checkpointed on close
  // Garbage over a leaf page of the ties table, which an import of a new actor never reads.
  const auto page_size = static_cast<std::size_t>(query_int(db, "PRAGMA page_size"));
  const auto page = static_cast<std::size_t>(query_int(
      db,
      "SELECT pageno FROM dbstat WHERE name = 'ties' AND pagetype = 'leaf' ORDER BY pageno "
      "LIMIT 1 OFFSET 1"));
  patch_file(db, (page - 1) * page_size, std::string(page_size, '\x5A'));
  const std::string before = read_file(db);

  write_file(dir / "actors.csv",
             "id,name,kind,municipality,lat,lon\nneu-1,Neue Firma GmbH,firm,Essen,51.45,7.01\n");
  const auto r = run_cli({"import", "--actors", "actors.csv"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("verbund.db: the database is damaged"));
  CHECK(read_file(db) == before);
}

TEST_CASE("cli: reading verbs on a read-only database print, warn and succeed", "[cli][store]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "300", "--seed", "7"}, dir.path()).exit_code ==
          0);
  const auto db = dir / "verbund.db";
  const std::vector<std::vector<std::string>> verbs{
      {"match", "transfer", "--all", "--top", "2"},
      {"recommend", "partners", "--members", "rub", "--top", "3"},
      {"match", "consortium", "--call",
       (verbund::test::project_data_dir() / "calls" / "efre-hydrogen.toml").string()}};

  // --no-record leaves the runs table alone on a writable database.
  const auto runs = query_int(db, "SELECT count(*) FROM runs");
  for (const auto& args : verbs) {
    auto with_flag = args;
    with_flag.emplace_back("--no-record");
    const auto r = run_cli(with_flag, dir.path());
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
  }
  CHECK(query_int(db, "SELECT count(*) FROM runs") == runs);

  // File format write version 3: SQLite reads the file but refuses to write it, as it does a
  // file without write permission (which root, running the tests, would not notice).
  exec_sql(db, "PRAGMA wal_checkpoint(TRUNCATE)");  // the last writer to close removes the WAL
  REQUIRE_FALSE(std::filesystem::exists(dir / "verbund.db-wal"));
  patch_file(db, 18, std::string(1, '\x03'));
  const std::string before = read_file(db);
  for (const auto& args : verbs) {
    INFO(args[0] << " " << args[1]);
    const auto r = run_cli(args, dir.path());
    CHECK(r.exit_code == 0);
    CHECK_FALSE(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains("warning: the run was not recorded") &&
                          Catch::Contains("read-only"));
    CHECK(read_file(db) == before);
  }
  // A verb that must write still fails.
  write_file(dir / "actors.csv",
             "id,name,kind,municipality,lat,lon\nneu-1,Neue Firma GmbH,firm,Essen,51.45,7.01\n");
  CHECK(run_cli({"import", "--actors", "actors.csv"}, dir.path()).exit_code == 1);
}

TEST_CASE("cli: global options are checked and shown plainly", "[cli]") {
  ScratchDir dir;
  auto r = run_cli({"--seed", "-1", "generate", "ruhr", "--firms", "10"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("non-negative"));
  CHECK_FALSE(std::filesystem::exists(dir / "verbund.db"));

  r = run_cli({"--help"}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("--format table|csv|json") && Catch::Contains("--no-record"));
  CHECK_THAT(r.out, !Catch::Contains("ENUM") && !Catch::Contains("->"));
}

TEST_CASE("cli: generate refuses more firms than inhabitants, creating nothing", "[cli]") {
  ScratchDir dir;
  const auto r = run_cli({"generate", "ruhr", "--firms", "50000000"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--firms 50000000 is more than the region's"));
  CHECK_FALSE(std::filesystem::exists(dir / "verbund.db"));
}

TEST_CASE("cli: running out of memory names what was too big and leaves no database",
          "[cli][slow]") {
  if (built_with_sanitizer_shadow_memory()) {
    WARN("skipped: an address-space limit cannot be set under AddressSanitizer or TSan");
    return;
  }
  ScratchDir dir;
  constexpr std::size_t limit = std::size_t{1} << 30;
  auto r = verbund::test::run_cli_with_memory_limit({"generate", "ruhr", "--firms", "5000000"},
                                                    dir.path(), limit);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("out of memory generating 5000000 firms"));
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK_FALSE(std::filesystem::exists(dir / "verbund.db"));
}

TEST_CASE("cli: no output overwrites the database, an input of the command or another database",
          "[cli][store]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "60", "--seed", "3"}, dir.path()).exit_code == 0);
  REQUIRE(run_cli({"--db", "other.db", "init"}, dir.path()).exit_code == 0);
  write_file(dir / "s.toml", "name = \"s\"\nhorizon_months = 2\n");
  write_file(dir / "t.toml", "");
  write_file(dir / "p.csv", "");
  const auto db = dump_database(dir / "verbund.db");
  const auto other = read_file(dir / "other.db");
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases{
      {{"report", "region", "--out", "verbund.db"}, "--out verbund.db is the database"},
      {{"report", "region", "--out", "./verbund.db-wal"}, "is the database"},
      {{"simulate", "s.toml", "--replicates", "1", "--out", "s.toml"},
       "--out s.toml is the input file s.toml"},
      {{"report", "region", "--out", "other.db"}, "is a SQLite database"},
      {{"calibrate", "s.toml", "--targets", "t.toml", "--free", "model.decay", "--out", "x.toml",
        "--diagnostics", "x.toml"},
       "name the same file x.toml"},
      {{"train", "partners", "--until", "2016", "--participations", "p.csv", "--organisations",
        "p.csv", "--model", "verbund.db"},
       "--model verbund.db is the database"},
  };
  for (const auto& c : cases) {
    INFO(c.args.back());
    const auto r = run_cli(c.args, dir.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(c.message));
  }
  CHECK(dump_database(dir / "verbund.db") == db);
  CHECK(read_file(dir / "other.db") == other);
  CHECK(read_file(dir / "s.toml") == "name = \"s\"\nhorizon_months = 2\n");
  CHECK(!std::filesystem::exists(dir / "x.toml"));
}
