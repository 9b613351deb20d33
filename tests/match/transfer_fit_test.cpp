// Transfer scores that put fit first: the competence relation matrix (taxonomy, CSV, store),
// distance as a factor on fit, and chairs before universities.
#include <catch2/catch.hpp>

#include <cmath>

#include "test_support.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/error.hpp"
#include "verbund/io/region_csv.hpp"
#include "verbund/io/store.hpp"
#include "verbund/match/recommend.hpp"

using namespace verbund;
using core::ActorId;
using core::CompetenceId;

namespace {

// 1 degree of latitude in km (the geo module's sphere).
constexpr double km_per_degree = 6371.0088 * 3.14159265358979323846 / 180.0;

struct RareNeed {
  core::Region region;
  ActorId firm, near, far;
};

/// A firm in Essen needs a rare competence `rare` (weight 1) and two common ones (0.75). `near` (5
/// km, same town) offers the two common ones and `rare2`, related to `rare` with strength 0.6;
/// `far` (28 km) offers `rare` itself and nothing else. Two more groups, 60 km away, offer the
/// common ones.
RareNeed rare_need_region() {
  core::Taxonomy tax;
  const auto t = tax.add_theme({"t", "T", "T"});
  const auto rare = tax.add_competence("rare", "", "", t);
  const auto rare2 = tax.add_competence("rare2", "", "", t);
  const auto c1 = tax.add_competence("c1", "", "", t);
  const auto c2 = tax.add_competence("c2", "", "", t);
  tax.add_competence("unrelated", "", "", t);  // same theme, no relation to anything
  tax.relate(rare, rare2, 0.6F);
  core::RegionBuilder b(tax);
  auto actor = [&](const char* id, core::ActorKind kind, const char* town, double km_north) {
    core::ActorRecord r;
    r.id = r.name = id;
    r.kind = kind;
    r.municipality = town;
    r.location = core::GeoPoint{51.45 + km_north / km_per_degree, 7.0};
    return b.add_actor(r);
  };
  RareNeed out;
  out.firm = actor("firm", core::ActorKind::firm, "Essen", 0.0);
  out.near = actor("near", core::ActorKind::research_group, "Essen", 5.0);
  out.far = actor("far", core::ActorKind::research_group, "Marl", 28.0);
  const auto x1 = actor("x1", core::ActorKind::research_group, "Hamm", 60.0);
  const auto x2 = actor("x2", core::ActorKind::research_group, "Hamm", 60.0);
  const auto odd = actor("odd", core::ActorKind::research_group, "Essen", 1.0);
  using core::CompetenceRole;
  b.add_competence(out.firm, rare, CompetenceRole::need, 1.0F);
  for (const auto c : {c1, c2}) b.add_competence(out.firm, c, CompetenceRole::need, 0.75F);
  for (const auto c : {rare2, c1, c2}) b.add_competence(out.near, c, CompetenceRole::offer, 1.0F);
  b.add_competence(out.far, rare, CompetenceRole::offer, 1.0F);
  for (const auto x : {x1, x2}) {
    b.add_competence(x, c1, CompetenceRole::offer, 1.0F);
    b.add_competence(x, c2, CompetenceRole::offer, 1.0F);
  }
  b.add_competence(odd, CompetenceId{4}, CompetenceRole::offer, 1.0F);
  out.region = std::move(b).build();
  return out;
}

}  // namespace

