#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "verbund/match/assignment.hpp"
#include "verbund/match/receiver_preferences.hpp"
#include "verbund/match/recommend.hpp"

namespace verbund::match {

enum class AssignMethod { optimal, stable, greedy };
/// The method's name as the CLI spells it. O(1), does not throw, thread-safe.
[[nodiscard]] std::string_view to_string(AssignMethod method) noexcept;

/// Why a seeker stayed without a partner.
enum class UnmatchedReason {
  no_capacity,      ///< its own capacity is 0
  no_candidate,     ///< no candidate shares a competence or theme (or all score <= 0)
  candidates_full,  ///< every candidate it could have had is filled by others
};
/// The reason in words. O(1), does not throw, thread-safe.
[[nodiscard]] std::string_view to_string(UnmatchedReason reason) noexcept;

/// One many-to-many matching round: seekers' top-k lists turned into an assignment.
struct TransferRound {
  AssignMethod method = AssignMethod::optimal;
  std::vector<core::ActorId> seekers;     ///< left parties (problem index -> actor)
  std::vector<core::ActorId> candidates;  ///< right parties: the scorer's candidates
  AssignmentProblem problem;              ///< capacities: seekers' own, candidates' free
  Assignment assignment;
  std::optional<double> dual_bound;  ///< optimal only: the certificate
  std::optional<double> gap;
  std::size_t blocking_pairs = 0;      ///< audit of the result (receivers' priorities if given)
  std::vector<double> right_priority;  ///< per pair: the receiver's priority; empty = the score
  struct Unmatched {
    core::ActorId seeker;
    UnmatchedReason reason;
  };
  std::vector<Unmatched> unmatched;
};

/// Builds the problem from the recommendations (every listed pair with its total score;
/// seeker capacity from the data or `seeker_capacity`, candidate capacity = free capacity),
/// solves it with `method`, audits it for blocking pairs and explains who stayed unmatched.
/// Throws InvalidInput on a negative capacity in the data, naming the actor. O(n + C + P) to
/// build the problem of P listed pairs (n actors, C candidates), plus the chosen method's cost
/// (see optimal_assignment, stable_assignment, greedy_assignment) and O(P) for the audit.
/// With `preferences`, the receivers rank the seekers by their own stated priorities (see
/// ReceiverPreferences::priority) in `stable` and in the blocking-pair audit of every method;
/// without, by the shared score. Thread-safe.
[[nodiscard]] TransferRound assign_transfers(const TransferScorer& scorer,
                                             const std::vector<SeekerRecommendations>& lists,
                                             AssignMethod method,
                                             std::optional<int> seeker_capacity = std::nullopt,
                                             const ReceiverPreferences* preferences = nullptr);

}  // namespace verbund::match
