// The verbs' tables and the CLI's common messages under --lang de, from a real process: German
// headers and sentences in the text table, English keys in CSV, the same exit codes.
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_support.hpp"

using verbund::test::run_cli;
namespace fs = std::filesystem;

namespace {

verbund::test::ProcessResult german(const std::vector<std::string>& args, const fs::path& dir) {
  std::vector<std::string> all{"--lang", "de", "--no-record"};
  all.insert(all.end(), args.begin(), args.end());
  return run_cli(all, dir);
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
      {{"suppliers", "plan"}, {"geplante Bedarfe", "Zuteilungen", "Abnehmer", "Stückkosten"}},
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
  CHECK_THAT(r.err, Catch::Contains("Wert 0 nicht im Bereich 1 bis 100"));
  r = german({"runs", "show", "999"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("kein Lauf 999"));
}
