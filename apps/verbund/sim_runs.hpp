#pragma once

// What `simulate` and `compare` share: loading and compiling a scenario, running it with a
// progress bar and Ctrl-C, and turning runs into stored rows, tables and files.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "output.hpp"
#include "verbund/io/scenario_inputs.hpp"
#include "verbund/io/store.hpp"
#include "verbund/sim/simulate.hpp"

namespace verbund::cli {

/// Prints the model's notes (interventions that will do nothing) on stderr, unless quiet.
void print_notes(const sim::Model& model, bool quiet);

/// Runs a compiled scenario with Ctrl-C handling; reports an interruption on stderr.
sim::Run run_model(const sim::Model& model, std::size_t replicates, bool quiet,
                   std::optional<int> checkpoint_at = std::nullopt);

/// Every value of every finished replicate, for the store's sim_series table.
io::ScenarioSeries stored_series(const std::string& scenario, const sim::Run& run);

/// The monthly means with their 95 % intervals (the supply and participant indicators only if
/// measured: sim::reported).
Table series_table(const std::vector<std::array<sim::Estimate, sim::indicator_count>>& s,
                   bool supply, bool participants);

/// The supplier market stored with the region, for sim::ScenarioInputs::market; null when the
/// database holds none (no offers and no demands).
std::shared_ptr<const supply::MarketData> stored_market(const io::Store& store);

/// Writes tables as JSON if the file name ends in .json, else as CSV.
void write_out(const std::string& path, const std::vector<Table>& tables);

/// The files a run read, with their hashes, for its record.
Json input_files_json(const sim::ScenarioInputs& inputs);
/// The region's fingerprint (sim::region_fingerprint) as 16 hex digits, for run records: two
/// runs on the same actors and ties have the same.
std::string region_fingerprint_hex(const core::Region& region);

/// Refuses (InvalidInput) an output file that cannot be written (its folder is missing or not
/// writable), before the run it would hold is made.
void check_writable(const std::string& path);

/// Refuses (InvalidInput) a run whose monthly series would not fit in memory: `scenarios` runs of
/// `replicates` replicates over `horizon` months are held until they are stored.
void check_series_fit_in_memory(std::size_t scenarios, std::size_t replicates, int horizon);

/// The scenarios' names, made distinct where they repeat ("Baseline", "Baseline (2)"): the
/// stored series are keyed by name, and a reader must tell the rows apart.
std::vector<std::string> distinct_names(const std::vector<std::string>& names);

}  // namespace verbund::cli
