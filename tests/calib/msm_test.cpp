// The method of simulated moments: against the closed form of a linear model, parameter recovery
// and convergence on the simulation's own statistics.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "verbund/calib/calibrate.hpp"
#include "verbund/calib/msm.hpp"
#include "verbund/calib/uncertainty.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/ruhr.hpp"

using namespace verbund;

namespace {
using Matrix = std::vector<std::vector<double>>;

Matrix multiply(const Matrix& a, const Matrix& b) {
  Matrix c(a.size(), std::vector<double>(b[0].size(), 0.0));
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b[0].size(); ++j)
      for (std::size_t k = 0; k < b.size(); ++k) c[i][j] += a[i][k] * b[k][j];
  return c;
}
Matrix transpose(const Matrix& a) {
  Matrix t(a[0].size(), std::vector<double>(a.size()));
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < a[0].size(); ++j) t[j][i] = a[i][j];
  return t;
}
}  // namespace

TEST_CASE("calib: invert against a known inverse and a singular matrix", "[calib]") {
  const auto inv = calib::invert({{4, 7}, {2, 6}});
  REQUIRE(inv.size() == 2);
  CHECK(inv[0][0] == Approx(0.6));
  CHECK(inv[0][1] == Approx(-0.7));
  CHECK(inv[1][0] == Approx(-0.2));
  CHECK(inv[1][1] == Approx(0.4));
  CHECK(calib::invert({{1, 2}, {2, 4}}).empty());
}

// Statistics linear in the parameters, with fixed noise per replicate (common random numbers):
// the objective is quadratic, so its minimum and the sandwich have closed forms.
TEST_CASE("calib: MSM on a linear model equals generalised least squares", "[calib]") {
  const Matrix a{{1.0, 0.5}, {0.2, 2.0}, {1.5, -1.0}};
  const std::vector<double> b{0.3, -0.2, 1.0};
  const std::size_t replicates = 8;
  std::mt19937 rng(5);
  std::normal_distribution<double> noise(0.0, 1.0);
  Matrix e(replicates, std::vector<double>(3));
  for (auto& row : e)
    for (std::size_t k = 0; k < 3; ++k) row[k] = noise(rng) * (0.2 + 0.3 * static_cast<double>(k));
  const calib::MomentSimulator simulate = [&](std::span<const double> th) {
    Matrix out(replicates, std::vector<double>(3));
    for (std::size_t r = 0; r < replicates; ++r)
      for (std::size_t k = 0; k < 3; ++k)
        out[r][k] = a[k][0] * th[0] + a[k][1] * th[1] + b[k] + e[r][k];
    return out;
  };
  const std::vector<double> targets{1.0, 2.0, 0.5}, weights{1.0, 1.0, 1.0};
  const std::vector<calib::FreeParameter> free{{"x", -10, 10, 0}, {"y", -10, 10, 0}};
  calib::MsmOptions options;
  options.xtol_rel = 1e-10;
  options.max_evaluations = 2000;
  const auto r = calib::estimate(simulate, targets, weights, free, options);

  // Oracle: means, covariance, W = diag(1/var), theta = (A'WA)^-1 A'W (t - b - mean e).
  std::vector<double> mean(3, 0.0);
  for (const auto& row : e)
    for (std::size_t k = 0; k < 3; ++k) mean[k] += row[k] / replicates;
  Matrix s(3, std::vector<double>(3, 0.0));
  for (const auto& row : e)
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 3; ++j)
        s[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (replicates - 1);
  Matrix w(3, std::vector<double>(3, 0.0));
  for (std::size_t k = 0; k < 3; ++k) w[k][k] = 1.0 / s[k][k];
  const Matrix at = transpose(a);
  const Matrix bread = calib::invert(multiply(multiply(at, w), a));
  Matrix rhs(3, std::vector<double>(1));
  for (std::size_t k = 0; k < 3; ++k) rhs[k][0] = targets[k] - b[k] - mean[k];
  const Matrix theta = multiply(multiply(multiply(bread, at), w), rhs);
  CHECK(r.estimate[0] == Approx(theta[0][0]).margin(1e-5));
  CHECK(r.estimate[1] == Approx(theta[1][0]).margin(1e-5));
  const Matrix v =
      multiply(multiply(bread, multiply(multiply(multiply(multiply(at, w), s), w), a)), bread);
  const double factor = 1.0 + 1.0 / replicates;
  CHECK(r.standard_error[0] == Approx(std::sqrt(factor * v[0][0])).epsilon(1e-6));
  CHECK(r.standard_error[1] == Approx(std::sqrt(factor * v[1][1])).epsilon(1e-6));
  CHECK(r.correlation[0][1] == Approx(v[0][1] / std::sqrt(v[0][0] * v[1][1])).epsilon(1e-6));
  CHECK(r.jacobian[2][1] == Approx(-1.0));
  CHECK_FALSE(r.at_bound[0]);
  // Gauss-Newton on a linear model: one step from wherever one evaluation of the optimiser
  // leaves it lands on the same closed form (the Jacobian is exact), the optimiser could not.
  calib::MsmOptions newton;
  newton.max_evaluations = 1;
  newton.newton_steps = 3;
  const auto n = calib::estimate(simulate, targets, weights, free, newton);
  CHECK(n.newton_steps >= 1);
  CHECK(n.estimate[0] == Approx(theta[0][0]).margin(1e-6));
  CHECK(n.estimate[1] == Approx(theta[1][0]).margin(1e-6));
  newton.newton_steps = 0;
  const auto none = calib::estimate(simulate, targets, weights, free, newton);
  CHECK(none.newton_steps == 0);
  CHECK(std::abs(none.estimate[0] - theta[0][0]) > 1e-3);
}

