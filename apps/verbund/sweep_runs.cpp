#include "sweep_runs.hpp"

#include <atomic>
#include <charconv>
#include <csignal>
#include <fstream>
#include <iostream>

#include "progress.hpp"
#include "sim_runs.hpp"
#include "verbund/error.hpp"
#include "verbund/sim/indicators.hpp"
#include "verbund/sweep/results.hpp"

namespace verbund::cli {

namespace {
std::atomic<bool> interrupted{false};
/// The shortest text that reads back as `v` ("0.35", not "0.34999999999999998").
std::string shortest(double v) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, v).ptr);
}
extern "C" void on_sweep_interrupt(int) { interrupted.store(true); }
}  // namespace

SweepRun run_sweep_file(const GlobalOptions& global, const std::string& file,
                        const std::string& verb, const std::string& parameters) {
  auto spec = sweep::load_sweep(file);
  io::Store store = open_store(global, /*create=*/false);
  const core::Region region = store.load_region();
  SweepRun run{sweep::plan_sweep(std::move(spec), region, stored_market(store)), {}};
  interrupted.store(false);
  const auto previous = std::signal(SIGINT, on_sweep_interrupt);
  const ProgressBar bar(std::filesystem::path(file).filename().string(), "units", global.quiet);
  run.executed = sweep::execute_sweep(
      store, region, run.plan, {verb, parameters, run.plan.spec.seed},
      {.cancel = &interrupted, .progress = [&bar](std::size_t d, std::size_t t) { bar(d, t); }});
  std::signal(SIGINT, previous);
  if (!run.executed.complete) {
    std::cerr << "verbund: interrupted: " << run.executed.results.size() << " of "
              << run.plan.points.size() * run.plan.spec.replicates
              << " units stored; run the same command again to resume\n";
    throw Interrupted{};
  }
  return run;
}

std::string explain_sweep(const sweep::SweepPlan& plan, const sweep::ExecutedSweep& executed) {
  const auto& s = plan.spec;
  std::string text = "The sweep varies " + std::to_string(s.parameters.size()) +
                     " parameter(s) of " + s.scenario.filename().string() + ": ";
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    const auto& p = s.parameters[i];
    text += (i ? "; " : "") + p.key;
    if (p.levels.empty()) {
      text += " from " + shortest(p.low) + " to " + shortest(p.high) +
              (p.integer ? " (whole numbers)" : "");
    } else {
      text += " over " + std::to_string(p.levels.size()) + " levels";
    }
  }
  text += ".\n";
  switch (s.design) {
    case sweep::Design::grid:
      text += "Every combination of the values is a point (full grid)";
      break;
    case sweep::Design::lhs:
      text += "A Latin hypercube places " + std::to_string(s.samples) +
              " points so that each parameter's range is cut into as many equal strata and "
              "every stratum is used once";
      break;
    case sweep::Design::sobol:
      text += "A Sobol sequence places " + std::to_string(s.samples) +
              " points that fill the space more evenly than random draws";
      break;
    case sweep::Design::morris:
      text += std::to_string(s.samples) +
              " Morris trajectories change one parameter at a time, to screen which matter";
      break;
    case sweep::Design::saltelli:
      text += "Saltelli's design runs " + std::to_string(s.samples) +
              " base rows, each with one parameter swapped at a time, to estimate Sobol indices";
      break;
  }
  text += ": " + std::to_string(plan.points.size()) + " points, each run " +
          std::to_string(s.replicates) + " times (" +
          std::to_string(plan.points.size() * s.replicates) + " work units).\n";
  text += "Every point uses the same random numbers for replicate r (seed " +
          std::to_string(s.seed) +
          "), as `compare` does, so differences between points come from the parameters, not "
          "from chance.\n";
  text += "Values are kept at " +
          (s.month ? "month " + std::to_string(*s.month) : std::string("each point's horizon")) +
          " for " + std::to_string(s.indicators.size()) + " indicator(s).\n";
  if (executed.opened.resumed)
    text += "The database held this sweep already (sweep " + std::to_string(executed.opened.id) +
            "): " + std::to_string(executed.opened.finished.size()) +
            " finished units were kept and " + std::to_string(executed.ran) + " run now.\n";
  else
    text += "All " + std::to_string(executed.ran) + " units were run now and stored as sweep " +
            std::to_string(executed.opened.id) + "; an interrupted run resumes where it stopped.\n";
  return text;
}

void write_sweep_results(const std::string& path, const SweepRun& run) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InvalidInput(SourceLocation{path, 0, 0}, "cannot open the output file");
  if (path.ends_with(".json")) {
    sweep::write_results_json(out, run.plan, run.executed.results);
  } else {
    sweep::write_results_csv(out, run.plan, run.executed.results);
  }
  out.close();
  if (!out) throw IoError(path + ": writing failed");
}

}  // namespace verbund::cli
