// End-to-end tests of the look-up verbs (show, find, runs), the GeoJSON export and the CSV
// formula guard in every CSV the CLI writes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using verbund::test::read_file;
using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;
using Json = nlohmann::json;

namespace {

void generate(const ScratchDir& dir) {
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "300", "--seed", "3"}, dir.path()).exit_code ==
          0);
}

}  // namespace

TEST_CASE("cli: show an actor with its chairs, ties and offers; unknown ids suggest",
          "[cli][lookup]") {
  ScratchDir dir;
  generate(dir);
  auto r = run_cli({"--format", "json", "show", "ude"}, dir.path());
  REQUIRE(r.exit_code == 0);
  const auto out = Json::parse(r.out);
  CHECK(out["profile"][1]["value"] == "Universität Duisburg-Essen");
  bool cenide = false;
  for (const auto& c : out["children"]) cenide = cenide || c["id"] == "ude-cenide";
  CHECK(cenide);
  REQUIRE(!out["offers"].empty());
  CHECK(out["offers"][0].contains("label de"));
  REQUIRE(!out["ties"].empty());
  CHECK(out["ties"][0].contains("start"));
  CHECK(out.contains("memberships"));
  // The chair names its parent.
  r = run_cli({"show", "ude-cenide"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("ude Universität Duisburg-Essen"));

  r = run_cli({"show", "duisburg-essen"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown actor 'duisburg-essen'") &&
                        Catch::Contains("ude (Universität Duisburg-Essen)"));
}

TEST_CASE("cli: find by name, umlauts spelt out, with kind and limit", "[cli][lookup]") {
  ScratchDir dir;
  generate(dir);
  auto r = run_cli({"--format", "json", "find", "UNIVERSITAET duisburg"}, dir.path());
  REQUIRE(r.exit_code == 0);
  auto out = Json::parse(r.out);
  REQUIRE(!out["actors"].empty());
  CHECK(out["actors"][0]["id"] == "ude");
  r = run_cli({"--format", "csv", "find", "ruhr", "--kind", "university", "--limit", "2"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("id,kind,name,municipality,match\n"));
  CHECK_THAT(r.out, Catch::Contains("rub,university,Ruhr-Universität Bochum"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') <= 3);
  r = run_cli({"find", "ruhr", "--kind", "castle"}, dir.path());
  CHECK(r.exit_code == 2);
}

TEST_CASE("cli: runs lists the stored runs and gives one back with inputs and series",
          "[cli][lookup]") {
  ScratchDir dir;
  generate(dir);
  write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 3\n");
  REQUIRE(run_cli({"-q", "--seed", "4", "simulate", "base.toml", "--replicates", "2"}, dir.path())
              .exit_code == 0);
  auto r = run_cli({"--format", "json", "runs"}, dir.path());
  REQUIRE(r.exit_code == 0);
  auto out = Json::parse(r.out);
  REQUIRE(out["runs"].size() == 2);
  CHECK(out["runs"][0]["verb"] == "generate ruhr");
  CHECK(out["runs"][1]["verb"] == "simulate");
  CHECK(out["runs"][1]["seed"] == 4);
  const int id = out["runs"][1]["id"];

  r = run_cli({"--format", "json", "runs", "show", std::to_string(id)}, dir.path());
  REQUIRE(r.exit_code == 0);
  out = Json::parse(r.out);
  REQUIRE(out["inputs"].size() == 1);
  CHECK(out["inputs"][0]["role"] == "scenario");
  CHECK(out["inputs"][0]["hash"].get<std::string>().size() >= 16);
  CHECK(out["run"][6]["field"] == "region fingerprint");
  CHECK(out["run"][6]["value"].is_string());
  // 2 replicates x 4 months (0..3) x 9 indicators.
  CHECK(out["series"].size() == 2 * 4 * 11);  // 11 indicators: the region has a market

  r = run_cli({"runs", "show", std::to_string(id), "--out", "s.csv"}, dir.path());
  REQUIRE(r.exit_code == 0);
  const auto csv = read_file(dir / "s.csv");
  CHECK_THAT(csv, Catch::StartsWith("scenario,replicate,month,indicator,value\nbase,0,0,"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 2 * 4 * 11);

  r = run_cli({"runs", "show", "999"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("no run 999"));
}

TEST_CASE("cli: text that a spreadsheet would run is guarded in every CSV, and round-trips",
          "[cli][lookup][csv]") {
  ScratchDir dir;
  write_file(dir / "actors.csv",
             "id,name,kind,municipality,lat,lon\n"
             "a1,\"=HYPERLINK(\"\"http://x\"\")\",firm,Essen,51.45,7.01\n"
             "a2,-Foo GmbH,firm,Essen,51.46,7.02\n"
             "-3,@Home,firm,-Ort,,\n");
  write_file(dir / "ties.csv",
             "source,target,kind,weight,start,end\na1,a2,supply,1,2020,\n"
             "a2,-3,informal,0.5,,\n");
  REQUIRE(
      run_cli({"import", "--actors", "actors.csv", "--ties", "ties.csv"}, dir.path()).exit_code ==
      0);
  const std::string guarded_link = "\"'=HYPERLINK(\"\"http://x\"\")\"";
  auto r = run_cli({"--format", "csv", "find", "a"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains(guarded_link) && Catch::Contains("'-Foo GmbH"));
  r = run_cli({"--format", "csv", "show", "a2"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("name,'-Foo GmbH") && Catch::Contains(guarded_link) &&
                        Catch::Contains("'@Home"));
  CHECK_THAT(r.out, Catch::Contains("lon,7.02"));  // numbers as they are
  CHECK_THAT(r.out, Catch::Contains(",0.5,"));
  // Numbers stay numbers: the id -3 reads as a number and is left alone; the place is text.
  r = run_cli({"--format", "csv", "show", "-3"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("id,-3\n") && Catch::Contains("municipality,'-Ort"));

  // export csv guards the same way, and importing the export gives the same database back.
  REQUIRE(run_cli({"export", "--out", "x"}, dir.path()).exit_code == 0);
  const auto first = verbund::test::read_csv_export(dir / "x");
  CHECK_THAT(first, Catch::Contains(guarded_link) && Catch::Contains("'-Foo GmbH"));
  REQUIRE(run_cli({"--db", "again.db", "import", "--actors", "x/actors.csv", "--ties", "x/ties.csv",
                   "--taxonomy", "x/taxonomy.csv", "--competences", "x/competences.csv",
                   "--memberships", "x/memberships.csv"},
                  dir.path())
              .exit_code == 0);
  r = run_cli({"--db", "again.db", "--format", "json", "show", "a1"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(r.out)["profile"][1]["value"] == "=HYPERLINK(\"http://x\")");
  REQUIRE(run_cli({"--db", "again.db", "export", "--out", "y"}, dir.path()).exit_code == 0);
  CHECK(verbund::test::read_csv_export(dir / "y") == first);

  // Any text cell, not only names: the options of a run start with "--".
  r = run_cli({"--format", "csv", "runs"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains(",'--actors=actors.csv"));
}

TEST_CASE(
    "cli: GeoJSON export is RFC 7946 with [lon, lat] and leaves out actors without "
    "coordinates",
    "[cli][lookup][export]") {
  ScratchDir dir;
  write_file(dir / "actors.csv",
             "id,name,kind,municipality,lat,lon\n"
             "a1,One,firm,Essen,51.45,7.01\n"
             "a2,Two,university,Essen,51.46,7.02\n"
             "a3,Nowhere,firm,Essen,,\n");
  write_file(dir / "ties.csv",
             "source,target,kind,weight,start,end\na1,a2,transfer,2,2020,2023\n"
             "a2,a3,informal,1,,\n");
  REQUIRE(
      run_cli({"import", "--actors", "actors.csv", "--ties", "ties.csv"}, dir.path()).exit_code ==
      0);
  auto r = run_cli({"export", "--format", "geojson", "--out", "map.geojson"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("1 actors without coordinates") && Catch::Contains("a3"));
  const auto doc = Json::parse(read_file(dir / "map.geojson"));
  CHECK(doc["type"] == "FeatureCollection");
  REQUIRE(doc["features"].size() == 3);  // two points, one line
  const auto& point = doc["features"][0];
  CHECK(point["geometry"]["type"] == "Point");
  CHECK(point["geometry"]["coordinates"] == Json::array({7.01, 51.45}));
  CHECK(point["properties"]["name"] == "One");
  const auto& line = doc["features"][2];
  CHECK(line["geometry"]["type"] == "LineString");
  CHECK(line["geometry"]["coordinates"] == Json::parse("[[7.01, 51.45], [7.02, 51.46]]"));
  CHECK(line["properties"]["kind"] == "transfer");
  CHECK(line["properties"]["start"] == 2020);
  CHECK(line["properties"]["end"] == 2023);
  CHECK(doc["actors_without_coordinates"] == Json::array({"a3"}));
}

namespace {

// The header line of the text table titled `title`: the line after the title.
std::string header_after(const std::string& out, const std::string& title) {
  const auto at = out.find(title + "\n");
  if (at == std::string::npos) return "(no table '" + title + "')";
  const auto start = at + title.size() + 1;
  return out.substr(start, out.find('\n', start) - start);
}

}  // namespace

TEST_CASE("cli: --lang de gives German tables for every main verb; JSON and CSV stay English",
          "[cli][lookup][lang]") {
  ScratchDir dir;
  generate(dir);
  write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 2\n");
  const auto calls = verbund::test::project_data_dir() / "calls";
  struct Case {
    std::vector<std::string> args;
    std::string title, header;  // the German title and the start of its header line
  };
  const std::vector<Case> cases{
      {{"metrics"}, "Netzwerk", "  Kennzahl"},
      {{"info"}, "Akteure nach Art", "  Art"},
      {{"show", "ude"}, "Profil", "  Feld"},
      {{"find", "duisburg"}, "Akteure", "  ID  "},
      {{"brokers", "--top", "3"}, "Vermittler", "  ID  "},
      {{"communities"}, "Gemeinschaften", "  Gemeinschaft  Akteure  Unternehmen  Hauptkommune"},
      {{"match", "transfer", "--firm", "F000001", "--need", "artificial-intelligence", "--explain"},
       "Begründung in Worten",
       "  Rang  ID"},
      {{"match", "consortium", "--call", (calls / "efre-hydrogen.toml").string(), "--top", "1",
        "--explain"},
       "Was an jedem Mitglied hängt",
       "  Rang  ID"},
      {{"recommend", "partners", "--members", "rub,ude", "--top", "3", "--explain"},
       "Begründung in Worten",
       "  Rang  ID"},
      {{"-q", "simulate", "base.toml", "--replicates", "2"}, "", ""},
      {{"-q", "compare", "base.toml", "base.toml", "--replicates", "2"}, "", ""},
  };
  for (const auto& c : cases) {
    INFO(c.args.front() + " " + c.args.back());
    auto args = c.args;
    args.insert(args.begin(), {"--lang", "de"});
    const auto r = run_cli(args, dir.path());
    REQUIRE(r.exit_code == 0);
    if (!c.title.empty()) CHECK_THAT(header_after(r.out, c.title), Catch::StartsWith(c.header));
  }
  // simulate and compare print their tables unless -q: German headers and indicator names.
  auto r = run_cli({"--lang", "de", "--seed", "2", "simulate", "base.toml", "--replicates", "2"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(header_after(r.out, "Kennzahlen"),
             Catch::StartsWith("  Kennzahl ") && Catch::Contains(" Beginn ") &&
                 Catch::Contains(" am Ende ") && Catch::Contains(" untere Grenze (95 %)"));
  CHECK_THAT(r.out, Catch::Contains("mittlere Zahl der Partner"));
  r = run_cli({"--lang", "de", "compare", "base.toml", "base.toml", "--replicates", "2"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(header_after(r.out, "Unterschiede"),
             Catch::StartsWith("  Szenario  Kennzahl ") && Catch::Contains(" Basis  Szenariowert"));
  CHECK_THAT(r.out, Catch::Contains("unverändert"));  // the same scenario twice
  // Sentences of --explain are German; the same in English.
  r = run_cli({"--lang", "de", "match", "transfer", "--firm", "F000001", "--need",
               "artificial-intelligence", "--explain"},
              dir.path());
  CHECK_THAT(r.out, Catch::Contains("Forschungspartnern bieten das an"));
  r = run_cli({"--lang", "en", "match", "transfer", "--firm", "F000001", "--need",
               "artificial-intelligence", "--explain"},
              dir.path());
  CHECK_THAT(header_after(r.out, "recommendations"), Catch::StartsWith("  rank  id"));
  CHECK_THAT(r.out, Catch::Contains("research partners offer it"));
  // JSON and CSV keep the English keys and values, whatever the language.
  r = run_cli({"--lang", "de", "--format", "json", "find", "duisburg"}, dir.path());
  REQUIRE(r.exit_code == 0);
  const auto out = Json::parse(r.out);
  REQUIRE(!out["actors"].empty());
  CHECK(out["actors"][0].contains("kind"));
  r = run_cli({"--lang", "de", "--format", "csv", "find", "ruhr", "--kind", "university"},
              dir.path());
  CHECK_THAT(r.out, Catch::StartsWith("id,kind,name,municipality,match\n") &&
                        Catch::Contains(",university,"));
  // Notes speak the language too.
  r = run_cli({"--lang", "de", "find", "zzzz-nirgends"}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("Hinweis: kein Name und keine ID enthält 'zzzz-nirgends'"));
  // An unknown language is bad usage, named.
  r = run_cli({"--lang", "fr", "info"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown language 'fr'"));
}
