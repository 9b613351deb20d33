// `verbund sweep SWEEP.toml`: a scenario's parameters varied over a design, each point run on
// common random numbers; results stored (resumable) and written as CSV or JSON.
#include <cmath>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "sim_runs.hpp"
#include "sweep_runs.hpp"
#include "verbund/sim/indicators.hpp"
#include "verbund/sweep/results.hpp"

namespace verbund::cli {

namespace {
struct SweepCli {
  std::string file;
  std::string out;
  bool explain = false;
};
}  // namespace

Verb add_sweep_verb(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<SweepCli>();
  CLI::App* cmd = app.add_subcommand(
      "sweep",
      "Vary a scenario's parameters (grid, Latin hypercube, Sobol): every point's "
      "replicates on common random numbers, stored and resumable");
  cmd->add_option("sweep", o->file, "SWEEP.toml")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out,
                  "write every unit's values to this file (.json: JSON, else CSV)");
  cmd->add_flag("--explain", o->explain, "say in words what the sweep does");
  return {cmd, [&global, o, cmd] {
            check_writable(o->out);
            const auto run = run_sweep_file(global, o->file, "sweep", describe_options(*cmd));
            if (!o->out.empty()) write_sweep_results(o->out, run);
            if (o->explain && !global.quiet) std::cout << explain_sweep(run.plan, run.executed);
            if (global.quiet) return;
            // The means per point: what a reader compares first.
            const auto& spec = run.plan.spec;
            Table t{"points", {"point"}, {}};
            for (const auto& p : spec.parameters) t.columns.push_back(p.key);
            for (const auto k : spec.indicators)
              t.columns.push_back(std::string(sim::indicator_names[k]) + " (mean)");
            const auto means = sweep::point_means(run.plan, run.executed.results);
            for (std::size_t p = 0; p < run.plan.points.size(); ++p) {
              std::vector<Json> row{p};
              for (const auto& s : run.plan.points[p].settings)
                row.push_back(sim::to_string(s.value));
              for (const double v : means[p])
                row.push_back(std::isfinite(v) ? Json(v) : Json(nullptr));
              t.rows.push_back(std::move(row));
            }
            print_tables(std::cout, {t}, global.format);
          }};
}

}  // namespace verbund::cli
