#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "verbund/error.hpp"
#include "verbund/match/weights_file.hpp"

using namespace verbund;

TEST_CASE("the bundled weights file holds the documented defaults", "[match][weights]") {
  const auto w = match::load_score_weights(test::project_data_dir() / "match" / "weights.toml");
  const match::ScoreWeights d;
  CHECK(w.fit == d.fit);
  CHECK(w.theme_credit == d.theme_credit);
  CHECK(w.proximity == d.proximity);
  CHECK(w.half_distance_km == d.half_distance_km);
  CHECK(w.same_municipality == d.same_municipality);
  CHECK(w.network == d.network);
  CHECK(w.prior_tie == d.prior_tie);
  CHECK(w.first_science_tie == d.first_science_tie);
  CHECK(w.bridge == d.bridge);
  CHECK(w.capacity_policy == d.capacity_policy);
  CHECK(w.capacity_penalty == d.capacity_penalty);
  CHECK(w.default_capacity == d.default_capacity);
  CHECK(w.default_seeker_capacity == d.default_seeker_capacity);
  CHECK(w.partnership_years == d.partnership_years);
  CHECK_FALSE(w.reference_year.has_value());
}

TEST_CASE("weights files: values set, bad ones refused at line and column", "[match][weights]") {
  const auto w = match::parse_score_weights(
      "fit = 2\nproximity = 0.5\ncapacity_policy = \"penalise\"\n", "w.toml");
  CHECK(w.fit == 2.0);
  CHECK(w.proximity == 0.5);
  CHECK(w.capacity_policy == match::CapacityPolicy::penalise);
  CHECK(w.network == match::ScoreWeights{}.network);

  auto message = [](const std::string& text) {
    try {
      (void)match::parse_score_weights(text, "w.toml");
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("fit = 1\nfitt = 2\n"),
             Catch::Contains("w.toml:2:1") && Catch::Contains("unknown key 'fitt'"));
  CHECK_THAT(message("bridge = inf\n"),
             Catch::Contains("w.toml:1:") && Catch::Contains("'bridge' must be a finite number"));
  CHECK_THAT(message("network = nan\n"), Catch::Contains("finite"));
  CHECK_THAT(message("proximity = -1\n"),
             Catch::Contains("'proximity' must be a finite number >= 0"));
  CHECK_THAT(message("fit = \"high\"\n"), Catch::Contains("'fit' must be a number"));
  CHECK_THAT(message("fit = = 1\n"), Catch::Contains("w.toml:1:"));
  CHECK_THAT(message("capacity_policy = \"ignore\"\n"), Catch::Contains("exclude"));
  CHECK_THAT(message("default_capacity = 1.5\n"), Catch::Contains("whole number"));
  CHECK_THAT(message("half_distance_km = 0\n"), Catch::Contains("half_distance_km"));
  CHECK_THAT(message("theme_credit = 2\n"), Catch::Contains("at most 1"));
  CHECK_THAT(message("partnership_years = 0\n"), Catch::Contains("partnership_years"));
  CHECK(match::parse_score_weights("reference_year = 2019\n", "w.toml").reference_year == 2019);
  CHECK_THROWS_AS(match::load_score_weights("/nonexistent/w.toml"), InvalidInput);
}