TEST_CASE("calib: the estimate is never worse than the start", "[calib]") {
  // A start near a bound where the optimum is: BOBYQA's first step (away from the bound) lands
  // far worse, and with one evaluation allowed NLopt returns that point; the start must win.
  const calib::MomentSimulator simulate = [](std::span<const double> th) {
    return std::vector<std::vector<double>>{{th[0] * th[0]}, {th[0] * th[0] + 0.01}};
  };
  const std::vector<calib::FreeParameter> free{{"x", 0.0, 100.0, 0.05}};
  calib::MsmOptions options;
  options.max_evaluations = 1;
  const std::vector<double> target{0.0}, weight{1.0};
  const auto r = calib::estimate(simulate, target, weight, free, options);
  CHECK(r.objective <= r.objective_start);
  CHECK(r.estimate[0] == 0.05);
  options.max_evaluations = 200;
  const auto longer = calib::estimate(simulate, target, weight, free, options);
  CHECK(longer.objective <= r.objective);
  CHECK(longer.estimate[0] < 0.05);
}

TEST_CASE("calib: the stop kind says whether the optimiser ran out of evaluations", "[calib]") {
  // A quadratic with its minimum inside: given evaluations enough, BOBYQA stops on its
  // tolerance; given 2, on the limit, and only then may the advice be "raise the limit".
  const calib::MomentSimulator simulate = [](std::span<const double> th) {
    return std::vector<std::vector<double>>{{th[0], th[1]}, {th[0] + 0.1, th[1] - 0.1}};
  };
  const std::vector<calib::FreeParameter> free{{"x", -5.0, 5.0, 3.0}, {"y", -5.0, 5.0, -3.0}};
  const std::vector<double> target{1.0, 1.0}, weight{1.0, 1.0};
  calib::MsmOptions options;
  options.max_evaluations = 2;
  const auto cut = calib::estimate(simulate, target, weight, free, options);
  CHECK(cut.stop == calib::StopKind::evaluation_limit);
  CHECK(cut.stop_reason == "evaluation limit reached");
  CHECK(cut.optimiser_evaluations == 2);
  options.max_evaluations = 500;
  const auto done = calib::estimate(simulate, target, weight, free, options);
  CHECK(done.stop == calib::StopKind::tolerance);
  CHECK(done.optimiser_evaluations < 500);
  CHECK(done.max_abs_t() <= 0.1);
}

