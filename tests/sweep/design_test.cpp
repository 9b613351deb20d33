// The designs against their defining properties, checked independently of how they are built.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "verbund/sweep/sweep.hpp"

using namespace verbund;

namespace {
sweep::SweepSpec spec_of(sweep::Design design, std::size_t samples, std::size_t k) {
  sweep::SweepSpec s;
  s.design = design;
  s.samples = samples;
  s.seed = 5;
  for (std::size_t j = 0; j < k; ++j)
    s.parameters.push_back({.key = "p" + std::to_string(j), .low = 1.0, .high = 3.0, .steps = 3});
  return s;
}

/// Whether coordinate j of the points hits each of n equal strata exactly once.
bool stratified(const std::vector<sweep::Point>& points, std::size_t j, std::size_t n) {
  std::set<std::size_t> strata;
  for (const auto& p : points)
    strata.insert(static_cast<std::size_t>(std::floor(p.unit[j] * static_cast<double>(n))));
  return strata.size() == n && *strata.rbegin() == n - 1;
}
}  // namespace

TEST_CASE("grid: every combination, the first parameter slowest", "[sweep]") {
  auto s = spec_of(sweep::Design::grid, 0, 2);
  s.parameters[1] = {.key = "n", .levels = {std::int64_t{4}, std::int64_t{8}}};
  const auto points = sweep::design_points(s);
  REQUIRE(points.size() == 6);
  CHECK(std::get<double>(points[0].settings[0].value) == 1.0);
  CHECK(std::get<std::int64_t>(points[1].settings[1].value) == 8);
  CHECK(std::get<double>(points[2].settings[0].value) == 2.0);
  CHECK(std::get<double>(points[5].settings[0].value) == 3.0);
}

TEST_CASE("Latin hypercube: each stratum of each parameter once, fixed by the seed", "[sweep]") {
  const auto s = spec_of(sweep::Design::lhs, 13, 3);
  const auto points = sweep::design_points(s);
  REQUIRE(points.size() == 13);
  for (std::size_t j = 0; j < 3; ++j) CHECK(stratified(points, j, 13));
  CHECK(sweep::design_points(s)[4].unit == points[4].unit);
  auto other = s;
  other.seed = 6;
  CHECK(sweep::design_points(other)[4].unit != points[4].unit);
}

TEST_CASE("Sobol: the first 2^m points hit every 1/2^m stratum of every coordinate", "[sweep]") {
  const auto points = sweep::design_points(spec_of(sweep::Design::sobol, 16, 4));
  REQUIRE(points.size() == 16);
  for (std::size_t j = 0; j < 4; ++j) CHECK(stratified(points, j, 16));
  // Two-dimensional projections of a Sobol net (t = 0 for the first two coordinates): every
  // 1/4 x 1/4 cell holds exactly one of 16 points.
  std::set<std::pair<int, int>> cells;
  for (const auto& p : points)
    cells.insert({static_cast<int>(p.unit[0] * 4), static_cast<int>(p.unit[1] * 4)});
  CHECK(cells.size() == 16);
}

TEST_CASE("Saltelli: A, B and A with one column of B, per row", "[sweep]") {
  const auto points = sweep::design_points(spec_of(sweep::Design::saltelli, 8, 3));
  REQUIRE(points.size() == 8 * 5);
  for (std::size_t row = 0; row < 8; ++row) {
    const auto& a = points[row * 5].unit;
    const auto& b = points[row * 5 + 1].unit;
    for (std::size_t i = 0; i < 3; ++i) {
      const auto& ab = points[row * 5 + 2 + i].unit;
      for (std::size_t j = 0; j < 3; ++j) CHECK(ab[j] == (j == i ? b[j] : a[j]));
    }
  }
}

TEST_CASE("Morris: trajectories move one parameter at a time by delta on the grid", "[sweep]") {
  const auto s = spec_of(sweep::Design::morris, 10, 3);
  const auto points = sweep::design_points(s);
  REQUIRE(points.size() == 10 * 4);
  const double delta = 4.0 / 6.0;
  for (std::size_t t = 0; t < 10; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t j = 0; j < 3; ++j) {
      const auto& u0 = points[t * 4 + j].unit;
      const auto& u1 = points[t * 4 + j + 1].unit;
      std::size_t changed = 0;
      for (std::size_t i = 0; i < 3; ++i) {
        CHECK(std::abs(u1[i] * 3 - std::round(u1[i] * 3)) < 1e-12);  // levels 0, 1/3, 2/3, 1
        if (u0[i] != u1[i]) {
          ++changed;
          moved.insert(i);
          CHECK(std::abs(std::abs(u1[i] - u0[i]) - delta) < 1e-12);
        }
      }
      CHECK(changed == 1);
    }
    CHECK(moved.size() == 3);
  }
}

TEST_CASE("value_at: levels and whole numbers by equal shares, ranges linearly", "[sweep]") {
  const sweep::Parameter levels{.key = "x",
                                .levels = {std::int64_t{1}, std::int64_t{2}, std::int64_t{3}}};
  CHECK(std::get<std::int64_t>(sweep::value_at(levels, 0.0)) == 1);
  CHECK(std::get<std::int64_t>(sweep::value_at(levels, 0.34)) == 2);
  CHECK(std::get<std::int64_t>(sweep::value_at(levels, 1.0)) == 3);
  const sweep::Parameter whole{.key = "n", .low = 5, .high = 8, .integer = true};
  CHECK(std::get<std::int64_t>(sweep::value_at(whole, 0.0)) == 5);
  CHECK(std::get<std::int64_t>(sweep::value_at(whole, 0.5)) == 7);
  CHECK(std::get<std::int64_t>(sweep::value_at(whole, 1.0)) == 8);
  const sweep::Parameter range{.key = "r", .low = 0.1, .high = 0.5};
  CHECK(std::get<double>(sweep::value_at(range, 0.5)) == Approx(0.3));
}
