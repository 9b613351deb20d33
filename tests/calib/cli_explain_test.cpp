// `calibrate --explain` in words: what it advises depends on why the optimiser stopped, and its
// German agrees in number. Real processes on a small generated region.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;

TEST_CASE("cli: calibrate --explain names the evaluation limit, in both languages",
          "[cli][calib]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "120", "--seed", "2"}, dir.path()).exit_code ==
          0);
  write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 12\n");
  // A mean degree far from the start's: two evaluations cannot reach it.
  write_file(dir / "t.toml", "[[target]]\nstatistic = \"mean_degree\"\nvalue = 9.0\n");
  auto run = [&](const char* lang, const char* evaluations, const char* free) {
    const auto r = run_cli({"--lang", lang, "--seed", "3", "--no-record", "calibrate", "base.toml",
                            "--targets", "t.toml", "--free", free, "--replicates", "2",
                            "--max-evaluations", evaluations, "--explain"},
                           dir.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
  };
  const auto en = run("en", "2", "model.effects.base");
  CHECK_THAT(en, Catch::Contains("not converged: raise --max-evaluations") &&
                     Catch::Contains("its limit of 2 evaluations") &&
                     !Catch::Contains("cannot reach") &&
                     Catch::Contains("values of 1 parameter that bring 1 statistic closest to "
                                     "its target, weighed"));
  const auto de = run("de", "2", "model.effects.base,model.effects.popularity");
  CHECK_THAT(de, Catch::Contains("erhöhen Sie --max-evaluations") &&
                     Catch::Contains("von 2 Parametern gesucht, die eine Kennzahl am nächsten an "
                                     "ihr Ziel bringen, gewichtet") &&
                     !Catch::Contains("Parameter(n)") && !Catch::Contains("Kennzahl(en)") &&
                     !Catch::Contains("erreicht das Modell es nicht"));
  // Stopped on its tolerance far from the target (popularity at its bound): "cannot reach", no
  // advice to raise the limit.
  const auto bound = run("en", "200", "model.effects.popularity=0.1:0.2");
  CHECK_THAT(bound, Catch::Contains("the model cannot reach it with these parameters free") &&
                        !Catch::Contains("raise --max-evaluations"));
}

TEST_CASE("cli: calibrate writes one year as one year", "[cli][calib]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "120", "--seed", "2"}, dir.path()).exit_code ==
          0);
  write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 12\nstart_year = 2024\n");
  write_file(dir / "t.toml", "[[target]]\nstatistic = \"mean_degree\"\nfrom_data = [2024, 2024]\n");
  const auto r = run_cli({"--lang", "de", "--seed", "3", "--no-record", "calibrate", "base.toml",
                          "--targets", "t.toml", "--free", "model.effects.base", "--replicates",
                          "2", "--max-evaluations", "2", "--out", "cal.toml"},
                         dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("2024") && !Catch::Contains("2024-2024"));
  CHECK_THAT(verbund::test::read_file(dir / "cal.toml"),
             Catch::Contains("(from the data, year 2024)") && !Catch::Contains("2024-2024"));
}
