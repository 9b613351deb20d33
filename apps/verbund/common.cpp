#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <string_view>
#include <utility>
#include <vector>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/error.hpp"

namespace verbund::cli {

io::Store open_store(const GlobalOptions& global, bool create) {
  if (!create && !std::filesystem::exists(global.db)) {
    throw InvalidInput(
        SourceLocation{global.db, 0, 0},
        "database does not exist (create it with `verbund init`, `verbund import` or "
        "`verbund generate`)");
  }
  // SQLite says only "unable to open database file" (exit 1) for these.
  std::error_code ec;
  if (std::filesystem::is_directory(global.db, ec))
    throw InvalidInput(SourceLocation{global.db, 0, 0},
                       "is a folder, not a database file (--db names the database file)");
  if (std::filesystem::exists(global.db, ec) && !std::ifstream(global.db, std::ios::binary))
    throw InvalidInput(SourceLocation{global.db, 0, 0},
                       "the database cannot be read (no permission)");
  return io::Store::open(global.db,
                         create ? io::OpenMode::create_if_missing : io::OpenMode::open_existing);
}

std::string describe_options(const CLI::App& command) {
  Json options = Json::object();
  for (const CLI::Option* option : command.get_options()) {
    if (option->count() == 0 || option->get_name() == "--help") continue;
    const auto results = option->results();
    options[option->get_name()] = results.size() == 1 ? Json(results[0]) : Json(results);
  }
  return options.dump();
}

std::string command_line(const CLI::App& app) {
  std::string text;
  for (const CLI::App* command = &app; command != nullptr;) {
    if (command != &app) text += (text.empty() ? "" : " ") + command->get_name();
    for (const CLI::Option* option : command->get_options()) {
      if (option->count() == 0 || command == &app) continue;
      const bool flag = option->get_expected_max() == 0;
      if (!option->get_positional()) text += " " + option->get_name();
      if (!flag) {
        for (const auto& value : option->results()) text += " " + value;
      }
    }
    const auto parsed = command->get_subcommands();
    command = parsed.empty() ? nullptr : parsed.front();
  }
  return text;
}

namespace {

// Whether a and b name the same file: the same inode where both exist, else the same path.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec))
    return std::filesystem::equivalent(a, b, ec);
  return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

// Options that name a file (or folder) the verb writes: `--out`, `--diagnostics`, and `--model`
// of `train` (the model file it writes; for `recommend` the same option is an input).
bool is_output_option(const std::string& verb, const std::string& name) {
  return name == "--out" || name == "--diagnostics" || (verb == "train" && name == "--model");
}

}  // namespace

void check_outputs(const CLI::App& app, const GlobalOptions& global) {
  std::vector<std::pair<std::string, std::string>> outputs, inputs;  // option, path
  std::string verb;
  for (const CLI::App* command = &app; command != nullptr;) {
    if (command != &app) {
      if (verb.empty()) verb = command->get_name();
      for (const CLI::Option* option : command->get_options()) {
        if (option->count() == 0 || option->get_expected_max() == 0) continue;
        auto& list = is_output_option(verb, option->get_name()) ? outputs : inputs;
        for (const auto& value : option->results()) list.emplace_back(option->get_name(), value);
      }
    }
    const auto parsed = command->get_subcommands();
    command = parsed.empty() ? nullptr : parsed.front();
  }
  const std::filesystem::path db = global.db;
  for (const auto& [option, out] : outputs) {
    for (const auto* suffix : {"", "-wal", "-shm", "-journal"}) {
      if (same_file(out, db.string() + suffix))
        throw InvalidInput(option + " " + out + " is the database " + global.db +
                           ": write to another file");
    }
    for (const auto& [input_option, input] : inputs) {
      std::error_code ec;
      if (std::filesystem::is_regular_file(input, ec) && same_file(out, input))
        throw InvalidInput(option + " " + out + " is the input file " + input + " (" +
                           input_option + "): write to another file");
    }
    // Never over another verbund database either (a mistyped name).
    std::ifstream existing(out, std::ios::binary);
    char magic[16] = {};
    if (existing.read(magic, sizeof magic) && std::string_view(magic, 15) == "SQLite format 3")
      throw InvalidInput(option + " " + out +
                         " is a SQLite database; it would be overwritten: write to another file");
  }
  for (std::size_t i = 0; i < outputs.size(); ++i)
    for (std::size_t j = i + 1; j < outputs.size(); ++j)
      if (same_file(outputs[i].second, outputs[j].second))
        throw InvalidInput(outputs[i].first + " and " + outputs[j].first + " name the same file " +
                           outputs[i].second + ": give each its own");
}

namespace {

// The CLI's most common messages (its own and CLI11's: unknown id, missing file, unwritable
// output, bad option value) as fragments in German; the ids, paths and values between them stay.
// Longer fragments first, so that none is cut by a shorter one.
constexpr std::pair<std::string_view, std::string_view> german_fragments[] = {
    {"database does not exist (create it with `verbund init`, `verbund import` or `verbund "
     "generate`)",
     "Datenbank existiert nicht (anlegen mit `verbund init`, `verbund import` oder `verbund "
     "generate`)"},
    {"is a folder, not a database file (--db names the database file)",
     "ist ein Ordner, keine Datenbankdatei (--db nennt die Datenbankdatei)"},
    {"the database cannot be read (no permission)",
     "die Datenbank kann nicht gelesen werden (keine Berechtigung)"},
    {": not a SQLite database", ": keine SQLite-Datenbank"},
    {"cannot write here: the folder '", "hier kann nicht geschrieben werden: der Ordner '"},
    {"' does not exist or is not writable", "' existiert nicht oder ist nicht beschreibbar"},
    {"cannot write here: the file is read-only",
     "hier kann nicht geschrieben werden: die Datei ist schreibgeschützt"},
    {"is a folder, not a file to write", "ist ein Ordner, keine Datei zum Schreiben"},
    {"cannot write the output file", "die Ausgabedatei kann nicht geschrieben werden"},
    {"cannot write the report", "der Bericht kann nicht geschrieben werden"},
    {"unknown actor id '", "unbekannte Akteurskennung '"},
    {"unknown actor '", "unbekannter Akteur '"},
    {"unknown language '", "unbekannte Sprache '"},
    {"' (de or en)", "' (de oder en)"},
    {"; the database holds no runs", "; die Datenbank enthält keine Läufe"},
    {"; the database holds runs ", "; die Datenbank enthält die Läufe "},
    {"runs show: no run ", "runs show: kein Lauf "},
    {"File does not exist: ", "Datei existiert nicht: "},
    {"Directory does not exist: ", "Ordner existiert nicht: "},
    {"Path does not exist: ", "Pfad existiert nicht: "},
    {" could not be converted", " ist keine gültige Angabe"},
    {" not in range ", " nicht im Bereich "},
    {"Value ", "Wert "},
    {"A subcommand is required", "Ein Befehl ist erforderlich"},
    {" is required", " ist erforderlich"},
    {"The following arguments were not expected: ", "Diese Argumente wurden nicht erwartet: "},
    {"The following argument was not expected: ", "Dieses Argument wurde nicht erwartet: "},
    {"Run with --help for more information.", "Mehr dazu mit --help."},
    {" is not an allowed value for ", " ist kein erlaubter Wert für "},
    {"unknown input category '", "unbekannte Vorleistungskategorie '"},
    {"unknown theme '", "unbekanntes Themenfeld '"},
    {"he database holds no supplier market", "ie Datenbank enthält keinen Zuliefermarkt"},
    {": cannot be written", ": kann nicht geschrieben werden"},
    {"; closest: ", "; am ähnlichsten: "},
    {" (verbund find TEXT searches names)", " (verbund find TEXT sucht in den Namen)"},
    {"' has no demands recorded", "' hat keine erfassten Bedarfe"},
    {"' has no demand for '", "' hat keinen Bedarf an '"},
    {"buyer '", "Abnehmer '"},
    // generate --year before the base data's years (lib/gen/ruhr.cpp)
    {"the snapshot year ", "das Stichjahr "},
    {" is before the founding of '", " liegt vor der Gründung von '"},
    {" is before the start of the tie ", " liegt vor dem Beginn der Beziehung "},
    {" is before the end of the tie ", " liegt vor dem Ende der Beziehung "},
    {" is before the start of the membership of '",
     " liegt vor dem Beginn der Mitgliedschaft von '"},
    {" is before the end of the membership of '", " liegt vor dem Ende der Mitgliedschaft von '"},
    {".csv line ", ".csv Zeile "},
    {" in the base data: choose a year of at least ",
     " in den Basisdaten: wählen Sie ein Jahr ab "},
};

}  // namespace

std::string in_language(std::string message, report::Lang lang) {
  if (lang != report::Lang::de) return message;
  for (const auto& [english, german] : german_fragments) {
    for (auto at = message.find(english); at != std::string::npos;
         at = message.find(english, at + german.size()))
      message.replace(at, english.size(), german);
  }
  // "... (actors.csv Zeile 23) in 2019 in den Basisdaten": the year of the base data.
  static const std::regex base_year(R"(\) in (\d+) in den Basisdaten)");
  message = std::regex_replace(message, base_year, ") im Jahr $1 in den Basisdaten");
  // CLI11's "Value 0 not in range 1 to 100" and "the database holds runs 1 to 9": the
  // range's "to" too.
  for (const std::string_view range_start : {" nicht im Bereich ", " enthält die Läufe "}) {
    if (const auto range = message.find(range_start); range != std::string::npos) {
      if (const auto to = message.find(" to ", range); to != std::string::npos)
        message.replace(to, 4, " bis ");
    }
  }
  return message;
}

std::string error_line(std::string_view message, report::Lang lang) {
  return std::string(report::pick(lang, "verbund: error: ", "verbund: Fehler: ")) +
         in_language(plain_option_message(std::string(message), lang), lang);
}

namespace {

// CLI11 reports a mistyped verb ("verbund frobnicate") or an unknown option before the verb
// ("verbund --top") as "A subcommand is required": the word it did not know says more.
std::optional<std::string> unknown_word(const CLI::App& root, const CLI::Error& e,
                                        report::Lang lang) {
  if (dynamic_cast<const CLI::RequiredError*>(&e) == nullptr ||
      std::string_view(e.what()).rfind("A subcommand", 0) != 0)
    return std::nullopt;
  const auto extras = root.remaining(true);
  if (extras.empty()) return std::nullopt;
  std::string path = root.get_name().empty() ? "verbund" : root.get_name();
  for (const CLI::App* command = &root;;) {
    const auto parsed = command->get_subcommands();
    if (parsed.empty()) break;
    command = parsed.front();
    path += " " + command->get_name();
  }
  const std::string& word = extras.front();
  const auto say = [lang](std::string_view en, std::string_view de) {
    return std::string(report::pick(lang, en, de));
  };
  if (!word.empty() && word.front() == '-')
    return say("unknown option ", "unbekannte Option ") + word + " (" + path +
           say(" --help lists the options)", " --help nennt die Optionen)");
  return say("unknown command '", "unbekannter Befehl '") + word + "' (" + path +
         say(" --help lists them)", " --help nennt sie)");
}

}  // namespace

void add_lang_option(CLI::App& app, GlobalOptions& global) {
  global.lang = report::default_lang();
  // Errors of the command line itself (CLI11's) in the language asked for, with the prefix of
  // every other error ("verbund: error: "), so that a script or a reader finds them alike.
  app.failure_message([&global](const CLI::App* failed, const CLI::Error& e) {
    if (const auto word = unknown_word(*failed, e, global.lang))
      return std::string(report::pick(global.lang, "verbund: error: ", "verbund: Fehler: ")) +
             *word + "\n";
    return error_line(CLI::FailureMessage::simple(failed, e), global.lang);
  });
  app.add_option_function<std::string>(
         "--lang", [&global](const std::string& text) { global.lang = *report::parse_lang(text); },
         "language of tables, --explain and reports: de or en (default: from LC_ALL, "
         "LC_MESSAGES or LANG); JSON and CSV keep English keys")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return report::parse_lang(text) ? std::string()
                                            : "unknown language '" + text + "' (de or en)";
          },
          "", "de|en"))
      ->type_name("de|en")
      ->trigger_on_parse();  // set before other options are checked, for their messages
}

void record_reading_run(io::Store& store, const GlobalOptions& global, const io::RunRecord& run) {
  if (global.no_record) return;
  if (!store.record_run_unless_read_only(run)) {
    std::cerr << report::pick(global.lang, "verbund: warning: the run was not recorded: database ",
                              "verbund: Warnung: der Lauf wurde nicht gespeichert: Datenbank ")
              << global.db
              << report::pick(global.lang, " is read-only (--no-record leaves it out on purpose)",
                              " ist schreibgeschützt (--no-record lässt ihn absichtlich weg)")
              << "\n";
  }
}

}  // namespace verbund::cli
