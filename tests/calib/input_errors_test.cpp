// Bad calibration input as real files through the CLI: refused with file:line:column, exit 2,
// before anything is announced or run, and the database left exactly as it was.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using verbund::test::dump_database;
using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;

namespace {

struct Region {
  ScratchDir dir;
  Region() {
    REQUIRE(run_cli({"generate", "ruhr", "--firms", "60", "--seed", "2"}, dir.path()).exit_code ==
            0);
    write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 24\nstart_year = 2020\n");
    write_file(dir / "wg.toml", "name = \"wg\"\nhorizon_months = 24\nstart_year = 2020\n");
  }
};

Region& region() {
  static Region r;
  return r;
}

/// A calibrated baseline whose calibration line (line 2) holds `parameters` and `correlation`.
void write_calibrated(const std::string& file, const std::string& parameters,
                      const std::string& correlation, const std::string& extra = "") {
  write_file(region().dir / file,
             "# Calibrated by hand\n# verbund-calibration: {\"seed\":1,\"parameters\":[" +
                 parameters + "],\"correlation\":" + correlation + "}\n" + extra +
                 "name = \"base\"\nhorizon_months = 24\nstart_year = 2020\n");
}

std::string parameter(const std::string& key, double se, double low = -9, double high = 0,
                      double estimate = -5) {
  return "{\"key\":\"" + key + "\",\"estimate\":" + std::to_string(estimate) +
         ",\"standard_error\":" + (se > 1e100 ? "1e300" : std::to_string(se)) +
         ",\"low\":" + std::to_string(low) + ",\"high\":" + std::to_string(high) + "}";
}

/// `compare FILE wg.toml --parameter-uncertainty` is refused with `message`: exit 2, nothing
/// announced, the database unchanged.
void compare_refused(const std::string& file, const std::string& message) {
  auto& r = region();
  const auto stored = dump_database(r.dir / "verbund.db");
  const auto res = run_cli(
      {"compare", file, "wg.toml", "--replicates", "2", "--parameter-uncertainty"}, r.dir.path());
  INFO(res.err);
  CHECK(res.exit_code == 2);
  CHECK_THAT(res.err, Catch::Contains(message));
  CHECK_THAT(res.err, !Catch::Contains("Parameter uncertainty:"));
  CHECK(res.out.empty());
  CHECK(dump_database(r.dir / "verbund.db") == stored);
}

/// `calibrate base.toml --targets FILE` is refused with `message` (exit 2, database unchanged).
void targets_refused(const std::string& file, const std::string& text, const std::string& message) {
  auto& r = region();
  write_file(r.dir / file, text);
  const auto stored = dump_database(r.dir / "verbund.db");
  const auto res = run_cli({"calibrate", "base.toml", "--targets", file, "--free",
                            "model.effects.base", "--replicates", "2"},
                           r.dir.path());
  INFO(res.err);
  CHECK(res.exit_code == 2);
  CHECK_THAT(res.err, Catch::Contains(message));
  CHECK(dump_database(r.dir / "verbund.db") == stored);
}

}  // namespace

TEST_CASE("calib input: a calibration line naming an unknown parameter is refused at its place",
          "[calib][cli]") {
  write_calibrated("charm.toml", parameter("model.effects.charm", 0.1), "[[1]]");
  compare_refused("charm.toml",
                  "charm.toml:2:24: the calibration line (verbund-calibration) names the "
                  "parameter 'model.effects.charm', which the scenario cannot set");
}

TEST_CASE("calib input: a correlation that is not positive semi-definite is refused at its place",
          "[calib][cli]") {
  write_calibrated("psd.toml",
                   parameter("model.effects.base", 0.1) + "," +
                       parameter("model.effects.same_kind", 0.1, -3, 3, 0.3) + "," +
                       parameter("model.effects.proximity", 0.1, -2, 4, 1),
                   "[[1,0.9,-0.9],[0.9,1,0.9],[-0.9,0.9,1]]");
  compare_refused("psd.toml",
                  "psd.toml:2:24: the calibration line (verbund-calibration) has a "
                  "correlation that is not positive semi-definite");
}

TEST_CASE("calib input: an absurd standard error is refused at its place", "[calib][cli]") {
  write_calibrated("se.toml", parameter("model.effects.base", 1e300), "[[1]]");
  compare_refused("se.toml",
                  "se.toml:2:24: the calibration line (verbund-calibration) has a "
                  "standard error of 'model.effects.base' (1e+300) above 1000 x");
}

TEST_CASE("calib input: two calibration lines are refused at the second", "[calib][cli]") {
  const auto line = parameter("model.effects.base", 0.1);
  write_calibrated(
      "twice.toml", line, "[[1]]",
      "# verbund-calibration: {\"seed\":1,\"parameters\":[" + line + "],\"correlation\":[[1]]}\n");
  compare_refused("twice.toml",
                  "twice.toml:3:1: a second calibration line (verbund-calibration; the first is "
                  "at line 2)");
}

TEST_CASE("calib input: a misspelt key beside a missing value is named as the unknown key",
          "[calib][cli]") {
  targets_refused("misspelt.toml", "[[target]]\nstatistic = \"mean_degree\"\nvalu = 5.0\n",
                  "misspelt.toml:3:1: unknown key 'valu' in target #1");
  targets_refused("nostat.toml", "[[target]]\nstatistc = \"mean_degree\"\nvalue = 5.0\n",
                  "nostat.toml:2:1: unknown key 'statistc' in target #1");
}

TEST_CASE("calib input: data years outside the simulation point at from_data", "[calib][cli]") {
  targets_refused("years.toml",
                  "[[target]]\nstatistic = \"mean_degree\"\nfrom_data = [2030, 2031]\n",
                  "years.toml:3:13: the years 2030-2031 are not all simulated");
}

TEST_CASE("calib input: zero and negative weights get one message", "[calib][cli]") {
  for (const std::string w : {"0", "-1", "0.0", "\"x\""})
    targets_refused("weight.toml",
                    "[[target]]\nstatistic = \"mean_degree\"\nvalue = 5.0\nweight = " + w + "\n",
                    "weight.toml:4:10: 'weight' must be a finite number above 0");
}
