// The CLI's text tables a German reader can read and pass on (issue 18), from a real process:
// numbers without exponents and with the language's separators (CSV and JSON keep plain machine
// numbers), no English left in the tables under --lang de, quantities totalled per unit only,
// and clear usage errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <string>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using nlohmann::json;
using verbund::test::run_cli;
namespace fs = std::filesystem;

namespace {

verbund::test::ProcessResult in(const char* lang, const std::vector<std::string>& args,
                                const fs::path& dir) {
  std::vector<std::string> all{"--lang", lang, "--no-record"};
  all.insert(all.end(), args.begin(), args.end());
  return run_cli(all, dir);
}

// The text table's row whose first cell is `label`: its last cell.
std::string row_value(const std::string& text, const std::string& label) {
  const std::regex row("\n  " + label + " +([^\n]*?) *\n");
  std::smatch m;
  return std::regex_search(text, m, row) ? m[1].str() : std::string("<no row " + label + ">");
}

// Digits of a number written with separators `sep`, as the plain number it stands for.
std::string without(std::string text, char sep) {
  std::erase(text, sep);
  return text;
}

constexpr const char* science = "('university','research_institute','research_group')";

}  // namespace

TEST_CASE("text tables write numbers without exponents, with separators by language",
          "[cli][lang][tables]") {
  verbund::test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "300"}, dir.path()).exit_code == 0);
  const auto de = in("de", {"suppliers", "plan"}, dir.path());
  const auto en = in("en", {"suppliers", "plan"}, dir.path());
  const auto js = in("de", {"--format", "json", "suppliers", "plan"}, dir.path());
  const auto csv = in("de", {"--format", "csv", "suppliers", "plan"}, dir.path());
  CAPTURE(de.out, en.out);
  REQUIRE((de.exit_code == 0 || de.exit_code == 3));
  // The old tables wrote "1,675e+07".
  CHECK_THAT(de.out + en.out, !Catch::Contains("e+") && !Catch::Contains("e-0"));

  // The same numbers as JSON's, grouped as each language groups them.
  const auto plan = json::parse(js.out);
  std::map<std::string, json> summary;
  for (const auto& row : plan["plan"]) summary[row["indicator"]] = row["value"];
  const auto pairs = summary.at("candidate pairs").get<std::int64_t>();
  const auto cost = summary.at("cost").get<std::int64_t>();
  REQUIRE(cost >= 10000);  // large enough to be grouped
  CHECK(without(row_value(de.out, "Kosten"), '.') == std::to_string(cost));
  CHECK(without(row_value(en.out, "cost"), ',') == std::to_string(cost));
  CHECK_THAT(row_value(de.out, "Kosten"), Catch::Matches(R"(\d{1,3}(\.\d{3})+)"));
  CHECK_THAT(row_value(en.out, "cost"), Catch::Matches(R"(\d{1,3}(,\d{3})+)"));
  CHECK(without(without(row_value(de.out, "Kandidatenpaare"), '.'), ',') == std::to_string(pairs));
  // Decimals in the language: a comma in German, a point in English.
  CHECK_THAT(row_value(de.out, "regionaler Bezugsanteil vorher"), Catch::Matches(R"(0,\d+)"));
  CHECK_THAT(row_value(en.out, "regional sourcing share before"), Catch::Matches(R"(0\.\d+)"));

  // CSV and JSON keep machine numbers whatever the language: plain digits, '.', no separators.
  CHECK_THAT(csv.out, Catch::Contains("\ncost," + std::to_string(cost) + "\n"));
  CHECK_THAT(csv.out, Catch::Contains("\ncandidate pairs," + std::to_string(pairs) + "\n"));
  CHECK(std::regex_search(csv.out, std::regex("\nregional sourcing share before,0\\.\\d+\n")));
  CHECK(summary.at("regional sourcing share before").is_number_float());

  // Quantities are totalled per unit, never across t, MWh, hours and parts: the old summary's
  // "demand" row added them together. Oracle: the allocation and unmet rows summed by unit.
  CHECK(summary.count("demand") == 0);
  CHECK(summary.count("allocated") == 0);
  CHECK(summary.at("allocation bound reached") == true);
  std::map<std::string, std::pair<double, double>> want;  // unit -> allocated, unmet
  for (const auto& row : plan["allocations"])
    want[row["unit"].get<std::string>()].first += row["quantity"].get<double>();
  for (const auto& row : plan["unmet"])
    want[row["unit"].get<std::string>()].second += row["quantity"].get<double>();
  REQUIRE(want.size() >= 3);
  REQUIRE(plan["by unit"].size() == want.size());
  for (const auto& row : plan["by unit"]) {
    const auto& [allocated, unmet] = want.at(row["unit"].get<std::string>());
    CHECK(row["allocated"].get<double>() == Approx(allocated));
    CHECK(row["unmet"].get<double>() == Approx(unmet));
    CHECK(row["demand"].get<double>() == Approx(allocated + unmet));
  }
  CHECK_THAT(de.out, Catch::Contains("nach Einheit\n  Einheit") && Catch::Contains("Stunden"));
  CHECK_THAT(en.out, Catch::Contains("by unit\n  unit"));
}

