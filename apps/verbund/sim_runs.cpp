#include "sim_runs.hpp"

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>

#include "progress.hpp"
#include "verbund/error.hpp"

namespace verbund::cli {

namespace {
std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) { interrupted.store(true); }
}  // namespace

sim::Run run_model(const sim::Model& model, std::size_t replicates, bool quiet,
                   std::optional<int> checkpoint_at) {
  interrupted.store(false);
  const auto previous = std::signal(SIGINT, on_interrupt);
  const ProgressBar bar(model.name(), "replicates", quiet);
  sim::Run run =
      sim::simulate(model, {.replicates = replicates,
                            .progress = [&bar](std::size_t d, std::size_t t) { bar(d, t); },
                            .cancel = &interrupted,
                            .checkpoint_at = checkpoint_at});
  std::signal(SIGINT, previous);
  if (run.cancelled)
    std::cerr << "verbund: interrupted: keeping " << run.series.size() << " of " << replicates
              << " replicates\n";
  return run;
}

io::ScenarioSeries stored_series(const std::string& scenario, const sim::Run& run) {
  io::ScenarioSeries out{scenario, {}};
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

void write_out(const std::string& path, const std::vector<Table>& tables) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw InvalidInput(SourceLocation{path, 0, 0}, "cannot write the output file");
  const bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  print_tables(file, tables, json ? Format::json : Format::csv);
  if (!file.flush()) throw IoError("writing " + path + " failed");
}

Json input_files_json(const sim::ScenarioInputs& inputs) {
  Json files = Json::array();
  for (const auto& f : inputs.files)
    files.push_back({{"role", f.role}, {"path", f.path}, {"hash", f.hash}});
  return files;
}

}  // namespace verbund::cli
