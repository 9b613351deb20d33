// Transfer scores judged on outcomes: the split at a cut year, ranks and metrics against a
// brute force and closed forms, a planted setting, and weights fitted on outcomes.
#include <catch2/catch.hpp>

#include <cmath>

#include "test_support.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/error.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/match/transfer_outcome.hpp"
#include "verbund/match/weights_file.hpp"

using namespace verbund;
using core::ActorId;

namespace {

constexpr double km_per_degree = 6371.0088 * 3.14159265358979323846 / 180.0;

struct Tiny {
  core::Region region;
  ActorId f1, f2, f3, g1, g2, g3, g4;
};

/// Three firms, four research groups, three competences. Transfer ties f1-g2 (2018, known at the
/// cut 2019), f1-g3 and f2-g4 (2021), f3-g2 (2020, but f3 has no needs), f2-g1 research (2021,
/// not transfer), f1-f2 informal (2021, firm-firm).
Tiny tiny_region() {
  core::Taxonomy tax;
  const auto t = tax.add_theme({"t", "T", "T"});
  const auto c1 = tax.add_competence("c1", "", "", t);
  const auto c2 = tax.add_competence("c2", "", "", t);
  const auto c3 = tax.add_competence("c3", "", "", t);
  tax.relate(c1, c3, 0.5F);
  core::RegionBuilder b(tax);
  auto actor = [&](const char* id, core::ActorKind kind, double km_north) {
    core::ActorRecord r;
    r.id = r.name = id;
    r.kind = kind;
    r.municipality = km_north < 10 ? "Essen" : "Hamm";
    r.location = core::GeoPoint{51.45 + km_north / km_per_degree, 7.0};
    return b.add_actor(r);
  };
  Tiny s;
  s.f1 = actor("f1", core::ActorKind::firm, 0);
  s.f2 = actor("f2", core::ActorKind::firm, 30);
  s.f3 = actor("f3", core::ActorKind::firm, 5);
  s.g1 = actor("g1", core::ActorKind::research_group, 2);
  s.g2 = actor("g2", core::ActorKind::research_group, 15);
  s.g3 = actor("g3", core::ActorKind::research_group, 40);
  s.g4 = actor("g4", core::ActorKind::research_group, 28);
  using core::CompetenceRole;
  for (const auto c : {c1, c2}) b.add_competence(s.f1, c, CompetenceRole::need, 1.0F);
  for (const auto c : {c2, c3}) b.add_competence(s.f2, c, CompetenceRole::need, 0.8F);
  b.add_competence(s.g1, c1, CompetenceRole::offer, 1.0F);
  b.add_competence(s.g2, c2, CompetenceRole::offer, 0.5F);
  b.add_competence(s.g3, c1, CompetenceRole::offer, 1.0F);
  b.add_competence(s.g3, c2, CompetenceRole::offer, 1.0F);
  b.add_competence(s.g4, c3, CompetenceRole::offer, 1.0F);
  b.add_competence(s.g4, c1, CompetenceRole::offer, 0.4F);
  using core::TieKind;
  b.add_tie({s.f1, s.g2, TieKind::transfer, 1.0, 2018, std::nullopt});
  b.add_tie({s.f1, s.g3, TieKind::transfer, 1.0, 2021, std::nullopt});
  b.add_tie({s.g4, s.f2, TieKind::transfer, 1.0, 2021, std::nullopt});  // science end first
  b.add_tie({s.f3, s.g2, TieKind::transfer, 1.0, 2020, std::nullopt});
  b.add_tie({s.f2, s.g1, TieKind::research, 1.0, 2021, std::nullopt});
  b.add_tie({s.f1, s.f2, TieKind::informal, 1.0, 2021, std::nullopt});
  s.region = std::move(b).build();
  return s;
}

// The reference rank: position in recommend_brute_force's full list (existing partners left out).
std::size_t brute_rank(const match::TransferScorer& scorer, ActorId firm, ActorId truth) {
  const auto needs = match::needs_of(scorer.region(), firm);
  const auto all = match::recommend_brute_force(
      scorer, firm, needs,
      match::RecommendOptions{.top = scorer.candidates().size(), .include_existing = false});
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].candidate == truth) return i + 1;
  return 0;
}

}  // namespace

TEST_CASE("an outcome split keeps the past and asks for the transfer partners formed later",
          "[match][transfer-outcome]") {
  const auto s = tiny_region();
  const auto split = match::transfer_outcome_split(s.region, 2019, 2022);
  CHECK(split.known.size() == s.region.size());
  CHECK(split.known.tie_count() == 1);  // f1-g2 (2018)
  CHECK(split.known.connected(s.f1, s.g2));
  CHECK_FALSE(split.known.connected(s.f1, s.g3));
  CHECK(split.new_ties == 3);   // f1-g3, g4-f2, f3-g2
  CHECK(split.not_asked == 1);  // f3 has no needs
  REQUIRE(split.queries.size() == 2);
  CHECK(split.queries[0].firm == s.f1);
  CHECK(split.queries[0].partners == std::vector<ActorId>{s.g3});
  CHECK(split.queries[1].firm == s.f2);
  CHECK(split.queries[1].partners == std::vector<ActorId>{s.g4});
  // A cut after every tie asks nothing; a last year before the cut is refused.
  CHECK(match::transfer_outcome_split(s.region, 2022, 2030).queries.empty());
  CHECK_THROWS_AS(match::transfer_outcome_split(s.region, 2022, 2021), InvalidInput);
}

