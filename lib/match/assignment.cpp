#include "verbund/match/assignment.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>

#include "min_cost_flow.hpp"
#include "verbund/error.hpp"

namespace verbund::match {

void AssignmentProblem::validate() const {
  for (std::size_t i = 0; i < left_capacity.size(); ++i) {
    if (left_capacity[i] < 0)
      throw InvalidInput("negative capacity " + std::to_string(left_capacity[i]) + " of seeker #" +
                         std::to_string(i));
  }
  for (std::size_t j = 0; j < right_capacity.size(); ++j) {
    if (right_capacity[j] < 0)
      throw InvalidInput("negative capacity " + std::to_string(right_capacity[j]) +
                         " of candidate #" + std::to_string(j));
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;
  seen.reserve(pairs.size());
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto& p = pairs[k];
    if (p.left >= left_capacity.size() || p.right >= right_capacity.size())
      throw InvalidInput("pair #" + std::to_string(k) + " names a party out of range");
    if (!std::isfinite(p.score))
      throw InvalidInput("pair #" + std::to_string(k) + " has a non-finite score");
    seen.emplace_back(p.left, p.right);
  }
  std::sort(seen.begin(), seen.end());
  const auto dup = std::adjacent_find(seen.begin(), seen.end());
  if (dup != seen.end())
    throw InvalidInput("the pair (seeker #" + std::to_string(dup->first) + ", candidate #" +
                       std::to_string(dup->second) + ") is listed twice");
}

namespace {

Assignment assignment_of(const AssignmentProblem& problem, std::vector<std::uint32_t> chosen) {
  Assignment a;
  std::sort(chosen.begin(), chosen.end());
  a.chosen = std::move(chosen);
  a.left_load.assign(problem.left_capacity.size(), 0);
  a.right_load.assign(problem.right_capacity.size(), 0);
  for (const auto k : a.chosen) {
    const auto& p = problem.pairs[k];
    ++a.left_load[p.left];
    ++a.right_load[p.right];
    a.total += p.score;
  }
  return a;
}

/// How scores become the solver's integer costs: cost = round(score / divisor * units).
struct ScoreScale {
  double divisor = 1.0;
  double units = 1e6;
  [[nodiscard]] double cost(double score) const { return score / divisor * units; }
  // As the solver has always converted (times 1 / units), so that default scores' prices and
  // gaps stay bit for bit.
  [[nodiscard]] double score(double cost) const { return cost * (1.0 / units) * divisor; }
};

/// 1e6 units per 1.0 when the largest score is at least 1e-3 and its units fit into what 64-bit
/// prices can carry at this size. Otherwise the scores are divided by the largest first (so no
/// product can overflow or underflow), and it gets the most units that fit, a power of ten. So
/// any finite scores work: scaling all of them by a constant leaves the assignment as it is.
ScoreScale score_scale(const AssignmentProblem& problem) {
  double max_score = 0.0;
  for (const auto& p : problem.pairs) max_score = std::max(max_score, p.score);
  const double nodes =
      static_cast<double>(problem.left_capacity.size() + problem.right_capacity.size() + 3);
  const double room = 9.2e18 / 64.0 / (nodes * nodes);
  ScoreScale scale;
  if (max_score <= 0.0 || (max_score >= 1e-3 && max_score * scale.units <= room)) return scale;
  scale.divisor = max_score;
  scale.units = 1.0;
  while (scale.units * 10.0 <= room) scale.units *= 10.0;
  return scale;
}

/// A strict ranking: right party j prefers proposal a to b.
struct RightRanking {
  const AssignmentProblem& problem;
  std::span<const double> priority;
  [[nodiscard]] double of(std::uint32_t k) const {
    return priority.empty() ? problem.pairs[k].score : priority[k];
  }
  [[nodiscard]] bool prefers(std::uint32_t a, std::uint32_t b) const {
    if (of(a) != of(b)) return of(a) > of(b);
    return problem.pairs[a].left < problem.pairs[b].left;
  }
};

/// Left party's strict ranking of its pairs.
bool left_prefers(const AssignmentProblem& problem, std::uint32_t a, std::uint32_t b) {
  const auto &pa = problem.pairs[a], &pb = problem.pairs[b];
  if (pa.score != pb.score) return pa.score > pb.score;
  return pa.right < pb.right;
}

}  // namespace

double dual_bound(const AssignmentProblem& problem, std::span<const double> left_price,
                  std::span<const double> right_price) {
  double bound = 0.0;
  for (std::size_t i = 0; i < left_price.size(); ++i)
    bound += problem.left_capacity[i] * left_price[i];
  for (std::size_t j = 0; j < right_price.size(); ++j)
    bound += problem.right_capacity[j] * right_price[j];
  for (const auto& p : problem.pairs) {
    bound += std::max(0.0, p.score - left_price[p.left] - right_price[p.right]);
  }
  return bound;
}

OptimalAssignment optimal_assignment(const AssignmentProblem& problem) {
  problem.validate();
  const auto left = static_cast<std::uint32_t>(problem.left_capacity.size());
  const auto right = static_cast<std::uint32_t>(problem.right_capacity.size());
  const ScoreScale scale = score_scale(problem);
  // Nodes: source 0, sink 1, left 2.., right 2+left..; the arc sink -> source closes the
  // circulation so that any amount of flow may run. Pair arcs cost -score: a min-cost
  // circulation is a max-score assignment.
  const std::uint32_t source = 0, sink = 1;
  auto left_node = [](std::uint32_t i) { return 2 + i; };
  auto right_node = [left](std::uint32_t j) { return 2 + left + j; };
  detail::CostScalingCirculation flow(2 + left + right);
  std::int64_t total_capacity = 0;
  for (std::uint32_t i = 0; i < left; ++i) {
    flow.add_arc(source, left_node(i), problem.left_capacity[i], 0);
    total_capacity += problem.left_capacity[i];
  }
  for (std::uint32_t j = 0; j < right; ++j)
    flow.add_arc(right_node(j), sink, problem.right_capacity[j], 0);
  flow.add_arc(sink, source, total_capacity + 1, 0);  // never saturated: y(sink) >= y(source)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pair_arcs;  // (pair, arc)
  for (std::uint32_t k = 0; k < problem.pairs.size(); ++k) {
    const auto& p = problem.pairs[k];
    const auto w = static_cast<std::int64_t>(std::llround(scale.cost(p.score)));
    if (w <= 0) continue;
    pair_arcs.emplace_back(k, flow.add_arc(left_node(p.left), right_node(p.right), 1, -w));
  }
  flow.solve();

  std::vector<std::uint32_t> chosen;
  for (const auto& [k, arc] : pair_arcs) {
    if (flow.flow(arc) > 0) chosen.push_back(k);
  }
  OptimalAssignment out;
  static_cast<Assignment&>(out) = assignment_of(problem, std::move(chosen));
  // LP duals from the potentials y (cost + y(u) - y(v) >= 0 on residual arcs):
  // price of left i = max(0, y(i) - y(source)), of right j = max(0, y(sink) - y(j)).
  const auto& y = flow.potentials();
  out.left_price.resize(left);
  out.right_price.resize(right);
  for (std::uint32_t i = 0; i < left; ++i)
    out.left_price[i] =
        scale.score(static_cast<double>(std::max<std::int64_t>(0, y[left_node(i)] - y[source])));
  for (std::uint32_t j = 0; j < right; ++j)
    out.right_price[j] =
        scale.score(static_cast<double>(std::max<std::int64_t>(0, y[sink] - y[right_node(j)])));
  out.dual_bound = dual_bound(problem, out.left_price, out.right_price);
  out.gap = out.dual_bound - out.total;
  return out;
}

Assignment greedy_assignment(const AssignmentProblem& problem) {
  problem.validate();
  std::vector<std::uint32_t> order(problem.pairs.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return problem.pairs[a].score > problem.pairs[b].score;
  });
  auto left_room = problem.left_capacity;
  auto right_room = problem.right_capacity;
  std::vector<std::uint32_t> chosen;
  for (const auto k : order) {
    const auto& p = problem.pairs[k];
    if (p.score <= 0.0) break;
    if (left_room[p.left] > 0 && right_room[p.right] > 0) {
      --left_room[p.left];
      --right_room[p.right];
      chosen.push_back(k);
    }
  }
  return assignment_of(problem, std::move(chosen));
}

