// `verbund train partners`: learns partner recommendation from the consortia of project files
// (time splits: the network up to year t-1, the projects starting in t with one member hidden)
// and stores the model, with its provenance, for `recommend partners`.
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "partner_model_use.hpp"
#include "verbund/error.hpp"
#include "verbund/io/partner_model_store.hpp"
#include "verbund/match/partner_learning.hpp"

namespace verbund::cli {

Verb add_train_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    io::ProjectFiles files;
    int until = 0;
    int first = 2015;
    std::string model;
    std::string objective = "rank:pairwise";
    int rounds = 100;
    int depth = 3;
    std::size_t hidden = 1;
    std::size_t folds = 3;
  };
  auto o = std::make_shared<State>();
  CLI::App* train = app.add_subcommand("train", "Learn from history");
  train->require_subcommand(1);
  CLI::App* partners = train->add_subcommand(
      "partners",
      "Learn partner recommendation from real consortia (XGBoost learning to rank) and store "
      "the model for `recommend partners`");
  partners->add_option("--until", o->until, "last year whose consortia are learned from")
      ->required();
  partners->add_option("--first", o->first, "first year whose consortia are learned from")
      ->capture_default_str();
  partners
      ->add_option("--participations", o->files.participations,
                   "project participations (rcn,pic,start_year,...)")
      ->required()
      ->check(CLI::ExistingFile);
  partners->add_option("--organisations", o->files.organisations, "organisations (pic,name,...)")
      ->required()
      ->check(CLI::ExistingFile);
  partners->add_option("--topics", o->files.topics, "project topics (rcn,programme_part)")
      ->check(CLI::ExistingFile);
  partners->add_option("--model", o->model,
                       "write the model to this file (default: store it in the database, where "
                       "`recommend partners` finds it)");
  partners->add_option("--objective", o->objective, "XGBoost ranking objective")
      ->capture_default_str()
      ->check(one_of({"rank:pairwise", "rank:ndcg"}));
  partners->add_option("--rounds", o->rounds, "boosting rounds")
      ->capture_default_str()
      ->check(number_range(1, 5000));
  partners->add_option("--depth", o->depth, "tree depth")
      ->capture_default_str()
      ->check(number_range(1, 16));
  partners->add_option("--hidden", o->hidden, "queries per project (members hidden in turn)")
      ->capture_default_str()
      ->check(number_range(1, 50));
  partners
      ->add_option("--folds", o->folds,
                   "within-year splits per query year (0: time splits only; see README)")
      ->capture_default_str()
      ->check(number_range(0, 20));
  return {train, [&global, o, partners] {
            if (!partners->parsed()) return;
            // Opened first: a database that cannot be written fails before minutes of training.
            std::optional<io::Store> store;
            if (o->model.empty()) store.emplace(open_store(global, /*create=*/true));
            const auto start = std::chrono::steady_clock::now();
            const auto model =
                match::train_partner_model(o->files, o->first, o->until,
                                           {.objective = o->objective,
                                            .rounds = o->rounds,
                                            .max_depth = o->depth,
                                            .seed = global.seed.value_or(1)},
                                           {.hidden_per_project = o->hidden, .folds = o->folds});
            std::string where;
            if (store) {
              const auto bytes = model.bytes();
              const auto id =
                  io::store_partner_model(*store, std::string_view(bytes.data(), bytes.size()));
              where = global.db + " (partner model #" + std::to_string(id) + ")";
            } else {
              model.save(o->model);
              where = o->model;
            }
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            Table t{"partner model", {"key", "value"}, {}};
            t.rows.push_back({"stored in", where});
            for (const auto& [key, value] : model.provenance()) t.rows.push_back({key, value});
            t.rows.push_back({"seconds", seconds});
            if (!global.quiet) print_tables(std::cout, {t}, global.format);
          }};
}

}  // namespace verbund::cli
