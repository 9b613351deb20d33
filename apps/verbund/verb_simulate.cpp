// `verbund simulate` and `verbund compare`: Monte Carlo replicates of scenarios, in parallel,
// with a progress bar on a terminal and Ctrl-C keeping the finished replicates.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "verbund/error.hpp"
#include "verbund/sim/simulate.hpp"

namespace verbund::cli {

namespace {
/// In words, for readers of the comparison: does the 95 % interval lie above or below zero?
std::string verdict(const sim::Estimate& d) {
  if (d.low > 0.0) return "higher";
  if (d.high < 0.0) return "lower";
  if (d.low == 0.0 && d.high == 0.0) return "unchanged";
  return "no clear change";
}

std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) { interrupted.store(true); }

/// FNV-1a of the scenario file, for the provenance record.
std::string file_hash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::uint64_t h = 1469598103934665603ULL;
  char c;
  while (in.get(c)) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

/// Runs one scenario with Ctrl-C handling; reports an interruption on stderr.
sim::Run run_scenario(const core::Region& region, const sim::Scenario& scenario,
                      std::size_t replicates, std::uint64_t seed, bool quiet,
                      std::optional<int> checkpoint_at = std::nullopt) {
  interrupted.store(false);
  const auto previous = std::signal(SIGINT, on_interrupt);
  const ProgressBar bar(scenario.name, "replicates", quiet);
  sim::Run run = sim::simulate(region, scenario,
                               {.replicates = replicates,
                                .seed = seed,
                                .progress = [&bar](std::size_t d, std::size_t t) { bar(d, t); },
                                .cancel = &interrupted,
                                .checkpoint_at = checkpoint_at});
  std::signal(SIGINT, previous);
  if (run.cancelled)
    std::cerr << "verbund: interrupted: keeping " << run.series.size() << " of " << replicates
              << " replicates\n";
  return run;
}

/// Every value of every finished replicate, for the store's sim_series table.
io::ScenarioSeries stored_series(const sim::Scenario& scenario, const sim::Run& run) {
  io::ScenarioSeries out{scenario.name, {}};
  for (std::size_t r = 0; r < run.series.size(); ++r)
    for (std::size_t m = 0; m < run.series[r].size(); ++m) {
      const auto v = sim::values(run.series[r][m]);
      for (std::size_t k = 0; k < sim::indicator_count; ++k)
        out.values.push_back({static_cast<std::uint32_t>(run.replicate_ids[r]),
                              static_cast<std::uint32_t>(m), sim::indicator_names[k], v[k]});
    }
  return out;
}

Table series_table(const std::vector<std::array<sim::Estimate, sim::indicator_count>>& s) {
  Table t{"series", {"month", "indicator", "mean", "low", "high"}, {}};
  for (std::size_t m = 0; m < s.size(); ++m)
    for (std::size_t k = 0; k < sim::indicator_count; ++k)
      t.rows.push_back(
          {m, std::string(sim::indicator_names[k]), s[m][k].mean, s[m][k].low, s[m][k].high});
  return t;
}

/// Writes the series as JSON if the file name ends in .json, else as CSV.
void write_out(const std::string& path, const std::vector<Table>& tables) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw InvalidInput(SourceLocation{path, 0, 0}, "cannot write the output file");
  const bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  print_tables(file, tables, json ? Format::json : Format::csv);
  if (!file.flush()) throw IoError("writing " + path + " failed");
}

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
      ->check(CLI::Range(1, 100000));
  cmd->add_option(
      "--out", o->out,
      "write the monthly series (mean and 95 % CI) to this file (.json: JSON, else CSV)");
  auto* at = cmd->add_option("--checkpoint-at", o->checkpoint_at,
                             "save every replicate's state after this month ...")
                 ->check(CLI::Range(0, 1200));
  auto* file =
      cmd->add_option("--checkpoint", o->checkpoint,
                      "... to this file, for scenarios forked from it ([fork] checkpoint)");
  at->needs(file);
  file->needs(at);
  return {
      cmd, [&global, o, cmd] {
        const auto scenario = sim::load_scenario(o->scenarios.front());
        io::Store store = open_store(global, /*create=*/false);
        const core::Region region = store.load_region();
        const auto seed = global.seed.value_or(1);
        const auto run =
            run_scenario(region, scenario, o->replicates, seed, global.quiet, o->checkpoint_at);
        if (run.checkpoint) sim::write_checkpoint(*run.checkpoint, o->checkpoint);
        const auto summary = sim::summarize(run);
        Table head{"scenario", {"indicator", "value"}, {}};
        head.rows = {{"scenario", scenario.name},
                     {"months", scenario.horizon},
                     {"replicates", run.series.size()},
                     {"seed", seed}};
        Table t{"indicators", {"indicator", "start", "at horizon", "low (95%)", "high (95%)"}, {}};
        for (std::size_t k = 0; k < sim::indicator_count && !summary.empty(); ++k) {
          t.rows.push_back({std::string(sim::indicator_names[k]), summary.front()[k].mean,
                            summary.back()[k].mean, summary.back()[k].low, summary.back()[k].high});
        }
        Table groups{"working groups", {"group", "members"}, {}};
        for (const auto& [name, members] : run.groups)
          groups.rows.push_back({name, members.size()});
        std::vector<Table> tables{head, t};
        if (!groups.rows.empty()) tables.push_back(groups);
        if (!global.quiet) print_tables(std::cout, tables, global.format);
        if (!o->out.empty()) write_out(o->out, {series_table(summary)});
        Json params = Json::parse(describe_options(*cmd));
        params["scenario_hash"] = file_hash(o->scenarios.front());
        params["replicates_finished"] = run.series.size();
        store.record_run({"simulate", params.dump(), seed}, {stored_series(scenario, run)});
      }};
}

