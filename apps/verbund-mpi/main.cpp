// verbund-mpi: a sweep across MPI ranks, with the same results and files as `verbund sweep`.
#include <mpi.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli.hpp"
#include "mpi_sweep.hpp"
#include "option_checks.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/error.hpp"

int main(int argc, char** argv) {
  int provided = 0;
  // Only rank 0's main thread calls MPI; its worker thread runs units without MPI.
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  CLI::App app{
      "verbund-mpi: scenario sweeps across MPI ranks (mpirun -np N verbund-mpi sweep "
      "SWEEP.toml)",
      "verbund-mpi"};
  verbund::mpi::MpiSweepOptions options;
  std::size_t threads = 1;
  app.add_option("--db", options.db, "SQLite database file")->capture_default_str();
  app.add_option("--threads", threads, "threads per rank for a unit's own loops")
      ->capture_default_str();
  app.add_flag("-q,--quiet", options.quiet, "print nothing but errors");
  // --lang as `verbund`'s: the locale's language until given; the points table, the messages
  // and the command line's own errors in it.
  verbund::cli::GlobalOptions global;
  verbund::cli::add_lang_option(app, global);
  app.failure_message([&global](const CLI::App* failed, const CLI::Error& e) {
    return verbund::mpi::error_line(CLI::FailureMessage::simple(failed, e), global.lang);
  });
  CLI::App* sweep = app.add_subcommand("sweep", "run a sweep file across the ranks");
  sweep->add_option("sweep", options.sweep, "SWEEP.toml")->required();
  sweep->add_option("--out", options.out, "results file (.json: JSON, else CSV)");
  sweep
      ->add_option("--store-every", options.store_every_s,
                   "seconds between stores of gathered results (what a killed job may lose)")
      ->capture_default_str()
      ->check(verbund::cli::number_range(0.0, 3600.0));
  app.require_subcommand(1);
  int code = 0;
  try {
    app.parse(argc, argv);
    // The guard `verbund` applies: --out must not be the database, the sweep file or a database.
    global.db = options.db;
    options.lang = global.lang;
    verbund::cli::check_outputs(app, global);
    const verbund::core::ThreadLimit limit(threads);
    code = verbund::mpi::run_mpi_sweep(options, rank, ranks);
  } catch (const CLI::ParseError& e) {
    code = rank == 0 ? app.exit(e) : 2;
    if (code != 0) code = 2;
  } catch (const verbund::InvalidInput& e) {
    if (rank == 0) std::cerr << verbund::mpi::error_line(e.what(), global.lang) << "\n";
    code = 2;
  }
  MPI_Finalize();
  return code;
}