TEST_CASE("calib: bad bounds and algorithms are refused", "[calib]") {
  const calib::MomentSimulator simulate = [](std::span<const double> th) {
    return Matrix{{th[0]}, {th[0] + 1}};
  };
  const std::vector<double> t{1.0}, w{1.0};
  const std::vector<calib::FreeParameter> empty{{"x", 1, 1, 1}};
  CHECK_THROWS_WITH(calib::estimate(simulate, t, w, empty), Catch::Contains("are empty"));
  const std::vector<calib::FreeParameter> ok{{"x", 0, 2, 1}};
  calib::MsmOptions bad;
  bad.algorithm = "hand-written";
  CHECK_THROWS_AS(calib::estimate(simulate, t, w, ok, bad), InvalidInput);
}

namespace {

const core::Region& recovery_region() {
  static const core::Region r = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 150, .seed = 9});
  return r;
}

calib::ScenarioMoments recovery_problem(std::uint64_t seed, std::size_t replicates) {
  calib::ScenarioMoments m;
  m.region = &recovery_region();
  // The dynamics before the baseline's calibration (no random tie ends): the estimator's tests
  // must not move with the defaults.
  m.scenario_text =
      "name = \"recovery\"\nhorizon_months = 24\n[model]\nend_probability = 0.0\n"
      "[model.effects]\nscience_affinity = 1.5\n";
  m.scenario_file = "recovery.toml";
  m.statistics = {{calib::StatisticKind::mean_degree}, {calib::StatisticKind::new_ties}};
  m.parameters =
      calib::free_parameters("model.effects.base=-9:-3", m.scenario_text, m.scenario_file);
  m.replicates = replicates;
  m.seed = seed;
  return m;
}

}  // namespace

// The model's own statistics (the same seed: the targets are what the truth gives) are met.
TEST_CASE("calib: calibration converges on the model's own statistics", "[calib]") {
  auto m = recovery_problem(11, 6);
  const std::vector<double> truth{-5.0};
  const auto draws = calib::simulate_moments(m, truth);
  std::vector<double> targets(2, 0.0);
  for (const auto& row : draws)
    for (std::size_t k = 0; k < 2; ++k) targets[k] += row[k] / static_cast<double>(draws.size());
  const auto r = calib::estimate([&](auto theta) { return calib::simulate_moments(m, theta); },
                                 targets, std::vector<double>{1.0, 1.0}, m.parameters);
  INFO("estimate " << r.estimate[0] << " objective " << r.objective);
  CHECK(r.max_abs_t() <= 0.1);
  CHECK(std::abs(r.estimate[0] - truth[0]) <= 2 * r.standard_error[0]);
}

// Parameter recovery: the "observed" statistics are one replicate of the truth with another
// seed; the estimate covers the truth within 2 standard errors in at least 9 of 10 seeds (the
// 20-seed version is bench/calib_recovery).
TEST_CASE("calib: parameters are recovered within 2 standard errors", "[calib]") {
  const std::vector<double> truth{-5.0};
  int covered = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    auto observed = recovery_problem(1000 + seed, 1);
    const auto data = calib::simulate_moments(observed, truth).front();
    auto m = recovery_problem(seed, 12);
    const auto r = calib::estimate([&](auto theta) { return calib::simulate_moments(m, theta); },
                                   data, std::vector<double>{1.0, 1.0}, m.parameters);
    const bool ok = std::abs(r.estimate[0] - truth[0]) <= 2 * r.standard_error[0];
    UNSCOPED_INFO("seed " << seed << ": " << r.estimate[0] << " +- " << r.standard_error[0]);
    covered += ok ? 1 : 0;
  }
  CHECK(covered >= 9);
}