Assignment stable_assignment(const AssignmentProblem& problem,
                             std::span<const double> right_priority) {
  problem.validate();
  if (!right_priority.empty() && right_priority.size() != problem.pairs.size())
    throw InvalidInput("right_priority needs one value per pair");
  const RightRanking ranking{problem, right_priority};
  const std::size_t left = problem.left_capacity.size(), right = problem.right_capacity.size();
  // Each left party's acceptable pairs, best first.
  std::vector<std::vector<std::uint32_t>> list(left);
  for (std::uint32_t k = 0; k < problem.pairs.size(); ++k) {
    if (problem.pairs[k].score > 0.0) list[problem.pairs[k].left].push_back(k);
  }
  for (auto& l : list) {
    std::sort(l.begin(), l.end(), [&](auto a, auto b) { return left_prefers(problem, a, b); });
  }
  std::vector<std::size_t> next(left, 0);
  std::vector<int> held_by_left(left, 0);
  auto worse = [&](std::uint32_t a, std::uint32_t b) { return ranking.prefers(b, a); };
  // Each right party's held proposals, worst first (a set ordered by the right's ranking).
  std::vector<std::set<std::uint32_t, decltype(worse)>> held(
      right, std::set<std::uint32_t, decltype(worse)>(worse));
  std::vector<std::uint32_t> queue(left);
  std::iota(queue.begin(), queue.end(), 0U);
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const auto i = queue[q];
    while (held_by_left[i] < problem.left_capacity[i] && next[i] < list[i].size()) {
      const auto k = list[i][next[i]++];
      const auto j = problem.pairs[k].right;
      auto& h = held[j];
      if (problem.right_capacity[j] == 0) continue;
      if (static_cast<int>(h.size()) < problem.right_capacity[j]) {
        h.insert(k);
        ++held_by_left[i];
      } else if (ranking.prefers(k, *h.begin())) {
        const auto rejected = *h.begin();
        h.erase(h.begin());
        h.insert(k);
        ++held_by_left[i];
        const auto loser = problem.pairs[rejected].left;
        --held_by_left[loser];
        queue.push_back(loser);  // proposes again from where it stopped
      }
    }
  }
  std::vector<std::uint32_t> chosen;
  for (const auto& h : held) chosen.insert(chosen.end(), h.begin(), h.end());
  return assignment_of(problem, std::move(chosen));
}

