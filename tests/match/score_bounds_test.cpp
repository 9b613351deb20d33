// White-box: the bounds the indexed top-k search prunes with (lib/match/score_bounds.hpp) never
// fall below a pair's true score parts. recommend_test checks the search's result; this checks
// the reason it may skip candidates.
#include <catch2/catch.hpp>

#include "match/score_bounds.hpp"
#include "match/score_index.hpp"
#include "verbund/gen/market.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/match/recommend.hpp"

using namespace verbund;

TEST_CASE("score bounds hold for every scored pair", "[match][recommend]") {
  const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  std::vector<core::Region> regions;
  regions.push_back(gen::generate_market(base, {.firms = 300, .groups = 60, .seed = 11}));
  regions.push_back(gen::generate_ruhr_region(base, {.firms = 300, .seed = 12}));
  match::ScoreWeights penalise;
  penalise.capacity_policy = match::CapacityPolicy::penalise;
  for (const auto& region : regions) {
    for (const auto& weights : {match::ScoreWeights{}, penalise}) {
      const match::TransferScorer scorer(region, weights);
      const auto& index = match::detail::ScorerAccess::index(scorer);
      match::detail::ScoreBounds bounds(index);
      const auto candidates = index.candidates();
      std::size_t scored = 0, broken = 0;
      for (const auto seeker : match::seekers_of(region)) {
        bounds.prepare(seeker);
        const auto needs = region.needs(seeker);
        for (std::uint32_t i = 0; i < candidates.size(); ++i) {
          const auto parts = index.score(seeker, needs, candidates[i]);
          if (!parts) continue;
          ++scored;
          const double rest = parts->total - weights.fit * parts->fit;
          const double of = bounds.of(i);
          if (of < rest || of > bounds.max() ||
              of > bounds.place(index.bucket_of(i)) + bounds.max_without_place())
            ++broken;
        }
      }
      CHECK(scored > 0);
      CHECK(broken == 0);
    }
  }
}
