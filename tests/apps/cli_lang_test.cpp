// The verbs' tables and the CLI's common messages under --lang de, from a real process: German
// headers and sentences in the text table, English keys in CSV, the same exit codes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using verbund::test::run_cli;
namespace fs = std::filesystem;

namespace {

verbund::test::ProcessResult german(const std::vector<std::string>& args, const fs::path& dir) {
  std::vector<std::string> all{"--lang", "de", "--no-record"};
  all.insert(all.end(), args.begin(), args.end());
  return run_cli(all, dir);
}

// 60 projects over 2014-2016 of 4-6 members drawn from 30 organisations (as in
// tests/match/partner_cli_test.cpp), enough to train a partner model.
void write_history(const fs::path& dir) {
  std::mt19937_64 rng(5);
  std::ostringstream part, orgs, topics;
  part << "rcn,role,pic,type,contribution,country,start_year,end_year\n";
  orgs << "pic,name,short_name,type,city,country\n";
  topics << "rcn,programme_part\n";
  for (int o = 0; o < 30; ++o)
    orgs << 100 + o << ",Org " << o << ",O" << o << "," << (o % 3 ? "PRC" : "HES") << ",Essen,DE\n";
  for (int p = 0; p < 60; ++p) {
    const int year = 2014 + p % 3;
    std::vector<int> members;
    while (members.size() < static_cast<std::size_t>(4 + p % 3)) {
      const int o = static_cast<int>(rng() % 30);
      if (std::find(members.begin(), members.end(), o) == members.end()) members.push_back(o);
    }
    for (const int o : members)
      part << 5000 + p << ",participant," << 100 + o << ",PRC,1000,DE," << year << "," << year + 3
           << "\n";
    topics << 5000 + p << "," << (p % 2 ? "SC1" : "LEIT") << "\n";
  }
  verbund::test::write_file(dir / "part.csv", part.str());
  verbund::test::write_file(dir / "orgs.csv", orgs.str());
  verbund::test::write_file(dir / "topics.csv", topics.str());
}

}  // namespace

