#include "verbund/match/transfer_round.hpp"

#include <string>

#include "verbund/error.hpp"

namespace verbund::match {

std::string_view to_string(AssignMethod method) noexcept {
  switch (method) {
    case AssignMethod::optimal:
      return "optimal";
    case AssignMethod::stable:
      return "stable";
    case AssignMethod::greedy:
      return "greedy";
  }
  return "?";
}

std::string_view to_string(UnmatchedReason reason) noexcept {
  switch (reason) {
    case UnmatchedReason::no_capacity:
      return "has no capacity";
    case UnmatchedReason::no_candidate:
      return "no candidate shares a competence";
    case UnmatchedReason::candidates_full:
      return "every candidate is filled by better-suited firms";
  }
  return "?";
}

TransferRound assign_transfers(const TransferScorer& scorer,
                               const std::vector<SeekerRecommendations>& lists, AssignMethod method,
                               std::optional<int> seeker_capacity,
                               const ReceiverPreferences* preferences) {
  const auto& region = scorer.region();
  TransferRound round;
  round.method = method;
  const auto candidates = scorer.candidates();
  round.candidates.assign(candidates.begin(), candidates.end());
  auto check_capacity = [&](core::ActorId a, int capacity) {
    if (capacity < 0) {
      throw InvalidInput("actor '" + std::string(region.external_id(a)) +
                         "' has a negative capacity (" + std::to_string(capacity) + ")");
    }
  };
  for (const auto c : candidates) {
    check_capacity(c, scorer.capacity(c));
    round.problem.right_capacity.push_back(std::max(0, scorer.free_capacity(c)));
  }
  std::vector<std::uint32_t> index_of(region.size(), UINT32_MAX);
  for (std::uint32_t j = 0; j < candidates.size(); ++j) index_of[candidates[j].value] = j;
  for (const auto& list : lists) {
    const int capacity = seeker_capacity.value_or(scorer.capacity(list.seeker));
    check_capacity(list.seeker, capacity);
    const auto i = static_cast<std::uint32_t>(round.seekers.size());
    round.seekers.push_back(list.seeker);
    round.problem.left_capacity.push_back(capacity);
    for (const auto& r : list.top) {
      round.problem.pairs.push_back({i, index_of[r.candidate.value], r.parts.total});
    }
  }

  if (preferences) {
    for (const auto& p : round.problem.pairs)
      round.right_priority.push_back(
          preferences->priority(region, round.candidates[p.right], round.seekers[p.left], p.score));
  }
  switch (method) {
    case AssignMethod::optimal: {
      auto optimal = optimal_assignment(round.problem);
      round.dual_bound = optimal.dual_bound;
      round.gap = optimal.gap;
      round.assignment = std::move(optimal);
      break;
    }
    case AssignMethod::stable:
      round.assignment = stable_assignment(round.problem, round.right_priority);
      break;
    case AssignMethod::greedy:
      round.assignment = greedy_assignment(round.problem);
      break;
  }
  round.blocking_pairs =
      blocking_pairs(round.problem, round.assignment, round.right_priority).size();

  // Why seekers stayed alone. All three methods fill every acceptable pair whose two sides both
  // have room, so a seeker with room and an acceptable pair lost out to others.
  std::vector<std::uint8_t> any_acceptable(round.seekers.size(), 0);
  for (const auto& p : round.problem.pairs) {
    if (p.score <= 0.0) continue;
    any_acceptable[p.left] = 1;
  }
  for (std::uint32_t i = 0; i < round.seekers.size(); ++i) {
    if (round.assignment.left_load[i] > 0) continue;
    const auto reason = round.problem.left_capacity[i] == 0 ? UnmatchedReason::no_capacity
                        : !any_acceptable[i]                ? UnmatchedReason::no_candidate
                                                            : UnmatchedReason::candidates_full;
    round.unmatched.push_back({round.seekers[i], reason});
  }
  return round;
}

}  // namespace verbund::match
