// verbund find's search: folding (umlauts, case), ranking and limits, against a brute-force
// check of the match condition over every actor.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "verbund/analysis/actor_search.hpp"
#include "verbund/analysis/actor_selection.hpp"

using namespace verbund;

namespace {

core::Region names_region() {
  core::RegionBuilder b{core::Taxonomy{}};
  auto actor = [&](const char* id, const char* name, core::ActorKind kind) {
    core::ActorRecord r;
    r.id = id;
    r.name = name;
    r.kind = kind;
    r.municipality = "Mülheim an der Ruhr";
    b.add_actor(r);
  };
  actor("ude", "Universität Duisburg-Essen", core::ActorKind::university);
  actor("ude-ml", "Lehrstuhl für Maschinelles Lernen", core::ActorKind::research_group);
  actor("F1", "Müller Stahl GmbH", core::ActorKind::firm);
  actor("F2", "Stahlwerk Müllerstraße", core::ActorKind::firm);
  actor("F3", "Grosse Strasse Logistik", core::ActorKind::firm);
  actor("F4", "MUELLER", core::ActorKind::firm);
  actor("F5", "Essen Digital", core::ActorKind::firm);
  return std::move(b).build();
}

std::vector<std::string> ids(const core::Region& region,
                             const std::vector<analysis::ActorHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.emplace_back(region.external_id(h.actor));
  return out;
}

}  // namespace

TEST_CASE("find: case- and umlaut-tolerant, best matches first", "[analysis][find]") {
  const auto region = names_region();
  // ü = ue both ways; the exact name first, then the prefix, then inside a word.
  CHECK(ids(region, analysis::find_actors(region, "mueller")) ==
        std::vector<std::string>{"F4", "F1", "F2"});
  CHECK(ids(region, analysis::find_actors(region, "Müller")) ==
        std::vector<std::string>{"F4", "F1", "F2"});
  CHECK(ids(region, analysis::find_actors(region, "universitaet")) ==
        std::vector<std::string>{"ude"});
  CHECK(ids(region, analysis::find_actors(region, "straße")) ==
        std::vector<std::string>{"F3", "F2"});  // ß = ss; "Strasse" starts a word of F3
  // Umlauts dropped: "universitat", "Muller".
  CHECK(ids(region, analysis::find_actors(region, "universitat")) ==
        std::vector<std::string>{"ude"});
  // F1 starts with the text; F2 ("Stahlwerk Müllerstraße") has both words, in another order.
  CHECK(ids(region, analysis::find_actors(region, "Muller Stahl")) ==
        std::vector<std::string>{"F1", "F2"});
  // Words in any order.
  CHECK(ids(region, analysis::find_actors(region, "essen duisburg")) ==
        std::vector<std::string>{"ude"});
  // Ids match too; kind and limit restrict.
  CHECK(ids(region, analysis::find_actors(region, "ude-ml")) == std::vector<std::string>{"ude-ml"});
  CHECK(ids(region, analysis::find_actors(region, "essen", {.kind = core::ActorKind::firm})) ==
        std::vector<std::string>{"F5"});
  CHECK(analysis::find_actors(region, "stahl", {.limit = 1}).size() == 1);
  CHECK(analysis::find_actors(region, "   ").empty());
  CHECK(analysis::find_actors(region, "nothing like it").empty());
}

TEST_CASE("find: a hit exactly when the folded text is in the folded name or id (either folding)",
          "[analysis][find]") {
  const auto region = names_region();
  for (const std::string text : {"stahl", "e", "Lern", "ruhr", "gmbh", "F", "-", "ss"}) {
    const auto hits = analysis::find_actors(region, text, {.limit = 100});
    std::size_t expected = 0;
    for (std::uint32_t i = 0; i < region.size(); ++i) {
      const core::ActorId a{i};
      bool in = false;
      for (const auto fold : {analysis::fold_for_matching, analysis::fold_loosely}) {
        const auto wanted = fold(text);
        in = in || fold(region.name(a)).find(wanted) != std::string::npos ||
             fold(region.external_id(a)).find(wanted) != std::string::npos;
      }
      expected += in;
      const bool found = std::any_of(hits.begin(), hits.end(),
                                     [&](const analysis::ActorHit& h) { return h.actor == a; });
      CHECK(found == in);
    }
    CHECK(hits.size() == expected);
    CHECK(std::is_sorted(hits.begin(), hits.end(),
                         [](const auto& x, const auto& y) { return x.rank < y.rank; }));
  }
}
