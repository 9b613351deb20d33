// Store::update against an independent model: maps that apply the documented rules, whose
// result imported into a fresh store must equal the updated store row for row.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "../core/region_fixture.hpp"
#include "test_support.hpp"
#include "verbund/core/random.hpp"
#include "verbund/error.hpp"
#include "verbund/io/region_csv.hpp"
#include "verbund/io/store.hpp"

using namespace verbund;

namespace {

// The CSV export with its lines sorted: the same content whatever order rows were added in.
std::string sorted_export(const io::Store& store, const test::ScratchDir& dir) {
  io::write_region_csv(store.load_region(), dir.path());
  std::istringstream in(test::read_csv_export(dir.path()));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// The region as maps keyed the way update matches rows.
struct Model {
  std::map<std::string, core::ActorRecord> actors;
  std::map<std::tuple<std::string, core::CompetenceRole, std::string>, double> competences;
  std::map<std::string, core::TieRecord> ties;  // io::tie_key

  void set(const core::RegionData& d) {
    for (const auto& a : d.actors) actors[a.id] = a;
    std::set<std::pair<std::string, core::CompetenceRole>> replaced;
    for (const auto& c : d.competences) replaced.emplace(c.actor, c.role);
    std::erase_if(competences, [&](const auto& e) {
      return replaced.contains({std::get<0>(e.first), std::get<1>(e.first)});
    });
    for (const auto& c : d.competences) competences[{c.actor, c.role, c.competence}] = c.weight;
    for (const auto& t : d.ties) {
      // A matched tie keeps its stored direction (the same for an undirected kind).
      auto [it, fresh] = ties.emplace(io::tie_key(t), t);
      it->second.weight = t.weight;
      it->second.end = t.end;
    }
  }
  void erase(const std::string& id) {
    actors.erase(id);
    std::erase_if(competences, [&](const auto& e) { return std::get<0>(e.first) == id; });
    std::erase_if(ties,
                  [&](const auto& e) { return e.second.source == id || e.second.target == id; });
  }
  [[nodiscard]] core::RegionData data(const std::vector<core::TaxonomyRecord>& taxonomy) const {
    core::RegionData d;
    d.taxonomy = taxonomy;
    for (const auto& [id, a] : actors) d.actors.push_back(a);
    for (const auto& [key, w] : competences) {
      d.competences.push_back({std::get<0>(key), std::get<2>(key), std::get<1>(key), w, 0});
    }
    for (const auto& [key, t] : ties) d.ties.push_back(t);
    return d;
  }
};

const std::vector<core::TaxonomyRecord> taxonomy{{"t", "T", "T", "", 0},
                                                 {"c0", "C0", "C0", "t", 0},
                                                 {"c1", "C1", "C1", "t", 0},
                                                 {"c2", "C2", "C2", "t", 0}};

core::ActorRecord random_actor(core::RandomStream& rng, const std::string& id) {
  core::ActorRecord a;
  a.id = id;
  a.name = "Name " + std::to_string(rng.below(3));
  a.kind = rng.below(2) == 0 ? core::ActorKind::firm : core::ActorKind::university;
  a.municipality = rng.below(2) == 0 ? "Essen" : "";
  if (rng.below(2) == 0) a.employees = static_cast<int>(rng.below(3));
  if (rng.below(2) == 0) a.attributes.push_back({"note", std::to_string(rng.below(2))});
  return a;
}

core::TieRecord random_tie(core::RandomStream& rng, const std::vector<std::string>& ids) {
  const auto s = rng.below(ids.size());
  auto t = rng.below(ids.size() - 1);
  if (t >= s) ++t;
  const core::TieKind kinds[] = {core::TieKind::supply, core::TieKind::research};
  core::TieRecord tie{ids[s],
                      ids[t],
                      kinds[rng.below(2)],
                      1.0 + static_cast<double>(rng.below(3)),
                      std::nullopt,
                      std::nullopt,
                      0};
  if (rng.below(2) == 0) tie.start = 2015 + static_cast<int>(rng.below(2));
  if (rng.below(2) == 0) tie.end = 2020;
  return tie;
}

std::string update_error(io::Store& store, const core::RegionData& data,
                         const io::ActorDeletions& deletions = {}) {
  return test::invalid_input_message([&] { return store.update(data, deletions); });
}

}  // namespace

TEST_CASE("update then export equals a fresh import of the model's result", "[io][store]") {
  for (std::uint64_t seed = 1; seed <= 25; ++seed) {
    CAPTURE(seed);
    core::RandomStream rng(seed, 7);
    test::ScratchDir dir, out1, out2;
    Model model;
    std::vector<std::string> ids;
    core::RegionData initial;
    initial.taxonomy = taxonomy;
    for (int i = 0; i < 8; ++i) {
      ids.push_back("a" + std::to_string(i));
      initial.actors.push_back(random_actor(rng, ids.back()));
    }
    std::set<std::string> keys;
    for (int k = 0; k < 12; ++k) {
      const auto tie = random_tie(rng, ids);
      if (keys.insert(io::tie_key(tie)).second) initial.ties.push_back(tie);
    }
    for (const auto& id : ids) {
      for (int c = 0; c < 3; ++c) {
        if (rng.below(2) == 0)
          initial.competences.push_back(
              {id, "c" + std::to_string(c),
               rng.below(2) == 0 ? core::CompetenceRole::offer : core::CompetenceRole::need, 0.5,
               0});
      }
    }
    std::erase_if(initial.competences, [&, seen = std::set<std::string>()](const auto& c) mutable {
      return !seen.insert(c.actor + c.competence + std::string(to_string(c.role))).second;
    });
    model.set(initial);
    io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
    store.append(initial);

    // The batch: some actors changed, two new ones, competences of some (actor, role) replaced,
    // ties changed or new; some untouched actors deleted.
    core::RegionData batch;
    std::vector<std::string> all = ids;
    for (const auto& id : ids) {
      if (rng.below(3) == 0) batch.actors.push_back(random_actor(rng, id));
    }
    for (int i = 0; i < 2; ++i) {
      all.push_back("n" + std::to_string(i));
      batch.actors.push_back(random_actor(rng, all.back()));
    }
    for (int k = 0; k < 3; ++k) {
      const std::string& actor = all[rng.below(all.size())];
      const auto role =
          rng.below(2) == 0 ? core::CompetenceRole::offer : core::CompetenceRole::need;
      for (int c = 0; c < 3; ++c) {
        if (rng.below(2) == 0)
          batch.competences.push_back({actor, "c" + std::to_string(c), role,
                                       0.25 * (1.0 + static_cast<double>(rng.below(3))), 0});
      }
    }
    std::erase_if(batch.competences, [&, seen = std::set<std::string>()](const auto& c) mutable {
      return !seen.insert(c.actor + c.competence + std::string(to_string(c.role))).second;
    });
    std::set<std::string> batch_keys;
    for (const auto& t : initial.ties) {
      if (rng.below(3) == 0) {
        auto changed = t;
        changed.weight = 5.0;
        if (rng.below(2) == 0) std::swap(changed.source, changed.target);
        if (changed.kind == core::TieKind::supply) std::swap(changed.source, changed.target);
        batch.ties.push_back(changed);
        batch_keys.insert(io::tie_key(changed));
      }
    }
    for (int k = 0; k < 4; ++k) {
      const auto tie = random_tie(rng, all);
      if (batch_keys.insert(io::tie_key(tie)).second) batch.ties.push_back(tie);
    }
    std::set<std::string> referenced;
    for (const auto& a : batch.actors) referenced.insert(a.id);
    for (const auto& c : batch.competences) referenced.insert(c.actor);
    for (const auto& t : batch.ties) referenced.insert({t.source, t.target});
    io::ActorDeletions deletions;
    for (const auto& id : ids) {
      if (!referenced.contains(id) && rng.below(2) == 0) deletions.entries.push_back({id, 0});
    }

    const std::size_t ties_before = model.ties.size();
    model.set(batch);
    const std::size_t ties_after_set = model.ties.size();
    for (const auto& e : deletions.entries) model.erase(e.id);

    const auto summary = store.update(batch, deletions);
    CHECK(summary.actors.added == 2);
    CHECK(summary.actors.deleted == static_cast<std::int64_t>(deletions.entries.size()));
    CHECK(summary.ties.added == static_cast<std::int64_t>(ties_after_set - ties_before));

    io::Store fresh = io::Store::open(dir / "fresh.db", io::OpenMode::create_if_missing);
    fresh.append(model.data(taxonomy));
    CHECK(sorted_export(store, out1) == sorted_export(fresh, out2));
    CHECK(store.counts().actors == fresh.counts().actors);
    CHECK(store.counts().ties == fresh.counts().ties);
  }
}

TEST_CASE("update keeps what the file has no column for; an empty attribute cell removes it",
          "[io][store]") {
  test::ScratchDir dir;
  io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
  store.append(test::small_region_data());
  test::write_file(dir / "a.csv",
                   "id,name,kind,municipality,lat,lon,website\n"
                   "f1,Renamed,firm,Essen,51.45,7.02,\n"                     // website removed
                   "f2,Name of f2,firm,Duisburg,51.43,6.76,new.example\n");  // same fields
  io::RegionCsvFiles files;
  files.actors = dir / "a.csv";
  const auto summary = store.update(io::read_region_csv(files));
  CHECK(summary.actors == io::RowChanges{0, 1, 1, 0});
  CHECK(summary.attributes == io::RowChanges{1, 0, 1, 1});  // f2 website; f1 export; f1 website
  const auto region = store.load_region();
  const auto f1 = *region.find("f1");
  CHECK(region.name(f1) == "Renamed");
  CHECK(region.employees(f1) == 5);  // no employees column: kept
  CHECK_FALSE(region.attribute(f1, "website").has_value());
  CHECK(region.attribute(f1, "export") == "yes");  // no export column: kept
  CHECK(region.attribute(*region.find("f2"), "website") == "new.example");
  CHECK(region.parent(*region.find("grp")) == region.find("uni"));
}

TEST_CASE("update replaces competences per actor and role, matches ties and memberships",
          "[io][store]") {
  test::ScratchDir dir;
  io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
  store.append(test::small_region_data());
  core::RegionData batch;
  using core::CompetenceRole;
  // f1 offered circ (0.4) and needed ai: its offers become {h2}, its need stays.
  batch.competences = {{"f1", "h2", CompetenceRole::offer, 0.3, 0}};
  batch.ties = {{"uni", "f1", core::TieKind::research, 4.0, 2015, 2020, 0},  // reversed: same tie
                {"f2", "f1", core::TieKind::supply, 1.0, std::nullopt, std::nullopt, 0},  // new
                {"f2", "f3", core::TieKind::supply, 0.7, 2010, std::nullopt, 0}};  // unchanged
  batch.memberships = {{"f3", "clu", 2019, 2023, 0}, {"f4", "clu", 2024, std::nullopt, 0}};
  const auto summary = store.update(batch);
  CHECK(summary.actor_competences == io::RowChanges{1, 0, 0, 1});
  CHECK(summary.ties == io::RowChanges{1, 1, 1, 0});
  CHECK(summary.memberships == io::RowChanges{1, 1, 0, 0});
  const auto region = store.load_region();
  const auto f1 = *region.find("f1");
  REQUIRE(region.offers(f1).size() == 1);
  CHECK(region.offers(f1)[0].weight == Approx(0.3));
  CHECK(region.needs(f1).size() == 1);
  CHECK(region.ties().size() == 6);
  const auto& research = region.ties()[0];
  CHECK(research.weight == 4.0);
  CHECK(research.end == 2020);
}

TEST_CASE("deleting actors takes their rows along; a parent only with its research groups",
          "[io][store]") {
  test::ScratchDir dir;
  io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
  store.append(test::small_region_data());
  const std::string before = test::dump_database(dir / "v.db");
  io::ActorDeletions uni_only{{{"uni", 2}}, {"gone.csv", {"id"}}};
  CHECK_THAT(update_error(store, {}, uni_only),
             Catch::Contains("gone.csv:2:1: cannot delete 'uni'") &&
                 Catch::Contains("research group(s) 'grp'"));
  CHECK(test::dump_database(dir / "v.db") == before);
  // With its group it goes.
  io::ActorDeletions both{{{"grp", 2}, {"f2", 3}, {"uni", 4}}, {"gone.csv", {"id"}}};
  const auto summary = store.update({}, both);
  CHECK(summary.actors.deleted == 3);
  CHECK(summary.ties.deleted == 5);  // every tie touches one of them
  CHECK(summary.memberships.deleted == 2);
  CHECK(summary.actor_competences.deleted == 3);
  CHECK(store.counts().actors == 5);
  CHECK(store.counts().ties == 0);
}

TEST_CASE("a research group given another parent in the same update frees its parent",
          "[io][store]") {
  test::ScratchDir dir;
  io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
  auto data = test::small_region_data();
  data.actors.push_back(data.actors[0]);
  data.actors.back().id = "uni2";
  store.append(data);
  core::RegionData move;
  move.actors.push_back(data.actors[1]);  // grp, now under uni2
  move.actors[0].parent = "uni2";
  const auto summary = store.update(move, {{{"uni", 0}}, {}});
  CHECK(summary.actors == io::RowChanges{0, 1, 0, 1});
  const auto region = store.load_region();
  CHECK(region.parent(*region.find("grp")) == region.find("uni2"));
  CHECK_FALSE(region.find("uni").has_value());
}

TEST_CASE("a bad update or deletion names its place and leaves the store as it was",
          "[io][store]") {
  test::ScratchDir dir;
  io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
  store.append(test::small_region_data());
  const std::string before = test::dump_database(dir / "v.db");
  const core::TableOrigin actors_file{"a.csv",
                                      {"id", "name", "kind", "municipality", "lat", "lon"}};
  const core::TableOrigin gone{"gone.csv", {"id"}};
  auto actor = [](std::string id, core::ActorKind kind, std::size_t line) {
    core::ActorRecord a;
    a.id = std::move(id);
    a.name = "X";
    a.kind = kind;
    a.line = line;
    return a;
  };
  struct Case {
    std::string what;
    core::RegionData data;
    io::ActorDeletions deletions;
    std::string expected;
  };
  std::vector<Case> cases;
  const core::RegionData nothing;
  const io::ActorDeletions none;
  auto deleting = [&](std::vector<io::ActorDeletions::Entry> entries) {
    return io::ActorDeletions{std::move(entries), gone};
  };
  cases.push_back({"unknown id to delete", nothing, deleting({{"nobody", 2}}),
                   "gone.csv:2:1: actor 'nobody' is not"});
  cases.push_back({"listed twice", nothing, deleting({{"f4", 2}, {"f4", 3}}),
                   "gone.csv:3:1: actor 'f4' is listed for deletion twice (first on line 2)"});
  {
    core::RegionData d;
    d.actors_origin = actors_file;
    d.actors.push_back(actor("f4", core::ActorKind::firm, 2));
    cases.push_back({"updated and deleted", d, deleting({{"f4", 5}}),
                     "a.csv:2:1: actor 'f4' is both updated here and deleted (gone.csv:5:1)"});
  }
  {
    // uni becomes a firm while its research group stays: the group's parent kind is wrong.
    core::RegionData d;
    d.actors_origin = actors_file;
    d.actors.push_back(actor("uni", core::ActorKind::firm, 4));
    cases.push_back({"parent kind", d, none,
                     "a.csv:4:3: research group 'grp' would have parent 'uni' of kind firm"});
  }
  {
    // A cycle through a stored actor: uni's parent becomes grp, whose parent is uni.
    core::RegionData d;
    d.actors_origin = actors_file;
    d.actors_origin.header.push_back("parent");
    d.actors.push_back(actor("uni", core::ActorKind::university, 3));
    d.actors.back().parent = "grp";
    cases.push_back(
        {"cycle", d, none, "a.csv:3:7: parents would form a cycle: 'uni' -> 'grp' -> 'uni'"});
  }
  {
    core::RegionData d;
    d.actors_origin = actors_file;
    d.actors.push_back(actor("clu", core::ActorKind::firm, 2));
    cases.push_back(
        {"group kind", d, none, "a.csv:2:3: 'f2' is a member of 'clu', which would be a firm"});
  }
  {
    core::RegionData d;
    d.ties_origin = {"t.csv", {"source", "target", "kind", "weight", "start", "end"}};
    d.ties = {{"f1", "f4", core::TieKind::informal, 1, 2015, std::nullopt, 2},
              {"f4", "f1", core::TieKind::informal, 2, 2015, std::nullopt, 3}};
    cases.push_back({"tie twice", d, none,
                     "t.csv:3:1: duplicate tie: 'f4' -- 'f1' (informal, start 2015) is given twice "
                     "(first on line 2)"});
  }
  {
    core::RegionData d;
    d.ties_origin = {"t.csv", {"source", "target", "kind", "weight", "start", "end"}};
    d.ties = {{"f1", "f4", core::TieKind::informal, 1, 2015, std::nullopt, 2}};
    cases.push_back(
        {"tie to a deleted actor", d, deleting({{"f4", 2}}), "t.csv:2:2: unknown actor 'f4'"});
  }
  for (const auto& c : cases) {
    CAPTURE(c.what);
    CHECK_THAT(update_error(store, c.data, c.deletions), Catch::Contains(c.expected));
    CHECK(test::dump_database(dir / "v.db") == before);
  }
}

TEST_CASE("a plain append refuses a tie that is stored already", "[io][store]") {
  test::ScratchDir dir;
  io::Store store = io::Store::open(dir / "v.db", io::OpenMode::create_if_missing);
  store.append(test::small_region_data());
  core::RegionData again;
  again.ties_origin = {"t.csv", {"source", "target", "kind", "weight", "start", "end"}};
  again.ties = {{"f4", "f1", core::TieKind::informal, 1, 2015, std::nullopt, 2},
                {"uni", "f1", core::TieKind::research, 2, 2015, std::nullopt, 3}};
  CHECK_THROWS_WITH(store.append(again),
                    Catch::Contains("t.csv:3:1: tie 'uni' -- 'f1' (research, start 2015) is "
                                    "already stored") &&
                        Catch::Contains("--update"));
  CHECK(store.counts().ties == 5);
  again.ties[1].start = 2016;  // another start: another tie
  store.append(again);
  CHECK(store.counts().ties == 7);
}
