// Transfer scoring by hand on a small region, and the indexed top-k against brute force.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "verbund/core/geo.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/gen/market.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/match/recommend.hpp"

using namespace verbund;
using core::ActorId;

namespace {

const gen::RuhrBase& ruhr_base() {
  static const gen::RuhrBase base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  return base;
}

void require_same(const std::vector<match::Recommendation>& a,
                  const std::vector<match::Recommendation>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].candidate == b[i].candidate);
    CHECK(a[i].parts.total == b[i].parts.total);
  }
}

/// Two themes: "a" with competences a1 a2 (related with strength 0.5), "b" with b1.
core::Region hand_region() {
  core::Taxonomy taxonomy;
  const auto ta = taxonomy.add_theme({"a", "A", "A"});
  const auto tb = taxonomy.add_theme({"b", "B", "B"});
  const auto a1 = taxonomy.add_competence("a1", "", "", ta);
  const auto a2 = taxonomy.add_competence("a2", "", "", ta);
  taxonomy.add_competence("b1", "", "", tb);
  taxonomy.relate(a1, a2, 0.5F);
  core::RegionBuilder b(taxonomy);
  auto actor = [&](const char* id, core::ActorKind kind, const char* town, double lat,
                   std::optional<int> capacity) {
    core::ActorRecord r;
    r.id = id;
    r.name = id;
    r.kind = kind;
    r.municipality = town;
    r.location = core::GeoPoint{lat, 7.0};
    r.capacity = capacity;
    return b.add_actor(r);
  };
  const auto f = actor("f", core::ActorKind::firm, "Essen", 51.45, std::nullopt);
  const auto g1 = actor("g1", core::ActorKind::research_group, "Essen", 51.45, 2);
  const auto g2 = actor("g2", core::ActorKind::research_group, "Bochum", 51.60, 1);
  const auto g3 = actor("g3", core::ActorKind::research_group, "Hagen", 51.30, 1);
  const auto partner = actor("p", core::ActorKind::firm, "Essen", 51.45, std::nullopt);
  const auto club = actor("club", core::ActorKind::cluster, "Essen", 51.45, std::nullopt);
  b.add_competence(f, core::CompetenceId{0}, core::CompetenceRole::need, 1.0F);  // a1
  b.add_competence(f, core::CompetenceId{2}, core::CompetenceRole::need, 0.5F);  // b1
  b.add_competence(g1, core::CompetenceId{0}, core::CompetenceRole::offer, 1.0F);
  b.add_competence(g2, core::CompetenceId{1}, core::CompetenceRole::offer, 1.0F);  // a2 only
  b.add_competence(g2, core::CompetenceId{2}, core::CompetenceRole::offer, 0.5F);
  b.add_competence(g3, core::CompetenceId{1}, core::CompetenceRole::offer, 1.0F);
  // f - p - g2: one common partner of degree 2; f and g2 both in the cluster.
  b.add_tie({f, partner, core::TieKind::informal, 1.0, std::nullopt, std::nullopt});
  b.add_tie({partner, g2, core::TieKind::research, 1.0, std::nullopt, std::nullopt});
  b.add_membership({f, club, {}, {}});
  b.add_membership({g2, club, {}, {}});
  b.add_membership({partner, club, {}, {}});
  // g3 is full: one ongoing transfer partnership with p, capacity 1.
  b.add_tie({partner, g3, core::TieKind::transfer, 1.0, 2020, std::nullopt});
  return std::move(b).build();
}

}  // namespace

