#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../core/region_fixture.hpp"
#include "verbund/analysis/actor_selection.hpp"

using namespace verbund;

namespace {

std::vector<std::string> ids_of(const core::Region& region,
                                const std::vector<std::string>& conditions) {
  std::vector<core::ActorCondition> parsed;
  for (const auto& c : conditions) parsed.push_back(core::ActorCondition::parse(c));
  std::vector<std::string> ids;
  for (const auto a : analysis::select_actors(region, parsed)) {
    ids.emplace_back(region.external_id(a));
  }
  return ids;
}

}  // namespace

TEST_CASE("folding ignores case and the spelling of umlauts", "[analysis][selection]") {
  using analysis::fold_for_matching;
  CHECK(fold_for_matching("Mülheim an der Ruhr") == "muelheim an der ruhr");
  CHECK(fold_for_matching("MÜLHEIM AN DER RUHR") == "muelheim an der ruhr");
  CHECK(fold_for_matching("Muelheim an der Ruhr") == "muelheim an der ruhr");
  CHECK(fold_for_matching("Größe Ärger") == "groesse aerger");
  CHECK(fold_for_matching("GROẞE") == "grosse");
  CHECK(fold_for_matching("Café") == "café");  // other letters: lower case only
  CHECK(fold_for_matching("CAFÉ") == "café");
  CHECK(fold_for_matching("a×b") == "a×b");  // the multiplication sign is no capital
  CHECK(fold_for_matching("") == "");
}

TEST_CASE("conditions select leniently, and exact matches always", "[analysis][selection]") {
  const core::Region region = core::build_region(test::small_region_data());
  using V = std::vector<std::string>;
  CHECK(ids_of(region, {"municipality=Mülheim an der Ruhr"}) == V{"f3"});
  CHECK(ids_of(region, {"municipality=muelheim an der ruhr"}) == V{"f3"});
  CHECK(ids_of(region, {"municipality=MÜLHEIM AN DER RUHR"}) == V{"f3"});
  CHECK(ids_of(region, {"municipality=essen", "kind=FIRM"}) == V{"f1"});
  CHECK(ids_of(region, {"municipality="}) == V{"f4"});  // no municipality
  CHECK(ids_of(region, {"export=YES"}) == V{"f1"});
  CHECK(ids_of(region, {"municipality=Mülheim"}).empty());  // a whole value, not a prefix
  CHECK(ids_of(region, {"colour=red"}).empty());
  // Exactly what core::ActorCondition matches, on every actor and condition it accepts.
  for (const auto* text : {"kind=firm", "municipality=Essen", "sector=", "website=f1.example"}) {
    const auto c = core::ActorCondition::parse(text);
    for (const auto a : analysis::select_actors(region, std::span(&c, 1))) {
      CHECK(c.matches(region, a));
    }
  }
}

TEST_CASE("the closest values come first in suggestions", "[analysis][selection]") {
  const core::Region region = core::build_region(test::small_region_data());
  const auto municipalities = analysis::values_of(region, "municipality");
  CHECK(municipalities == std::vector<std::string>{"Duisburg", "Essen", "Mülheim an der Ruhr"});
  // Contained in a value beats a short edit distance.
  CHECK(analysis::closest(municipalities, "mulheim", 1) ==
        std::vector<std::string>{"Mülheim an der Ruhr"});
  CHECK(analysis::closest(municipalities, "Esen", 1) == std::vector<std::string>{"Essen"});
  CHECK(analysis::closest(municipalities, "Duisberg", 2).front() == "Duisburg");
  CHECK(analysis::closest(municipalities, "x", 5).size() == 3);
  CHECK(analysis::selection_keys(region) ==
        std::vector<std::string>{"kind", "municipality", "sector", "theme", "export", "website"});
  CHECK(analysis::closest(analysis::selection_keys(region), "municipalty", 1) ==
        std::vector<std::string>{"municipality"});
}
