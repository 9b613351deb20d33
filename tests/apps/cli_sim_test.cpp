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
             "select = { kinds = [\"firm\"], size = 30 }\nmeetings = 8\n");
  auto r = run_cli({"--format", "json", "--seed", "4", "simulate", "base.toml", "--replicates", "3",
                    "--out", "series.csv"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  const auto out = nlohmann::json::parse(r.out);
  CHECK(out["indicators"].size() == 11);  // sim::indicator_names: the region has a market
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
  // The verdict in words: the groups' ties are clearly more; nobody closes in either scenario.
  CHECK_THAT(one.out, Catch::Contains(",change (%),verdict\n"));
  CHECK_THAT(one.out, Catch::Matches("(.|\n)*\nwg,ties,[^\n]*,higher\n(.|\n)*"));
  CHECK_THAT(one.out, Catch::Contains("wg,operating firms,") && Catch::Contains(",0,unchanged\n"));
  const auto stored = dump_database(dir / "verbund.db");
  CHECK_THAT(stored, Catch::Contains("scenario_hash"));
  // Run records name each scenario's files by absolute path, and the region by fingerprint.
  CHECK_THAT(stored,
             Catch::Contains("\"scenario_inputs\":[{\"name\":\"base\",\"inputs\":[{\"role\":"
                             "\"scenario\",\"path\":\"/"));
  const auto fingerprint = stored.find("\"region_fingerprint\":\"");
  REQUIRE(fingerprint != std::string::npos);
  CHECK(stored.substr(fingerprint + 22, 17).find_first_not_of("0123456789abcdef") == 16);
  CHECK_THAT(stored, Catch::Contains("|base|2|6|ties|") && Catch::Contains("|wg|2|6|ties|"));

  // A checkpoint after month 3, and a scenario forked from it: the same as replaying.
  REQUIRE(run_cli({"--seed", "4", "-q", "simulate", "base.toml", "--replicates", "3",
                   "--checkpoint-at", "3", "--checkpoint", "base-3.ckpt"},
                  dir.path())
              .exit_code == 0);
  const std::string fork =
      "name = \"f\"\nhorizon_months = 6\n[fork]\nfrom = \"base.toml\"\nmonth = 3\n";
  write_file(dir / "replay.toml", fork);
  write_file(dir / "resume.toml", fork + "checkpoint = \"base-3.ckpt\"\n");
  const auto replay =
      run_cli({"--format", "csv", "--seed", "4", "simulate", "replay.toml", "--replicates", "3"},
              dir.path());
  const auto resume =
      run_cli({"--format", "csv", "--seed", "4", "simulate", "resume.toml", "--replicates", "3"},
              dir.path());
  REQUIRE(resume.exit_code == 0);
  CHECK(replay.out == resume.out);
  // Without 'month', a fork resumes at the checkpoint's month.
  write_file(dir / "resume-at.toml",
             "name = \"f\"\nhorizon_months = 6\n[fork]\nfrom = \"base.toml\"\n"
             "checkpoint = \"base-3.ckpt\"\n");
  const auto resume_at =
      run_cli({"--format", "csv", "--seed", "4", "simulate", "resume-at.toml", "--replicates", "3"},
              dir.path());
  REQUIRE(resume_at.exit_code == 0);
  CHECK(resume_at.out == resume.out);
  CHECK(run_cli({"simulate", "base.toml", "--checkpoint-at", "3"}, dir.path()).exit_code == 2);

  const std::string before = dump_database(dir / "verbund.db");
  write_file(dir / "bad.toml", "name = \"x\"\nhorizon_months = 0\n");
  r = run_cli({"simulate", "bad.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.toml:2:"));
  write_file(dir / "long.toml", "horizon_months = 7\n");
  r = run_cli({"compare", "base.toml", "long.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("differs from the baseline"));
  // A baseline with its own start year (as a calibrated file has) against one without: refused,
  // not compared across years.
  write_file(dir / "early.toml", "name = \"early\"\nhorizon_months = 6\nstart_year = 2001\n");
  r = run_cli({"compare", "early.toml", "base.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("base.toml") &&
                        Catch::Contains("the baseline from that of 2001") &&
                        Catch::Contains("no start_year given") && Catch::Contains("same year"));
  CHECK(run_cli({"simulate", "missing.toml"}, dir.path()).exit_code == 2);
  CHECK(dump_database(dir / "verbund.db") == before);
}

TEST_CASE(
    "cli: the run record lists every file a scenario read, with its hash, a bad call file "
    "is refused before anything runs",
    "[cli][sim]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "300", "--seed", "3"}, dir.path()).exit_code ==
          0);
  const auto calls = verbund::test::project_data_dir() / "calls";
  write_file(dir / "weights.toml", "fit = 2.0\n");
  write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 4\n");
  write_file(dir / "funded.toml",
             "name = \"funded\"\nhorizon_months = 4\nweights = \"weights.toml\"\n"
             "[fork]\nfrom = \"base.toml\"\nmonth = 1\n"
             "[[intervention]]\ntype = \"funding_call\"\nat = 2\ncall = \"" +
                 (calls / "efre-hydrogen.toml").string() + "\"\n");
  REQUIRE(run_cli({"-q", "simulate", "funded.toml", "--replicates", "2"}, dir.path()).exit_code ==
          0);
  const auto stored = dump_database(dir / "verbund.db");
  for (const char* role : {"scenario", "fork origin", "call", "weights"})
    CHECK_THAT(stored, Catch::Contains(std::string("\"role\":\"") + role + "\""));
  CHECK_THAT(stored, Catch::Contains("efre-hydrogen.toml\",\"hash\":\""));
  // The call's file is read before the run: a broken one is named at its line, nothing stored.
  const std::string before = dump_database(dir / "verbund.db");
  write_file(dir / "broken-call.toml", "name = \"x\"\n[size\n");
  write_file(dir / "broken.toml",
             "horizon_months = 4\n[[intervention]]\ntype = \"funding_call\"\n"
             "call = \"broken-call.toml\"\n");
  auto r = run_cli({"simulate", "broken.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("broken-call.toml:2:"));
  write_file(dir / "lost.toml",
             "horizon_months = 4\n[[intervention]]\ntype = \"funding_call\"\n"
             "call = \"nowhere.toml\"\n");
  r = run_cli({"simulate", "lost.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("lost.toml:2:1: funding_call #1:") &&
                        Catch::Contains("cannot open the call file"));
  CHECK(dump_database(dir / "verbund.db") == before);
}

TEST_CASE(
    "cli: bounded meeting rates, replicates that would not fit in memory, damaged "
    "checkpoints and scenarios sharing a name",
    "[cli][sim]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "300", "--seed", "4"}, dir.path()).exit_code ==
          0);
  const std::string before = dump_database(dir / "verbund.db");
  // A rate that would make one month run for hours is refused at its place.
  write_file(dir / "busy.toml", "horizon_months = 2\n[model.meetings]\ntriadic = 1e9\n");
  auto r = run_cli({"simulate", "busy.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("busy.toml:3:11") && Catch::Contains("more than the 100"));
  // Series that cannot fit in memory are refused before anything runs.
  write_file(dir / "long.toml", "horizon_months = 1200\n");
  r = run_cli({"simulate", "long.toml", "--replicates", "100000"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("would need about") && Catch::Contains("fewer replicates"));
  // A checkpoint with a tie strength that is not a number is refused at its line.
  write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 3\n");
  REQUIRE(run_cli({"-q", "--seed", "2", "simulate", "base.toml", "--replicates", "2",
                   "--checkpoint-at", "1", "--checkpoint", "base-1.ckpt"},
                  dir.path())
              .exit_code == 0);
  const std::string stored_before_damage = dump_database(dir / "verbund.db");
  auto text = verbund::test::read_file(dir / "base-1.ckpt");
  const auto line_start =
      text.find("\n0 ") != std::string::npos ? text.find("\n0 ") + 1 : text.find("\n1 ") + 1;
  const auto strength = text.find(' ', text.find(' ', text.find(' ', line_start) + 1) + 1) + 1;
  text.replace(strength, text.find(' ', strength) - strength, "nan");
  write_file(dir / "base-1.ckpt", text);
  write_file(dir / "resume.toml",
             "name = \"f\"\nhorizon_months = 3\n[fork]\nfrom = \"base.toml\"\nmonth = 1\n"
             "checkpoint = \"base-1.ckpt\"\n");
  r = run_cli({"--seed", "2", "simulate", "resume.toml", "--replicates", "2"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("base-1.ckpt:") && Catch::Contains("not a finite number"));
  CHECK(dump_database(dir / "verbund.db") == stored_before_damage);
  // A scenario compared with itself, and two files that share a name: rows told apart.
  write_file(dir / "same-name.toml", "name = \"base\"\nhorizon_months = 3\n");
  r = run_cli({"--format", "csv", "compare", "base.toml", "base.toml", "same-name.toml",
               "--replicates", "2"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("\nbase (2),ties,") && Catch::Contains("\nbase (3),ties,"));
  const auto stored = dump_database(dir / "verbund.db");
  CHECK_THAT(stored, Catch::Contains("|base|1|3|ties|") && Catch::Contains("|base (2)|1|3|ties|") &&
                         Catch::Contains("|base (3)|1|3|ties|"));
  // --no-record: the results are printed, nothing is stored.
  const std::string recorded = dump_database(dir / "verbund.db");
  r = run_cli({"--no-record", "compare", "base.toml", "same-name.toml", "--replicates", "2"},
              dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("base (2)"));
  CHECK(run_cli({"--no-record", "-q", "simulate", "base.toml"}, dir.path()).exit_code == 0);
  CHECK(dump_database(dir / "verbund.db") == recorded);
  (void)before;
}

TEST_CASE(
    "cli: a fork resumed from a checkpoint reads its origin and must match it; output "
    "folders are checked before the run",
    "[cli][sim]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "300", "--seed", "5"}, dir.path()).exit_code ==
          0);
  write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 4\n");
  write_file(dir / "other.toml", "name = \"other\"\nhorizon_months = 4\n");
  REQUIRE(run_cli({"-q", "simulate", "base.toml", "--replicates", "2", "--checkpoint-at", "2",
                   "--checkpoint", "base-2.ckpt"},
                  dir.path())
              .exit_code == 0);
  const std::string before = dump_database(dir / "verbund.db");
  auto fork = [&](const std::string& from) {
    write_file(dir / "fork.toml", "name = \"f\"\nhorizon_months = 4\n[fork]\nfrom = \"" + from +
                                      "\"\nmonth = 2\ncheckpoint = \"base-2.ckpt\"\n");
    return run_cli({"simulate", "fork.toml", "--replicates", "2"}, dir.path());
  };
  auto r = fork("nowhere.toml");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("nowhere.toml: cannot open the scenario file to fork from"));
  r = fork("other.toml");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("written by scenario 'base', the fork is from 'other'"));
  CHECK(dump_database(dir / "verbund.db") == before);
  r = fork("base.toml");
  CHECK(r.exit_code == 0);
  CHECK_THAT(dump_database(dir / "verbund.db"), Catch::Contains("\"role\":\"fork origin\""));
  // An intervention that will do nothing is noted on stderr (not with -q), and the run goes on.
  write_file(dir / "idle.toml",
             "name = \"idle\"\nhorizon_months = 2\n[[intervention]]\n"
             "type = \"shock\"\nname = \"S\"\nselect = { sector = \"99.99\" }\n");
  r = run_cli({"--no-record", "simulate", "idle.toml", "--replicates", "2"}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("verbund: note: idle: S: the shock hits no actor"));
  r = run_cli({"--no-record", "-q", "simulate", "idle.toml", "--replicates", "2"}, dir.path());
  CHECK(r.err.empty());
  // An output file in a folder that does not exist is refused before anything runs.
  const std::string stored = dump_database(dir / "verbund.db");
  r = run_cli({"simulate", "base.toml", "--out", "missing/series.csv"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("missing/series.csv: cannot write here"));
  r = run_cli({"simulate", "base.toml", "--checkpoint-at", "1", "--checkpoint", "missing/c.ckpt"},
              dir.path());
  CHECK(r.exit_code == 2);
  r = run_cli({"compare", "base.toml", "other.toml", "--out", "missing/d.csv"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(dump_database(dir / "verbund.db") == stored);
}