std::vector<std::uint32_t> blocking_pairs(const AssignmentProblem& problem,
                                          const Assignment& assignment,
                                          std::span<const double> right_priority) {
  const RightRanking ranking{problem, right_priority};
  const std::size_t left = problem.left_capacity.size(), right = problem.right_capacity.size();
  constexpr auto none = UINT32_MAX;
  std::vector<std::uint32_t> worst_left(left, none), worst_right(right, none);
  std::vector<std::uint8_t> chosen(problem.pairs.size(), 0);
  for (const auto k : assignment.chosen) {
    chosen[k] = 1;
    const auto& p = problem.pairs[k];
    if (worst_left[p.left] == none || left_prefers(problem, worst_left[p.left], k))
      worst_left[p.left] = k;
    if (worst_right[p.right] == none || ranking.prefers(worst_right[p.right], k))
      worst_right[p.right] = k;
  }
  std::vector<std::uint32_t> blocking;
  for (std::uint32_t k = 0; k < problem.pairs.size(); ++k) {
    const auto& p = problem.pairs[k];
    if (chosen[k] || p.score <= 0.0) continue;
    const bool left_wants =
        assignment.left_load[p.left] < problem.left_capacity[p.left] ||
        (worst_left[p.left] != none && left_prefers(problem, k, worst_left[p.left]));
    const bool right_wants =
        assignment.right_load[p.right] < problem.right_capacity[p.right] ||
        (worst_right[p.right] != none && ranking.prefers(k, worst_right[p.right]));
    if (left_wants && right_wants) blocking.push_back(k);
  }
  return blocking;
}

}  // namespace verbund::match
