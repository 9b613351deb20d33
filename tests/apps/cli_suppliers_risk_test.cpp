// End-to-end tests of `verbund suppliers risk` and `suppliers offer` on a generated database.

#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;

namespace {

/// The supplier of the first supply tie in the export (a supplier with a customer).
std::string some_supplier(const std::filesystem::path& dir) {
  REQUIRE(run_cli({"export", "--out", "x"}, dir).exit_code == 0);
  std::istringstream lines(verbund::test::read_file(dir / "x" / "ties.csv"));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find(",supply,") != std::string::npos) return line.substr(0, line.find(','));
  }
  FAIL("no supply tie");
  return {};
}

}  // namespace

TEST_CASE("cli: suppliers risk, with and without suppliers", "[cli][supply]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "800", "--seed", "5"}, dir.path()).exit_code ==
          0);
  auto r =
      run_cli({"--format", "json", "suppliers", "risk", "--limit", "0", "--explain"}, dir.path());
  REQUIRE(r.exit_code == 0);
  auto out = nlohmann::json::parse(r.out);
  REQUIRE(!out["exposure"].empty());
  std::size_t single = 0;
  for (const auto& row : out["exposure"]) {
    CHECK(row["regional share"].get<double>() <= 1.0);
    if (row["single-sourced"].get<bool>()) {
      ++single;
      CHECK_THAT(row["explanation"].get<std::string>(), Catch::Contains("1 regional source"));
    }
  }
  std::size_t summed = 0;
  for (const auto& row : out["single-source risk"]) {
    if (row["indicator"] == "  single-sourced in the region")
      summed += row["value"].get<std::size_t>();
  }
  CHECK(summed == single);

  const auto supplier = some_supplier(dir.path());
  r = run_cli(
      {"--format", "json", "suppliers", "risk", "--without", supplier, "--tiers", "2", "--explain"},
      dir.path());
  REQUIRE(r.exit_code == 0);
  out = nlohmann::json::parse(r.out);
  REQUIRE(!out["lost sources"].empty());
  CHECK_THAT(out["lost sources"][0]["explanation"].get<std::string>(), Catch::Contains("loses"));
  CHECK(!out["substitutes"].empty());

  r = run_cli({"suppliers", "risk", "--without", "nobody"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown actor 'nobody'"));
}

TEST_CASE("cli: suppliers offer finds groups, diagnoses the impossible, refuses bad ids",
          "[cli][supply]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "800", "--seed", "5"}, dir.path()).exit_code ==
          0);
  write_file(dir / "easy.toml", R"(name = "small order"
[[input]]
category = "castings"
quantity = 1
)");
  auto r =
      run_cli({"--format", "json", "suppliers", "offer", "easy.toml", "--top", "3", "--explain"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  const auto out = nlohmann::json::parse(r.out);
  CHECK(!out["joint offers"].empty());
  CHECK(out["joint offers"].size() <= 3);
  CHECK(!out["who delivers what"].empty());

  // The shipped example reads and runs (whether this small region can meet it or not).
  const auto example = verbund::test::project_data_dir() / "supply" / "requirements" /
                       "automotive-oem-castings.toml";
  r = run_cli({"suppliers", "offer", example.string()}, dir.path());
  CHECK((r.exit_code == 0 || r.exit_code == 3));
  CHECK_THAT(r.out, Catch::Contains("Housing family"));

  write_file(dir / "huge.toml", R"(certifications = ["iatf-16949"]
[[input]]
category = "castings"
quantity = 1e12
)");
  r = run_cli({"suppliers", "offer", "huge.toml"}, dir.path());
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.out, Catch::Contains("short"));

  write_file(dir / "bad.toml", R"([[input]]
category = "unobtainium"
quantity = 5
)");
  r = run_cli({"suppliers", "offer", "bad.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.toml:2:12") && Catch::Contains("unobtainium"));
}
