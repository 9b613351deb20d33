// The calibrated bundled baseline (data/scenarios/baseline.toml, data/calibration/): without a
// programme the region stays as it is. Oracle: a t interval over independent replicates.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "test_support.hpp"
#include "verbund/calib/calibrate.hpp"
#include "verbund/gen/ruhr.hpp"

using namespace verbund;

namespace {

std::string baseline_text(int horizon_months) {
  std::ifstream in(test::project_data_dir() / "scenarios" / "baseline.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  const std::string from = "horizon_months = 60";
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), "horizon_months = " + std::to_string(horizon_months));
}

// The 95 % t interval of the mean of the replicates' yearly trends of mean degree over ten years
// (R = 8 replicates: t quantile 2.365 for 7 degrees of freedom).
// `free` with `theta` sets parameters over the file's values.
std::pair<double, double> trend_interval(std::string_view free, std::vector<double> theta) {
  static const core::Region region = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 2000, .seed = 1});
  calib::ScenarioMoments m;
  m.region = &region;
  m.scenario_text = baseline_text(120);
  m.scenario_file = "baseline.toml";
  m.statistics = {
      {.kind = calib::StatisticKind::stationary, .of = calib::StatisticKind::mean_degree}};
  m.replicates = 8;
  m.seed = 7;
  if (!free.empty()) m.parameters = calib::free_parameters(free, m.scenario_text, m.scenario_file);
  const auto rows = calib::simulate_moments(m, theta);
  double mean = 0, ss = 0;
  for (const auto& row : rows) mean += row[0] / static_cast<double>(rows.size());
  for (const auto& row : rows) ss += (row[0] - mean) * (row[0] - mean);
  const double half = 2.365 * std::sqrt(ss / static_cast<double>(rows.size() - 1)) /
                      std::sqrt(static_cast<double>(rows.size()));
  return {mean - half, mean + half};
}

}  // namespace

TEST_CASE("calib: the calibrated baseline has no trend in mean degree over ten years", "[calib]") {
  const auto [low, high] = trend_interval("", {});
  INFO("trend of mean degree per year: [" << low << ", " << high << "]");
  CHECK(low <= 0.0);
  CHECK(high >= 0.0);
  // The oracle can fail: with the defaults before calibration mean degree grows (about 0.14 a
  // year over ten years, far outside the interval's width).
  const auto [old_low, old_high] = trend_interval(
      "model.effects.base,model.end_probability,model.effects.science_affinity", {-6.0, 0.0, 1.5});
  INFO("before calibration: [" << old_low << ", " << old_high << "]");
  CHECK(old_low > 0.1);
}
