// The assignment solvers against exhaustive search, each other, LP duality and the definition
// of stability.
#include <catch2/catch.hpp>

#include <algorithm>

#include "verbund/core/random.hpp"
#include "verbund/error.hpp"
#include "verbund/match/assignment.hpp"

using namespace verbund;
using match::AssignmentProblem;

namespace {

AssignmentProblem random_problem(std::uint64_t seed, std::uint32_t left, std::uint32_t right,
                                 std::size_t pairs, int max_capacity) {
  core::RandomStream rng(seed, 3);
  AssignmentProblem p;
  for (std::uint32_t i = 0; i < left; ++i)
    p.left_capacity.push_back(
        static_cast<int>(rng.below(static_cast<std::uint64_t>(max_capacity) + 1)));
  for (std::uint32_t j = 0; j < right; ++j)
    p.right_capacity.push_back(
        static_cast<int>(rng.below(static_cast<std::uint64_t>(max_capacity) + 1)));
  std::vector<std::pair<std::uint32_t, std::uint32_t>> used;
  while (p.pairs.size() < pairs && used.size() < std::size_t{left} * right) {
    const auto i = static_cast<std::uint32_t>(rng.below(left));
    const auto j = static_cast<std::uint32_t>(rng.below(right));
    if (std::find(used.begin(), used.end(), std::pair{i, j}) != used.end()) continue;
    used.emplace_back(i, j);
    // Scores on a coarse grid make ties common; a few are non-positive.
    const double score = static_cast<double>(rng.below(40)) / 8.0 - 0.5;
    p.pairs.push_back({i, j, score});
  }
  return p;
}

bool within_capacity(const AssignmentProblem& p, const match::Assignment& a) {
  for (std::size_t i = 0; i < p.left_capacity.size(); ++i)
    if (a.left_load[i] > p.left_capacity[i]) return false;
  for (std::size_t j = 0; j < p.right_capacity.size(); ++j)
    if (a.right_load[j] > p.right_capacity[j]) return false;
  return true;
}

double exhaustive_best(const AssignmentProblem& p) {
  double best = 0.0;
  const std::size_t m = p.pairs.size();
  for (std::uint32_t mask = 0; mask < (1U << m); ++mask) {
    std::vector<int> l(p.left_capacity.size(), 0), r(p.right_capacity.size(), 0);
    double total = 0.0;
    bool ok = true;
    for (std::size_t k = 0; k < m && ok; ++k) {
      if (!(mask >> k & 1U)) continue;
      const auto& q = p.pairs[k];
      ok = ++l[q.left] <= p.left_capacity[q.left] && ++r[q.right] <= p.right_capacity[q.right];
      total += q.score;
    }
    if (ok) best = std::max(best, total);
  }
  return best;
}

}  // namespace

TEST_CASE("optimal assignment equals exhaustive search and beats greedy and stable",
          "[match][assignment]") {
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    const auto p = random_problem(seed, static_cast<std::uint32_t>(4 + seed % 3),
                                  static_cast<std::uint32_t>(3 + seed % 4), 8 + seed % 7, 3);
    const auto optimal = match::optimal_assignment(p);
    INFO("seed " << seed);
    CHECK(optimal.total == Approx(exhaustive_best(p)).margin(1e-9));
    CHECK(within_capacity(p, optimal));
    CHECK(optimal.gap == Approx(0.0).margin(1e-9));
    CHECK(optimal.dual_bound >= optimal.total - 1e-9);
    const auto greedy = match::greedy_assignment(p);
    const auto stable = match::stable_assignment(p);
    CHECK(within_capacity(p, greedy));
    CHECK(within_capacity(p, stable));
    CHECK(optimal.total >= greedy.total - 1e-9);
    CHECK(optimal.total >= stable.total - 1e-9);
    for (const auto k : optimal.chosen) CHECK(p.pairs[k].score > 0.0);
  }
}

TEST_CASE("optimal assignment is the same at any score scale, with its certificate",
          "[match][assignment]") {
  // Issue 12, defect 1: scores near 1e20 rounded to overflowing integers and the assignment came
  // back empty; 1e13..1e18 failed with "costs too large for 64-bit prices".
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const auto base = random_problem(seed, static_cast<std::uint32_t>(4 + seed % 3),
                                     static_cast<std::uint32_t>(3 + seed % 4), 8 + seed % 7, 3);
    const double reference = match::optimal_assignment(base).total;
    for (const double factor : {1e-300, 1e-20, 1e-7, 1e13, 1e18, 1e20, 1e300}) {
      auto p = base;
      for (auto& q : p.pairs) q.score *= factor;
      INFO("seed " << seed << ", scores times " << factor);
      const auto optimal = match::optimal_assignment(p);
      const double best = exhaustive_best(p);
      CHECK(best == Approx(reference * factor).epsilon(1e-12));
      CHECK(optimal.total == Approx(best).epsilon(1e-12).margin(0.0));
      CHECK(within_capacity(p, optimal));
      CHECK(optimal.dual_bound >= optimal.total * (1 - 1e-12));
      CHECK(optimal.gap <= 1e-9 * best);
    }
  }
}

