// `verbund simulate`: Monte Carlo replicates of one scenario, in parallel, with a progress bar on
// a terminal and Ctrl-C keeping the finished replicates.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "sim_runs.hpp"
#include "verbund/error.hpp"

namespace verbund::cli {

namespace {
struct SimulateCli {
  std::vector<std::string> scenarios;
  std::size_t replicates = 20;
  std::string out;
  std::optional<int> checkpoint_at;
  std::string checkpoint;
};
}  // namespace

Verb add_simulate_verb(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<SimulateCli>();
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Run a scenario (TOML, see data/scenarios/) as Monte Carlo replicates");
  cmd->add_option("scenario", o->scenarios, "the scenario file")
      ->required()
      ->expected(1)
      ->check(CLI::ExistingFile);
  cmd->add_option("--replicates", o->replicates, "replicates")
      ->capture_default_str()
      ->check(number_range(1, 100000));
  cmd->add_option(
      "--out", o->out,
      "write the monthly series (mean and 95 % CI) to this file (.json: JSON, else CSV)");
  auto* at = cmd->add_option("--checkpoint-at", o->checkpoint_at,
                             "save every replicate's state after this month ...")
                 ->check(number_range(0, 1200));
  auto* file =
      cmd->add_option("--checkpoint", o->checkpoint,
                      "... to this file, for scenarios forked from it ([fork] checkpoint)");
  at->needs(file);
  file->needs(at);
  return {
      cmd, [&global, o, cmd] {
        auto loaded = io::load_scenario_inputs(o->scenarios.front());
        const auto& scenario = loaded.scenario;
        io::Store store = open_store(global, /*create=*/false);
        const core::Region region = store.load_region();
        loaded.inputs.market = stored_market(store);
        const auto seed = global.seed.value_or(1);
        check_series_fit_in_memory(1, o->replicates, scenario.horizon);
        check_writable(o->out);
        check_writable(o->checkpoint);
        const auto model = sim::compile(region, scenario, loaded.inputs, {.seed = seed});
        print_notes(model, global.quiet);
        const auto run = run_model(model, o->replicates, global.quiet, o->checkpoint_at);
        if (run.checkpoint) sim::write_checkpoint(*run.checkpoint, o->checkpoint);
        const auto summary = sim::summarize(run);
        Table head{"scenario", {"indicator", "value"}, {}};
        head.rows = {{"scenario", scenario.name},
                     {"months", scenario.horizon},
                     {"replicates", run.series.size()},
                     {"seed", seed}};
        Table t{"indicators", {"indicator", "start", "at horizon", "low (95%)", "high (95%)"}, {}};
        for (std::size_t k = 0; k < sim::indicator_count && !summary.empty(); ++k) {
          if (!sim::reported(k, run.supply, run.participants)) continue;
          t.rows.push_back({std::string(sim::indicator_names[k]), summary.front()[k].mean,
                            summary.back()[k].mean, summary.back()[k].low, summary.back()[k].high});
        }
        Table groups{"working groups", {"group", "members"}, {}};
        for (const auto& [name, members] : run.groups)
          groups.rows.push_back({name, members.size()});
        std::vector<Table> tables{head, t};
        if (!groups.rows.empty()) tables.push_back(groups);
        if (!global.quiet) print_tables(std::cout, tables, global);
        if (!o->out.empty())
          write_out(o->out, {series_table(summary, run.supply, run.participants)});
        Json params = Json::parse(describe_options(*cmd));
        params["scenario_hash"] = loaded.inputs.files.front().hash;
        params["inputs"] = input_files_json(loaded.inputs);
        params["region_fingerprint"] = region_fingerprint_hex(region);
        params["replicates_finished"] = run.series.size();
        if (!global.no_record)
          store.record_run({"simulate", params.dump(), seed}, {stored_series(scenario.name, run)});
        if (run.cancelled) throw Interrupted{};
      }};
}

}  // namespace verbund::cli
