#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "region_fixture.hpp"
#include "verbund/core/random.hpp"
#include "verbund/core/region.hpp"
#include "verbund/core/region_select.hpp"
#include "verbund/error.hpp"

using namespace verbund::core;

namespace {

// Brute force: the neighbour list of `a` straight from the tie list.
std::vector<std::pair<std::uint32_t, std::uint32_t>> neighbours_from_ties(const Region& r,
                                                                          ActorId a) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (std::uint32_t t = 0; t < r.tie_count(); ++t) {
    const Tie& tie = r.ties()[t];
    if (tie.source == a) out.emplace_back(tie.target.value, t);
    if (tie.target == a) out.emplace_back(tie.source.value, t);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a region built from records answers every lookup", "[core][region]") {
  const Region r = build_region(verbund::test::small_region_data());
  REQUIRE(r.size() == 8);
  REQUIRE(r.tie_count() == 5);

  const ActorId uni = *r.find("uni"), grp = *r.find("grp"), f1 = *r.find("f1"), f2 = *r.find("f2"),
                f3 = *r.find("f3"), f4 = *r.find("f4"), ihk = *r.find("ihk"), clu = *r.find("clu");
  CHECK_FALSE(r.find("nobody").has_value());
  CHECK(r.external_id(f2) == "f2");
  CHECK(r.name(f3) == "Name of f3");
  CHECK(r.kind(grp) == ActorKind::research_group);
  CHECK(r.parent(grp) == uni);
  CHECK_FALSE(r.parent(uni).has_value());

  SECTION("attributes and size classes") {
    CHECK(r.size_class(f1) == FirmSize::micro);
    CHECK(r.size_class(f2) == FirmSize::medium);
    CHECK(r.size_class(f3) == FirmSize::large);
    CHECK_FALSE(r.size_class(f4).has_value());
    CHECK_FALSE(r.location(f4).has_value());
    CHECK(r.location(f1)->lat == 51.45);
    REQUIRE(r.attributes(f1).size() == 2);
    CHECK(r.attributes(f1)[0].key == "export");  // sorted by key
    CHECK(r.attribute(f1, "website") == "f1.example");
    CHECK_FALSE(r.attribute(f2, "website").has_value());
  }

  SECTION("municipalities are interned and sorted, with umlauts intact") {
    REQUIRE(r.municipality_count() == 3);
    CHECK(r.municipality_name(MunicipalityId{0}) == "Duisburg");
    CHECK(r.municipality_name(MunicipalityId{2}) == "Mülheim an der Ruhr");
    const auto essen = *r.find_municipality("Essen");
    CHECK(std::vector<ActorId>(r.actors_in(essen).begin(), r.actors_in(essen).end()) ==
          std::vector<ActorId>{uni, grp, f1, ihk});
    CHECK_FALSE(r.municipality(f4).has_value());
  }

  SECTION("actors by kind") {
    auto firms = r.actors_of_kind(ActorKind::firm);
    CHECK(std::vector<ActorId>(firms.begin(), firms.end()) == std::vector<ActorId>{f1, f2, f3, f4});
    CHECK(r.actors_of_kind(ActorKind::transfer_office).empty());
  }

  SECTION("competence vectors are sorted by competence id") {
    const auto offers = r.offers(uni);
    REQUIRE(offers.size() == 2);
    CHECK(offers[0].competence < offers[1].competence);
    CHECK(r.taxonomy().competence(r.needs(f1)[0].competence).id == "ai");
    CHECK(r.needs(f1)[0].weight == 1.0F);
    CHECK(r.offers(f2).empty());
  }

  SECTION("adjacency: parallel ties kept, both directions, sorted") {
    CHECK(r.degree(f2) == 3);
    CHECK(r.degree(f4) == 0);
    CHECK(r.connected(f2, f3));
    CHECK(r.connected(f3, f2));
    CHECK_FALSE(r.connected(f1, f3));
    const auto n = r.neighbours(f3);
    CHECK(n[0].actor == grp);  // grp (id 1) sorts before f2 (id 3)
    CHECK(r.tie(n[1].tie).kind == TieKind::supply);
    CHECK(r.tie(n[2].tie).kind == TieKind::informal);
    CHECK(r.tie(n[0].tie).active_in(2017));
    CHECK_FALSE(r.tie(n[0].tie).active_in(2019));
  }

  SECTION("memberships both ways") {
    CHECK(std::vector<ActorId>(r.groups_of(f2).begin(), r.groups_of(f2).end()) ==
          std::vector<ActorId>{ihk, clu});
    CHECK(std::vector<ActorId>(r.members_of(clu).begin(), r.members_of(clu).end()) ==
          std::vector<ActorId>{f2, f3});
    CHECK(r.members_of(f1).empty());
  }
  CHECK(r.memory_bytes() > 0);
}

TEST_CASE("the CSR adjacency equals brute force on random multigraphs", "[core][region]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    RandomStream rng(seed, 0);
    RegionBuilder builder;
    const std::uint32_t n = 50 + static_cast<std::uint32_t>(rng.below(150));
    for (std::uint32_t i = 0; i < n; ++i) {
      ActorRecord a;
      a.id = "a" + std::to_string(rng.below(1000000)) + "-" + std::to_string(i);
      a.name = a.id;
      builder.add_actor(a);
    }
    const auto m = rng.below(4 * n);
    for (std::uint64_t k = 0; k < m; ++k) {
      const auto s = static_cast<std::uint32_t>(rng.below(n));
      auto t = static_cast<std::uint32_t>(rng.below(n - 1));
      if (t >= s) ++t;
      builder.add_tie({ActorId{s}, ActorId{t}, TieKind::informal, 1.0, std::nullopt, std::nullopt});
    }
    const Region r = std::move(builder).build();
    std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
    for (const Tie& t : r.ties()) {
      pairs.emplace(t.source.value, t.target.value);
      pairs.emplace(t.target.value, t.source.value);
    }
    for (std::uint32_t i = 0; i < n; ++i) {
      std::vector<std::pair<std::uint32_t, std::uint32_t>> csr;
      for (const auto& nb : r.neighbours(ActorId{i}))
        csr.emplace_back(nb.actor.value, nb.tie.value);
      REQUIRE(csr == neighbours_from_ties(r, ActorId{i}));
      for (std::uint32_t j = 0; j < n; j += 7) {
        REQUIRE(r.connected(ActorId{i}, ActorId{j}) == pairs.contains({i, j}));
      }
      REQUIRE(r.find(r.external_id(ActorId{i})) == ActorId{i});
    }
  }
}

