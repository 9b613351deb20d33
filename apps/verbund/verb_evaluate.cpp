// `verbund evaluate transfer`: how well each transfer weight setting ranks the transfer
// partnerships that formed after a cut year (the network known up to it): hits@1/5/10, MRR and
// NDCG@10 with 95 % bootstrap intervals.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/io/text_format.hpp"
#include "verbund/match/transfer_outcome.hpp"
#include "verbund/match/weights_file.hpp"

namespace verbund::cli {

namespace {

std::string interval(const match::OutcomeEstimate& e) {
  auto f = [](double v) { return io::format_double(std::round(v * 1000.0) / 1000.0); };
  return f(e.low) + " – " + f(e.high);
}

}  // namespace

Verb add_evaluate_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    int until = 0;
    std::optional<int> last;
    std::vector<std::string> weights;
    std::size_t resamples = 1000;
    std::string capacity = "ignore";
  };
  auto o = std::make_shared<State>();
  CLI::App* evaluate = app.add_subcommand("evaluate", "Judge scores on what happened later");
  evaluate->require_subcommand(1);
  CLI::App* transfer = evaluate->add_subcommand(
      "transfer",
      "Rank the transfer partnerships formed after --until with each weight setting (the "
      "network known up to --until) and report hits@k, MRR and NDCG@10");
  transfer->add_option("--until", o->until, "the cut year: the network known up to its end")
      ->required();
  transfer->add_option("--last", o->last,
                       "last year of partnerships asked for (default: the latest tie start)");
  transfer->add_option("--weights", o->weights, "also these weights files (TOML), one row each")
      ->check(CLI::ExistingFile);
  transfer->add_option("--resamples", o->resamples, "bootstrap resamples of the queries")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));  // 1..99 refused below: too few for a 95 % interval
  transfer
      ->add_option("--capacity", o->capacity,
                   "ignore: rank as if no candidate were full (a history made without "
                   "capacities is judged on the score); apply: as each setting says")
      ->capture_default_str()
      ->check(CLI::IsMember({"ignore", "apply"}));
  return {
      evaluate, [&global, o, transfer] {
        if (!transfer->parsed()) return;
        if (o->resamples > 0 && o->resamples < 100)
          throw InvalidInput("--resamples " + std::to_string(o->resamples) +
                             ": at least 100 for a 95 % interval, or 0 for none");
        std::vector<match::TransferSetting> settings = match::standard_transfer_settings();
        for (const auto& file : o->weights)
          settings.push_back({file, match::load_score_weights(file), false});
        io::Store store = open_store(global, /*create=*/false);
        const core::Region region = store.load_region();
        int last = o->until;
        for (const auto& t : region.ties())
          if (t.start) last = std::max(last, *t.start);
        if (o->last) last = *o->last;
        const auto split = match::transfer_outcome_split(region, o->until, last);
        if (split.queries.empty())
          throw InvalidInput("--until " + std::to_string(o->until) +
                             ": no partnership to ask about in " + std::to_string(o->until + 1) +
                             ".." + std::to_string(last) + " (" +
                             match::transfer_years_text(region) + ")");
        Table means{"transfer outcomes",
                    {"setting", "queries", "hits@1", "hits@5", "hits@10", "MRR", "NDCG@10"},
                    {}};
        Table intervals{"95 % bootstrap intervals",
                        {"setting", "hits@1", "hits@5", "hits@10", "MRR", "NDCG@10"},
                        {}};
        const std::uint64_t seed = global.seed.value_or(1);
        for (auto& s : settings) {
          if (o->capacity == "ignore") s.weights = match::capacity_ignored(s.weights);
          const auto m = match::outcome_metrics(match::outcome_ranks(split, s), o->resamples, seed);
          means.rows.push_back({s.name, m.queries, m.hits_at_1.mean, m.hits_at_5.mean,
                                m.hits_at_10.mean, m.mrr.mean, m.ndcg_at_10.mean});
          intervals.rows.push_back({s.name, interval(m.hits_at_1), interval(m.hits_at_5),
                                    interval(m.hits_at_10), interval(m.mrr),
                                    interval(m.ndcg_at_10)});
        }
        Table about{"outcome split", {"key", "value"}, {}};
        about.rows.push_back({"network known up to", o->until});
        about.rows.push_back(
            {"partnerships of", std::to_string(o->until + 1) + ".." + std::to_string(last)});
        about.rows.push_back({"new transfer ties (firm - science)", split.new_ties});
        about.rows.push_back(
            {"not asked (partner no candidate, firm without needs, or "
             "tied already)",
             split.not_asked});
        about.rows.push_back({"queries (firms)", split.queries.size()});
        about.rows.push_back({"capacity", o->capacity == "ignore" ? "ignored (--capacity ignore)"
                                                                  : "as each setting says"});
        std::vector<Table> tables{about, means};
        if (o->resamples > 0) tables.push_back(intervals);
        if (!global.quiet) print_tables(std::cout, tables, global);
        record_reading_run(store, global,
                           {"evaluate transfer", describe_options(*transfer), global.seed});
      }};
}

}  // namespace verbund::cli
