#pragma once

// A sweep across MPI ranks. Rank 0 owns the database: it opens (or resumes) the sweep, hands out
// the units not yet stored one at a time to whichever rank asks (its own worker thread too),
// stores results as they come and writes the output once. Every rank plans the sweep itself
// from the same files, so a unit is named by (point, replicate) alone and its values are the
// same bytes whichever rank runs it.

#include <filesystem>
#include <string>
#include <string_view>

#include "verbund/report/lang.hpp"
#include "verbund/sweep/runner.hpp"

namespace verbund::mpi {

struct MpiSweepOptions {
  std::filesystem::path db = "verbund.db";
  std::filesystem::path sweep;
  std::string out;  ///< results file (.json: JSON, else CSV); empty = none
  bool quiet = false;
  /// Rank 0 stores gathered results at least this often (seconds), so a killed job loses little.
  double store_every_s = 0.5;
  /// Language of the printed points table and messages (as `verbund sweep --lang`); the --out
  /// files are the same bytes in either.
  report::Lang lang = report::Lang::en;
};

/// The line an error prints: "verbund-mpi: error: …" or, in German, "verbund-mpi: Fehler: …"
/// with the common messages translated as `verbund` translates them (cli::error_line).
[[nodiscard]] std::string error_line(std::string_view message, report::Lang lang);

/// Runs the sweep on all ranks of MPI_COMM_WORLD; returns the process exit code (0 ok,
/// 2 bad input: every rank plans and refuses alike, rank 0 prints). Collective.
int run_mpi_sweep(const MpiSweepOptions& options, int rank, int ranks);

}  // namespace verbund::mpi
