// The CLI's messages as a new user meets them, from a real process: a mistyped verb or option,
// a bad option value, a folder as --db, --years outside the data; in English and German, each
// with exit code 2.
#include <catch2/catch.hpp>

#include <filesystem>

#include "test_support.hpp"

using verbund::test::run_cli;
namespace fs = std::filesystem;

namespace {

// The first line of stderr, which is the message.
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

struct Expect {
  std::vector<std::string> args;
  std::string en;  // the whole first line of stderr in English
  std::string de;  // and under --lang de
};

void check_both(const Expect& e, const fs::path& dir) {
  std::vector<std::string> en{"--no-record", "--lang", "en"};
  en.insert(en.end(), e.args.begin(), e.args.end());
  const auto r_en = run_cli(en, dir);
  INFO("args: " << Catch::Detail::stringify(e.args));
  CHECK(r_en.exit_code == 2);
  CHECK(first_line(r_en.err) == e.en);
  std::vector<std::string> de{"--no-record", "--lang", "de"};
  de.insert(de.end(), e.args.begin(), e.args.end());
  const auto r_de = run_cli(de, dir);
  CHECK(r_de.exit_code == 2);
  CHECK(first_line(r_de.err) == e.de);
}

}  // namespace

TEST_CASE("an unknown verb or option is named, not 'a subcommand is required'", "[cli][messages]") {
  verbund::test::ScratchDir dir;
  const std::vector<Expect> cases{
      {{"frobnicate"},
       "verbund: error: unknown command 'frobnicate' (verbund --help lists them)",
       "verbund: Fehler: unbekannter Befehl 'frobnicate' (verbund --help nennt sie)"},
      {{"report", "frobnicate", "--out", "q.html"},
       "verbund: error: unknown command 'frobnicate' (verbund report --help lists them)",
       "verbund: Fehler: unbekannter Befehl 'frobnicate' (verbund report --help nennt sie)"},
      {{"suppliers", "frob"},
       "verbund: error: unknown command 'frob' (verbund suppliers --help lists them)",
       "verbund: Fehler: unbekannter Befehl 'frob' (verbund suppliers --help nennt sie)"},
      {{"--top"},
       "verbund: error: unknown option --top (verbund --help lists the options)",
       "verbund: Fehler: unbekannte Option --top (verbund --help nennt die Optionen)"},
  };
  for (const auto& e : cases) check_both(e, dir.path());
  // No verb at all is still "a subcommand is required".
  CHECK_THAT(run_cli({"--lang", "en"}, dir.path()).err,
             Catch::Contains("A subcommand is required"));
}

TEST_CASE("a bad option value gets a plain sentence", "[cli][messages]") {
  verbund::test::ScratchDir dir;
  const std::vector<Expect> cases{
      {{"suppliers", "plan", "--unit", "0"},
       "verbund: error: --unit must be a number above 0 (got 0)",
       "verbund: Fehler: --unit muss eine Zahl über 0 sein (nicht 0)"},
      {{"--format", "xml", "info"},
       "verbund: error: --format must be table, csv or json (got xml)",
       "verbund: Fehler: --format muss table, csv oder json sein (nicht xml)"},
      {{"--threads", "abc", "info"},
       "verbund: error: --threads must be a whole number 0..4096 (got abc)",
       "verbund: Fehler: --threads muss eine ganze Zahl 0..4096 sein (nicht abc)"},
      {{"suppliers", "plan", "--max-share", "nan"},
       "verbund: error: --max-share must be a number 0..1 (got nan, not a number)",
       "verbund: Fehler: --max-share muss eine Zahl 0..1 sein (nicht nan, keine Zahl)"},
      {{"generate", "ruhr", "--ties-per-firm", "2000"},
       "verbund: error: --ties-per-firm must be a number 0..1000 (got 2000)",
       "verbund: Fehler: --ties-per-firm muss eine Zahl 0..1000 sein (nicht 2000)"},
      {{"communities", "--method", "x"},
       "verbund: error: --method must be louvain or leiden (got x)",
       "verbund: Fehler: --method muss louvain oder leiden sein (nicht x)"},
      {{"--seed", "abc", "info"},
       "verbund: error: --seed: 'abc' is not a valid value",
       "verbund: Fehler: --seed: 'abc' ist kein gültiger Wert"},
      {{"--db", "a.db", "--db", "b.db", "info"},
       "verbund: error: --db is given 2 times; give it once",
       "verbund: Fehler: --db ist 2-mal angegeben; nur einmal angeben"},
  };
  for (const auto& e : cases) check_both(e, dir.path());
}

TEST_CASE("a folder or a file that is no database as --db is bad input", "[cli][messages]") {
  verbund::test::ScratchDir dir;
  fs::create_directory(dir.path() / "folder");
  verbund::test::write_file(dir.path() / "text.db", "not a database\n");
  check_both({{"--db", "folder", "info"},
              "verbund: error: folder: is a folder, not a database file (--db names the database "
              "file)",
              "verbund: Fehler: folder: ist ein Ordner, keine Datenbankdatei (--db nennt die "
              "Datenbankdatei)"},
             dir.path());
  check_both({{"--db", "text.db", "info"},
              "verbund: error: text.db: not a SQLite database",
              "verbund: Fehler: text.db: keine SQLite-Datenbank"},
             dir.path());
}

