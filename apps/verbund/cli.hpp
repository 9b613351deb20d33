#pragma once

// What every verb of the `verbund` CLI shares: the global options and its registration hooks.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "verbund/analysis/simple_graph.hpp"
#include "verbund/io/store.hpp"
#include "verbund/report/lang.hpp"

namespace verbund::cli {

/// Thrown by a verb after Ctrl-C stopped it and it printed and stored what finished: the CLI
/// exits 130, so a script can tell a partial run from a whole one.
struct Interrupted {};

/// Thrown by a verb after it printed the diagnosis of a request without a (complete) solution:
/// an infeasible call, a sourcing plan with unmet demand. The CLI exits 3, so that a script can
/// tell it apart from success (0) and from bad input (2).
struct NoSolution {};

enum class Format { table, csv, json };

/// Options valid on every verb (--db, --format, --threads, --seed, --quiet, --lang).
struct GlobalOptions {
  std::string db = "verbund.db";
  Format format = Format::table;
  std::size_t threads = 0;
  std::optional<std::uint64_t> seed;
  bool quiet = false;
  bool no_record = false;  ///< leave the provenance table `runs` alone
  /// Language of text tables, --explain sentences and reports; JSON and CSV keep English keys.
  report::Lang lang = report::Lang::en;
};

/// Registers the global `--lang de|en`; until it is given, `global.lang` follows the locale
/// (report::default_lang). An unknown language is a usage error (exit 2) naming it.
void add_lang_option(CLI::App& app, GlobalOptions& global);

/// `message` in `lang`: in German the CLI's common messages (unknown id, missing file,
/// unwritable output, bad option value, CLI11's parse errors) are translated fragment by
/// fragment, ids, paths and values kept; anything else stays English. O(length x fragments).
[[nodiscard]] std::string in_language(std::string message, report::Lang lang);
/// The line an error prints: "verbund: error: …" or "verbund: Fehler: …" (in_language).
[[nodiscard]] std::string error_line(std::string_view message, report::Lang lang);

/// A verb: its CLI11 subcommand and what to do once the whole command line is parsed.
struct Verb {
  CLI::App* command = nullptr;
  std::function<void()> run;
};

Verb add_init_verb(CLI::App& app, const GlobalOptions& global);
Verb add_import_verb(CLI::App& app, const GlobalOptions& global);
/// `import suppliers DIR`, registered under `import`; the returned action imports if it was
/// parsed and says whether it did.
std::function<bool()> add_import_suppliers_subcommand(CLI::App& import,
                                                      const GlobalOptions& global);
Verb add_generate_verb(CLI::App& app, const GlobalOptions& global);
Verb add_info_verb(CLI::App& app, const GlobalOptions& global);
Verb add_show_verb(CLI::App& app, const GlobalOptions& global);
Verb add_find_verb(CLI::App& app, const GlobalOptions& global);
Verb add_runs_verb(CLI::App& app, const GlobalOptions& global);
Verb add_export_verb(CLI::App& app, const GlobalOptions& global);
Verb add_metrics_verb(CLI::App& app, const GlobalOptions& global);
Verb add_brokers_verb(CLI::App& app, const GlobalOptions& global);
Verb add_communities_verb(CLI::App& app, const GlobalOptions& global);
Verb add_match_verb(CLI::App& app, const GlobalOptions& global);
/// `match consortium`, registered under `match`; the returned action runs it if it was parsed.
std::function<void()> add_consortium_subcommand(CLI::App& match, const GlobalOptions& global);
/// `match suppliers`, registered under `match`; the returned action runs it if it was parsed.
std::function<void()> add_match_suppliers_subcommand(CLI::App& match, const GlobalOptions& global);
Verb add_recommend_verb(CLI::App& app, const GlobalOptions& global);
/// `train partners` (verb_train.cpp).
Verb add_train_verb(CLI::App& app, const GlobalOptions& global);
/// `train transfer` under `train` (verb_train_transfer.cpp); register after add_train_verb.
Verb add_train_transfer_verb(CLI::App& app, const GlobalOptions& global);
Verb add_evaluate_verb(CLI::App& app, const GlobalOptions& global);  ///< verb_evaluate.cpp
Verb add_simulate_verb(CLI::App& app, const GlobalOptions& global);
Verb add_compare_verb(CLI::App& app, const GlobalOptions& global);
Verb add_sweep_verb(CLI::App& app, const GlobalOptions& global);
Verb add_sensitivity_verb(CLI::App& app, const GlobalOptions& global);
Verb add_calibrate_verb(CLI::App& app, const GlobalOptions& global);  ///< verb_calibrate.cpp
/// `suppliers` and its subcommands (catalog, plan, risk, offer), each in verb_suppliers_*.cpp.
Verb add_suppliers_verb(CLI::App& app, const GlobalOptions& global);
/// `event plan` and `event replan` (verb_event.cpp).
Verb add_event_verb(CLI::App& app, const GlobalOptions& global);
/// `suppliers plan`, registered under `suppliers`; the returned action runs it if it was parsed.
std::function<void()> add_suppliers_plan_subcommand(CLI::App& suppliers,
                                                    const GlobalOptions& global);
/// `suppliers catalog`, registered under `suppliers`; the returned action runs it if parsed.
std::function<void()> add_suppliers_catalog_subcommand(CLI::App& suppliers,
                                                       const GlobalOptions& global);
/// `suppliers risk` and `suppliers offer`; each returned action runs only if it was parsed.
std::function<void()> add_suppliers_risk(CLI::App& suppliers, const GlobalOptions& global);
std::function<void()> add_suppliers_offer(CLI::App& suppliers, const GlobalOptions& global);

/// What the analysis verbs look at: which actors (--where) and which ties (--tie-kinds, --year).
struct AnalysisScope {
  std::vector<std::string> tie_kinds;
  std::optional<int> year;
  std::vector<std::string> where;  ///< KEY=VALUE conditions, all must hold
};
void add_scope_options(CLI::App& command, AnalysisScope& scope);
/// The tie filter of a scope; unknown tie kinds are bad input.
[[nodiscard]] analysis::TieFilter tie_filter(const AnalysisScope& scope);
/// The database's region, reduced to the actors the scope's conditions select.
[[nodiscard]] core::Region load_scoped_region(const GlobalOptions& global,
                                              const AnalysisScope& scope);

/// Opens the database named by --db; a missing file is bad input unless `create`.
[[nodiscard]] io::Store open_store(const GlobalOptions& global, bool create);
/// The options of a run as JSON text, for the provenance record.
[[nodiscard]] std::string describe_options(const CLI::App& command);
/// The parsed verb with its options as they were given, e.g. "generate ruhr --firms 5000", for
/// messages.
[[nodiscard]] std::string command_line(const CLI::App& app);

/// Refuses (InvalidInput, exit 2) a parsed command whose output (`--out`, `--diagnostics`) is
/// the database (or its -wal/-shm/-journal), a file given to another of its options, another
/// SQLite database, or the same file as another output: checked before the verb runs, so that
/// nothing is overwritten.
void check_outputs(const CLI::App& app, const GlobalOptions& global);
/// Records a run of a verb that only reads the database, after its results are out: not with
/// --no-record, and with a warning instead of an error when the database is read-only.
void record_reading_run(io::Store& store, const GlobalOptions& global, const io::RunRecord& run);

}  // namespace verbund::cli
