// Existing partners left out and one of a parent and its child: the indexed search with
// RecommendOptions against an independent oracle (every candidate scored, filtered, sorted).
#include <catch2/catch.hpp>

#include <algorithm>

#include "verbund/gen/market.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/match/partners.hpp"
#include "verbund/match/recommend.hpp"

using namespace verbund;
using core::ActorId;

namespace {

const gen::RuhrBase& ruhr_base() {
  static const gen::RuhrBase base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  return base;
}

// The oracle: scores every candidate, drops tied ones, sorts by score (ties by id), then walks
// the ranking keeping an entry unless a kept one is its parent or its child.
std::vector<match::Recommendation> oracle(const match::TransferScorer& scorer, ActorId seeker,
                                          const match::RecommendOptions& options) {
  const auto& region = scorer.region();
  const auto needs = match::needs_of(region, seeker);
  std::vector<match::Recommendation> all;
  for (const auto c : scorer.candidates()) {
    bool tied = false;
    for (const auto& nb : region.neighbours(seeker)) tied = tied || nb.actor == c;
    if (tied && !options.include_existing) continue;
    if (const auto parts = scorer.score(seeker, needs, c)) all.push_back({c, *parts});
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.parts.total != b.parts.total ? a.parts.total > b.parts.total
                                          : a.candidate < b.candidate;
  });
  std::vector<match::Recommendation> kept;
  for (const auto& r : all) {
    if (kept.size() == options.top) break;
    bool family = false;
    for (const auto& k : kept) {
      family = family || (options.one_per_family && (region.parent(k.candidate) == r.candidate ||
                                                     region.parent(r.candidate) == k.candidate));
    }
    if (!family) kept.push_back(r);
  }
  return kept;
}

core::Region chairs_region() {
  core::Taxonomy taxonomy;
  const auto t = taxonomy.add_theme({"ai", "AI", "KI"});
  taxonomy.add_competence("ml", "machine learning", "Maschinelles Lernen", t);
  core::RegionBuilder b(taxonomy);
  auto actor = [&](const char* id, core::ActorKind kind, double lat) {
    core::ActorRecord r;
    r.id = id;
    r.name = id;
    r.kind = kind;
    r.municipality = "Duisburg";
    r.location = core::GeoPoint{lat, 6.76};
    r.capacity = 5;
    return b.add_actor(r);
  };
  const auto f = actor("firm", core::ActorKind::firm, 51.43);
  const auto uni = actor("ude", core::ActorKind::university, 51.43);
  const auto chair = actor("ude-chair", core::ActorKind::research_group, 51.43);
  const auto other = actor("other-chair", core::ActorKind::research_group, 51.60);
  const auto old_friend = actor("old-friend", core::ActorKind::research_institute, 51.70);
  b.set_parent(chair, uni);
  b.add_competence(f, core::CompetenceId{0}, core::CompetenceRole::need, 1.0F);
  for (const auto a : {uni, chair, other, old_friend})
    b.add_competence(a, core::CompetenceId{0}, core::CompetenceRole::offer, 1.0F);
  b.add_tie({f, old_friend, core::TieKind::research, 1.0, 2022, std::nullopt});
  b.add_tie({f, old_friend, core::TieKind::informal, 1.0, 2019, 2020});
  return std::move(b).build();
}

}  // namespace

TEST_CASE("recommend options on a university with its chair and an old partner",
          "[match][recommend]") {
  const auto region = chairs_region();
  const match::TransferScorer scorer(region, {});
  const auto firm = *region.find("firm");
  const auto needs = match::needs_of(region, firm);
  auto ids = [&](const std::vector<match::Recommendation>& list) {
    std::vector<std::string> out;
    for (const auto& r : list) out.emplace_back(region.external_id(r.candidate));
    return out;
  };
  // The library's default keeps everyone but the university, whose only offer is its chair's
  // (chairs before universities): the simulation ranks this way.
  const auto all = match::recommend(scorer, firm, needs, 10);
  CHECK(all.size() == 3);
  CHECK_FALSE(scorer.is_candidate(*region.find("ude")));
  CHECK(ids(all) == ids(match::recommend(scorer, firm, needs, match::RecommendOptions{})));
  // The university and its chair score alike (same place, same offer); the chair is at the
  // same distance, so exactly one of them stays, and the old partner goes.
  const auto cli = match::recommend(scorer, firm, needs,
                                    {.top = 10, .include_existing = false, .one_per_family = true});
  const auto got = ids(cli);
  CHECK(std::count(got.begin(), got.end(), "old-friend") == 0);
  CHECK(std::count(got.begin(), got.end(), "ude") +
            std::count(got.begin(), got.end(), "ude-chair") ==
        1);
  CHECK(std::count(got.begin(), got.end(), "other-chair") == 1);
  // Since when: the earliest start of their ties.
  const auto since = match::existing_partnership(region, firm, *region.find("old-friend"));
  REQUIRE(since);
  CHECK(since->since == 2019);
  CHECK_FALSE(match::existing_partnership(region, firm, *region.find("ude")));

  // recommend partners: the same two options.
  const std::vector<ActorId> members{firm};
  const auto partners = match::recommend_partners(
      scorer, members, {.top = 10, .include_existing = false, .one_per_family = true});
  for (const auto& p : partners) CHECK(p.actor != *region.find("old-friend"));
  std::size_t family = 0;
  for (const auto& p : partners)
    family += region.external_id(p.actor) == "ude" || region.external_id(p.actor) == "ude-chair";
  CHECK(family == 1);
  const auto everyone = match::recommend_partners(scorer, members, {.top = 10});
  CHECK(everyone.size() == region.size() - 1);  // every other actor, members never
}

TEST_CASE("recommend options: indexed search equals the oracle on generated regions",
          "[match][recommend]") {
  std::vector<core::Region> regions;
  regions.push_back(gen::generate_ruhr_region(ruhr_base(), {.firms = 300, .seed = 5}));
  regions.push_back(gen::generate_market(ruhr_base(), {.firms = 300, .groups = 120, .seed = 4}));
  std::size_t families_seen = 0, tied_seen = 0;
  for (const auto& region : regions) {
    const match::TransferScorer scorer(region, {});
    const auto seekers = match::seekers_of(region);
    REQUIRE(!seekers.empty());
    for (const bool include : {true, false}) {
      for (const bool family : {true, false}) {
        for (const std::size_t k : {1, 3, 10}) {
          const match::RecommendOptions options{
              .top = k, .include_existing = include, .one_per_family = family};
          const auto lists = match::recommend_all(scorer, options);
          REQUIRE(lists.size() == seekers.size());
          for (std::size_t i = 0; i < lists.size(); i += 3) {
            const auto want = oracle(scorer, lists[i].seeker, options);
            const auto& got = lists[i].top;
            REQUIRE(got.size() == want.size());
            for (std::size_t j = 0; j < got.size(); ++j) {
              CHECK(got[j].candidate == want[j].candidate);
              CHECK(got[j].parts.total == want[j].parts.total);
            }
            const auto brute = match::recommend_brute_force(
                scorer, lists[i].seeker, match::needs_of(region, lists[i].seeker), options);
            REQUIRE(brute.size() == got.size());
            // The oracle must have had something to remove, or the test proves nothing.
            if (k == 10 && include && !family) {
              for (const auto& r : got) {
                tied_seen += region.connected(lists[i].seeker, r.candidate);
                for (const auto& s : got)
                  families_seen += region.parent(s.candidate) == r.candidate;
              }
            }
          }
        }
      }
    }
  }
  CHECK(tied_seen > 0);
  CHECK(families_seen > 0);
}
