// `verbund train transfer`: fits the transfer score's weights on the transfer partnerships that
// formed in the database's own history (each year from its own past, validation on the year
// after --until) and writes them as a weights file for `match transfer --weights`.
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/match/transfer_outcome.hpp"
#include "verbund/match/weights_file.hpp"

namespace verbund::cli {

Verb add_train_transfer_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    int until = 0;
    int years = 5;
    std::string out;
  };
  auto o = std::make_shared<State>();
  CLI::App* train = app.get_subcommand("train");
  CLI::App* transfer = train->add_subcommand(
      "transfer",
      "Fit the transfer score's weights (proximity, network, same municipality, bridge; theme "
      "credit and half distance on a grid) on the transfer partnerships formed up to --until");
  transfer->add_option("--until", o->until, "last year whose partnerships are learned from")
      ->required();
  transfer->add_option("--years", o->years, "how many years up to --until are learned from")
      ->capture_default_str()
      ->check(CLI::Range(1, 50));
  transfer->add_option("--out", o->out, "write the weights file (TOML) here");
  return {
      transfer, [&global, o, transfer] {
        io::Store store = open_store(global, /*create=*/false);
        const core::Region region = store.load_region();
        const int first = o->until - o->years + 1;
        const auto fit = match::train_transfer_weights(region, first, o->until);
        const auto& w = fit.weights;
        if (!o->out.empty()) {
          std::ofstream file(o->out, std::ios::binary);
          if (!file) throw InvalidInput("cannot write the weights file " + o->out);
          file << match::score_weights_toml(
              w, "fitted by `verbund train transfer --until " + std::to_string(o->until) +
                     "` on partnerships of " + std::to_string(first) + ".." +
                     std::to_string(o->until) + ", validated on " + std::to_string(o->until + 1));
          if (!file.flush()) throw IoError("could not write the weights file " + o->out);
        }
        Table t{"fitted transfer weights", {"key", "value"}, {}};
        t.rows.push_back({"trained on", std::to_string(first) + ".." + std::to_string(o->until)});
        t.rows.push_back({"training queries", fit.train_queries});
        t.rows.push_back({"validation year", o->until + 1});
        t.rows.push_back({"validation queries", fit.validation_queries});
        t.rows.push_back({"validation MRR", fit.validation_mrr});
        t.rows.push_back({"train log-likelihood per partner", fit.train_log_likelihood});
        for (const auto& [key, value] :
             {std::pair<const char*, double>{"theme_credit", w.theme_credit},
              {"half_distance_km", w.half_distance_km},
              {"proximity", w.proximity},
              {"same_municipality", w.same_municipality},
              {"network", w.network},
              {"bridge", w.bridge}})
          t.rows.push_back({key, value});
        if (!o->out.empty()) t.rows.push_back({"written to", o->out});
        if (!global.quiet) print_tables(std::cout, {t}, global);
        record_reading_run(store, global,
                           {"train transfer", describe_options(*transfer), global.seed});
      }};
}

}  // namespace verbund::cli