TEST_CASE(
    "no English left in the tables of match suppliers, metrics --years, train and "
    "evaluate transfer, import and match transfer --all under --lang de",
    "[cli][lang][tables]") {
  verbund::test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "300"}, dir.path()).exit_code == 0);
  const auto buyer = json::parse(in("en", {"--format", "json", "suppliers", "risk"}, dir.path())
                                     .out)["exposure"][0]["buyer"]
                         .get<std::string>();
  auto r = in("de", {"match", "suppliers", "--buyer", buyer, "--explain"}, dir.path());
  CAPTURE(r.out);
  CHECK_THAT(r.out, Catch::Contains("Fähigkeit") && Catch::Contains("Vertrauen") &&
                        Catch::Contains("Diversifizierung") && Catch::Contains("  Teil  "));
  CHECK_THAT(r.out, !Catch::Contains("capability") && !Catch::Contains("trust") &&
                        !Catch::Contains("diversification") && !Catch::Contains(" part "));
  // JSON keeps both names of a part, as before.
  const auto reasons = json::parse(
      in("de", {"--format", "json", "match", "suppliers", "--buyer", buyer, "--explain"},
         dir.path())
          .out)["reasons"];
  REQUIRE(!reasons.empty());
  CHECK(reasons[0].contains("part"));
  CHECK(reasons[0].contains("Teil"));

  r = in("de", {"metrics", "--years", "2015..2017"}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("beobachtete Reihen\n  Jahr ") &&
                        Catch::Contains("neue Beziehungen je Jahr") &&
                        Catch::Contains("Quantil der Partnerzahl 90 %") &&
                        !Catch::Contains("new ties") && !Catch::Contains("share of") &&
                        !Catch::Contains("degree quantile"));

  r = in("de", {"train", "transfer", "--until", "2022"}, dir.path());
  CAPTURE(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("angepasste Transfergewichte") &&
                        Catch::Contains("gelernt aus") && Catch::Contains("Validierungsjahr") &&
                        !Catch::Contains("trained on") && !Catch::Contains("validation"));
  r = in("de", {"evaluate", "transfer", "--until", "2019", "--resamples", "100"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Netzwerk bekannt bis") &&
                        Catch::Contains("Standard (Nähe 0,25)") &&
                        Catch::Contains("95-%-Bootstrap-Intervalle") &&
                        !Catch::Contains("network known") && !Catch::Contains("default (") &&
                        !Catch::Contains("setting"));
  // The intervals' decimals in German too; English keeps the point.
  CHECK(std::regex_search(r.out, std::regex(R"(0,\d+ – 0,\d+)")));
  CHECK(std::regex_search(in("en", {"evaluate", "transfer", "--until", "2019"}, dir.path()).out,
                          std::regex(R"(0\.\d+ – 0\.\d+)")));

  r = in("de", {"match", "transfer", "--all", "--top", "1"}, dir.path());
  CHECK_THAT(r.out, Catch::Contains("Merkmale der Unternehmen") && !Catch::Contains("firm facts"));
  r = in("de", {"match", "transfer", "--firm", "F000001", "--explain"}, dir.path());
  CHECK_THAT(r.out, Catch::Contains("erster Wissenschaftskontakt") &&
                        !Catch::Contains("first science tie"));

  // import: the relations row, with and without --update, under its German name.
  REQUIRE(run_cli({"--quiet", "export", "--out", "region"}, dir.path()).exit_code == 0);
  const std::string relations = "region/competence_relations.csv";
  const auto rows =
      verbund::test::query_int(dir / "verbund.db", "SELECT count(*) FROM competence_relations");
  REQUIRE(rows > 0);
  for (const bool update : {false, true}) {
    std::vector<std::string> args{"--db",
                                  "copy.db",
                                  "import",
                                  "--taxonomy",
                                  "region/taxonomy.csv",
                                  "--actors",
                                  "region/actors.csv",
                                  "--competence-relations",
                                  relations};
    if (update) args.emplace_back("--update");
    const auto en = in("en", args, dir.path());
    CAPTURE(update, en.out, en.err);
    REQUIRE(en.exit_code == 0);
    CHECK_THAT(en.out, Catch::Contains("competence_relations"));
    fs::remove(dir / "copy.db");
    const auto de = in("de", args, dir.path());
    CHECK_THAT(de.out,
               Catch::Contains("Kompetenzbeziehungen") && !Catch::Contains("competence_relations"));
    fs::remove(dir / "copy.db");
  }
}

