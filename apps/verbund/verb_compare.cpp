// `verbund compare`: scenarios against a baseline on common random numbers, with the change of
// every indicator at the horizon, its 95 % interval and a verdict in words.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "parameter_uncertainty.hpp"
#include "sim_runs.hpp"
#include "verbund/error.hpp"

namespace verbund::cli {

namespace {
/// In words, for readers of the comparison: does the 95 % interval lie above or below zero?
std::string verdict(const sim::Estimate& d) {
  if (d.low > 0.0) return "higher";
  if (d.high < 0.0) return "lower";
  if (d.low == 0.0 && d.high == 0.0) return "unchanged";
  return "no clear change";
}

struct CompareCli {
  std::vector<std::string> scenarios;
  std::size_t replicates = 20;
  std::string out;
  bool parameter_uncertainty = false;
};
}  // namespace

Verb add_compare_verb(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<CompareCli>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Scenarios against a baseline on common random numbers: differences with 95 % CIs");
  cmd->add_option("scenarios", o->scenarios, "BASELINE.toml SCENARIO.toml ...")
      ->required()
      ->expected(2, 1000)
      ->check(CLI::ExistingFile);
  cmd->add_option("--replicates", o->replicates, "replicates per scenario")
      ->capture_default_str()
      ->check(number_range(2, 100000));
  cmd->add_option("--out", o->out,
                  "write the monthly differences to this file (.json: JSON, else CSV)");
  cmd->add_flag("--parameter-uncertainty", o->parameter_uncertainty,
                "each replicate draws the calibrated parameters from their sampling "
                "distribution (the baseline's calibration provenance, see calibrate --out)");
  return {
      cmd, [&global, o, cmd] {
        std::vector<io::LoadedScenario> loaded;
        std::vector<sim::Scenario> scenarios;
        for (const auto& f : o->scenarios) {
          loaded.push_back(io::load_scenario_inputs(f));
        }
        if (!o->parameter_uncertainty)
          set_baseline_estimates(o->scenarios, loaded, global.quiet, global.lang);
        for (const auto& l : loaded) scenarios.push_back(l.scenario);
        sim::check_same_horizon(scenarios);
        check_series_fit_in_memory(scenarios.size(), o->replicates, scenarios.front().horizon);
        check_writable(o->out);
        // Rows are told apart by name: a scenario compared with itself, or two files with one
        // name, get "(2)" added.
        std::vector<std::string> names;
        for (const auto& s : scenarios) names.push_back(s.name);
        names = distinct_names(names);
        io::Store store = open_store(global, /*create=*/false);
        const core::Region region = store.load_region();
        const auto market = stored_market(store);  // shared by every scenario
        for (auto& l : loaded) l.inputs.market = market;
        const auto seed = global.seed.value_or(1);
        // Every scenario compiles before any runs: a mistake in the last one costs no time.
        std::vector<sim::Model> models;
        for (const auto& l : loaded)
          models.push_back(sim::compile(region, l.scenario, l.inputs, {.seed = seed}));
        sim::check_same_start_year(models, scenarios);
        for (const auto& model : models) print_notes(model, global.quiet);
        const ParameterDraws draws(o->parameter_uncertainty, o->scenarios, o->replicates, seed,
                                   global.quiet, global.lang);
        auto run_scenario = [&](std::size_t s) {
          return draws.active() ? draws.run(region, s, loaded[s].inputs)
                                : run_model(models[s], o->replicates, global.quiet);
        };
        const auto baseline = run_scenario(0);
        const auto base_summary = sim::summarize(baseline);
        Table t{"differences",
                {"scenario", "indicator", "baseline", "scenario value", "difference", "low (95%)",
                 "high (95%)", "change (%)", "verdict"},
                {}};
        Table series{"series", {"scenario", "month", "indicator", "difference", "low", "high"}, {}};
        std::vector<io::ScenarioSeries> stored{stored_series(names.front(), baseline)};
        bool cancelled = baseline.cancelled;  // Ctrl-C: the scenarios not begun are left out
        for (std::size_t s = 1; s < scenarios.size() && !cancelled; ++s) {
          const auto run = run_scenario(s);
          cancelled = run.cancelled;
          const auto diff = sim::compare(baseline, run);
          stored.push_back(stored_series(names[s], run));
          const auto summary = sim::summarize(run);
          if (diff.empty()) continue;
          for (std::size_t k = 0; k < sim::indicator_count; ++k) {
            // Participants are the scenario's: the baseline, without them, has nothing to pair.
            if (!sim::reported(k, run.supply, run.participants && baseline.participants)) continue;
            const auto& d = diff.back()[k];
            const double base = base_summary.back()[k].mean;
            t.rows.push_back({names[s], std::string(sim::indicator_names[k]), base,
                              summary.back()[k].mean, d.mean, d.low, d.high,
                              base != 0.0 ? Json(100.0 * d.mean / base) : Json(nullptr),
                              verdict(d)});
          }
          for (std::size_t m = 0; m < diff.size(); ++m)
            for (std::size_t k = 0; k < sim::indicator_count; ++k)
              if (sim::reported(k, run.supply, run.participants && baseline.participants))
                series.rows.push_back({names[s], m, std::string(sim::indicator_names[k]),
                                       diff[m][k].mean, diff[m][k].low, diff[m][k].high});
        }
        if (!global.quiet) print_tables(std::cout, {t}, global);
        if (!o->out.empty()) write_out(o->out, {series});
        Json params = Json::parse(describe_options(*cmd));
        Json hashes = Json::array(), per_scenario = Json::array();
        for (std::size_t s = 0; s < loaded.size(); ++s) {
          hashes.push_back(loaded[s].inputs.files.front().hash);
          per_scenario.push_back(
              {{"name", names[s]}, {"inputs", input_files_json(loaded[s].inputs)}});
        }
        params["scenario_hashes"] = hashes;
        params["scenario_inputs"] = per_scenario;  // each scenario with the files it read
        params["region_fingerprint"] = region_fingerprint_hex(region);
        if (!global.no_record) store.record_run({"compare", params.dump(), seed}, stored);
        if (cancelled) throw Interrupted{};
      }};
}

}  // namespace verbund::cli
