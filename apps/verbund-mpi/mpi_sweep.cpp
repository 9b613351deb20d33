#include "mpi_sweep.hpp"

#include <mpi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "cli.hpp"
#include "output.hpp"
#include "sweep_points.hpp"
#include "verbund/error.hpp"
#include "verbund/io/store.hpp"
#include "verbund/io/supply_store.hpp"
#include "verbund/supply/market_data.hpp"
#include "verbund/sweep/results.hpp"
#include "verbund/sweep/sweep_store.hpp"

namespace verbund::mpi {

namespace {

// Message tags: a worker's first request, a result (which also asks for the next unit), a unit
// handed out, and the end.
constexpr int tag_ready = 1, tag_result = 2, tag_unit = 3, tag_stop = 4;

/// Compiled models by point, the few most recent: units are handed out point-major, so a rank
/// mostly runs replicates of the points it has compiled.
class ModelCache {
 public:
  ModelCache(const sweep::SweepPlan& plan, const core::Region& region)
      : plan_(plan), region_(region) {}
  const sim::Model& get(std::uint32_t point) {
    for (auto& [p, model] : models_)
      if (p == point) return model;
    if (models_.size() == 4) models_.erase(models_.begin());
    models_.emplace_back(point, sweep::compile_point(plan_, region_, point));
    return models_.back().second;
  }