TEST_CASE("the firm's rarest need, offered directly, beats a closer related-only partner",
          "[match][score][transfer-fit]") {
  const auto s = rare_need_region();
  const match::TransferScorer scorer(s.region, {});
  const auto needs = match::needs_of(s.region, s.firm);
  const auto near = *scorer.score(s.firm, needs, s.near);
  const auto far = *scorer.score(s.firm, needs, s.far);
  CHECK(near.proximity == Approx(std::exp2(-5.0 / 20.0)).epsilon(1e-3));
  CHECK(far.proximity == Approx(std::exp2(-28.0 / 20.0)).epsilon(1e-3));
  REQUIRE(far.fit > near.fit);
  // The instance is one where the former additive proximity term (0.25 x decay, plus the same
  // municipality) would put the closer partner first: the test can fail.
  const double old_near = near.fit + 0.25 * near.proximity + 0.05 * near.same_municipality;
  const double old_far = far.fit + 0.25 * far.proximity + 0.05 * far.same_municipality;
  REQUIRE(old_near > old_far);
  // Now: distance scales the fit.
  CHECK(far.total > near.total);
  const auto top = match::recommend(scorer, s.firm, needs, 3);
  REQUIRE(top.size() >= 2);
  CHECK(top[0].candidate == s.far);
  CHECK(top[1].candidate == s.near);
  const auto brute = match::recommend_brute_force(scorer, s.firm, needs, 3);
  REQUIRE(brute.size() == top.size());
  for (std::size_t i = 0; i < top.size(); ++i) CHECK(brute[i].candidate == top[i].candidate);

  // The related credit is the stated strength, and an unrelated competence of the same theme
  // earns nothing: "odd" (1 km away) is no candidate for the rare need.
  const auto why = scorer.explain(s.firm, needs, s.near);
  REQUIRE(why.needs.size() == 3);
  CHECK(why.needs[0].within_theme);
  CHECK(why.needs[0].similarity == Approx(0.6));
  const std::vector<match::Need> only_rare{{CompetenceId{0}, 1.0F}};
  CHECK_FALSE(scorer.score(s.firm, only_rare, *s.region.find("odd")).has_value());
  const auto rare_top = match::recommend(scorer, s.firm, only_rare, 10);
  REQUIRE(rare_top.size() == 2);  // far (directly), near (related); never odd
  CHECK(rare_top[0].candidate == s.far);
}

TEST_CASE("taxonomy similarity: 1 on the diagonal, stated strengths, 0 else",
          "[match][transfer-fit]") {
  core::Taxonomy tax;
  const auto t = tax.add_theme({"t", "T", "T"});
  const auto a = tax.add_competence("a", "", "", t), b = tax.add_competence("b", "", "", t),
             c = tax.add_competence("c", "", "", t);
  tax.relate(b, a, 0.4F);
  tax.relate(a, b, 0.4F);  // the same pair again, same strength: accepted
  CHECK(tax.similarity(a, a) == 1.0);
  CHECK(tax.similarity(a, b) == Approx(0.4));
  CHECK(tax.similarity(b, a) == Approx(0.4));
  CHECK(tax.similarity(a, c) == 0.0);
  CHECK(tax.relation_count() == 1);
  CHECK_THROWS_AS(tax.relate(a, b, 0.5F), InvalidInput);
  CHECK_THROWS_AS(tax.relate(a, a, 0.5F), InvalidInput);
  CHECK_THROWS_AS(tax.relate(a, c, 0.0F), InvalidInput);
  CHECK_THROWS_AS(tax.relate(a, c, 1.5F), InvalidInput);
  CHECK(tax.relation_count() == 1);
}

namespace {

struct RelationFiles {
  test::ScratchDir dir;
  explicit RelationFiles(const std::string& relations) {
    test::write_file(dir / "taxonomy.csv",
                     "id,label_en,label_de,theme\n"
                     "green,Green,Grün,\n"
                     "h2,Hydrogen,Wasserstoff,green\n"
                     "storage,Storage,Speicher,green\n"
                     "water,Water,Wasser,green\n");
    test::write_file(dir / "actors.csv",
                     "id,name,kind,municipality,lat,lon\n"
                     "u1,Universität,university,Essen,51.46,7.00\n");
    test::write_file(dir / "competences.csv", "actor,competence,role,weight\nu1,h2,offer,1\n");
    test::write_file(dir / "ties.csv", "source,target,kind,weight,start,end\n");
    test::write_file(dir / "memberships.csv", "actor,group,start,end\n");
    test::write_file(dir / "competence_relations.csv", "a,b,strength\n" + relations);
  }
  [[nodiscard]] core::RegionData read() const {
    return io::read_region_csv(io::RegionCsvFiles::in_directory(dir.path()));
  }
};

SourceLocation relation_error(const std::string& rows) {
  const RelationFiles files(rows);
  try {
    core::validate(files.read());
  } catch (const InvalidInput& e) {
    return e.where();
  }
  FAIL("no error for " << rows);
  return {};
}

}  // namespace

