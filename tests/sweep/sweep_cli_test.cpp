// `verbund sweep` and `verbund sensitivity` as real processes: the same bytes for any thread
// count and after resuming; bad input refused with the database untouched.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "test_support.hpp"

using verbund::test::dump_database;
using verbund::test::read_file;
using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;

namespace {
void sql(const std::filesystem::path& db, const std::string& statement) {
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open(db.string().c_str(), &h) == SQLITE_OK);
  REQUIRE(sqlite3_exec(h, statement.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(h);
}

void prepare(const ScratchDir& dir) {
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "800", "--seed", "2"}, dir.path()).exit_code ==
          0);
  write_file(
      dir / "wg.toml",
      "name = \"wg\"\nhorizon_months = 4\n[[intervention]]\nname = \"AG\"\n"
      "type = \"working_group\"\nselect = { kinds = [\"firm\"], size = 20 }\nmeetings = 4\n");
  write_file(dir / "grid.toml",
             "scenario = \"wg.toml\"\nreplicates = 3\nseed = 4\n"
             "indicators = [\"ties\", \"science share\", \"mean degree (participants)\"]\n"
             "[[parameter]]\nkey = \"model.effects.base\"\nrange = [-6.0, -5.0]\nsteps = 2\n"
             "[[parameter]]\nkey = \"intervention[AG].select.size\"\nlevels = [10, 30]\n");
}
}  // namespace

TEST_CASE("cli: a sweep gives the same bytes on any thread count and after resuming",
          "[cli][sweep]") {
  ScratchDir dir;
  prepare(dir);
  const auto one =
      run_cli({"--threads", "1", "-q", "sweep", "grid.toml", "--out", "one.csv"}, dir.path());
  REQUIRE(one.exit_code == 0);
  const auto csv = read_file(dir / "one.csv");
  CHECK_THAT(csv, Catch::StartsWith("point,model.effects.base,intervention[AG].select.size,"
                                    "replicate,science share,ties,mean degree (participants)\n"
                                    "0,-6,10,0,"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 4 * 3);
  const auto db = dir / "verbund.db";
  // Resuming: drop some finished units, rerun on two threads: the same bytes, fewer units run.
  sql(db, "DELETE FROM sweep_results WHERE point = 2 OR (point = 3 AND replicate = 1)");
  const auto two = run_cli(
      {"--threads", "2", "sweep", "grid.toml", "--out", "two.csv", "--explain", "--format", "csv"},
      dir.path());
  REQUIRE(two.exit_code == 0);
  CHECK(read_file(dir / "two.csv") == csv);
  CHECK_THAT(two.out, Catch::Contains("8 finished units were kept and 4 run now"));
  CHECK_THAT(two.out, Catch::Contains("same random numbers"));
  const auto json = run_cli({"-q", "sweep", "grid.toml", "--out", "all.json"}, dir.path());
  REQUIRE(json.exit_code == 0);
  CHECK_THAT(
      read_file(dir / "all.json"),
      Catch::StartsWith("[\n{\"point\":0,\"parameters\":{\"model.effects.base\":-6,"
                        "\"intervention[AG].select.size\":10},\"replicate\":0,\"values\":{"));
  const auto stored = dump_database(db);
  CHECK_THAT(stored, Catch::Contains("CREATE TABLE sweep_results"));
}

TEST_CASE("cli: a bad sweep exits 2 and stores nothing", "[cli][sweep]") {
  ScratchDir dir;
  prepare(dir);
  const auto before = dump_database(dir / "verbund.db");
  const auto refuse = [&](const std::string& text, const std::string& message) {
    write_file(dir / "bad.toml", text);
    const auto r = run_cli({"sweep", "bad.toml"}, dir.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(message));
    CHECK(dump_database(dir / "verbund.db") == before);
  };
  refuse("scenario = \"wg.toml\"\nsize = 3\n[[parameter]]\nkey = \"model.decay\"\nlevels = [0.1]\n",
         "bad.toml:2:1: unknown key 'size'");
  refuse(
      "scenario = \"wg.toml\"\n[[parameter]]\nkey = \"model.decay\"\nrange = [0.3, 0.1]\nsteps = "
      "2\n",
      "range of 'model.decay' is empty");
  refuse(
      "scenario = \"wg.toml\"\ndesign = \"sobol\"\nsamples = 12\n[[parameter]]\n"
      "key = \"model.decay\"\nrange = [0.1, 0.3]\n",
      "power of two");
  refuse(
      "scenario = \"wg.toml\"\n[[parameter]]\nkey = \"model.decay\"\nlevels = [0.1]\n"
      "[[parameter]]\nkey = \"model.decay\"\nlevels = [0.2]\n",
      "varied twice");
  // Checked against the scenario before anything runs: the second level is refused.
  // The message names the sweep file's [[parameter]] (line:column of its levels).
  refuse("scenario = \"wg.toml\"\n[[parameter]]\nkey = \"model.decay\"\nlevels = [0.1, 1.5]\n",
         "bad.toml:4:10: sweep point 1 (model.decay = 1.5)");
  // A random point's values in six significant digits, not seventeen.
  refuse(
      "scenario = \"wg.toml\"\ndesign = \"lhs\"\nsamples = 4\n[[parameter]]\n"
      "key = \"model.decay\"\nrange = [1.1, 1.7]\n",
      "bad.toml:6:9: sweep point 0 (model.decay = 1.");
  refuse(
      "scenario = \"wg.toml\"\n[[parameter]]\nkey = \"model.decay\"\nrange = [0.35, inf]\nsteps = "
      "2\n",
      "bad.toml:4:9: range of 'model.decay' must have finite ends");
  refuse(
      "scenario = \"wg.toml\"\n[[parameter]]\nkey = \"intervention[Nope].meetings\"\n"
      "levels = [2]\n",
      "Nope");
  refuse(
      "scenario = \"wg.toml\"\nmonth = 9\n[[parameter]]\nkey = \"model.decay\"\nlevels = [0.1]\n",
      "bad.toml:2:9: month 9 lies beyond the horizon");
}

TEST_CASE("cli: sensitivity of a small sweep, Morris and Sobol", "[cli][sweep]") {
  ScratchDir dir;
  prepare(dir);
  write_file(
      dir / "morris.toml",
      "scenario = \"wg.toml\"\ndesign = \"morris\"\nsamples = 3\nreplicates = 2\n"
      "indicators = [\"ties\"]\n"
      "[[parameter]]\nkey = \"model.effects.base\"\nrange = [-6.0, -5.0]\n"
      "[[parameter]]\nkey = \"intervention[AG].meetings\"\nrange = [1, 6]\ninteger = true\n");
  auto r = run_cli({"--format", "csv", "sensitivity", "morris.toml", "--explain"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("indicator,parameter,mu*,mu* low,mu* high,mu,sigma\n"
                                    "ties,model.effects.base,"));
  CHECK_THAT(r.out, Catch::Contains("ties depends most on"));
  write_file(dir / "grid-only.toml",
             "scenario = \"wg.toml\"\n[[parameter]]\nkey = \"model.decay\"\nlevels = [0.1]\n");
  CHECK(run_cli({"sensitivity", "grid-only.toml"}, dir.path()).exit_code == 2);
}