TEST_CASE("transfer score parts on a hand-drawn region", "[match][score]") {
  const core::Region region = hand_region();
  const match::TransferScorer scorer(region, {});
  const ActorId f = *region.find("f"), g1 = *region.find("g1"), g2 = *region.find("g2"),
                g3 = *region.find("g3");
  CHECK(scorer.candidates().size() == 3);
  // BM25 idf among 3 candidates: a1 offered by 1, b1 by 1, a2 by 2.
  const double rare = std::log(1.0 + 2.5 / 1.5), common = std::log(1.0 + 1.5 / 2.5);
  CHECK(scorer.rarity(core::CompetenceId{0}) == Approx(rare));
  CHECK(scorer.rarity(core::CompetenceId{1}) == Approx(common));
  const auto needs = match::needs_of(region, f);
  const double denominator = 1.0 * rare + 0.5 * rare;

  // g1: meets a1 directly (weight 1), nothing of theme b.
  const auto p1 = *scorer.score(f, needs, g1);
  CHECK(p1.fit == Approx(rare / denominator));
  CHECK(p1.proximity == Approx(1.0));
  CHECK(p1.same_municipality == 1.0);
  CHECK(p1.network == 0.0);
  CHECK(p1.first_science_tie == 1.0);  // f has no science tie
  CHECK(p1.bridge == 1.0);             // g1 is isolated, f is not
  // g2: a1 only through the related a2 (credit 0.3 x strength 0.5), b1 directly (weight 0.5).
  const auto p2 = *scorer.score(f, needs, g2);
  CHECK(p2.fit == Approx((0.3 * 0.5 * rare + 0.5 * 0.5 * rare) / denominator));
  const double km = core::distance_km({51.45, 7.0}, {51.60, 7.0});
  CHECK(p2.proximity == Approx(std::exp2(-km / 20.0)));
  // Adamic–Adar: partner p (degree 3: f, g2, g3) and the cluster (3 members).
  const double evidence = 1.0 / std::log(3.0) + 1.0 / std::log(3.0);
  CHECK(p2.network == Approx(evidence / (1.0 + evidence)));
  CHECK(p2.bridge == 0.0);
  // Distance scales the fit: 1 - 0.25 + 0.25 x decay.
  CHECK(p2.total == Approx(p2.fit * (0.75 + 0.25 * p2.proximity) + 0.2 * p2.network + 0.15));
  // g3 is full: excluded by default, penalised on request.
  CHECK_FALSE(scorer.score(f, needs, g3).has_value());
  match::ScoreWeights penalise;
  penalise.capacity_policy = match::CapacityPolicy::penalise;
  const match::TransferScorer lenient(region, penalise);
  const auto p3 = *lenient.score(f, needs, g3);
  CHECK(p3.capacity_penalty == 1.0);
  CHECK(p3.fit == Approx(0.3 * 0.5 * rare / denominator));  // a1 through the related a2
  CHECK(p3.total == Approx(p3.fit * (0.75 + 0.25 * p3.proximity) + 0.2 * p3.network + 0.15 - 0.5));

  const auto why = scorer.explain(f, needs, g2);
  REQUIRE(why.needs.size() == 2);
  CHECK(why.needs[0].within_theme);
  CHECK(why.needs[0].met_by == core::CompetenceId{1});
  CHECK(why.needs[0].similarity == 0.5);
  CHECK_FALSE(why.needs[1].within_theme);
  CHECK(why.common_partners == std::vector<ActorId>{*region.find("p")});
  CHECK(why.shared_groups == std::vector<ActorId>{*region.find("club")});
  CHECK(*why.distance_km == Approx(km));
  CHECK(why.capacity == 1);

  const auto top = match::recommend(scorer, f, needs, 5);
  REQUIRE(top.size() == 2);
  CHECK(top[0].candidate == g1);
  require_same(top, match::recommend_brute_force(scorer, f, needs, 5));
  // A competence the region lacks leaves nothing to recommend.
  match::ScoreWeights no_theme;
  no_theme.theme_credit = 0.0;
  const match::TransferScorer strict(region, no_theme);
  const std::vector<match::Need> only_a2{{core::CompetenceId{1}, 1.0F}};
  CHECK(match::recommend(strict, f, only_a2, 5).size() == 1);  // g2 (g3 full)
}

