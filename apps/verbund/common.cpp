#include <filesystem>
#include <iostream>

#include "cli.hpp"
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

void add_lang_option(CLI::App& app, GlobalOptions& global) {
  global.lang = report::default_lang();
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
      ->type_name("de|en");
}

void record_reading_run(io::Store& store, const GlobalOptions& global, const io::RunRecord& run) {
  if (global.no_record) return;
  if (!store.record_run_unless_read_only(run)) {
    std::cerr << "verbund: warning: the run was not recorded: database " << global.db
              << " is read-only (--no-record leaves it out on purpose)\n";
  }
}

}  // namespace verbund::cli
