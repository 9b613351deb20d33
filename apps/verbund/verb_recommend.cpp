// `verbund recommend partners`: who should join a partial consortium.
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "partner_model_use.hpp"
#include "verbund/error.hpp"
#include "verbund/match/partners.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/report/reasons.hpp"

namespace verbund::cli {

Verb add_recommend_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    std::vector<std::string> members;
    std::string call;
    std::size_t top = 10;
    bool include_existing = false;
    bool explain = false;
    std::string model;
    bool no_model = false;
  };
  auto o = std::make_shared<State>();
  CLI::App* recommend = app.add_subcommand("recommend", "Recommendations");
  recommend->require_subcommand(1);
  CLI::App* partners = recommend->add_subcommand(
      "partners",
      "Who should join a partial consortium: by ties, common partners, topic, needs "
      "and activity, or by the gain in a call's objective");
  partners->add_option("--members", o->members, "ids of the consortium so far")
      ->required()
      ->delimiter(',');
  partners->add_option("--call", o->call, "rank by this call's objective")
      ->check(CLI::ExistingFile);
  partners->add_option("--top", o->top, "how many")
      ->capture_default_str()
      ->check(number_range(1, 10000));
  partners->add_flag("--include-existing", o->include_existing,
                     "also propose actors tied to a member already, marked (columns existing, "
                     "existing_since: the earliest start of a tie with any member)");
  partners->add_flag("--explain", o->explain,
                     "say in words why each actor is proposed (in the language of --lang)");
  partners
      ->add_option("--model", o->model,
                   "learned model file from `train partners --model` (default: the model "
                   "`train partners` stored in the database, if any; not with --call)")
      ->check(CLI::ExistingFile);
  partners
      ->add_flag("--no-model", o->no_model,
                 "rank by the hand-weighted score even when a learned model is stored")
      ->excludes("--model");
  return {recommend, [&global, o, partners] {
            std::optional<match::Call> call;
            if (!o->call.empty()) call = match::load_call(o->call);
            io::Store store = open_store(global, /*create=*/false);
            const core::Region region = store.load_region();
            std::vector<core::ActorId> members;
            for (const auto& id : o->members) {
              const auto a = region.find(id);
              if (!a) throw InvalidInput("--members: unknown actor '" + id + "'");
              if (std::find(members.begin(), members.end(), *a) == members.end())
                members.push_back(*a);
            }
            if (call) match::check_call_against(*call, region);
            // A learned model, when given or stored (a call ranks by its own objective).
            if (const auto model = call || o->no_model
                                       ? std::nullopt
                                       : find_partner_model(global, store, o->model)) {
              print_learned_partners(global, model->first, model->second, region, members, o->top,
                                     o->include_existing);
              record_reading_run(store, global,
                                 {"recommend partners", describe_options(*partners), global.seed});
              return;
            }
            const match::TransferScorer scorer(region, {});
            const auto found = match::recommend_partners(scorer, members,
                                                         {.top = o->top,
                                                          .call = call ? &*call : nullptr,
                                                          .include_existing = o->include_existing,
                                                          .one_per_family = true});
            std::vector<std::string> columns{"rank", "id", "name", "kind", "municipality", "score"};
            if (call) {
              columns.insert(columns.end(), {"objective with it", "rule deficits left"});
            } else {
              columns.insert(columns.end(), {"ties", "evidence", "topic", "needs", "activity"});
            }
            if (o->include_existing) columns.insert(columns.end(), {"existing", "existing_since"});
            Table t{"partners", columns, {}};
            Table words{"reasons in words", {"rank", "id", "sentence"}, {}};
            for (std::size_t r = 0; r < found.size(); ++r) {
              const auto& p = found[r];
              std::vector<Json> row{r + 1,
                                    region.external_id(p.actor),
                                    name_with_parent(region, p.actor),
                                    std::string(to_string(region.kind(p.actor))),
                                    place_of(region, p.actor),
                                    p.score};
              if (call) {
                row.insert(row.end(), {p.objective, p.deficits});
              } else {
                row.insert(row.end(), {p.ties, p.evidence, p.topic, p.needs, p.activity});
              }
              if (o->include_existing) {
                // Tied to any member: since the earliest start of those ties.
                std::optional<match::ExistingPartnership> existing;
                for (const auto m : members) {
                  const auto e = match::existing_partnership(region, m, p.actor);
                  if (!e) continue;
                  if (!existing) existing = match::ExistingPartnership{};
                  if (e->since && (!existing->since || *e->since < *existing->since))
                    existing->since = e->since;
                }
                row.emplace_back(existing.has_value());
                row.push_back(existing && existing->since ? Json(*existing->since) : Json(nullptr));
              }
              t.rows.push_back(std::move(row));
              if (o->explain) {
                for (const auto& s : report::partner_reasons(p, call.has_value(), global.lang))
                  words.rows.push_back({r + 1, region.external_id(p.actor), s});
              }
            }
            std::vector<Table> tables{t};
            if (o->explain) tables.push_back(words);
            print_tables(std::cout, tables, global);
            record_reading_run(store, global,
                               {"recommend partners", describe_options(*partners), global.seed});
          }};
}

}  // namespace verbund::cli
