// `verbund evaluate transfer`: how well each transfer weight setting ranks the transfer
// partnerships that formed after a cut year (the network known up to it): hits@1/5/10, MRR and
// NDCG@10 with 95 % bootstrap intervals.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/io/text_format.hpp"
#include "verbund/match/transfer_outcome.hpp"
#include "verbund/match/weights_file.hpp"
#include "verbund/report/terms.hpp"

namespace verbund::cli {

namespace {

// "0.013 – 0.352"; with a decimal comma in a German text table.
std::string interval(const match::OutcomeEstimate& e, report::Lang lang) {
  auto f = [lang](double v) {
    auto text = io::format_double(std::round(v * 1000.0) / 1000.0);
    if (lang == report::Lang::de) std::replace(text.begin(), text.end(), '.', ',');
    return text;
  };
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
      ->check(number_range(0, 100000));  // 1..99 refused below: too few for a 95 % interval
  transfer
      ->add_option("--capacity", o->capacity,
                   "ignore: rank as if no candidate were full (a history made without "
                   "capacities is judged on the score); apply: as each setting says")
      ->capture_default_str()
      ->check(one_of({"ignore", "apply"}));
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
        std::optional<int> data_last;  // the latest year a tie starts in
        for (const auto& t : region.ties())
          if (t.start) data_last = std::max(data_last.value_or(*t.start), *t.start);
        if (data_last) last = std::max(last, *data_last);
        if (o->last) {
          // Years the data does not reach would count as years without new partnerships.
          if (!data_last || *o->last > *data_last)
            throw InvalidInput(
                "--last " + std::to_string(*o->last) + ": beyond the data, " +
                (data_last ? "whose ties start in " + std::to_string(*data_last) + " at the latest"
                           : std::string("which holds no tie with a start year")) +
                "; give --last " + (data_last ? std::to_string(*data_last) : "YEAR") +
                " or less, or leave it out");
          last = *o->last;
        }
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
        const auto interval_lang = global.format == Format::table ? global.lang : report::Lang::en;
        for (auto& s : settings) {
          if (o->capacity == "ignore") s.weights = match::capacity_ignored(s.weights);
          const auto m = match::outcome_metrics(match::outcome_ranks(split, s), o->resamples, seed);
          means.rows.push_back({s.name, m.queries, m.hits_at_1.mean, m.hits_at_5.mean,
                                m.hits_at_10.mean, m.mrr.mean, m.ndcg_at_10.mean});
          intervals.rows.push_back(
              {s.name, interval(m.hits_at_1, interval_lang), interval(m.hits_at_5, interval_lang),
               interval(m.hits_at_10, interval_lang), interval(m.mrr, interval_lang),
               interval(m.ndcg_at_10, interval_lang)});
        }
        // Row labels and words in the language of a text table.
        const auto said = [&global](std::string_view label) {
          return std::string(global.format == Format::table ? report::term(global.lang, label)
                                                            : label);
        };
        Table about{"outcome split", {"key", "value"}, {}};
        about.rows.push_back({said("network known up to"), o->until});
        about.rows.push_back(
            {said("partnerships of"), std::to_string(o->until + 1) + ".." + std::to_string(last)});
        about.rows.push_back({said("new transfer ties (firm - science)"), split.new_ties});
        about.rows.push_back(
            {said("not asked (partner no candidate, firm without needs, or tied already)"),
             split.not_asked});
        about.rows.push_back({said("queries (firms)"), split.queries.size()});
        about.rows.push_back(
            {said("capacity"), said(o->capacity == "ignore" ? "ignored (--capacity ignore)"
                                                            : "as each setting says")});
        std::vector<Table> tables{about, means};
        if (o->resamples > 0) tables.push_back(intervals);
        if (!global.quiet) print_tables(std::cout, tables, global);
        record_reading_run(store, global,
                           {"evaluate transfer", describe_options(*transfer), global.seed});
      }};
}

}  // namespace verbund::cli