Verb add_compare_verb(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<SimulateCli>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Scenarios against a baseline on common random numbers: differences with 95 % CIs");
  cmd->add_option("scenarios", o->scenarios, "BASELINE.toml SCENARIO.toml ...")
      ->required()
      ->expected(2, 1000)
      ->check(CLI::ExistingFile);
  cmd->add_option("--replicates", o->replicates, "replicates per scenario")
      ->capture_default_str()
      ->check(CLI::Range(2, 100000));
  cmd->add_option("--out", o->out,
                  "write the monthly differences to this file (.json: JSON, else CSV)");
  return {
      cmd, [&global, o, cmd] {
        std::vector<sim::Scenario> scenarios;
        for (const auto& f : o->scenarios) scenarios.push_back(sim::load_scenario(f));
        for (const auto& s : scenarios)
          if (s.horizon != scenarios.front().horizon)
            throw InvalidInput(SourceLocation{s.file, 0, 0},
                               "horizon " + std::to_string(s.horizon) +
                                   " differs from the baseline's " +
                                   std::to_string(scenarios.front().horizon));
        io::Store store = open_store(global, /*create=*/false);
        const core::Region region = store.load_region();
        const auto seed = global.seed.value_or(1);
        const auto baseline =
            run_scenario(region, scenarios.front(), o->replicates, seed, global.quiet);
        const auto base_summary = sim::summarize(baseline);
        Table t{"differences",
                {"scenario", "indicator", "baseline", "scenario value", "difference", "low (95%)",
                 "high (95%)", "change (%)", "verdict"},
                {}};
        Table series{"series", {"scenario", "month", "indicator", "difference", "low", "high"}, {}};
        std::vector<io::ScenarioSeries> stored{stored_series(scenarios.front(), baseline)};
        for (std::size_t s = 1; s < scenarios.size(); ++s) {
          const auto run = run_scenario(region, scenarios[s], o->replicates, seed, global.quiet);
          const auto diff = sim::compare(baseline, run);
          stored.push_back(stored_series(scenarios[s], run));
          const auto summary = sim::summarize(run);
          if (diff.empty()) continue;
          for (std::size_t k = 0; k < sim::indicator_count; ++k) {
            const auto& d = diff.back()[k];
            const double base = base_summary.back()[k].mean;
            t.rows.push_back({scenarios[s].name, std::string(sim::indicator_names[k]), base,
                              summary.back()[k].mean, d.mean, d.low, d.high,
                              base != 0.0 ? Json(100.0 * d.mean / base) : Json(nullptr),
                              verdict(d)});
          }
          for (std::size_t m = 0; m < diff.size(); ++m)
            for (std::size_t k = 0; k < sim::indicator_count; ++k)
              series.rows.push_back({scenarios[s].name, m, std::string(sim::indicator_names[k]),
                                     diff[m][k].mean, diff[m][k].low, diff[m][k].high});
        }
        if (!global.quiet) print_tables(std::cout, {t}, global.format);
        if (!o->out.empty()) write_out(o->out, {series});
        Json params = Json::parse(describe_options(*cmd));
        Json hashes = Json::array();
        for (const auto& f : o->scenarios) hashes.push_back(file_hash(f));
        params["scenario_hashes"] = hashes;
        store.record_run({"compare", params.dump(), seed}, stored);
      }};
}

}  // namespace verbund::cli
