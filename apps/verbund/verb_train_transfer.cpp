// `verbund train transfer`: fits the transfer score's weights on the transfer partnerships that
// formed in the database's own history (each year from its own past, validation on the year
// after --until) and writes them as a weights file for `match transfer --weights`.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/match/transfer_outcome.hpp"
#include "verbund/match/weights_file.hpp"
#include "verbund/report/terms.hpp"

namespace verbund::cli {
namespace {

// The first year a transfer partnership between a firm and science starts in, if any: training
// years before it hold nothing to learn from.
std::optional<int> first_transfer_year(const core::Region& region) {
  std::optional<int> first;
  for (const core::Tie& t : region.ties()) {
    if (t.kind != core::TieKind::transfer || !t.start) continue;
    const auto a = region.kind(t.source), b = region.kind(t.target);
    if ((a == core::ActorKind::firm && core::is_science(b)) ||
        (b == core::ActorKind::firm && core::is_science(a)))
      first = std::min(first.value_or(*t.start), *t.start);
  }
  return first;
}

}  // namespace

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
      ->check(number_range(1, 50));
  transfer->add_option("--out", o->out, "write the weights file (TOML) here");
  return {
      transfer, [&global, o, transfer] {
        io::Store store = open_store(global, /*create=*/false);
        const core::Region region = store.load_region();
        int first = o->until - o->years + 1;
        // Clamped to the data's years, so that "trained on" names the years learned from (an
        // --until before them all is the fit's own error, which names the data's years).
        if (const auto data_first = first_transfer_year(region);
            data_first && first < *data_first && *data_first <= o->until) {
          if (!global.quiet)
            std::cerr << report::pick(global.lang, "verbund: note: --years ",
                                      "verbund: Hinweis: --years ")
                      << o->years
                      << report::pick(global.lang, " reaches back to ", " reicht zurück bis ")
                      << first
                      << report::pick(global.lang,
                                      ", but the data's transfer partnerships start in ",
                                      ", die Transferpartnerschaften der Daten beginnen aber ")
                      << *data_first << report::pick(global.lang, ": trained on ", ": gelernt aus ")
                      << *data_first << ".." << o->until << "\n";
          first = *data_first;
        }
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
        // Row labels in the language of a text table; the weights keep their file's keys.
        const auto said = [&global](std::string_view label) {
          return std::string(global.format == Format::table ? report::term(global.lang, label)
                                                            : label);
        };
        Table t{"fitted transfer weights", {"key", "value"}, {}};
        t.rows.push_back(
            {said("trained on"), std::to_string(first) + ".." + std::to_string(o->until)});
        t.rows.push_back({said("training queries"), fit.train_queries});
        t.rows.push_back({said("validation year"), o->until + 1});
        t.rows.push_back({said("validation queries"), fit.validation_queries});
        t.rows.push_back({said("validation MRR"), fit.validation_mrr});
        t.rows.push_back({said("train log-likelihood per partner"), fit.train_log_likelihood});
        for (const auto& [key, value] :
             {std::pair<const char*, double>{"theme_credit", w.theme_credit},
              {"half_distance_km", w.half_distance_km},
              {"proximity", w.proximity},
              {"same_municipality", w.same_municipality},
              {"network", w.network},
              {"bridge", w.bridge}})
          t.rows.push_back({key, value});
        if (!o->out.empty()) t.rows.push_back({said("written to"), o->out});
        if (!global.quiet) print_tables(std::cout, {t}, global);
        record_reading_run(store, global,
                           {"train transfer", describe_options(*transfer), global.seed});
      }};
}

}  // namespace verbund::cli
