// Words of the CLI's sentences from a real process: a firm report refuses what is not a firm,
// and `suppliers offer --explain` names categories by their label and reads as German.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string_view>

#include "test_support.hpp"

using verbund::test::run_cli;
namespace fs = std::filesystem;

TEST_CASE("report firm refuses a university, naming it, its kind and what to use",
          "[cli][report][words]") {
  verbund::test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "200"}, dir.path()).exit_code == 0);
  for (const char* lang : {"en", "de"}) {
    INFO(lang);
    const auto r = run_cli(
        {"--no-record", "--lang", lang, "report", "firm", "rub", "--out", "rub.html"}, dir.path());
    CHECK(r.exit_code == 2);
    // The kind in the language asked for.
    const char* kind = std::string_view(lang) == "de" ? "Hochschule" : "university";
    CHECK_THAT(r.err, Catch::Contains("'rub'") && Catch::Contains(kind) &&
                          Catch::Contains("verbund show rub") &&
                          Catch::Contains("verbund report region"));
    CHECK_FALSE(fs::exists(dir / "rub.html"));
  }
  // A firm still gets its report.
  CHECK(run_cli({"--no-record", "report", "firm", "F000001", "--out", "f.html"}, dir.path())
            .exit_code == 0);
  CHECK(fs::exists(dir / "f.html"));
}

TEST_CASE("suppliers offer --explain: labels, not ids, and German that reads right",
          "[cli][supply][words]") {
  verbund::test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "800", "--seed", "5"}, dir.path())
              .exit_code == 0);
  verbund::test::write_file(dir / "easy.toml",
                            "name = \"small order\"\n[[input]]\n"
                            "category = \"castings\"\nquantity = 1\n");
  const auto de = run_cli(
      {"--no-record", "--lang", "de", "suppliers", "offer", "easy.toml", "--top", "2", "--explain"},
      dir.path());
  const auto en = run_cli(
      {"--no-record", "--lang", "en", "suppliers", "offer", "easy.toml", "--top", "2", "--explain"},
      dir.path());
  CAPTURE(de.out, en.out);
  REQUIRE(de.exit_code == 0);
  REQUIRE(en.exit_code == 0);
  // What a member delivers and what the offer does without it, in German words.
  CHECK_THAT(de.out,
             Catch::Contains(" liefert 1 t Gussteile") && Catch::Contains("ohne dieses Mitglied"));
  CHECK_THAT(en.out, Catch::Contains(" delivers 1 t of castings"));
  CHECK_THAT(de.out, !Catch::Contains("ohne es") && !Catch::Contains("castings:") &&
                         !Catch::Contains("kann es ersetzen") && !Catch::Contains("of castings"));
  // A requirement no group meets: the amounts with separators, the category by its label.
  verbund::test::write_file(dir / "huge.toml",
                            "[[input]]\ncategory = \"castings\"\nquantity = 1234567\n");
  const auto huge =
      run_cli({"--no-record", "--lang", "de", "suppliers", "offer", "huge.toml"}, dir.path());
  CHECK(huge.exit_code == 3);
  CHECK_THAT(huge.out,
             Catch::Contains("Gussteile (castings): der Kunde braucht 1.234.567 t im Jahr"));
}
