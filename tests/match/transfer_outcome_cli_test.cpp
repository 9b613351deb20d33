// `train transfer` and `evaluate transfer` end to end on a small generated history, and their
// refusals (exit 2, database untouched).
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_support.hpp"

using namespace verbund;
using test::run_cli;

TEST_CASE("cli: train transfer writes weights that evaluate and match transfer read",
          "[cli][transfer-outcome]") {
  test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "1500", "--seed", "3"}, dir.path())
              .exit_code == 0);
  auto r = run_cli({"--format", "csv", "train", "transfer", "--until", "2021", "--years", "3",
                    "--out", "fitted.toml"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("validation year,2022"));
  const auto weights = test::read_file(dir / "fitted.toml");
  CHECK_THAT(weights, Catch::StartsWith("# fitted by `verbund train transfer --until 2021`"));
  r = run_cli({"--format", "csv", "evaluate", "transfer", "--until", "2022", "--weights",
               "fitted.toml", "--resamples", "100"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("default (proximity 0.25),") &&
                        Catch::Contains("no related credit,") && Catch::Contains("fitted.toml,") &&
                        Catch::Contains("# 95 % bootstrap intervals"));
  r = run_cli({"match", "transfer", "--firm", "F000003", "--weights", "fitted.toml"}, dir.path());
  CHECK(r.exit_code == 0);
  // The same file again (deterministic).
  REQUIRE(run_cli({"--quiet", "train", "transfer", "--until", "2021", "--years", "3", "--out",
                   "again.toml"},
                  dir.path())
              .exit_code == 0);
  CHECK(test::read_file(dir / "again.toml") == weights);
  // Refusals: a last year before the cut, nothing to learn from; the database stays as it was.
  const auto before = test::dump_database(dir / "verbund.db");
  r = run_cli({"evaluate", "transfer", "--until", "2022", "--last", "2020"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("2020") && Catch::Contains("before the cut year 2022"));
  r = run_cli({"train", "transfer", "--until", "1990", "--years", "2"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("no partnership of 1991 to validate on"));
  // Years after the data: nothing to validate on or to ask about; the message names the data's
  // years, and no weights file is written.
  r = run_cli({"train", "transfer", "--until", "2030", "--out", "late.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("no partnership of 2031 to validate on") &&
                        Catch::Contains("transfer ties between firms and science start in"));
  CHECK(!std::filesystem::exists(dir / "late.toml"));
  r = run_cli({"evaluate", "transfer", "--until", "2030"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("no partnership to ask about in 2031..2030") &&
                        Catch::Contains("start in"));
  r = run_cli({"evaluate", "transfer", "--until", "2022", "--resamples", "5"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("at least 100"));
  r = run_cli({"evaluate", "transfer", "--until", "2022", "--capacity", "sometimes"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(test::dump_database(dir / "verbund.db") == before);
}