TEST_CASE("outcome ranks equal the brute-force recommendation's positions",
          "[match][transfer-outcome]") {
  const auto s = tiny_region();
  const auto split = match::transfer_outcome_split(s.region, 2019, 2022);
  for (const auto& setting : match::standard_transfer_settings()) {
    if (setting.additive_proximity) continue;  // the brute force knows only the scorer's total
    INFO(setting.name);
    const auto ranks = match::outcome_ranks(split, setting);
    const match::TransferScorer scorer(split.known, setting.weights);
    REQUIRE(ranks.size() == 2);
    for (std::size_t q = 0; q < 2; ++q) {
      REQUIRE(ranks[q].size() == 1);
      CHECK(ranks[q][0] == brute_rank(scorer, split.queries[q].firm, split.queries[q].partners[0]));
    }
  }
  // f1 (needs c1, c2; g2 left out as an existing partner): g3 offers both and ranks first in
  // every setting; with the related credit off, g4 (c1 at 0.4 only) still ranks below g3.
  const auto ranks = match::outcome_ranks(split, match::standard_transfer_settings()[0]);
  CHECK(ranks[0][0] == 1);
}

TEST_CASE("capacity_ignored ranks full candidates as if they had room",
          "[match][transfer-outcome]") {
  const auto s = tiny_region();
  const auto split = match::transfer_outcome_split(s.region, 2019, 2022);
  match::ScoreWeights full;
  full.default_capacity = 0;  // every candidate is full: the default policy leaves all out
  const auto none = match::outcome_ranks(split, {"full", full});
  CHECK(none == std::vector<std::vector<std::size_t>>{{0}, {0}});
  const auto ignored = match::outcome_ranks(split, {"ignored", match::capacity_ignored(full)});
  const auto open = match::outcome_ranks(split, {"default", {}});
  CHECK(ignored == open);
  CHECK(match::capacity_ignored(full).capacity_penalty == 0.0);
}

TEST_CASE("outcome metrics equal the closed forms", "[match][transfer-outcome]") {
  // Ranks of the true partners per query (0 = not ranked).
  const std::vector<std::vector<std::size_t>> ranks{{3}, {1, 0}, {0}, {12, 2}, {}};
  const auto m = match::outcome_metrics(ranks, 0);
  CHECK(m.queries == 4);  // the empty query is skipped
  CHECK(m.hits_at_1.mean == Approx(0.25));
  CHECK(m.hits_at_5.mean == Approx(0.75));
  CHECK(m.hits_at_10.mean == Approx(0.75));
  CHECK(m.mrr.mean == Approx((1.0 / 3 + 1.0 + 0.0 + 0.5) / 4));
  const double l3 = 1.0 / std::log2(3.0);
  CHECK(m.ndcg_at_10.mean == Approx((0.5 + 1.0 / (1.0 + l3) + 0.0 + l3 / (1.0 + l3)) / 4));
  // The bootstrap interval holds the mean, is seeded, and collapses on equal queries.
  const auto b = match::outcome_metrics(ranks, 500, 7);
  CHECK(b.mrr.mean == Approx(m.mrr.mean));
  CHECK(b.mrr.low <= b.mrr.mean);
  CHECK(b.mrr.high >= b.mrr.mean);
  CHECK(b.mrr.low < b.mrr.high);
  const auto again = match::outcome_metrics(ranks, 500, 7);
  CHECK(again.mrr.low == b.mrr.low);
  CHECK(again.ndcg_at_10.high == b.ndcg_at_10.high);
  const std::vector<std::vector<std::size_t>> same{{2}, {2}, {2}};
  const auto flat = match::outcome_metrics(same, 200);
  CHECK(flat.mrr.low == Approx(0.5));
  CHECK(flat.mrr.high == Approx(0.5));
  CHECK(match::outcome_metrics(std::vector<std::vector<std::size_t>>{}, 100).queries == 0);
}

