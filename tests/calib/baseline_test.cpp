// The calibrated bundled baseline (data/scenarios/baseline.toml, data/calibration/): without a
// programme the region stays as it is. Oracle: a t interval over independent replicates of each
// replicate's least-squares yearly trend, from the monthly indicators at months 0, 12, ..
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "test_support.hpp"
#include "verbund/calib/calibrate.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/gen/ruhr_market.hpp"
#include "verbund/io/market_csv.hpp"

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

struct Interval {
  double low = 0, high = 0;
  [[nodiscard]] bool contains_zero() const { return low <= 0.0 && high >= 0.0; }
};

/// Least-squares slope of the yearly values of indicator `field` (per year).
double yearly_trend(const std::vector<sim::Indicators>& series, double sim::Indicators::*field) {
  std::vector<double> y;
  for (std::size_t month = 0; month < series.size(); month += 12) y.push_back(series[month].*field);
  const double n = static_cast<double>(y.size());
  const double mean_x = (n - 1) / 2.0;
  double mean_y = 0, sxy = 0, sxx = 0;
  for (const auto v : y) mean_y += v / n;
  for (std::size_t x = 0; x < y.size(); ++x) {
    sxy += (static_cast<double>(x) - mean_x) * (y[x] - mean_y);
    sxx += (static_cast<double>(x) - mean_x) * (static_cast<double>(x) - mean_x);
  }
  return sxy / sxx;
}

/// The 95 % t interval of the mean over replicates (R = 8: t quantile 2.365, 7 degrees of
/// freedom).
Interval t_interval(const std::vector<double>& v) {
  REQUIRE(v.size() == 8);
  double mean = 0, ss = 0;
  for (const auto x : v) mean += x / static_cast<double>(v.size());
  for (const auto x : v) ss += (x - mean) * (x - mean);
  const double half = 2.365 * std::sqrt(ss / static_cast<double>(v.size() - 1)) /
                      std::sqrt(static_cast<double>(v.size()));
  return {mean - half, mean + half};
}

struct Trends {
  Interval mean_degree, science_share, sourcing_share;
};

/// Ten years of the baseline on the region of the golden digests with its supplier market, 8
/// replicates; `free` with `theta` sets parameters over the file's values.
Trends trends(std::string_view free, std::vector<double> theta) {
  static const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  static const auto data = gen::generate_ruhr(base, {.firms = 2000, .seed = 1});
  static const core::Region region = core::build_region(data);
  static const auto market = [] {
    io::MarketCsvFiles reference;
    reference.categories = gen::bundled_supply_dir() / "categories.csv";
    reference.certifications = gen::bundled_supply_dir() / "certifications.csv";
    return std::make_shared<const supply::MarketData>(
        gen::generate_ruhr_market(base, data, io::read_market_csv(reference), {.seed = 1}));
  }();
  calib::ScenarioMoments m;
  m.region = &region;
  m.scenario_text = baseline_text(120);
  m.scenario_file = "baseline.toml";
  m.inputs.market = market;
  m.replicates = 8;
  m.seed = 7;
  if (!free.empty()) m.parameters = calib::free_parameters(free, m.scenario_text, m.scenario_file);
  const auto reps = calib::simulate_replicates(m, theta);
  std::vector<double> degree, science, sourcing;
  for (const auto& s : reps.series) {
    degree.push_back(yearly_trend(s, &sim::Indicators::mean_degree));
    science.push_back(yearly_trend(s, &sim::Indicators::science_share));
    sourcing.push_back(yearly_trend(s, &sim::Indicators::regional_sourcing_share));
  }
  REQUIRE(reps.series.front().front().regional_sourcing_share > 0.1);  // the market is measured
  return {t_interval(degree), t_interval(science), t_interval(sourcing)};
}

}  // namespace

TEST_CASE(
    "calib: the calibrated baseline has no trend in mean degree, science share and regional "
    "sourcing share over ten years",
    "[calib]") {
  const auto now = trends("", {});
  INFO("trends per year: mean degree ["
       << now.mean_degree.low << ", " << now.mean_degree.high << "], science share ["
       << now.science_share.low << ", " << now.science_share.high << "], sourcing share ["
       << now.sourcing_share.low << ", " << now.sourcing_share.high << "]");
  CHECK(now.mean_degree.contains_zero());
  CHECK(now.science_share.contains_zero());
  CHECK(now.sourcing_share.contains_zero());
  // The oracle can fail. With the defaults before any calibration (and supply ties spared)
  // mean degree grows (about 0.4 a year) and the science share falls (about 0.005 a year), far
  // outside the intervals' widths; with firms closing
  // (1 % a month, no start-ups) supply ties end and the sourcing share falls, as it did when
  // end_probability ended supply ties (0.16 to 0.03 in five years).
  const auto old = trends(
      "model.effects.base,model.end_probability,model.effects.science_affinity,"
      "model.effects.industrial_science",
      {-6.0, 0.0, 1.5, 0.0});
  INFO("before calibration: mean degree [" << old.mean_degree.low << ", " << old.mean_degree.high
                                           << "], science share [" << old.science_share.low << ", "
                                           << old.science_share.high << "]");
  CHECK(old.mean_degree.low > 0.05);
  CHECK(old.science_share.high < 0.0);
  const auto closing = trends("model.firm_exit", {0.01});
  INFO("firms closing: sourcing share [" << closing.sourcing_share.low << ", "
                                         << closing.sourcing_share.high << "]");
  CHECK(closing.sourcing_share.high < 0.0);
}