TEST_CASE("usage errors, years outside the data and a university as --firm are refused clearly",
          "[cli][lang][tables]") {
  verbund::test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "300"}, dir.path()).exit_code == 0);
  // CLI11's own errors carry the prefix of every other error, and exit 2.
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"info", "--no-such-option"}, {"match", "transfer", "--firm"}, {"--threads", "x"}, {}}) {
    auto r = in("en", args, dir.path());
    CAPTURE(args, r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("verbund: error: "));
    r = in("de", args, dir.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("verbund: Fehler: "));
  }
  CHECK(run_cli({"--help"}, dir.path()).exit_code == 0);
  // A range in a German message reads "1 bis 1", not "1 to 1".
  auto runs = in("de", {"runs", "show", "99"}, dir.path());
  CHECK(runs.exit_code == 2);
  CHECK_THAT(runs.err, Catch::EndsWith("enthält die Läufe 1 bis 1\n"));

  // train transfer --years reaching before the data: trained on the data's years (the first year
  // a firm-science transfer partnership starts, by SQL), and the same fit as asking for them.
  const auto first = verbund::test::query_int(
      dir / "verbund.db",
      std::string("SELECT min(t.start) FROM ties t JOIN actors a ON a.id = t.source JOIN actors "
                  "b ON b.id = t.target WHERE t.kind = 'transfer' AND t.start IS NOT NULL AND "
                  "((a.kind = 'firm' AND b.kind IN ") +
          science + ") OR (b.kind = 'firm' AND a.kind IN " + science + "))");
  REQUIRE(first > 1973);
  REQUIRE(first < 2020);
  const auto wide = in("en", {"train", "transfer", "--until", "2022", "--years", "50"}, dir.path());
  CAPTURE(wide.err);
  REQUIRE(wide.exit_code == 0);
  CHECK(row_value(wide.out, "trained on") == std::to_string(first) + "..2022");
  CHECK_THAT(wide.err, Catch::Contains("start in " + std::to_string(first)));
  const auto exact = in(
      "en", {"train", "transfer", "--until", "2022", "--years", std::to_string(2022 - first + 1)},
      dir.path());
  CHECK(exact.out == wide.out);

  // evaluate transfer --last beyond the data: refused, naming the last year a tie starts in.
  const auto last = verbund::test::query_int(dir / "verbund.db", "SELECT max(start) FROM ties");
  auto r = in("en", {"evaluate", "transfer", "--until", "2019", "--last", std::to_string(last + 1)},
              dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--last " + std::to_string(last + 1) + ": beyond the data") &&
                        Catch::Contains(std::to_string(last) + " at the latest"));
  CHECK(in("en", {"evaluate", "transfer", "--until", "2019", "--last", std::to_string(last)},
           dir.path())
            .exit_code == 0);

  // A university given as --firm: what it is and what to use instead, not "has no needs".
  auto university = verbund::test::query_text(
      dir / "verbund.db",
      "SELECT ext_id FROM actors WHERE kind = 'university' ORDER BY ext_id LIMIT 1");
  while (!university.empty() && university.back() == '\n') university.pop_back();
  REQUIRE(!university.empty());
  r = in("en", {"match", "transfer", "--firm", university}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("(university) is not a firm") &&
                        Catch::Contains("recommend partners --members " + university) &&
                        !Catch::Contains("has no needs"));
  r = in("de", {"match", "transfer", "--firm", university}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("(Hochschule) ist kein Unternehmen"));
}
