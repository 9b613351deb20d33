// End-to-end tests of `verbund simulate` and `verbund compare` as real processes.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using verbund::test::dump_database;
using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;

TEST_CASE("cli: simulate and compare scenarios, reproducibly", "[cli][sim]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "800", "--seed", "2"}, dir.path()).exit_code ==
          0);
  write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 6\n");
  write_file(dir / "wg.toml",
             "name = \"wg\"\nhorizon_months = 6\n[[intervention]]\ntype = \"working_group\"\n"
             "select = { kinds = [\"firm\"], size = 30 }\nmeetings = 4\n");
  auto r = run_cli({"--format", "json", "--seed", "4", "simulate", "base.toml", "--replicates", "3",
                    "--out", "series.csv"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  const auto out = nlohmann::json::parse(r.out);
  CHECK(out["indicators"].size() == 8);
  CHECK_THAT(verbund::test::read_file(dir / "series.csv"),
             Catch::StartsWith("month,indicator,mean,low,high\n0,density,"));
  auto threads = [&](const char* t) {
    return run_cli({"--threads", t, "--format", "csv", "--seed", "4", "compare", "base.toml",
                    "wg.toml", "--replicates", "3"},
                   dir.path());
  };
  const auto one = threads("1"), two = threads("2");
  REQUIRE(one.exit_code == 0);
  CHECK(one.out == two.out);
  CHECK_THAT(one.out, Catch::Contains("wg,ties,"));
  const auto stored = dump_database(dir / "verbund.db");
  CHECK_THAT(stored, Catch::Contains("scenario_hash"));
  CHECK_THAT(stored, Catch::Contains("|base|2|6|ties|") && Catch::Contains("|wg|2|6|ties|"));

  const std::string before = dump_database(dir / "verbund.db");
  write_file(dir / "bad.toml", "name = \"x\"\nhorizon_months = 0\n");
  r = run_cli({"simulate", "bad.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.toml:2:"));
  write_file(dir / "long.toml", "horizon_months = 7\n");
  r = run_cli({"compare", "base.toml", "long.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("differs from the baseline"));
  CHECK(run_cli({"simulate", "missing.toml"}, dir.path()).exit_code == 2);
  CHECK(dump_database(dir / "verbund.db") == before);
}