TEST_CASE("metrics --years refuses years outside the data and notes years after it",
          "[cli][messages]") {
  verbund::test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "200", "--year", "2019"}, dir.path())
              .exit_code == 0);
  check_both({{"metrics", "--years", "1800..1900"},
              "verbund: error: --years 1800..1900 is outside the data, whose ties and projects "
              "name the years 1990..2019: ask for years in it",
              "verbund: Fehler: --years 1800..1900 liegt außerhalb der Daten; ihre Beziehungen und "
              "Projekte nennen die Jahre 1990..2019: bitte Jahre darin wählen"},
             dir.path());
  auto r = run_cli({"--no-record", "--lang", "en", "metrics", "--years", "2017..2021"}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK(first_line(r.err) ==
        "verbund: note: the data end in 2019: the rows after it repeat its network (ties without "
        "an end year stay)");
  r = run_cli({"--no-record", "--lang", "de", "metrics", "--years", "2017..2019"}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("messages and table rows left in English under --lang de are German",
          "[cli][messages][lang]") {
  verbund::test::ScratchDir dir;
  REQUIRE(run_cli({"--quiet", "generate", "ruhr", "--firms", "200"}, dir.path()).exit_code == 0);
  const auto de = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--no-record", "--lang", "de"});
    return run_cli(args, dir.path());
  };
  auto r = de({"show", "NOPE0001"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unbekannter Akteur 'NOPE0001'; am ähnlichsten: F000001"));
  CHECK_THAT(r.err, Catch::Contains("(verbund find TEXT sucht in den Namen)"));
  r = de({"report", "firm", "ude", "--out", "ude.html"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("'ude' (Universität Duisburg-Essen) ist kein Unternehmen "
                                    "(Art: Hochschule); `verbund show ude` zeigt"));
  r = de({"match", "suppliers", "--buyer", "ude"});
  CHECK(r.exit_code == 2);
  CHECK(first_line(r.err) == "verbund: Fehler: Abnehmer 'ude' hat keine erfassten Bedarfe");
  r = de({"match", "transfer", "--firm"});
  CHECK(r.exit_code == 2);
  CHECK(first_line(r.err) == "verbund: Fehler: --firm braucht einen Wert (TEXT)");
  r = de({"--db", "old.db", "generate", "ruhr", "--firms", "10", "--year", "2018"});
  CHECK(r.exit_code == 2);
  CHECK(first_line(r.err) ==
        "verbund: Fehler: das Stichjahr 2018 liegt vor der Gründung von 'fhg-ieg' (actors.csv "
        "Zeile 23) im Jahr 2019 in den Basisdaten: wählen Sie ein Jahr ab 2019");
  r = de({"info"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains(" weitere; --all nennt alle)"));
  CHECK_THAT(r.out, !Catch::Contains("more; --all"));
  const auto firm = [&](int n) {
    std::string id = std::to_string(n);
    return "F" + std::string(6 - id.size(), '0') + id;
  };
  // The risk summary's rows per tier.
  r = de({"suppliers", "risk", "--without", firm(2), "--tiers", "2", "--explain"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("  auf Stufe 1"));
  CHECK_THAT(r.out, !Catch::Contains("at tier"));
  // import --delete names the supplier market's tables in German.
  verbund::test::write_file(dir.path() / "gone.csv", "id\n" + firm(1) + "\n" + firm(2) + "\n");
  r = de({"import", "--delete", "gone.csv"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Bedarfe der Abnehmer"));
  CHECK_THAT(r.out, Catch::Contains("Lieferströme"));
  CHECK_THAT(r.out, !Catch::Contains("supply_"));
}

TEST_CASE("event plan under --lang de: its first header and an empty table of missed meetings",
          "[cli][messages][lang]") {
  verbund::test::ScratchDir dir;
  const auto event = verbund::test::project_data_dir() / "events" / "transfertag-ruhr";
  auto r = run_cli({"--lang", "de", "event", "plan", (event / "event.toml").string(), "--out",
                    "plan", "--explain"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("  Kennzahl "));
  CHECK_THAT(r.out, Catch::Contains("  Teilnehmende "));
  CHECK_THAT(r.out, !Catch::Contains(" was "));
  CHECK_THAT(r.out, Catch::Contains("verpasste Pflichttreffen\n  Anfragende  Angefragte  warum\n  "
                                    "(keine)"));
  // CSV keeps the English key and no placeholder row.
  r = run_cli({"--lang", "de", "--format", "csv", "event", "plan", (event / "event.toml").string(),
               "--out", "plan2", "--explain"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("what,value"));
  CHECK_THAT(r.out, !Catch::Contains("(keine)"));
}
