// `verbund find TEXT`: actors by name or id, as people type them ("muelheim", "universitat").
#include <iostream>
#include <memory>
#include <optional>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/analysis/actor_search.hpp"
#include "verbund/error.hpp"

namespace verbund::cli {

Verb add_find_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    std::string text;
    std::string kind;
    std::size_t limit = 20;
  };
  auto o = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand(
      "find",
      "Actors whose name or id contains TEXT: case-insensitive, ü = ue, ö = oe, ä = ae, ß = ss; "
      "best matches first");
  cmd->add_option("text", o->text, "part of a name or id")->required();
  cmd->add_option("--kind", o->kind, "only actors of this kind (firm, university, ...)");
  cmd->add_option("--limit", o->limit, "at most this many")
      ->capture_default_str()
      ->check(number_range(1, 1000000));
  return {
      cmd, [&global, o] {
        std::optional<core::ActorKind> kind;
        if (!o->kind.empty()) {
          kind = core::parse_actor_kind(o->kind);
          if (!kind) throw InvalidInput("--kind: unknown actor kind '" + o->kind + "'");
        }
        const io::Store store = open_store(global, /*create=*/false);
        const core::Region region = store.load_region();
        const auto hits = analysis::find_actors(region, o->text, {.kind = kind, .limit = o->limit});
        Table t{"actors", {"id", "kind", "name", "municipality", "match"}, {}};
        for (const auto& hit : hits) {
          t.rows.push_back({region.external_id(hit.actor),
                            std::string(to_string(region.kind(hit.actor))), region.name(hit.actor),
                            place_of(region, hit.actor),
                            std::string(analysis::to_string(hit.rank))});
        }
        if (hits.empty() && !global.quiet) {
          const auto de = global.lang == report::Lang::de;
          std::cerr << (de ? "verbund: Hinweis: kein Name und keine ID enthält '"
                           : "verbund: note: no actor's name or id contains '")
                    << o->text << "'"
                    << (kind ? (de ? " unter der Art " : " among kind ") + o->kind : std::string())
                    << "\n";
        }
        print_tables(std::cout, {t}, global);
      }};
}

}  // namespace verbund::cli
