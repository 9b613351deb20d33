// verbund: the command-line tool. Each verb lives in its own verb_*.cpp; this file parses the
// global options and maps errors to exit codes (0 ok, 1 failure, 2 bad usage or bad input,
// 3 no (complete) solution, its diagnosis printed; 130 interrupted).

#include <iostream>
#include <new>

#include "cli.hpp"
#include "option_checks.hpp"
#include "verb_report.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/error.hpp"
#include "verbund/version.hpp"

int main(int argc, char** argv) {
  using verbund::cli::Format;
  CLI::App app{
      "verbund: stakeholder networks of regions, their matchmaking, analysis and simulation",
      "verbund"};
  app.set_version_flag("--version", std::string("verbund ") + verbund::version_string);
  app.require_subcommand(1);
  app.fallthrough();  // global options may come after the verb

  verbund::cli::GlobalOptions global;
  app.add_option("--db", global.db, "SQLite database file")->capture_default_str();
  // CLI11's CheckedTransformer would say "Check xml value in {csv->1,...} OR {1,2,0} FAILED".
  app.add_option("--format", global.format, "output format: table, csv or json")
      ->transform(CLI::Validator(
          [](std::string& text) -> std::string {
            std::string word = text;
            for (char& c : word)
              if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            for (const auto& [name, value] :
                 {std::pair{"table", Format::table}, std::pair{"csv", Format::csv},
                  std::pair{"json", Format::json}}) {
              if (word == name) {
                text = std::to_string(static_cast<int>(value));
                return {};
              }
            }
            return "must be table, csv or json (got " + text + ")";
          },
          "", "format"))
      ->type_name("table|csv|json")
      ->default_str("table");
  app.add_option("--threads", global.threads, "worker threads (0 = all cores)")
      ->check(verbund::cli::number_range(0, 4096));
  // CLI11 would read "-1" as 2^64 - 1.
  app.add_option("--seed", global.seed, "random seed (0 to 2^64 - 1)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return text.find('-') == std::string::npos ? std::string()
                                                       : "a seed is a non-negative integer";
          },
          "", "non-negative"));
  app.add_flag("-q,--quiet", global.quiet, "print nothing but errors");
  verbund::cli::add_lang_option(app, global);
  app.add_flag("--no-record", global.no_record,
               "do not record the run in the database (its provenance table `runs`)");

  const std::vector<verbund::cli::Verb> verbs{verbund::cli::add_init_verb(app, global),
                                              verbund::cli::add_import_verb(app, global),
                                              verbund::cli::add_generate_verb(app, global),
                                              verbund::cli::add_info_verb(app, global),
                                              verbund::cli::add_export_verb(app, global),
                                              verbund::cli::add_metrics_verb(app, global),
                                              verbund::cli::add_brokers_verb(app, global),
                                              verbund::cli::add_communities_verb(app, global),
                                              verbund::cli::add_match_verb(app, global),
                                              verbund::cli::add_recommend_verb(app, global),
                                              verbund::cli::add_simulate_verb(app, global),
                                              verbund::cli::add_compare_verb(app, global),
                                              verbund::cli::add_suppliers_verb(app, global),
                                              verbund::cli::add_report_verb(app, global),
                                              verbund::cli::add_show_verb(app, global),
                                              verbund::cli::add_find_verb(app, global),
                                              verbund::cli::add_runs_verb(app, global),
                                              verbund::cli::add_event_verb(app, global),
                                              verbund::cli::add_sweep_verb(app, global),
                                              verbund::cli::add_sensitivity_verb(app, global),
                                              verbund::cli::add_train_verb(app, global),
                                              verbund::cli::add_train_transfer_verb(app, global),
                                              verbund::cli::add_evaluate_verb(app, global),

                                              verbund::cli::add_calibrate_verb(app, global)};

  try {
    app.parse(argc, argv);
    const verbund::core::ThreadLimit limit(global.threads);
    verbund::cli::check_outputs(app, global);
    for (const auto& verb : verbs) {
      if (verb.command->parsed()) verb.run();
    }
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const verbund::cli::NoSolution&) {
    return 3;  // the diagnosis was printed
  } catch (const verbund::cli::Interrupted&) {
    return 130;  // what the finished part holds was printed and stored; the shell's code for ^C
  } catch (const std::bad_alloc&) {
    // The verb's own allocations are freed by now, so the message itself can be built.
    std::cerr << "verbund: error: out of memory running `" << verbund::cli::command_line(app)
              << "`: what it was asked to build does not fit in the memory available\n";
    return 1;
  } catch (const verbund::InvalidInput& e) {
    std::cerr << verbund::cli::error_line(e.what(), global.lang) << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << verbund::cli::error_line(e.what(), global.lang) << "\n";
    return 1;
  }
  return 0;
}
