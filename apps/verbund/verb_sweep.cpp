// `verbund sweep SWEEP.toml`: a scenario's parameters varied over a design, each point run on
// common random numbers; results stored (resumable) and written as CSV or JSON.
#include <cmath>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "sim_runs.hpp"
#include "sweep_points.hpp"
#include "sweep_runs.hpp"
#include "sweep_words.hpp"
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
            if (o->explain && !global.quiet)
              std::cout << explain_sweep_in(run.plan, run.executed, global.lang);
            if (global.quiet) return;
            // The means per point: what a reader compares first (headers in --lang for text).
            const auto lang = global.format == Format::table ? global.lang : report::Lang::en;
            print_tables(std::cout, {sweep_points_table(run.plan, run.executed.results, lang)},
                         global);
          }};
}

}  // namespace verbund::cli