TEST_CASE("indexed top-k equals brute force on generated markets and the Ruhr region",
          "[match][recommend]") {
  std::vector<core::Region> regions;
  regions.push_back(gen::generate_market(ruhr_base(), {.firms = 400, .groups = 80, .seed = 3}));
  regions.push_back(gen::generate_market(ruhr_base(), {.firms = 300, .groups = 150, .seed = 4}));
  regions.push_back(gen::generate_ruhr_region(ruhr_base(), {.firms = 400, .seed = 5}));
  match::ScoreWeights penalise;
  penalise.capacity_policy = match::CapacityPolicy::penalise;
  match::ScoreWeights fit_only;
  fit_only.proximity = fit_only.network = fit_only.same_municipality = 0.0;
  fit_only.first_science_tie = fit_only.bridge = fit_only.prior_tie = 0.0;
  match::ScoreWeights no_theme;
  no_theme.theme_credit = 0.0;
  // Fit entirely scaled by distance (factor 2^(-km / 5)), full related credit: the bounds'
  // proximity factor and the related postings carry the whole ranking.
  match::ScoreWeights by_distance;
  by_distance.proximity = 1.0;
  by_distance.half_distance_km = 5.0;
  by_distance.theme_credit = 1.0;
  for (const auto& region : regions) {
    for (const auto& weights : {match::ScoreWeights{}, penalise, fit_only, no_theme, by_distance}) {
      const match::TransferScorer scorer(region, weights);
      REQUIRE(!scorer.candidates().empty());
      for (const std::size_t k : {1, 5, 10}) {
        const auto fast = match::recommend_all(scorer, k);
        const auto slow = match::recommend_all_brute_force(scorer, k);
        REQUIRE(fast.size() == slow.size());
        REQUIRE(!fast.empty());
        for (std::size_t i = 0; i < fast.size(); ++i) {
          CHECK(fast[i].seeker == slow[i].seeker);
          require_same(fast[i].top, slow[i].top);
        }
      }
    }
  }
}

TEST_CASE("recommendations do not depend on the thread count", "[match][recommend]") {
  const core::Region region =
      gen::generate_market(ruhr_base(), {.firms = 2000, .groups = 300, .seed = 8});
  const match::TransferScorer scorer(region, {});
  std::vector<match::SeekerRecommendations> one, two;
  {
    const core::ThreadLimit limit(1);
    one = match::recommend_all(scorer, 10);
  }
  {
    const core::ThreadLimit limit(2);
    two = match::recommend_all(scorer, 10);
  }
  REQUIRE(one.size() == two.size());
  for (std::size_t i = 0; i < one.size(); ++i) require_same(one[i].top, two[i].top);
}

TEST_CASE("a large k keeps no spare capacity per seeker", "[match][recommend]") {
  // --top 1000 over 50,000 firms once held 1,000 entries per firm: 4 GB of address space.
  const auto region = gen::generate_market(ruhr_base(), {.firms = 200, .groups = 30, .seed = 2});
  match::ScoreWeights penalise;
  penalise.capacity_policy = match::CapacityPolicy::penalise;
  const match::TransferScorer scorer(region, penalise);
  const auto lists = match::recommend_all(scorer, 1000);
  REQUIRE(!lists.empty());
  for (const auto& list : lists) {
    CHECK(list.top.size() <= 30);
    CHECK(list.top.capacity() == list.top.size());
  }
}

