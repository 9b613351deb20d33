// `verbund train partners`: learns partner recommendation from the consortia of project files
// (time splits: the network up to year t-1, the projects starting in t with one member hidden)
// and stores the model, with its provenance, for `recommend partners`.
#include <chrono>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "partner_model_use.hpp"
#include "verbund/error.hpp"
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
                       "model file (default: the database's name + .partner-model.json)");
  partners->add_option("--objective", o->objective, "XGBoost ranking objective")
      ->capture_default_str()
      ->check(CLI::IsMember({"rank:pairwise", "rank:ndcg"}));
  partners->add_option("--rounds", o->rounds, "boosting rounds")
      ->capture_default_str()
      ->check(CLI::Range(1, 5000));
  partners->add_option("--depth", o->depth, "tree depth")
      ->capture_default_str()
      ->check(CLI::Range(1, 16));
  partners->add_option("--hidden", o->hidden, "queries per project (members hidden in turn)")
      ->capture_default_str()
      ->check(CLI::Range(1, 50));
  partners
      ->add_option("--folds", o->folds,
                   "within-year splits per query year (0: time splits only; see README)")
      ->capture_default_str()
      ->check(CLI::Range(0, 20));
  return {train, [&global, o, partners] {
            if (!partners->parsed()) return;
            const std::filesystem::path file =
                o->model.empty() ? default_partner_model(global) : std::filesystem::path(o->model);
            const auto start = std::chrono::steady_clock::now();
            const auto model =
                match::train_partner_model(o->files, o->first, o->until,
                                           {.objective = o->objective,
                                            .rounds = o->rounds,
                                            .max_depth = o->depth,
                                            .seed = global.seed.value_or(1)},
                                           {.hidden_per_project = o->hidden, .folds = o->folds});
            model.save(file);
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            Table t{"partner model", {"key", "value"}, {}};
            t.rows.push_back({"file", file.string()});
            for (const auto& [key, value] : model.provenance()) t.rows.push_back({key, value});
            t.rows.push_back({"seconds", seconds});
            if (!global.quiet) print_tables(std::cout, {t}, global.format);
          }};
}

}  // namespace verbund::cli
