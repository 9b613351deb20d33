#include "sim_runs.hpp"

#include "verbund/sim/checkpoint.hpp"

#include <unistd.h>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "progress.hpp"
#include "verbund/error.hpp"
#include "verbund/io/supply_store.hpp"

namespace verbund::cli {

namespace {
std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) { interrupted.store(true); }
}  // namespace

void print_notes(const sim::Model& model, bool quiet) {
  if (quiet) return;
  for (const auto& note : model.notes())
    std::cerr << "verbund: note: " << model.name() << ": " << note << "\n";
}

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
        if (sim::reported(k, run.supply, run.participants))
          out.values.push_back({static_cast<std::uint32_t>(run.replicate_ids[r]),
                                static_cast<std::uint32_t>(m), sim::indicator_names[k], v[k]});
    }
  return out;
}

Table series_table(const std::vector<std::array<sim::Estimate, sim::indicator_count>>& s,
                   bool supply, bool participants) {
  Table t{"series", {"month", "indicator", "mean", "low", "high"}, {}};
  for (std::size_t m = 0; m < s.size(); ++m)
    for (std::size_t k = 0; k < sim::indicator_count; ++k)
      if (sim::reported(k, supply, participants))
        t.rows.push_back(
            {m, std::string(sim::indicator_names[k]), s[m][k].mean, s[m][k].low, s[m][k].high});
  return t;
}

void write_out(const std::string& path, const std::vector<Table>& tables) {
  const bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  write_tables(path, tables, json ? Format::json : Format::csv);
}

std::shared_ptr<const supply::MarketData> stored_market(const io::Store& store) {
  auto data = std::make_shared<supply::MarketData>(io::load_market(store));
  if (data->offers.empty() && data->demands.empty()) return nullptr;
  return data;
}

Json input_files_json(const sim::ScenarioInputs& inputs) {
  Json files = Json::array();
  for (const auto& f : inputs.files) {
    // Absolute and normalised, so that records of runs from different folders compare.
    const auto path = std::filesystem::absolute(f.path).lexically_normal().string();
    files.push_back({{"role", f.role}, {"path", path}, {"hash", f.hash}});
  }
  return files;
}

std::string region_fingerprint_hex(const core::Region& region) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx",
                static_cast<unsigned long long>(sim::region_fingerprint(region)));
  return text;
}

namespace {
/// Memory the process may use: physical memory, or less under an address-space limit.
double usable_bytes() {
  const double pages = static_cast<double>(sysconf(_SC_PHYS_PAGES));
  const double page = static_cast<double>(sysconf(_SC_PAGE_SIZE));
  double usable = pages > 0 && page > 0 ? pages * page : INFINITY;
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    usable = std::min(usable, static_cast<double>(limit.rlim_cur));
  return usable;
}

std::string gib(double bytes) {
  std::ostringstream out;
  out.precision(bytes < 10.0 * (1U << 30U) ? 2 : 3);
  out << bytes / static_cast<double>(1U << 30U) << " GiB";
  return out.str();
}
}  // namespace

void check_writable(const std::string& path) {
  if (path.empty()) return;
  const auto folder = std::filesystem::path(path).parent_path();
  const auto dir = folder.empty() ? std::filesystem::path(".") : folder;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error) || access(dir.c_str(), W_OK) != 0)
    throw InvalidInput(
        SourceLocation{path, 0, 0},
        "cannot write here: the folder '" + dir.string() + "' does not exist or is not writable");
  if (std::filesystem::is_directory(path, error))
    throw InvalidInput(SourceLocation{path, 0, 0}, "is a folder, not a file to write");
  // An existing file must be writable too, or the run would fail only after it is made.
  if (std::filesystem::exists(path, error) && access(path.c_str(), W_OK) != 0)
    throw InvalidInput(SourceLocation{path, 0, 0}, "cannot write here: the file is read-only");
}

void check_series_fit_in_memory(std::size_t scenarios, std::size_t replicates, int horizon) {
  // Per replicate and month: the indicators in the run, their rows for the store, and as much
  // again for the vectors' growth.
  constexpr double per_month =
      2.0 * (sizeof(sim::Indicators) + sim::indicator_count * sizeof(io::SeriesValue));
  const double needed = static_cast<double>(scenarios) * static_cast<double>(replicates) *
                        static_cast<double>(horizon + 1) * per_month;
  const double usable = usable_bytes();
  if (needed > 0.8 * usable)
    throw InvalidInput(
        std::to_string(replicates) + " replicates of " + std::to_string(horizon) + " months" +
        (scenarios > 1 ? " for " + std::to_string(scenarios) + " scenarios" : std::string()) +
        " would need about " + gib(needed) + " for their monthly series, more than the " +
        gib(usable) + " this process may use: run fewer replicates or a shorter horizon");
}

std::vector<std::string> distinct_names(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    auto candidate = name;
    for (int k = 2; std::find(out.begin(), out.end(), candidate) != out.end(); ++k)
      candidate = name + " (" + std::to_string(k) + ")";
    out.push_back(candidate);
  }
  return out;
}

}  // namespace verbund::cli
