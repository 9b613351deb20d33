#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbund/gen/ruhr.hpp"

namespace verbund::cli {

Verb add_generate_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    gen::RuhrOptions options;
    std::optional<std::string> data_dir;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand("generate", "Generate a synthetic region into a new database");
  cmd->require_subcommand(1);
  CLI::App* ruhr = cmd->add_subcommand(
      "ruhr", "The real institutions of the Ruhr with a synthetic, calibrated firm population");
  ruhr->add_option("--firms", state->options.firms, "number of synthetic firms")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, std::size_t{50'000'000}));
  ruhr->add_option("--ties-per-firm", state->options.ties_per_firm,
                   "mean firm-to-firm ties (supply and informal) per firm")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1000.0));
  ruhr->add_option("--science-share", state->options.science_share,
                   "target share of industrial firms with a science tie")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  ruhr->add_option("--year", state->options.year, "the snapshot's year")
      ->capture_default_str()
      ->check(CLI::Range(2000, 2100));
  ruhr->add_option("--data", state->data_dir, "directory of the Ruhr base data (default: bundled)")
      ->check(CLI::ExistingDirectory);

  return {cmd, [&global, state, ruhr] {
            gen::RuhrOptions options = state->options;
            options.seed = global.seed.value_or(1);
            const auto dir =
                state->data_dir ? std::filesystem::path(*state->data_dir) : gen::bundled_ruhr_dir();
            const gen::RuhrBase base = gen::load_ruhr_base(dir);
            io::Store store = open_store(global, /*create=*/true);
            if (const auto existing = store.counts().actors; existing > 0) {
              throw InvalidInput(SourceLocation{global.db, 0, 0},
                                 "database already holds " + std::to_string(existing) +
                                     " actors; generate into a new database (--db)");
            }
            const core::RegionData data = gen::generate_ruhr(base, options);
            const io::StoreCounts added = store.append(data);
            store.record_run({"generate ruhr", describe_options(*ruhr), options.seed});
            if (!global.quiet) {
              Table t{"generated", {"table", "rows"}, {}};
              t.rows = {{"actors", added.actors},
                        {"firms (synthetic)", options.firms},
                        {"actor_competences", added.actor_competences},
                        {"ties", added.ties},
                        {"memberships", added.memberships}};
              print_tables(std::cout, {t}, global.format);
            }
          }};
}

}  // namespace verbund::cli
