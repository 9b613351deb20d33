#pragma once

// What `sweep` and `sensitivity` share: reading a sweep file, planning it against the database's
// region, running (or resuming) it into the store with a progress bar and Ctrl-C, and its
// explanation in words.

#include <string>

#include "cli.hpp"
#include "verbund/sweep/sweep_store.hpp"

namespace verbund::cli {

/// A sweep run (or resumed) into the database of --db.
struct SweepRun {
  sweep::SweepPlan plan;
  sweep::ExecutedSweep executed;
};

/// Loads the sweep file, plans it (every point checked against the scenario and compiled) and
/// runs the units not yet stored. `verb` names the record. Throws cli::Interrupted after Ctrl-C
/// (the finished batches stay stored for a rerun).
SweepRun run_sweep_file(const GlobalOptions& global, const std::string& file,
                        const std::string& verb, const std::string& parameters);

/// The sweep in words: what varies, the design, units, common random numbers, resuming.
std::string explain_sweep(const sweep::SweepPlan& plan, const sweep::ExecutedSweep& executed);

/// Writes the results to `path` (.json: JSON, else CSV). Throws InvalidInput if it cannot be
/// opened, IoError if the write fails.
void write_sweep_results(const std::string& path, const SweepRun& run);

}  // namespace verbund::cli