TEST_CASE("a builder rejects duplicate external ids", "[core][region]") {
  RegionBuilder builder;
  ActorRecord a;
  a.id = "same";
  a.name = "x";
  builder.add_actor(a);
  builder.add_actor(a);
  CHECK_THROWS_WITH(std::move(builder).build(), Catch::Contains("duplicate actor id 'same'"));
}

TEST_CASE("select keeps the induced sub-region", "[core][region]") {
  const Region r = build_region(verbund::test::small_region_data());
  const ActorCondition in_essen = ActorCondition::parse("municipality=Essen");
  const Region essen = select(r, [&](ActorId a) { return in_essen.matches(r, a); });
  REQUIRE(essen.size() == 4);     // uni, grp, f1, ihk
  CHECK(essen.tie_count() == 1);  // uni-f1; the others leave Essen
  CHECK(essen.parent(*essen.find("grp")) == essen.find("uni"));
  CHECK(essen.memberships().size() == 1);  // f1 in ihk
  CHECK(essen.attribute(*essen.find("f1"), "website") == "f1.example");
  CHECK(essen.offers(*essen.find("uni")).size() == 2);
  CHECK(ActorCondition::parse("website=f1.example").matches(r, *r.find("f1")));
  CHECK(ActorCondition::parse("kind=firm").matches(r, *r.find("f4")));
  CHECK_FALSE(ActorCondition::parse("sector=25").matches(r, *r.find("f4")));
  CHECK_THROWS_AS(ActorCondition::parse("no-equals-sign"), verbund::InvalidInput);
}
