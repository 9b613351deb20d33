// The XGBoost partner ranker: it learns a planted rule, training is deterministic for a fixed
// seed and thread count, the model file round-trips with its provenance, the per-feature
// contributions add up to the score (SHAP's additivity), and foreign files are refused.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>

#include "test_support.hpp"
#include "verbund/error.hpp"
#include "verbund/match/partner_model.hpp"

using namespace verbund;
using match::PartnerFeature;

namespace {

// Queries of 30 random candidates; the partner that joined is the one with the most common
// neighbours among those in the members' country. The model must find that rule.
std::vector<match::PartnerTrainingQuery> planted(std::uint64_t seed, std::size_t queries) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> u(0.0F, 1.0F);
  std::vector<match::PartnerTrainingQuery> out;
  for (std::size_t q = 0; q < queries; ++q) {
    match::PartnerTrainingQuery t;
    std::size_t best = 0;
    float best_value = -1.0F;
    for (std::uint32_t r = 0; r < 30; ++r) {
      t.features.candidates.push_back(core::ActorId{r});
      for (std::size_t f = 0; f < match::partner_feature_count; ++f)
        t.features.values.push_back(std::floor(u(rng) * 20.0F));
      auto& country = t.features.values[r * match::partner_feature_count +
                                        static_cast<std::size_t>(PartnerFeature::country_share)];
      country = u(rng) < 0.5F ? 1.0F : 0.0F;
      const float value =
          country * t.features.at(r, PartnerFeature::common_neighbours) + 0.01F * u(rng);
      if (value > best_value) {
        best_value = value;
        best = r;
      }
    }
    t.positives.push_back(best);
    out.push_back(std::move(t));
  }
  return out;
}

double hits_at_1(const match::PartnerModel& model,
                 const std::vector<match::PartnerTrainingQuery>& queries) {
  double hits = 0;
  for (const auto& q : queries) {
    const auto s = model.predict(q.features);
    const auto top = static_cast<std::size_t>(std::max_element(s.begin(), s.end()) - s.begin());
    hits += top == q.positives[0] ? 1.0 : 0.0;
  }
  return hits / static_cast<double>(queries.size());
}

const match::PartnerModelOptions options{.rounds = 40, .max_depth = 4, .seed = 7, .threads = 2};

}  // namespace

TEST_CASE("the partner ranker learns a planted rule, deterministically, and round-trips",
          "[match][partners][learn]") {
  // One test case without sections: Catch would train again for each section.
  const auto train = planted(1, 200), held_out = planted(2, 50);
  const auto model = match::PartnerModel::train(train, options, {{"trained_until", "2016"}});
  // Chance is 1/30; the rule is learnable from 200 examples.
  CHECK(hits_at_1(model, held_out) > 0.6);

  {  // the same seed and threads give the same model, byte for byte
    const auto again = match::PartnerModel::train(train, options, {{"trained_until", "2016"}});
    CHECK(again.bytes() == model.bytes());
    auto other = options;
    other.rounds = 39;
    CHECK(match::PartnerModel::train(train, other, {}).bytes() != model.bytes());
  }

  {  // the model file round-trips with its provenance
    const test::ScratchDir dir;
    const auto file = dir.path() / "partners.model.json";
    model.save(file);
    const auto loaded = match::PartnerModel::load(file);
    CHECK(loaded.bytes() == model.bytes());
    CHECK(loaded.provenance() == model.provenance());
    CHECK(loaded.provenance().at("trained_until") == "2016");
    CHECK(loaded.provenance().at("seed") == "7");
    CHECK(loaded.provenance().at("training_queries") == "200");
    for (const auto& q : held_out) CHECK(loaded.predict(q.features) == model.predict(q.features));
  }

  {  // contributions add up to the score
    const auto& q = held_out.front();
    const auto scores = model.predict(q.features);
    const auto parts = model.contributions(q.features);
    REQUIRE(parts.size() == scores.size() * (match::partner_feature_count + 1));
    for (std::size_t r = 0; r < scores.size(); ++r) {
      double sum = 0;
      for (std::size_t f = 0; f <= match::partner_feature_count; ++f)
        sum += parts[r * (match::partner_feature_count + 1) + f];
      CHECK(sum == Approx(scores[r]).margin(1e-4));
    }
    // The rule's two features drive the best candidate.
    const auto top =
        static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    const float* c = &parts[top * (match::partner_feature_count + 1)];
    const auto strongest =
        static_cast<PartnerFeature>(std::max_element(c, c + match::partner_feature_count) - c);
    CHECK((strongest == PartnerFeature::common_neighbours ||
           strongest == PartnerFeature::country_share));
  }

  {  // files that are not verbund partner models are refused, naming the file
    const test::ScratchDir dir;
    const auto junk = dir.path() / "junk.json";
    std::ofstream(junk) << "{\"not\": \"a model\"";
    CHECK_THROWS_AS(match::PartnerModel::load(junk), InvalidInput);
    CHECK_THROWS_WITH(match::PartnerModel::load(junk), Catch::Contains("junk.json"));
    CHECK_THROWS_AS(match::PartnerModel::load(dir.path() / "missing.json"), InvalidInput);
  }

  {  // no positive, no training
    auto empty = train;
    for (auto& q : empty) q.positives.clear();
    CHECK_THROWS_AS(match::PartnerModel::train(empty, options, {}), InvalidInput);
  }
}
