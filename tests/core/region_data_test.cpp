#include <catch2/catch.hpp>

#include "region_fixture.hpp"
#include "verbund/core/region.hpp"
#include "verbund/error.hpp"

using namespace verbund;
using core::RegionData;

namespace {

// Runs validate() and returns the error's location and message.
std::pair<SourceLocation, std::string> failure(const RegionData& d,
                                               const core::KnownContent& known = {}) {
  try {
    core::validate(d, known);
  } catch (const InvalidInput& e) {
    return {e.where(), e.detail()};
  }
  FAIL("validate() accepted bad data");
  return {};
}

RegionData from_files() {
  RegionData d = test::small_region_data();
  const std::vector<std::string> actor_cols{"id",       "name",   "kind",   "municipality",
                                            "lat",      "lon",    "parent", "employees",
                                            "capacity", "founded"};
  d.actors_origin = {"actors.csv", actor_cols};
  d.ties_origin = {"ties.csv", {"source", "target", "kind", "weight", "start", "end"}};
  d.competences_origin = {"competences.csv", {"actor", "competence", "role", "weight"}};
  d.memberships_origin = {"memberships.csv", {"actor", "group", "start", "end"}};
  d.taxonomy_origin = {"taxonomy.csv", {"id", "label_en", "label_de", "theme"}};
  std::size_t line = 2;
  for (auto& a : d.actors) a.line = line++;
  line = 2;
  for (auto& t : d.ties) t.line = line++;
  line = 2;
  for (auto& c : d.competences) c.line = line++;
  line = 2;
  for (auto& m : d.memberships) m.line = line++;
  line = 2;
  for (auto& t : d.taxonomy) t.line = line++;
  return d;
}

}  // namespace

TEST_CASE("valid data passes validation", "[core][validate]") {
  CHECK_NOTHROW(core::validate(from_files()));
}