TEST_CASE("suppliers, event, runs, import and info speak German under --lang de", "[cli][lang]") {
  verbund::test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "200"}, dir.path()).exit_code == 0);
  const auto data = verbund::test::project_data_dir();
  struct Case {
    std::vector<std::string> args;
    std::vector<const char*> words;
  };
  const std::vector<Case> cases{
      {{"suppliers", "catalog"}, {"Zulieferer  ", "freie Kapazität", "Lieferzeit (Wochen)"}},
      // The catalogue's own --lang of old is now the global one, given after the verb.
      {{"suppliers", "catalog", "--category", "it-services", "--lang", "de"},
       {"IT-Dienstleistungen"}},
      {{"suppliers", "plan"},
       {"geplante Bedarfe", "Zuteilungen", "Abnehmer", "Stückkosten", "Einheit", " Stunden "}},
      {{"suppliers", "catalog", "--category", "it-services"}, {"(Stunden je Jahr)"}},
      {{"suppliers", "risk"},
       {"Risiko einzelner Quellen", "Abhängigkeit", "Kritikalität", "  hoch  "}},
      {{"suppliers", "offer", (data / "supply/requirements/automotive-oem-castings.toml").string()},
       {"Anforderung", "geeignete Zulieferer"}},
      {{"event", "plan", (data / "events/transfertag-ruhr/event.toml").string(), "--out", "plan"},
       {"Veranstaltungsplan", "Teilnehmende", "obere Schranke"}},
      {{"event", "replan", (data / "events/transfertag-ruhr/event.toml").string(), "--previous",
        "plan/schedule.csv", "--out", "replan"},
       {"Änderungen", "unverändert gebliebene Treffen"}},
      {{"import", "suppliers", (data / "supply").string()}, {"importiert", "Kategorien"}},
      {{"event", "suggest", (data / "events/transfertag-ruhr/event.toml").string()},
       {"vorgeschlagene Anfragen", "Anfragende"}},
      {{"runs"}, {"Läufe", "Befehl", "Reihenwerte"}},
      {{"runs", "show", "1"}, {"Lauf", "Fingerabdruck der Region", "Optionen"}},
      {{"info"}, {"Kennzahl", "Akteure"}},
  };
  for (const auto& c : cases) {
    const auto r = german(c.args, dir.path());
    CAPTURE(c.args, r.out, r.err);
    CHECK((r.exit_code == 0 || r.exit_code == 3));  // 3: a plan or offer without a solution
    for (const auto* word : c.words) CHECK_THAT(r.out, Catch::Contains(word));
  }
  // A German label in the catalogue came from --lang; English without it.
  CHECK_THAT(
      run_cli({"--lang", "en", "--no-record", "suppliers", "catalog", "--category", "it-services"},
              dir.path())
          .out,
      Catch::Contains("IT services") && !Catch::Contains("IT-Dienstleistungen"));

  // Machine-readable output keeps its English keys.
  const auto csv = german({"--format", "csv", "runs"}, dir.path());
  CHECK_THAT(csv.out, Catch::StartsWith("id,time,verb,options,seed,series values"));
  const auto json = german({"--format", "json", "suppliers", "risk"}, dir.path());
  CHECK_THAT(json.out, Catch::Contains("\"criticality\""));

  // import: the counts table.
  REQUIRE(run_cli({"--quiet", "export", "--out", "region"}, dir.path()).exit_code == 0);
  const auto imported =
      german({"--db", "copy.db", "import", "--taxonomy", "region/taxonomy.csv", "--actors",
              "region/actors.csv", "--competences", "region/competences.csv", "--ties",
              "region/ties.csv", "--memberships", "region/memberships.csv"},
             dir.path());
  CAPTURE(imported.err);
  CHECK(imported.exit_code == 0);
  CHECK_THAT(imported.out, Catch::Contains("importiert"));
  CHECK_THAT(imported.out, Catch::Contains("Mitgliedschaften"));
}

