// The sensitivity estimators against indices known in closed form (Ishigami, Sobol's G-function)
// and Morris effects against their expectation computed by brute force over the Morris grid.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <numbers>

#include "verbund/sweep/sensitivity.hpp"

using namespace verbund;

namespace {
constexpr double pi = std::numbers::pi;

double ishigami(const std::vector<double>& u) {
  const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + 7.0 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

double g_function(const std::vector<double>& u, const std::vector<double>& a) {
  double y = 1.0;
  for (std::size_t i = 0; i < a.size(); ++i) y *= (std::abs(4 * u[i] - 2) + a[i]) / (1 + a[i]);
  return y;
}

sweep::SweepSpec unit_spec(sweep::Design design, std::size_t samples, std::size_t k) {
  sweep::SweepSpec s;
  s.design = design;
  s.samples = samples;
  for (std::size_t j = 0; j < k; ++j)
    s.parameters.push_back({.key = "x" + std::to_string(j), .low = 0.0, .high = 1.0});
  return s;
}

std::vector<sweep::SobolIndex> sobol_of(const std::function<double(const std::vector<double>&)>& f,
                                        std::size_t k, std::size_t n) {
  const auto points = sweep::design_points(unit_spec(sweep::Design::saltelli, n, k));
  std::vector<double> y;
  for (const auto& p : points) y.push_back(f(p.unit));
  return sweep::sobol_indices(y, k, {.resamples = 500});
}

/// Inside the interval, up to rounding (an interval can be one point: every effect alike).
bool within(const sweep::Interval& i, double truth) {
  const double slack = 1e-12 * (1.0 + std::abs(truth));
  return i.low - slack <= truth && truth <= i.high + slack;
}
}  // namespace

TEST_CASE("Sobol indices of the Ishigami function lie within their intervals", "[sweep][oracle]") {
  // Closed form for a = 7, b = 0.1 (Ishigami and Homma 1990; Sobol' and Levitan 1999).
  const double a = 7.0, b = 0.1;
  const double v1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2);
  const double v2 = a * a / 8;
  const double v13 = std::pow(b, 2) * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  const double first[] = {v1 / v, v2 / v, 0.0};
  const double total[] = {(v1 + v13) / v, v2 / v, v13 / v};
  const auto idx = sobol_of(ishigami, 3, 8192);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("x" << i + 1 << ": S " << idx[i].first.value << " [" << idx[i].first.low << ", "
             << idx[i].first.high << "] vs " << first[i] << "; ST " << idx[i].total.value << " ["
             << idx[i].total.low << ", " << idx[i].total.high << "] vs " << total[i]);
    CHECK(within(idx[i].first, first[i]));
    CHECK(within(idx[i].total, total[i]));
    // Narrow enough to tell the parameters apart: the check could fail.
    CHECK(idx[i].first.high - idx[i].first.low < 0.1);
    CHECK(idx[i].total.high - idx[i].total.low < 0.1);
  }
}

TEST_CASE("Sobol indices of the G-function lie within their intervals", "[sweep][oracle]") {
  const std::vector<double> a{0.0, 1.0, 4.5, 9.0, 99.0, 99.0};
  std::vector<double> vi;
  double prod = 1.0;
  for (const double ai : a) {
    vi.push_back(1.0 / (3.0 * std::pow(1 + ai, 2)));
    prod *= 1 + vi.back();
  }
  const double v = prod - 1.0;
  const auto idx =
      sobol_of([&](const std::vector<double>& u) { return g_function(u, a); }, a.size(), 8192);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double s = vi[i] / v, st = vi[i] * prod / (1 + vi[i]) / v;
    INFO("x" << i + 1 << ": S " << idx[i].first.value << " [" << idx[i].first.low << ", "
             << idx[i].first.high << "] vs " << s << "; ST " << idx[i].total.value << " vs " << st);
    CHECK(within(idx[i].first, s));
    CHECK(within(idx[i].total, st));
    CHECK(idx[i].total.high - idx[i].total.low < 0.1);
  }
}

TEST_CASE("Morris mu* equals its expectation over the grid, brute force", "[sweep][oracle]") {
  // With p levels the effect of x_i is taken between grid points (x_i, x_i + delta), x_i in the
  // lower half of the levels and every other parameter uniform over all levels: averaging
  // |f(x + delta e_i) - f(x)| / delta over all of them is mu*'s expectation.
  const std::size_t k = 3, p = 4;
  const double delta = static_cast<double>(p) / (2.0 * static_cast<double>(p - 1));
  std::vector<double> expected(k, 0.0);
  std::size_t cases = 0;
  const double pairs = 4.0 * 4.0 * 4.0 / 2.0;  // x_i in the lower half, the others anywhere
  for (int a = 0; a < 4; ++a)
    for (int b = 0; b < 4; ++b)
      for (int c = 0; c < 4; ++c) {
        const std::vector<double> x{a / 3.0, b / 3.0, c / 3.0};
        ++cases;
        for (std::size_t i = 0; i < k; ++i) {
          if (x[i] + delta > 1.0 + 1e-12) continue;
          auto y = x;
          y[i] += delta;
          expected[i] += std::abs(ishigami(y) - ishigami(x)) / delta / pairs;
        }
      }
  REQUIRE(cases == 64);
  auto spec = unit_spec(sweep::Design::morris, 400, k);
  const auto points = sweep::design_points(spec);
  std::vector<double> y;
  for (const auto& pt : points) y.push_back(ishigami(pt.unit));
  const auto idx = sweep::morris_indices(points, y, k, {.resamples = 500});
  for (std::size_t i = 0; i < k; ++i) {
    INFO("x" << i + 1 << ": mu* " << idx[i].mu_star.value << " [" << idx[i].mu_star.low << ", "
             << idx[i].mu_star.high << "] vs " << expected[i]);
    CHECK(within(idx[i].mu_star, expected[i]));
    CHECK(idx[i].mu_star.high - idx[i].mu_star.low < 0.3 * expected[i]);
  }
}

TEST_CASE("Morris on a linear function: mu* = |slope|, sigma = 0", "[sweep][oracle]") {
  const std::vector<double> slope{2.0, -0.5, 0.0};
  const auto points = sweep::design_points(unit_spec(sweep::Design::morris, 20, 3));
  std::vector<double> y;
  for (const auto& pt : points)
    y.push_back(slope[0] * pt.unit[0] + slope[1] * pt.unit[1] + slope[2] * pt.unit[2]);
  const auto idx = sweep::morris_indices(points, y, 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(idx[i].mu_star.value == Approx(std::abs(slope[i])).margin(1e-12));
    CHECK(idx[i].mu == Approx(slope[i]).margin(1e-12));
    CHECK(idx[i].sigma == Approx(0.0).margin(1e-12));
  }
}
