// End-to-end tests of `verbund calibrate` and `verbund metrics --years` as real processes.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using verbund::test::dump_database;
using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;

TEST_CASE("cli: calibrate writes a scenario that runs, and refuses bad input", "[cli][calib]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "120", "--seed", "2"}, dir.path()).exit_code ==
          0);
  write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 24\n");
  write_file(dir / "t.toml",
             "[[target]]\nstatistic = \"mean_degree\"\nvalue = 5.0\n"
             "[[target]]\nstatistic = \"stationary\"\nof = \"science_share\"\n");
  const auto before = dump_database(dir / "verbund.db");
  const auto r = run_cli({"--seed", "3", "calibrate", "base.toml", "--targets", "t.toml", "--free",
                          "model.effects.base", "--replicates", "3", "--out", "cal.toml",
                          "--diagnostics", "diag.csv", "--explain"},
                         dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("model.effects.base") && Catch::Contains("t-ratio") &&
                        Catch::Contains("What this means") &&
                        Catch::Contains("evaluations of the optimiser") &&
                        Catch::Contains("optimiser stopped"));
  // stderr is not a terminal here: plain progress lines, no carriage returns.
  CHECK_THAT(r.err, Catch::Contains("evaluation 10: distance") && !Catch::Contains("\r"));
  const auto written = verbund::test::read_file(dir / "cal.toml");
  CHECK_THAT(written, Catch::StartsWith("# Calibrated by verbund") &&
                          Catch::Contains("# verbund-calibration: {\"seed\":3"));
  CHECK_THAT(verbund::test::read_file(dir / "diag.csv"),
             Catch::Contains("# per month\nmonth,indicator,target,mean,"));
  // The same for any thread count.
  auto threads = [&](const char* n) {
    return run_cli({"--threads", n, "--seed", "3", "--no-record", "calibrate", "base.toml",
                    "--targets", "t.toml", "--free", "model.effects.base", "--replicates", "3"},
                   dir.path())
        .out;
  };
  CHECK(threads("1") == threads("2"));
  // German headers and labels under --lang de.
  const auto de = run_cli(
      {"--lang", "de", "--seed", "3", "--no-record", "calibrate", "base.toml", "--targets",
       "t.toml", "--free", "model.effects.base", "--replicates", "3", "--max-evaluations", "3"},
      dir.path());
  CHECK(de.exit_code == 0);
  CHECK_THAT(de.out, Catch::Contains("Kalibrierung") && Catch::Contains("Schätzungen") &&
                         Catch::Contains("Standardfehler") &&
                         Catch::Contains("Auswertungen des Optimierers") &&
                         !Catch::Contains("standard error"));
  // The calibrated scenario parses and runs.
  CHECK(run_cli({"-q", "simulate", "cal.toml", "--replicates", "2"}, dir.path()).exit_code == 0);
  CHECK(dump_database(dir / "verbund.db").size() >= before.size());
  // Parameter uncertainty: the calibrated baseline's estimates are drawn per replicate.
  write_file(dir / "wg.toml",
             "name = \"wg\"\nhorizon_months = 24\n[[intervention]]\ntype = \"working_group\"\n"
             "select = { kinds = [\"firm\"], size = 20 }\nmeetings = 4\n");
  const auto pu = run_cli({"--no-record", "compare", "cal.toml", "wg.toml", "--replicates", "3",
                           "--parameter-uncertainty"},
                          dir.path());
  CHECK(pu.exit_code == 0);
  CHECK_THAT(pu.err, Catch::Contains("cover both Monte Carlo noise and the uncertainty"));
  // Without it, the programme runs with the baseline's estimates too: the same as a programme
  // file that writes them itself.
  const auto set =
      run_cli({"--no-record", "compare", "cal.toml", "wg.toml", "--replicates", "3"}, dir.path());
  CHECK(set.exit_code == 0);
  CHECK_THAT(set.err, Catch::Contains("Calibrated baseline: every scenario runs with its "
                                      "estimates model.effects.base = "));
  auto calibrated_wg = verbund::test::read_file(dir / "cal.toml");
  const auto name_at = calibrated_wg.find("name = 'base'");
  REQUIRE(name_at != std::string::npos);
  calibrated_wg.replace(name_at, 13, "name = 'wg'");
  write_file(dir / "wg-cal.toml", calibrated_wg +
                                      "\n[[intervention]]\ntype = \"working_group\"\n"
                                      "select = { kinds = [\"firm\"], size = 20 }\nmeetings = 4\n");
  const auto written_out = run_cli(
      {"--no-record", "compare", "cal.toml", "wg-cal.toml", "--replicates", "3"}, dir.path());
  CHECK(written_out.exit_code == 0);
  CHECK(set.out == written_out.out);
  const auto plain = run_cli(
      {"--no-record", "compare", "base.toml", "wg.toml", "--parameter-uncertainty"}, dir.path());
  CHECK(plain.exit_code == 2);
  CHECK_THAT(plain.err, Catch::Contains("needs a calibrated baseline"));

  auto refused = [&](std::vector<std::string> args, const std::string& message) {
    const auto stored = dump_database(dir / "verbund.db");
    args.insert(args.begin(), {"--no-record", "calibrate", "base.toml"});
    const auto res = run_cli(args, dir.path());
    CHECK(res.exit_code == 2);
    CHECK_THAT(res.err, Catch::Contains(message));
    CHECK(dump_database(dir / "verbund.db") == stored);
  };
  write_file(dir / "unknown.toml", "[[target]]\nstatistic = \"happiness\"\nvalue = 1\n");
  refused({"--targets", "unknown.toml", "--free", "model.effects.base"},
          "unknown.toml:2:13: unknown statistic 'happiness'");
  write_file(dir / "high.toml", "[[target]]\nstatistic = \"mean_degree\"\nvalue = 100000\n");
  refused({"--targets", "high.toml", "--free", "model.effects.base"},
          "high.toml:3:9: mean degree = 100000: a degree must be");
  // An output file that is an input would destroy it.
  refused({"--targets", "t.toml", "--free", "model.effects.base", "--out", "base.toml"},
          "--out base.toml is the input file base.toml");
  refused({"--targets", "t.toml", "--free", "model.effects.base", "--out", "./t.toml"},
          "is the input file t.toml");
  refused({"--targets", "t.toml", "--free", "model.effects.charm"},
          "parameter 'model.effects.charm' does not exist");
  refused({"--targets", "t.toml", "--free", "model.effects.base=-3:-5"},
          "the bounds -3:-5 are empty");
  refused({"--targets", "t.toml", "--free", "model.decay=0:lots"}, "bound 'lots' is not a number");
  // Bounds the scenario would refuse part-way through the fit are refused before it starts.
  refused({"--targets", "t.toml", "--free", "model.decay=-1:0.5"},
          "--free model.decay=-1:0.5: the scenario refuses values in these bounds");
  refused({"--targets", "t.toml", "--free", "horizon_months=12:48"},
          "'horizon_months' cannot be freed");
  // --validate is checked before the fit, too.
  refused({"--targets", "t.toml", "--free", "model.effects.base", "--validate", "2030..2031"},
          "--validate 2030..2031: no target is from the data");
  refused({"--targets", "t.toml", "--free", "model.effects.base", "--validate", "2031..2030"},
          "--validate '2031..2030'");
}

TEST_CASE("cli: metrics --years prints the observed series", "[cli][calib]") {
  ScratchDir dir;
  REQUIRE(
      run_cli({"generate", "ruhr", "--firms", "100", "--seed", "2", "--year", "2020"}, dir.path())
          .exit_code == 0);
  const auto r = run_cli({"--format", "csv", "metrics", "--years", "2019..2020"}, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("year,connected pairs,mean degree,new ties per year,") &&
                        Catch::Contains("\n2019,") && Catch::Contains("\n2020,"));
  CHECK(run_cli({"metrics", "--years", "2020..2019"}, dir.path()).exit_code == 2);
  // The series is the whole region's: options that would narrow it are refused, not ignored.
  const auto narrowed =
      run_cli({"metrics", "--years", "2019..2020", "--where", "kind=firm"}, dir.path());
  CHECK(narrowed.exit_code == 2);
  CHECK_THAT(narrowed.err, Catch::Contains("--years") && Catch::Contains("--where"));
}