TEST_CASE("the dual certificate closes the gap on larger instances", "[match][assignment]") {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    auto p = random_problem(seed, 300, 60, 3000, 4);
    for (auto& q : p.pairs) q.score += 0.001 * static_cast<double>(q.left % 7);  // break grid ties
    const auto optimal = match::optimal_assignment(p);
    CHECK(within_capacity(p, optimal));
    // Scores are multiples of 1e-3, exact in the solver's 1e-6 units.
    CHECK(optimal.gap == Approx(0.0).margin(1e-6));
    CHECK(match::dual_bound(p, optimal.left_price, optimal.right_price) ==
          Approx(optimal.dual_bound));
    // Any other prices bound from above as well (weak duality), e.g. all zero.
    const std::vector<double> zl(p.left_capacity.size(), 0.0), zr(p.right_capacity.size(), 0.0);
    CHECK(match::dual_bound(p, zl, zr) >= optimal.total);
    CHECK(optimal.total >= match::greedy_assignment(p).total - 1e-9);
    CHECK(optimal.total >= match::stable_assignment(p).total - 1e-9);
  }
}

TEST_CASE("deferred acceptance leaves no blocking pair, for any receiver priorities",
          "[match][stable]") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const auto p = random_problem(seed, 12, 6, 50, 3);
    core::RandomStream rng(seed, 9);
    std::vector<double> priority(p.pairs.size());
    for (auto& x : priority) x = rng.uniform();
    for (const bool own_priority : {false, true}) {
      const std::span<const double> pr =
          own_priority ? std::span<const double>(priority) : std::span<const double>();
      const auto stable = match::stable_assignment(p, pr);
      INFO("seed " << seed << " own priority " << own_priority);
      CHECK(within_capacity(p, stable));
      CHECK(match::blocking_pairs(p, stable, pr).empty());
    }
  }
  // With one shared score the stable assignment is the greedy one.
  const auto p = random_problem(77, 10, 5, 40, 2);
  CHECK(match::stable_assignment(p).total == Approx(match::greedy_assignment(p).total));
}

TEST_CASE("the blocking-pair audit finds what blocks a hand-made assignment", "[match][stable]") {
  // Two firms, two groups of capacity 1. Both firms like g0 best; g0 prefers f0.
  AssignmentProblem p;
  p.left_capacity = {1, 1};
  p.right_capacity = {1, 1};
  p.pairs = {{0, 0, 3.0}, {0, 1, 1.0}, {1, 0, 2.0}, {1, 1, 1.5}};
  match::Assignment bad;
  bad.chosen = {1, 2};  // f0-g1, f1-g0: f0 and g0 both prefer each other
  bad.left_load = {1, 1};
  bad.right_load = {1, 1};
  CHECK(match::blocking_pairs(p, bad) == std::vector<std::uint32_t>{0});
  const auto stable = match::stable_assignment(p);
  CHECK(stable.chosen == std::vector<std::uint32_t>{0, 3});
  CHECK(match::blocking_pairs(p, stable).empty());
  // Free capacity on both sides blocks too.
  match::Assignment empty;
  empty.left_load = {0, 0};
  empty.right_load = {0, 0};
  CHECK(match::blocking_pairs(p, empty).size() == 4);
}

TEST_CASE("bad assignment input is refused with a message", "[match][assignment]") {
  AssignmentProblem p;
  p.left_capacity = {1, -2};
  p.right_capacity = {1};
  CHECK_THROWS_WITH(match::optimal_assignment(p), Catch::Contains("negative capacity -2"));
  p.left_capacity = {1, 1};
  p.pairs = {{0, 0, 1.0}, {0, 0, 2.0}};
  CHECK_THROWS_WITH(match::optimal_assignment(p), Catch::Contains("listed twice"));
  p.pairs = {{0, 3, 1.0}};
  CHECK_THROWS_AS(match::greedy_assignment(p), InvalidInput);
  p.pairs = {{0, 0, std::nan("")}};
  CHECK_THROWS_WITH(match::stable_assignment(p), Catch::Contains("non-finite"));
}