TEST_CASE("a planted setting that knows the truth scores 1.0", "[match][transfer-outcome]") {
  const auto s = tiny_region();
  const auto split = match::transfer_outcome_split(s.region, 2019, 2022);
  const match::TransferScorer scorer(split.known, {});
  const auto ranks = match::outcome_ranks(
      split, scorer.candidates(), [&](std::size_t q, ActorId, ActorId c) -> std::optional<double> {
        const auto& p = split.queries[q].partners;
        return std::find(p.begin(), p.end(), c) != p.end() ? 1.0 : 0.0;
      });
  const auto m = match::outcome_metrics(ranks, 200);
  for (const auto* e : {&m.hits_at_1, &m.hits_at_5, &m.hits_at_10, &m.mrr, &m.ndcg_at_10}) {
    CHECK(e->mean == 1.0);
    CHECK(e->low == 1.0);
  }
  // The anti-planted setting (truth last among ties by id) misses at 1 wherever it can.
  const auto worst = match::outcome_ranks(
      split, scorer.candidates(), [&](std::size_t q, ActorId, ActorId c) -> std::optional<double> {
        const auto& p = split.queries[q].partners;
        return std::find(p.begin(), p.end(), c) != p.end() ? 0.0 : 1.0;
      });
  CHECK(match::outcome_metrics(worst, 0).hits_at_1.mean == 0.0);
}

namespace {

/// Firms pick the nearest of equally fitting groups: 48 firms on a line, 12 groups between
/// them, all offering and needing one competence; firm i forms its tie in 2015 + i mod 6.
core::Region nearest_partner_history() {
  core::Taxonomy tax;
  const auto t = tax.add_theme({"t", "T", "T"});
  const auto c = tax.add_competence("c", "", "", t);
  core::RegionBuilder b(tax);
  std::vector<ActorId> groups;
  for (int g = 0; g < 12; ++g) {
    core::ActorRecord r;
    r.id = r.name = "g" + std::to_string(g);
    r.kind = core::ActorKind::research_group;
    r.location = core::GeoPoint{51.0 + (10.0 * g + 3.0) / km_per_degree, 7.0};
    r.capacity = 100;
    groups.push_back(b.add_actor(r));
    b.add_competence(groups.back(), c, core::CompetenceRole::offer, 1.0F);
  }
  for (int i = 0; i < 48; ++i) {
    core::ActorRecord r;
    r.id = r.name = "f" + std::to_string(i);
    r.kind = core::ActorKind::firm;
    const double km = 2.5 * i + 1.0;
    r.location = core::GeoPoint{51.0 + km / km_per_degree, 7.0};
    const auto f = b.add_actor(r);
    b.add_competence(f, c, core::CompetenceRole::need, 1.0F);
    const auto nearest = static_cast<std::size_t>(std::clamp((km - 3.0) / 10.0 + 0.5, 0.0, 11.0));
    b.add_tie({f, groups[nearest], core::TieKind::transfer, 1.0, 2015 + i % 6, std::nullopt});
  }
  return std::move(b).build();
}

}  // namespace

TEST_CASE("weights fitted on outcomes learn what made the partnerships",
          "[match][transfer-outcome]") {
  const auto region = nearest_partner_history();
  std::vector<match::TransferOutcomeSplit> train;
  for (int year = 2015; year <= 2017; ++year)
    train.push_back(match::transfer_outcome_split(region, year - 1, year));
  const auto validation = match::transfer_outcome_split(region, 2018, 2019);
  const auto test = match::transfer_outcome_split(region, 2019, 2020);
  REQUIRE(validation.queries.size() == 8);
  const match::TransferFitOptions options{.theme_credits = {0.3}, .half_distances_km = {5, 20}};
  const auto fit = match::fit_transfer_weights(train, validation, options);
  // Equal fits everywhere: only distance tells, so the fit turns proximity up (default 0.25).
  CHECK(fit.weights.proximity > 0.25);
  CHECK(fit.train_queries == 24);
  CHECK(fit.validation_queries == 8);
  CHECK(fit.validation_mrr == 1.0);
  const auto fitted =
      match::outcome_metrics(match::outcome_ranks(test, {"fitted", fit.weights}), 0);
  match::ScoreWeights flat;
  flat.proximity = 0.0;
  const auto none = match::outcome_metrics(match::outcome_ranks(test, {"p0", flat}), 0);
  CHECK(fitted.hits_at_1.mean == 1.0);
  CHECK(none.hits_at_1.mean < 0.5);
  // Deterministic, and the weights file round-trips.
  const auto again = match::fit_transfer_weights(train, validation, options);
  CHECK(again.weights.proximity == fit.weights.proximity);
  CHECK(again.weights.network == fit.weights.network);
  const auto back =
      match::parse_score_weights(match::score_weights_toml(fit.weights, "fitted"), "fitted.toml");
  CHECK(back.proximity == fit.weights.proximity);
  CHECK(back.half_distance_km == fit.weights.half_distance_km);
  CHECK(back.network == fit.weights.network);
  CHECK(back.bridge == fit.weights.bridge);
  CHECK(back.same_municipality == fit.weights.same_municipality);
  CHECK(back.theme_credit == fit.weights.theme_credit);
  // Nothing to learn from: refused.
  CHECK_THROWS_AS(match::fit_transfer_weights(std::span<const match::TransferOutcomeSplit>{},
                                              validation, options),
                  InvalidInput);
}