 private:
  const sweep::SweepPlan& plan_;
  const core::Region& region_;
  std::vector<std::pair<std::uint32_t, sim::Model>> models_;
};

std::vector<double> pack(const sweep::UnitResult& r) {
  std::vector<double> out{static_cast<double>(r.unit.point), static_cast<double>(r.unit.replicate)};
  out.insert(out.end(), r.values.begin(), r.values.end());
  return out;
}

void worker(const sweep::SweepPlan& plan, const core::Region& region) {
  ModelCache cache(plan, region);
  MPI_Send(nullptr, 0, MPI_DOUBLE, 0, tag_ready, MPI_COMM_WORLD);
  for (;;) {
    std::uint32_t unit[2];
    MPI_Status status;
    MPI_Recv(unit, 2, MPI_UINT32_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
    if (status.MPI_TAG == tag_stop) return;
    const sweep::Unit u{unit[0], unit[1]};
    const auto packed = pack(sweep::run_unit(plan, cache.get(u.point), u));
    MPI_Send(packed.data(), static_cast<int>(packed.size()), MPI_DOUBLE, 0, tag_result,
             MPI_COMM_WORLD);
  }
}

int coordinator(const MpiSweepOptions& options, io::Store& store, const sweep::SweepPlan& plan,
                const core::Region& region, int ranks) {
  const std::string parameters =
      "{\"sweep\":\"" + options.sweep.string() + "\",\"ranks\":" + std::to_string(ranks) + "}";
  const auto opened = sweep::open_sweep(store, plan, {"sweep --mpi", parameters, plan.spec.seed});
  const auto units = sweep::all_units(plan);
  std::vector<sweep::Unit> pending;
  std::set_difference(units.begin(), units.end(), opened.finished.begin(), opened.finished.end(),
                      std::back_inserter(pending));
  std::mutex mutex;  // guards next and local
  std::size_t next = 0;
  std::vector<sweep::UnitResult> local;
  const auto take = [&]() -> std::optional<sweep::Unit> {
    const std::lock_guard lock(mutex);
    if (next == pending.size()) return std::nullopt;
    return pending[next++];
  };
  // Rank 0 computes too: on a machine with as many cores as ranks, no core idles.
  std::atomic<bool> own_done{false};
  std::thread own([&] {
    ModelCache cache(plan, region);
    while (const auto u = take()) {
      auto r = sweep::run_unit(plan, cache.get(u->point), *u);
      const std::lock_guard lock(mutex);
      local.push_back(std::move(r));
    }
    own_done.store(true);
  });
  std::vector<sweep::UnitResult> gathered;
  auto last_store = std::chrono::steady_clock::now();
  const auto store_gathered = [&](bool now) {
    {
      const std::lock_guard lock(mutex);
      std::move(local.begin(), local.end(), std::back_inserter(gathered));
      local.clear();
    }
    const auto t = std::chrono::steady_clock::now();
    if (gathered.empty() ||
        (!now && std::chrono::duration<double>(t - last_store).count() < options.store_every_s))
      return;
    sweep::store_results(store, opened.id, plan, gathered);
    gathered.clear();
    last_store = t;
  };
  const std::size_t width = 2 + plan.spec.indicators.size();
  int active = ranks - 1;
  std::vector<double> buffer(width);
  // Until every rank has stopped and rank 0's own units are done (on one rank, only the latter):
  // stores go on meanwhile, so a killed job loses at most store_every_s of work.
  while (active > 0 || !own_done.load()) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (!flag) {
      store_gathered(false);
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      continue;
    }
    MPI_Recv(buffer.data(), static_cast<int>(width), MPI_DOUBLE, status.MPI_SOURCE, status.MPI_TAG,
             MPI_COMM_WORLD, &status);
    if (status.MPI_TAG == tag_result) {
      sweep::UnitResult r{
          {static_cast<std::uint32_t>(buffer[0]), static_cast<std::uint32_t>(buffer[1])},
          std::vector<double>(buffer.begin() + 2, buffer.end())};
      gathered.push_back(std::move(r));
    }
    if (const auto u = take()) {
      const std::uint32_t message[2] = {u->point, u->replicate};
      MPI_Send(message, 2, MPI_UINT32_T, status.MPI_SOURCE, tag_unit, MPI_COMM_WORLD);
    } else {
      MPI_Send(nullptr, 0, MPI_UINT32_T, status.MPI_SOURCE, tag_stop, MPI_COMM_WORLD);
      --active;
    }
    store_gathered(false);
  }
  own.join();
  store_gathered(true);
  const auto results = sweep::stored_results(store, opened.id, plan);
  if (!options.out.empty()) {
    std::ofstream out(options.out, std::ios::binary);
    if (!out) throw InvalidInput(SourceLocation{options.out, 0, 0}, "cannot open the output file");
    if (options.out.ends_with(".json")) {
      sweep::write_results_json(out, plan, results);
    } else {
      sweep::write_results_csv(out, plan, results);
    }
    out.close();
    if (!out) throw IoError(options.out + ": writing failed");
  }
  if (!options.quiet) {
    const auto lang = options.lang;
    std::cout << report::pick(lang, "sweep ", "Sweep ") << opened.id << ": " << units.size()
              << report::pick(lang, " units, ", " Einheiten, ") << opened.finished.size()
              << report::pick(lang, " finished before, ", " schon zuvor fertig, ") << pending.size()
              << report::pick(lang, " run now on ", " jetzt gerechnet auf ") << ranks
              << report::pick(lang, " rank(s)\n", " Rang/Rängen\n");
    // The means per point, as `verbund sweep` prints them (headers and numbers in --lang).
    cli::GlobalOptions shown;
    shown.lang = lang;
    cli::print_tables(std::cout, {cli::sweep_points_table(plan, results, lang)}, shown);
  }
  return 0;
}

}  // namespace

std::string error_line(std::string_view message, report::Lang lang) {
  // cli::error_line's "verbund: …", named after this program.
  return "verbund-mpi" + cli::error_line(message, lang).substr(std::string_view("verbund").size());
}

int run_mpi_sweep(const MpiSweepOptions& options, int rank, int ranks) {
  std::optional<io::Store> store;
  std::optional<sweep::SweepPlan> plan;
  std::optional<core::Region> region;
  int code = 0;
  std::string message;
  try {
    // Every rank reads the same files and plans alike.
    auto spec = sweep::load_sweep(options.sweep);
    store.emplace(io::Store::open(
        options.db, rank == 0 ? io::OpenMode::open_existing : io::OpenMode::read_only));
    region.emplace(store->load_region());
    auto market = std::make_shared<supply::MarketData>(io::load_market(*store));
    std::shared_ptr<const supply::MarketData> shared;
    if (!market->offers.empty() || !market->demands.empty()) shared = market;
    // Every rank applies every point's settings (cheap); compiling each point to check it is
    // shared out below, so that it is not a serial cost of rank 0's.
    plan.emplace(sweep::plan_sweep(std::move(spec), *region, shared, {.compile_all = false}));
    if (rank != 0) store.reset();  // workers need the database no more
  } catch (const InvalidInput& e) {
    code = 2;
    message = e.what();
  } catch (const std::exception& e) {
    code = 1;
    message = e.what();
  }
  // All ranks agree whether to go on: a refusal on one rank must not leave others waiting.
  int worst = 0;
  MPI_Allreduce(&code, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (worst == 0) {
    // Rank r checks points r, r + ranks, ...; the first point that fails anywhere is reported
    // by rank 0, with the message the threaded sweep gives.
    unsigned long long first_bad = ~0ULL, first_bad_all = ~0ULL;
    for (std::size_t p = static_cast<std::size_t>(rank); p < plan->points.size();
         p += static_cast<std::size_t>(ranks)) {
      try {
        sweep::check_point(*plan, *region, p);
      } catch (const InvalidInput&) {
        first_bad = p;
        break;
      }
    }
    MPI_Allreduce(&first_bad, &first_bad_all, 1, MPI_UNSIGNED_LONG_LONG, MPI_MIN, MPI_COMM_WORLD);
    if (first_bad_all != ~0ULL) {
      worst = 2;
      if (rank == 0) {
        try {
          sweep::check_point(*plan, *region, static_cast<std::size_t>(first_bad_all));
        } catch (const InvalidInput& e) {
          message = e.what();
        }
      }
    }
  }
  if (worst != 0) {
    if (rank == 0)
      std::cerr << error_line(message.empty() ? "a rank failed to plan the sweep" : message,
                              options.lang)
                << "\n";
    if (rank != 0 && code != 0 && code != worst)
      std::cerr << "verbund-mpi: rank " << rank << ": " << message << "\n";
    return worst;
  }
  try {
    if (rank != 0) {
      worker(*plan, *region);
      return 0;
    }
    return coordinator(options, *store, *plan, *region, ranks);
  } catch (const std::exception& e) {
    // Past planning the ranks wait on each other: one failing must end them all.
    std::cerr << "verbund-mpi: error on rank " << rank << ": " << e.what() << "\n";
    MPI_Abort(MPI_COMM_WORLD, 1);
    return 1;
  }
}

}  // namespace verbund::mpi