TEST_CASE("every kind of bad record is reported with file, line and column", "[core][validate]") {
  RegionData d = from_files();
  SECTION("duplicate actor id") {
    d.actors[3].id = "f1";
    auto [where, message] = failure(d);
    CHECK(where.file == "actors.csv");
    CHECK(where.line == 5);
    CHECK(where.column == 1);
    CHECK(message == "duplicate actor id 'f1'");
  }
  SECTION("an id that already exists in the database") {
    core::KnownContent known;
    known.actor_kind = [](std::string_view id) -> std::optional<core::ActorKind> {
      if (id == "f2") return core::ActorKind::firm;
      return std::nullopt;
    };
    auto [where, message] = failure(d, known);
    CHECK(where.line == 5);
    CHECK(message == "duplicate actor id 'f2'");
  }
  SECTION("coordinates out of range") {
    d.actors[0].location = core::GeoPoint{91.0, 7.0};
    auto [where, message] = failure(d);
    CHECK(where.column == 5);
    CHECK_THAT(message, Catch::Contains("out of range"));
  }
  SECTION("negative capacity") {
    d.actors[2].capacity = -1;
    auto [where, message] = failure(d);
    CHECK(where.column == 9);
    CHECK(where.line == 4);
  }
  SECTION("research group without parent") {
    d.actors[1].parent.clear();
    auto [where, message] = failure(d);
    CHECK(where.column == 7);
    CHECK_THAT(message, Catch::Contains("needs a parent"));
  }
  SECTION("unknown parent") {
    d.actors[1].parent = "nowhere";
    CHECK(failure(d).second == "parent 'nowhere' of 'grp' is not a known actor");
  }
  SECTION("tie to an unknown actor") {
    d.ties[2].target = "ghost";
    auto [where, message] = failure(d);
    CHECK(where.file == "ties.csv");
    CHECK(where.line == 4);
    CHECK(where.column == 2);
    CHECK(message == "unknown actor 'ghost'");
  }
  SECTION("a tie to itself") {
    d.ties[0].target = d.ties[0].source;
    CHECK_THAT(failure(d).second, Catch::Contains("to itself"));
  }
  SECTION("non-finite or non-positive tie weight") {
    d.ties[1].weight = std::numeric_limits<double>::infinity();
    CHECK(failure(d).first.column == 4);
    d.ties[1].weight = 0.0;
    CHECK(failure(d).first.column == 4);
  }
  SECTION("tie weights outside [1e-6, 1e6], at the ends of the range accepted") {
    // Issue 12, defect 6: 1e308 and 1e200 imported and broke clustering and communities.
    for (const double bad :
         {1e308, 1e200, 1e6 * (1 + 1e-15), 1e-6 * (1 - 1e-15), 1e-300, -1.0, std::nan("")}) {
      d.ties[1].weight = bad;
      auto [where, message] = failure(d);
      CHECK(where.line == 3);
      CHECK(where.column == 4);
      CHECK_THAT(message, Catch::Contains("is out of range [1e-06, 1e+06]"));
    }
    d.ties[1].weight = core::max_tie_weight;
    d.ties[2].weight = core::min_tie_weight;
    CHECK_NOTHROW(core::validate(d));
  }
  SECTION("control characters in ids and names") {
    d.actors[2].name = std::string("F\0one", 5);
    auto [where, message] = failure(d);
    CHECK(where.line == 4);
    CHECK(where.column == 2);
    CHECK(message == "name of actor 'f1' holds control character U+0000 at byte 2");
    d.actors[2].name = "F1";
    d.actors[3].municipality = "Duis\nburg";
    CHECK(failure(d).second ==
          "municipality of actor 'f2' holds control character U+000A at byte 5");
  }
  SECTION("a research group whose parent is not science") {
    d.actors[1].parent = "f1";
    auto [where, message] = failure(d);
    CHECK(where.line == 3);
    CHECK(where.column == 7);
    CHECK_THAT(message, Catch::StartsWith("parent 'f1' of research group 'grp' has kind firm"));
  }
  SECTION("parents in a cycle, named by their ids") {
    d.actors.push_back(d.actors[1]);
    d.actors.back().id = "grp2";
    d.actors.back().line = 20;
    d.actors.back().parent = "grp";
    d.actors[1].parent = "grp2";
    auto [where, message] = failure(d);
    CHECK(where.line == 3);
    CHECK(message == "parents form a cycle: 'grp' -> 'grp2' -> 'grp'");
    // A group within a group within a university is fine.
    d.actors[1].parent = "uni";
    CHECK_NOTHROW(core::validate(d));
  }
  SECTION("end before start") {
    d.ties[4].end = 2015;
    auto [where, message] = failure(d);
    CHECK(where.column == 6);
    CHECK(message == "end year 2015 is before start year 2016");
  }
  SECTION("year out of range") {
    d.ties[4].start = 99999;
    CHECK(failure(d).first.column == 5);
  }
  SECTION("unknown competence") {
    d.competences[1].competence = "alchemy";
    auto [where, message] = failure(d);
    CHECK(where.file == "competences.csv");
    CHECK(where.column == 2);
    CHECK(message == "unknown competence 'alchemy'");
  }
  SECTION("competence weight out of (0, 1]") {
    d.competences[0].weight = 1.5;
    CHECK(failure(d).first.column == 4);
    d.competences[0].weight = std::nan("");
    CHECK(failure(d).first.column == 4);
  }
  SECTION("the same competence twice in one role") {
    d.competences.push_back(d.competences[0]);
    d.competences.back().line = 99;
    CHECK(failure(d).first.line == 99);
  }
  SECTION("membership in something that is not a group") {
    d.memberships[0].group = "f2";
    auto [where, message] = failure(d);
    CHECK(where.file == "memberships.csv");
    CHECK(where.column == 2);
    CHECK_THAT(message, Catch::Contains("not a group"));
  }
  SECTION("competence under an unknown theme") {
    d.taxonomy[2].theme = "nothing";
    auto [where, message] = failure(d);
    CHECK(where.file == "taxonomy.csv");
    CHECK(where.column == 4);
  }
  SECTION("duplicate competence id") {
    d.taxonomy[3].id = "h2";
    CHECK(failure(d).second == "duplicate competence id 'h2'");
  }
  SECTION("records built in memory name the record instead of a line") {
    RegionData m = test::small_region_data();
    m.ties[0].target = "ghost";
    auto [where, message] = failure(m);
    CHECK(where.file.empty());
    CHECK(message == "unknown actor 'ghost'");
  }
}