TEST_CASE("competence_relations.csv: read, stored, and bad rows named by line and column",
          "[match][io][transfer-fit]") {
  {
    const RelationFiles files("h2,storage,0.7\nwater,h2,0.3\n");
    const auto data = files.read();
    REQUIRE(data.competence_relations.size() == 2);
    test::ScratchDir db;
    io::Store store = io::Store::open(db / "v.db", io::OpenMode::create_if_missing);
    (void)store.append(data);
    const core::Region loaded = store.load_region();
    const auto& tax = loaded.taxonomy();
    const auto h2 = *tax.find_competence("h2"), storage = *tax.find_competence("storage"),
               water = *tax.find_competence("water");
    CHECK(tax.similarity(h2, storage) == Approx(0.7));
    CHECK(tax.similarity(water, h2) == Approx(0.3));
    CHECK(tax.similarity(water, storage) == 0.0);
    // Written back as CSV and read again: the same matrix.
    test::ScratchDir out;
    io::write_region_csv(loaded, out.path());
    const auto again =
        core::build_region(io::read_region_csv(io::RegionCsvFiles::in_directory(out.path())));
    CHECK(again.taxonomy().similarity(h2, storage) == Approx(0.7));
    CHECK(again.taxonomy().relation_count() == 2);
  }
  // Line 1 is the header; columns a = 1, b = 2, strength = 3.
  const auto unknown = relation_error("h2,storage,0.7\nh2,nuclear,0.5\n");
  CHECK(unknown.line == 3);
  CHECK(unknown.column == 2);
  CHECK(relation_error("h2,h2,0.5\n").column == 2);
  const auto range = relation_error("h2,storage,1.5\n");
  CHECK(range.line == 2);
  CHECK(range.column == 3);
  CHECK(relation_error("h2,storage,0\n").column == 3);
  const auto twice = relation_error("h2,storage,0.5\nwater,h2,0.2\nstorage,h2,0.6\n");
  CHECK(twice.line == 4);
  CHECK(twice.column == 3);
  CHECK_NOTHROW(core::validate(RelationFiles("h2,storage,0.5\nstorage,h2,0.5\n").read()));

  // A bad file leaves the database as it was.
  test::ScratchDir db;
  io::Store store = io::Store::open(db / "v.db", io::OpenMode::create_if_missing);
  CHECK_THROWS_AS(store.append(RelationFiles("h2,storage,2\n").read()), InvalidInput);
  CHECK(store.counts().actors == 0);
}

TEST_CASE("chairs before universities: a university competes only with what its chairs lack",
          "[match][score][transfer-fit]") {
  core::Taxonomy tax;
  const auto t = tax.add_theme({"t", "T", "T"});
  const auto x = tax.add_competence("x", "", "", t), y = tax.add_competence("y", "", "", t);
  core::RegionBuilder b(tax);
  auto actor = [&](const char* id, core::ActorKind kind, std::optional<ActorId> parent) {
    core::ActorRecord r;
    r.id = r.name = id;
    r.kind = kind;
    r.location = core::GeoPoint{51.45, 7.0};
    return b.add_actor(r, parent);
  };
  const auto firm = actor("firm", core::ActorKind::firm, std::nullopt);
  const auto uni = actor("uni", core::ActorKind::university, std::nullopt);
  const auto chair = actor("chair", core::ActorKind::research_group, uni);
  using core::CompetenceRole;
  b.add_competence(firm, x, CompetenceRole::need, 1.0F);
  b.add_competence(firm, y, CompetenceRole::need, 1.0F);
  b.add_competence(uni, x, CompetenceRole::offer, 1.0F);  // rolled up from its chair
  b.add_competence(uni, y, CompetenceRole::offer, 1.0F);  // the university's own
  b.add_competence(chair, x, CompetenceRole::offer, 0.8F);
  const core::Region region = std::move(b).build();
  const match::TransferScorer scorer(region, {});
  CHECK(scorer.candidates().size() == 2);
  const std::vector<match::Need> need_x{{x, 1.0F}}, need_y{{y, 1.0F}};
  const auto for_x = match::recommend(scorer, firm, need_x, 5);
  REQUIRE(for_x.size() == 1);
  CHECK(for_x[0].candidate == chair);  // not the university with its higher rolled-up weight
  const auto for_y = match::recommend(scorer, firm, need_y, 5);
  REQUIRE(for_y.size() == 1);
  CHECK(for_y[0].candidate == uni);
  // A university whose chairs cover everything it offers is no candidate.
  CHECK_FALSE(scorer.score(firm, need_x, uni).has_value());
}