TEST_CASE("an ended tie's partner is not a shared partner (brute force over the ties)",
          "[match][score]") {
  core::Taxonomy taxonomy;
  const auto ta = taxonomy.add_theme({"a", "A", "A"});
  taxonomy.add_competence("a1", "", "", ta);
  core::RegionBuilder b(taxonomy);
  auto actor = [&](const char* id, core::ActorKind kind) {
    core::ActorRecord r;
    r.id = id;
    r.name = id;
    r.kind = kind;
    r.municipality = "Essen";
    r.location = core::GeoPoint{51.45, 7.0};
    if (core::is_science(kind)) r.capacity = 3;
    return b.add_actor(r);
  };
  const auto f = actor("f", core::ActorKind::firm);
  const auto g = actor("g", core::ActorKind::research_group);
  const auto q1 = actor("q1", core::ActorKind::firm);
  const auto q2 = actor("q2", core::ActorKind::firm);
  const auto q3 = actor("q3", core::ActorKind::firm);
  const auto q4 = actor("q4", core::ActorKind::firm);
  b.add_competence(f, core::CompetenceId{0}, core::CompetenceRole::need, 1.0F);
  b.add_competence(g, core::CompetenceId{0}, core::CompetenceRole::offer, 1.0F);
  using core::TieKind;
  // The present is 2023 (the latest start). q1: f's supply tie ended in 2021 (former partner).
  b.add_tie({f, q1, TieKind::supply, 1.0, 2018, 2021});
  b.add_tie({g, q1, TieKind::research, 1.0, 2019, std::nullopt});
  // q2: both running.
  b.add_tie({f, q2, TieKind::informal, 1.0, 2015, std::nullopt});
  b.add_tie({g, q2, TieKind::research, 1.0, 2023, std::nullopt});
  // q3: an ended and a running tie with f; g's tie ends in the present year (still running).
  b.add_tie({f, q3, TieKind::supply, 1.0, 2010, 2012});
  b.add_tie({f, q3, TieKind::informal, 1.0, 2020, std::nullopt});
  b.add_tie({g, q3, TieKind::research, 1.0, 2020, 2023});
  // q4: g's tie ended; q4 also knows q1, so degrees differ from the running ties' degrees.
  b.add_tie({f, q4, TieKind::informal, 1.0, 2016, std::nullopt});
  b.add_tie({g, q4, TieKind::research, 1.0, 2016, 2019});
  b.add_tie({q4, q1, TieKind::informal, 1.0, 2016, std::nullopt});
  const auto region = std::move(b).build();

  // Oracle: straight over the region's ties.
  int present = 0;
  for (const auto& t : region.ties()) present = std::max(present, t.start.value_or(0));
  auto running_tie = [&](ActorId x, ActorId y) {
    for (const auto& t : region.ties()) {
      const bool joins = (t.source == x && t.target == y) || (t.source == y && t.target == x);
      if (joins && !(t.end && *t.end < present)) return true;
    }
    return false;
  };
  auto distinct_partners = [&](ActorId z) {
    std::set<std::uint32_t> s;
    for (const auto& t : region.ties()) {
      if (t.source == z) s.insert(t.target.value);
      if (t.target == z) s.insert(t.source.value);
    }
    return static_cast<double>(s.size());
  };
  std::vector<ActorId> shared;
  double evidence = 0.0;
  for (std::uint32_t v = 0; v < region.size(); ++v) {
    const ActorId z{v};
    if (z == f || z == g || !running_tie(f, z) || !running_tie(g, z)) continue;
    shared.push_back(z);
    evidence += 1.0 / std::log(distinct_partners(z));
  }
  REQUIRE(shared == std::vector<ActorId>{q2, q3});  // not q1 (f's tie ended), not q4 (g's)

  const auto needs = match::needs_of(region, f);
  const match::TransferScorer scorer(region, {});
  const auto p = *scorer.score(f, needs, g);
  CHECK(p.network == Approx(evidence / (1.0 + evidence)));
  CHECK(scorer.explain(f, needs, g).common_partners == shared);
  // The bounds still hold: indexed top-1 equals the brute force.
  const auto top = match::recommend(scorer, f, needs, 1);
  REQUIRE(top.size() == 1);
  CHECK(top[0].parts.total == Approx(p.total));

  // A reference year in the weights is the present, as for the loads: in 2019 f-q1 and g-q4 still
  // run, g-q2 and f-q3's informal tie have not begun.
  match::ScoreWeights in_2019;
  in_2019.reference_year = 2019;
  const match::TransferScorer then(region, in_2019);
  CHECK(then.explain(f, needs, g).common_partners == std::vector<ActorId>{q1, q4});
}
