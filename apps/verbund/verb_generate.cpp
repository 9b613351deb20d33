#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <new>
#include <numeric>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/gen/ruhr_market.hpp"
#include "verbund/io/market_csv.hpp"
#include "verbund/io/supply_store.hpp"

namespace verbund::cli {
namespace {

// Peak memory of generating and storing one synthetic firm with its ties: 174 MB for 100,000
// firms (release build, default options). Used only to say what a failed request would need.
constexpr double bytes_per_firm = 1.8 * 1024;

// Creates the database file if it is missing; true if this call created it.
bool create_file_if_missing(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

// After a failed generate into a file this run created: removes it (and SQLite's side files),
// unless someone else has stored something there meanwhile: it holds nothing, or only the
// `ours` actors (and at most one run) this run stored before its market failed. Best effort;
// never throws.
void remove_created_database(const GlobalOptions& global, std::int64_t ours) noexcept {
  try {
    {
      const io::Store store = io::Store::open(global.db, io::OpenMode::create_if_missing);
      const auto counts = store.counts();
      const bool empty = counts.actors == 0 && counts.runs == 0;
      const bool only_ours = counts.actors == ours && counts.runs <= 1;
      if (!empty && !only_ours) return;
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ignored;
      std::filesystem::remove(global.db + suffix, ignored);
    }
  } catch (...) {  // NOLINT(bugprone-empty-catch): the original error is the one to report
  }
}

}  // namespace

Verb add_generate_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    gen::RuhrOptions options;
    std::optional<std::string> data_dir;
    std::optional<std::string> supply_dir;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand("generate", "Generate a synthetic region into a new database");
  cmd->require_subcommand(1);
  CLI::App* ruhr = cmd->add_subcommand(
      "ruhr", "The real institutions of the Ruhr with a synthetic, calibrated firm population");
  ruhr->add_option("--firms", state->options.firms, "number of synthetic firms")
      ->capture_default_str()
      ->check(non_negative_number());
  ruhr->add_option("--ties-per-firm", state->options.ties_per_firm,
                   "mean firm-to-firm ties (supply and informal) per firm")
      ->capture_default_str()
      ->check(number_range(0.0, 1000.0));
  ruhr->add_option("--science-share", state->options.science_share,
                   "target share of industrial firms with a science tie")
      ->capture_default_str()
      ->check(number_range(0.0, 1.0));
  ruhr->add_option("--year", state->options.year, "the snapshot's year")
      ->capture_default_str()
      ->check(number_range(2000, 2100));
  ruhr->add_option("--data", state->data_dir, "directory of the Ruhr base data (default: bundled)")
      ->check(CLI::ExistingDirectory);
  ruhr->add_option("--supply-data", state->supply_dir,
                   "directory of the supplier market's categories.csv and certifications.csv "
                   "(default: bundled data/supply)")
      ->check(CLI::ExistingDirectory);

  return {cmd, [&global, state, ruhr] {
            gen::RuhrOptions options = state->options;
            options.seed = global.seed.value_or(1);
            const auto dir =
                state->data_dir ? std::filesystem::path(*state->data_dir) : gen::bundled_ruhr_dir();
            const gen::RuhrBase base = gen::load_ruhr_base(dir);
            const auto inhabitants =
                std::accumulate(base.municipalities.begin(), base.municipalities.end(),
                                std::size_t{0}, [](std::size_t sum, const auto& m) {
                                  return sum + static_cast<std::size_t>(std::max(m.population, 0));
                                });
            if (options.firms > inhabitants) {
              throw InvalidInput("--firms " + std::to_string(options.firms) +
                                 " is more than the region's " + std::to_string(inhabitants) +
                                 " inhabitants (municipalities.csv): at most one firm each");
            }
            // Refuse a database that holds a region before spending time on a new one.
            if (std::filesystem::exists(global.db)) {
              const io::Store store = open_store(global, /*create=*/true);
              if (const auto existing = store.counts().actors; existing > 0) {
                throw InvalidInput(SourceLocation{global.db, 0, 0},
                                   "database already holds " + std::to_string(existing) +
                                       " actors; generate into a new database (--db)");
              }
            }
            const auto supply_dir = state->supply_dir ? std::filesystem::path(*state->supply_dir)
                                                      : gen::bundled_supply_dir();
            io::MarketCsvFiles reference_files;
            reference_files.categories = supply_dir / "categories.csv";
            reference_files.certifications = supply_dir / "certifications.csv";
            const supply::MarketData reference = io::read_market_csv(reference_files);
            core::RegionData data;
            supply::MarketData market;
            try {
              data = gen::generate_ruhr(base, options);
              market = gen::generate_ruhr_market(base, data, reference, {.seed = options.seed});
            } catch (const std::bad_alloc&) {
              throw Error("out of memory generating " + std::to_string(options.firms) +
                          " firms: they need about " +
                          std::to_string(static_cast<long long>(static_cast<double>(options.firms) *
                                                                bytes_per_firm / (1 << 20))) +
                          " MiB; ask for fewer with --firms");
            }
            // All or nothing: a file this run created goes again if the region does not get in.
            const bool created = create_file_if_missing(global.db);
            io::StoreCounts added;
            io::MarketCounts market_added;
            try {
              io::Store store = open_store(global, /*create=*/true);
              // The region, its market and the run record commit together or not at all.
              store.in_one_transaction([&] {
                added = global.no_record
                            ? store.append(data)
                            : store.append(
                                  data, {"generate ruhr", describe_options(*ruhr), options.seed});
                market_added = io::append_market(store, market);
              });
            } catch (...) {
              if (created) {
                remove_created_database(global, static_cast<std::int64_t>(data.actors.size()));
              }
              throw;
            }
            if (!global.quiet) {
              Table t{"generated", {"table", "rows"}, {}};
              t.rows = {{"actors", added.actors},
                        {"firms (synthetic)", options.firms},
                        {"actor_competences", added.actor_competences},
                        {"ties", added.ties},
                        {"memberships", added.memberships},
                        {"supplier offers", market_added.offers},
                        {"buyer demands", market_added.demands},
                        {"supply flows", market_added.flows}};
              print_tables(std::cout, {t}, global.format);
            }
          }};
}

}  // namespace verbund::cli