// Draws from N(estimate, covariance): their sample moments approach the calibration's.
TEST_CASE("calib: parameter draws have the calibration's mean and covariance", "[calib]") {
  calib::Calibration c;
  c.parameters = {{"a", -100, 100, 1.0}, {"b", -100, 100, -2.0}};
  c.standard_error = {0.5, 2.0};
  c.correlation = {{1.0, -0.6}, {-0.6, 1.0}};
  const auto draws = calib::draw_parameters(c, 20000, 7);
  double ma = 0, mb = 0;
  for (const auto& d : draws) ma += d[0] / 20000, mb += d[1] / 20000;
  double va = 0, vb = 0, cab = 0;
  for (const auto& d : draws) {
    va += (d[0] - ma) * (d[0] - ma) / 19999;
    vb += (d[1] - mb) * (d[1] - mb) / 19999;
    cab += (d[0] - ma) * (d[1] - mb) / 19999;
  }
  CHECK(ma == Approx(1.0).margin(0.02));
  CHECK(mb == Approx(-2.0).margin(0.08));
  CHECK(std::sqrt(va) == Approx(0.5).epsilon(0.03));
  CHECK(std::sqrt(vb) == Approx(2.0).epsilon(0.03));
  CHECK(cab / std::sqrt(va * vb) == Approx(-0.6).margin(0.03));
  CHECK(calib::draw_parameters(c, 3, 7) == calib::draw_parameters(c, 3, 7));
  // Bounds hold.
  c.parameters[0].high = 1.2;
  for (const auto& d : calib::draw_parameters(c, 500, 1)) CHECK(d[0] <= 1.2);
  // The line calibrate writes is read back.
  const auto read = calib::read_calibration(
      "# verbund-calibration: {\"seed\":1,\"parameters\":[{\"key\":\"model.decay\","
      "\"estimate\":0.03,\"standard_error\":0.01,\"low\":0.0,\"high\":0.5}],"
      "\"correlation\":[[1.0]]}\nname = \"x\"\n",
      "c.toml");
  REQUIRE(read);
  CHECK(read->parameters[0].key == "model.decay");
  CHECK(read->parameters[0].start == 0.03);
  CHECK_FALSE(calib::read_calibration("name = \"x\"\n", "c.toml"));
  // Edited lines: one clear message at the line, never the JSON library's text.
  auto refused = [](const std::string& json, const std::string& message) {
    const std::string text = "name = \"x\"\n# verbund-calibration: " + json + "\n";
    CHECK_THROWS_WITH(calib::read_calibration(text, "c.toml"),
                      Catch::Contains("c.toml:2:24: the calibration line") &&
                          Catch::Contains(message) && !Catch::Contains("json.exception"));
  };
  const std::string two =
      "{\"parameters\":[{\"key\":\"model.effects.same_kind\",\"estimate\":0,\"standard_error\":SE,"
      "\"low\":-1,"
      "\"high\":1},{\"key\":\"model.effects.popularity\",\"estimate\":0,\"standard_error\":0.1,"
      "\"low\":-1,"
      "\"high\":1}],\"correlation\":CORR}";
  auto with = [&](const std::string& se, const std::string& corr) {
    auto s = two;
    s.replace(s.find("SE"), 2, se);
    s.replace(s.find("CORR"), 4, corr);
    return s;
  };
  refused("{oops", "is not valid JSON");
  refused("{\"parameters\":[{\"key\":\"model.effects.same_kind\"}],\"correlation\":[[1]]}",
          "no finite");
  refused(with("-0.1", "[[1,0],[0,1]]"), "negative standard error for 'model.effects.same_kind'");
  refused(with("0.1", "[[1,0.5],[-0.5,1]]"),
          "asymmetric correlation (model.effects.same_kind, model.effects.popularity)");
  refused(with("0.1", "[[1,2],[2,1]]"), "outside [-1, 1]");
  refused(with("0.1", "[[1,0]]"), "wrong size");
  refused("{\"parameters\":[],\"correlation\":[]}", "names no parameter");
  auto twice = with("0.1", "[[1,0],[0,1]]");
  const std::string b = "\"key\":\"model.effects.popularity\"";
  twice.replace(twice.find(b), b.size(), "\"key\":\"model.effects.same_kind\"");
  refused(twice, "names the parameter 'model.effects.same_kind' twice");
  // A key the scenario cannot set, an absurd standard error (the CLI's cases, with a covariance
  // no distribution has and a second calibration line, are in input_errors_test.cpp).
  auto unknown = with("0.1", "[[1,0],[0,1]]");
  unknown.replace(unknown.find(b), b.size(), "\"key\":\"model.effects.charm\"");
  refused(unknown, "names the parameter 'model.effects.charm', which the scenario cannot set");
  refused(with("1e300", "[[1,0],[0,1]]"), "standard error of 'model.effects.same_kind' (1e+300)");
  CHECK(calib::read_calibration(
      "# verbund-calibration: " + with("0.1", "[[1,0.5],[0.5,1]]") + "\nname = \"x\"\n", "c.toml"));
}