TEST_CASE("the CLI's common error messages in German, with the same exit codes", "[cli][lang]") {
  verbund::test::ScratchDir dir;
  // No database yet: file not found.
  auto r = german({"info"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("verbund: Fehler: "));
  CHECK_THAT(r.err, Catch::Contains("Datenbank existiert nicht (anlegen mit `verbund init`"));
  r = run_cli({"--lang", "en", "info"}, dir.path());
  CHECK_THAT(r.err, Catch::Contains("verbund: error: ") && Catch::Contains("does not exist"));

  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "50"}, dir.path()).exit_code == 0);
  // Unknown id.
  r = german({"report", "firm", "NOPE", "--out", "f.html"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unbekannte Akteurskennung 'NOPE'"));
  r = german({"suppliers", "risk", "--buyer", "NOPE"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unbekannter Akteur 'NOPE'"));
  // A file given on the command line that does not exist (CLI11's check).
  r = german({"suppliers", "offer", "missing.toml"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("Datei existiert nicht: missing.toml"));
  CHECK_THAT(r.err, Catch::Contains("Mehr dazu mit --help."));
  // An --out that cannot be written.
  r = german({"report", "region", "--out", "no/such/folder/r.html"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("hier kann nicht geschrieben werden: der Ordner"));
  // A bad option value, with --lang after the option it judges.
  r = run_cli({"report", "firm", "F000001", "--top", "0", "--out", "f.html", "--lang", "de"},
              dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--top muss eine ganze Zahl 1..100 sein (nicht 0)"));
  r = german({"runs", "show", "999"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("kein Lauf 999"));
}

TEST_CASE("the sentences of the supplier and event engines follow --lang", "[cli][lang]") {
  verbund::test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "800", "--seed", "5"}, dir.path())
              .exit_code == 0);
  using nlohmann::json;
  const auto both = [&](const std::vector<std::string>& args) {
    std::vector<std::string> en{"--lang", "en", "--no-record"};
    en.insert(en.end(), args.begin(), args.end());
    return std::pair{run_cli(en, dir.path()), german(args, dir.path())};
  };

  // suppliers risk --explain: a buyer's exposure, then what removing a supplier breaks.
  auto [en, de] = both({"--format", "json", "suppliers", "risk", "--limit", "5", "--explain"});
  REQUIRE(en.exit_code == 0);
  REQUIRE(de.exit_code == 0);
  const auto risk_en = json::parse(en.out)["exposure"];
  const auto risk_de = json::parse(de.out)["exposure"];
  REQUIRE(!risk_en.empty());
  CHECK(risk_de[0].contains("explanation"));  // English keys
  CHECK_THAT(risk_en[0]["explanation"].get<std::string>(), Catch::Contains(" buys "));
  CHECK_THAT(risk_de[0]["explanation"].get<std::string>(), Catch::Contains(" kauft ") &&
                                                               Catch::Contains(" pro Jahr") &&
                                                               Catch::Contains("Kritikalität"));
  const std::string buyer = risk_en[0]["buyer"];

  // match suppliers --explain: the search's reasons.
  std::tie(en, de) = both({"match", "suppliers", "--buyer", buyer, "--explain"});
  CAPTURE(en.out, de.out);
  CHECK_THAT(en.out,
             Catch::Contains("regional source of") || Catch::Contains("regional sources of"));
  CHECK_THAT(de.out, Catch::Contains("Bezugsquelle") && Catch::Contains(" km entfernt"));
  CHECK_THAT(de.out, !Catch::Contains(" km away") && !Catch::Contains("lead time"));

  // suppliers offer --explain: what each member delivers.
  verbund::test::write_file(dir / "easy.toml",
                            "name = \"small order\"\n[[input]]\n"
                            "category = \"castings\"\nquantity = 1\n");
  std::tie(en, de) = both({"suppliers", "offer", "easy.toml", "--top", "2", "--explain"});
  REQUIRE(en.exit_code == 0);
  CHECK_THAT(en.out, Catch::Contains(" delivers 1 t of castings"));
  CHECK_THAT(de.out, Catch::Contains(" liefert 1 t Gussteile"));
  // ... and why an impossible one fails.
  verbund::test::write_file(dir / "huge.toml",
                            "[[input]]\ncategory = \"castings\"\nquantity = 1e12\n");
  std::tie(en, de) = both({"suppliers", "offer", "huge.toml"});
  CHECK(de.exit_code == 3);
  CHECK_THAT(en.out, Catch::Contains("the customer needs 1,000,000,000,000 t a year"));
  CHECK_THAT(de.out, Catch::Contains("der Kunde braucht 1.000.000.000.000 t im Jahr") &&
                         Catch::Contains("Partner                 1 bis 4"));

  // event plan with a must-meeting that cannot be met: the reason, summary.txt and calendars.
  const auto event = dir / "event";
  fs::create_directories(event);
  for (const auto& f :
       fs::directory_iterator(verbund::test::project_data_dir() / "events" / "transfertag-ruhr"))
    fs::copy_file(f.path(), event / f.path().filename());
  auto requests = verbund::test::read_file(event / "requests.csv");
  const std::string want = "F002486,F001556,want,accepted";
  REQUIRE(requests.find(want) != std::string::npos);
  requests.replace(requests.find(want), want.size(), "F002486,F001556,must,accepted");
  verbund::test::write_file(event / "requests.csv", requests);
  const auto toml = (event / "event.toml").string();
  en = run_cli({"--lang", "en", "--no-record", "event", "plan", toml, "--out", "plan-en"},
               dir.path());
  de = german({"event", "plan", toml, "--out", "plan-de"}, dir.path());
  CHECK(de.exit_code == 3);
  CHECK_THAT(en.out, Catch::Contains("are never available at the same time"));
  CHECK_THAT(de.out, Catch::Contains("haben nie zugleich Zeit"));
  CHECK_THAT(verbund::test::read_file(dir / "plan-en" / "summary.txt"),
             Catch::StartsWith("requests ") && Catch::Contains("missed must: "));
  CHECK_THAT(verbund::test::read_file(dir / "plan-de" / "summary.txt"),
             Catch::StartsWith("Anfragen ") && Catch::Contains("verpasste Pflicht: ") &&
                 Catch::Contains("obere Schranke"));
  CHECK_THAT(verbund::test::read_file(dir / "plan-en" / "ics" / "rub.ics"),
             Catch::Contains("SUMMARY:Meeting: ") && Catch::Contains("Priority: "));
  CHECK_THAT(verbund::test::read_file(dir / "plan-de" / "ics" / "rub.ics"),
             Catch::Contains("SUMMARY:Treffen: ") && Catch::Contains("Priorität: "));
  // The event's CSV files are for scripts: the same bytes in both languages.
  CHECK(verbund::test::read_file(dir / "plan-en" / "agenda.csv") ==
        verbund::test::read_file(dir / "plan-de" / "agenda.csv"));

  // event suggest: each engine's reason.
  std::tie(en, de) = both({"--format", "json", "event", "suggest", toml});
  REQUIRE(de.exit_code == 0);
  const auto suggested_en = json::parse(en.out)["suggested requests"];
  const auto suggested_de = json::parse(de.out)["suggested requests"];
  REQUIRE(suggested_en.size() == suggested_de.size());
  REQUIRE(!suggested_de.empty());
  for (std::size_t k = 0; k < suggested_de.size(); ++k) {
    const std::string why = suggested_de[k]["why"];
    CAPTURE(why);
    CHECK(why != suggested_en[k]["why"].get<std::string>());
    CHECK_THAT(why, !Catch::Contains(" offers what ") && !Catch::Contains(" supplies ") &&
                        !Catch::Contains("would complete") && !Catch::Contains("score "));
  }
}

TEST_CASE("calibrate, sweep and sensitivity explain themselves in German", "[cli][lang]") {
  verbund::test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "120", "--seed", "2"}, dir.path())
              .exit_code == 0);
  verbund::test::write_file(dir / "base.toml", "name = \"base\"\nhorizon_months = 12\n");
  verbund::test::write_file(dir / "t.toml",
                            "[[target]]\nstatistic = \"new_ties\"\nvalue = 5.0\n"
                            "[[target]]\nstatistic = \"stationary\"\nof = \"science_share\"\n");
  const std::vector<std::string> calibrate{"--seed",
                                           "3",
                                           "calibrate",
                                           "base.toml",
                                           "--targets",
                                           "t.toml",
                                           "--free",
                                           "model.effects.base",
                                           "--replicates",
                                           "2",
                                           "--max-evaluations",
                                           "12",
                                           "--explain"};
  auto en_args = calibrate;
  en_args.insert(en_args.begin(), {"--lang", "en", "--no-record"});
  const auto en = run_cli(en_args, dir.path());
  const auto de = german(calibrate, dir.path());
  REQUIRE(en.exit_code == 0);
  REQUIRE(de.exit_code == 0);
  CHECK_THAT(en.out, Catch::Contains("What this means:") && Catch::Contains("new ties per year"));
  CHECK_THAT(en.err, Catch::Contains("evaluation 10: distance"));
  CHECK_THAT(de.out,
             Catch::Contains("Was das bedeutet:") && Catch::Contains("neue Beziehungen je Jahr") &&
                 Catch::Contains("Trend des Anteils Unternehmen mit Wissenschaftskontakt") &&
                 !Catch::Contains("What this means"));
  CHECK_THAT(de.err, Catch::Contains("Auswertung 10: Abstand"));

  verbund::test::write_file(
      dir / "wg.toml",
      "name = \"wg\"\nhorizon_months = 2\n[[intervention]]\nname = \"AG\"\n"
      "type = \"working_group\"\nselect = { kinds = [\"firm\"], size = 10 }\nmeetings = 2\n");
  verbund::test::write_file(
      dir / "morris.toml",
      "scenario = \"wg.toml\"\ndesign = \"morris\"\nsamples = 2\nreplicates = 1\n"
      "indicators = [\"ties\"]\n"
      "[[parameter]]\nkey = \"model.effects.base\"\nrange = [-6.0, -5.0]\n"
      "[[parameter]]\nkey = \"intervention[AG].meetings\"\nrange = [1, 4]\ninteger = true\n");
  const auto sens_de = german({"sensitivity", "morris.toml", "--explain"}, dir.path());
  REQUIRE(sens_de.exit_code == 0);
  CHECK_THAT(sens_de.out, Catch::Contains("Der Lauf variiert 2 Parameter") &&
                              Catch::Contains("Morris-Screening") &&
                              Catch::Contains("hängt am meisten von"));
  const auto sens_en = run_cli(
      {"--lang", "en", "--no-record", "sensitivity", "morris.toml", "--explain"}, dir.path());
  CHECK_THAT(sens_en.out, Catch::Contains("The sweep varies 2 parameter(s)") &&
                              Catch::Contains("depends most on"));
  // A grid whose step leaves float noise in binary: its points read as written.
  verbund::test::write_file(dir / "grid.toml",
                            "scenario = \"wg.toml\"\nreplicates = 1\nindicators = [\"ties\"]\n"
                            "[[parameter]]\nkey = \"model.decay\"\nrange = [0.1, 0.45]\n"
                            "steps = 8\n");
  const auto sweep_de = german({"sweep", "grid.toml", "--explain"}, dir.path());
  REQUIRE(sweep_de.exit_code == 0);
  CHECK_THAT(sweep_de.out,
             Catch::Contains("Jeder Punkt nutzt") && Catch::Contains("von 0,1 bis 0,45"));
  const auto sweep_csv = run_cli({"--format", "csv", "sweep", "grid.toml"}, dir.path());
  CHECK_THAT(sweep_csv.out, Catch::Contains(",0.45,") && !Catch::Contains("9999999"));
}

TEST_CASE("recommend partners with a learned model speaks German", "[cli][lang]") {
  verbund::test::ScratchDir dir;
  write_history(dir.path());
  const std::vector<std::string> files{"--participations", "part.csv", "--organisations",
                                       "orgs.csv",         "--topics", "topics.csv"};
  REQUIRE(run_cli({"--db", "p.db", "init"}, dir.path()).exit_code == 0);
  std::vector<std::string> args{"--db", "p.db", "-q", "import", "projects", "--to-year", "2015"};
  args.insert(args.end(), files.begin(), files.end());
  REQUIRE(run_cli(args, dir.path()).exit_code == 0);
  args = {"--db",    "p.db", "-q",      "--seed", "3",        "train", "partners",
          "--until", "2016", "--first", "2015",   "--rounds", "10"};
  args.insert(args.end(), files.begin(), files.end());
  REQUIRE(run_cli(args, dir.path()).exit_code == 0);
  const std::vector<std::string> recommend{"--db",      "p.db",    "recommend", "partners",
                                           "--members", "100,101", "--top",     "3"};
  const auto de = german(recommend, dir.path());
  auto en_args = recommend;
  en_args.insert(en_args.begin(), {"--lang", "en", "--no-record"});
  const auto en = run_cli(en_args, dir.path());
  REQUIRE(de.exit_code == 0);
  REQUIRE(en.exit_code == 0);
  CAPTURE(de.out, de.err);
  CHECK_THAT(en.err, Catch::Contains("using the learned model, the model stored in p.db on "));
  CHECK_THAT(de.err, Catch::Contains("nutzt das gelernte Modell, das in p.db am ") &&
                         Catch::Contains("gespeicherte Modell"));
  CHECK_THAT(en.out, Catch::StartsWith("partners\n") && Catch::Contains("kind"));
  CHECK_THAT(de.out, Catch::StartsWith("Partner\n") && Catch::Contains("Art") &&
                         Catch::Contains("Unternehmen") && !Catch::Contains(" firm "));
}
