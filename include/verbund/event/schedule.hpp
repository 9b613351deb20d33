#pragma once

// The meeting scheduler of a matchmaking event, free of files and names: participants, slots and
// tables are indices, so that the simulation can call it in-process on a generated day.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace verbund::event {

/// How much a request matters: a `must` is scheduled before any `want`.
enum class Priority : std::uint8_t { want, must };

/// One meeting asked for between participants `a` and `b` (unordered), worth `weight` (> 0).
struct MeetingRequest {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  Priority priority = Priority::want;
  double weight = 1.0;
};

/// A meeting of `a` and `b` in `slot` at `table`.
struct Meeting {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::uint32_t slot = 0;
  std::uint32_t table = 0;
};

/// What the scheduler works on. `fixed` meetings (locks, meetings already held) stay where they
/// are; one whose pair is also requested satisfies that request.
struct SchedulingProblem {
  std::uint32_t participants = 0;
  std::uint32_t slots = 0;
  std::uint32_t tables = 0;
  /// participants x slots, row-major, 1 = available; empty = everyone in every slot.
  std::vector<std::uint8_t> available;
  std::vector<int> max_meetings;  ///< one per participant; empty = no limit but the slots
  std::vector<int> min_meetings;  ///< one per participant (wished, not enforced); empty = 0
  std::vector<MeetingRequest> requests;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> vetoes;  ///< pairs who never meet
  std::vector<Meeting> fixed;

  /// Throws InvalidInput naming the first problem: an index out of range, a request of someone
  /// with themself, a pair requested twice, a weight not finite and > 0, a fixed meeting that
  /// double-books a person or a table, or sits in a slot where one side is unavailable. O(P S + R
  /// log R + F). Thread-safe.
  void validate() const;
  [[nodiscard]] bool is_available(std::uint32_t p, std::uint32_t slot) const {
    return available.empty() || available[std::size_t{p} * slots + slot] != 0;
  }
  [[nodiscard]] int max_of(std::uint32_t p) const {
    return max_meetings.empty() ? static_cast<int>(slots) : max_meetings[p];
  }
  [[nodiscard]] int min_of(std::uint32_t p) const {
    return min_meetings.empty() ? 0 : min_meetings[p];
  }
};

/// A meeting of a schedule: which request it serves (none for a fixed meeting nobody requested)
/// and whether it was fixed.
struct ScheduledMeeting : Meeting {
  std::optional<std::uint32_t> request;
  bool fixed = false;
};

/// A schedule: its meetings sorted by (slot, table), each request's meeting, the total weight of
/// the requests served.
struct Schedule {
  std::vector<ScheduledMeeting> meetings;
  std::vector<std::optional<std::uint32_t>> meeting_of_request;  ///< index into `meetings`
  double weight = 0.0;
};

struct ScheduleOptions {
  std::uint64_t seed = 1;
  /// Independent greedy orders tried (in parallel); the best is kept (weight, then the least
  /// participants' total shortfall to their minimum, then their idle slots between meetings,
  /// then the run's index).
  std::size_t restarts = 8;
  std::size_t repair_passes = 3;  ///< rounds of moving one or two meetings to fit another in
  /// For replanning: where each request met before (slot, table), one entry per request or empty.
  /// Those meetings stay where they were when still possible and are never moved to make room.
  std::vector<std::optional<std::pair<std::uint32_t, std::uint32_t>>> keep{};
};

/// A good schedule by greedy construction (must first, then those below their minimum, then by
/// weight and fewest common free slots) and repair (moving up to two meetings to another slot, or
/// dropping a lighter one, to fit a request in); then meetings move to other free slots while that
/// shortens their two people's idle time between meetings. Deterministic for a seed, whatever the
/// number of threads. Throws InvalidInput if the problem fails `validate`. O(restarts * passes * R
/// * S^2) at worst. Thread-safe (a pure function of its inputs; uses oneTBB inside).
[[nodiscard]] Schedule schedule_meetings(const SchedulingProblem& problem,
                                         const ScheduleOptions& options = {});

/// An upper bound on the weight of every feasible schedule, and how it was obtained.
struct UpperBound {
  double value = 0.0;
  std::string method;  ///< "LP relaxation" or "b-matching relaxation"
};

struct BoundOptions {
  /// The LP relaxation (GLPK simplex) is solved when it has at most this many variables
  /// (request x common slot); otherwise the b-matching relaxation (fast, weaker) is used.
  std::size_t lp_max_variables = 20000;
};

/// An upper bound on the best schedule's weight: the smaller of (a) a bipartite b-matching
/// relaxation (each person split into two copies of capacity min(max, free slots), each request
/// into two half-weight pairs; solved exactly by match::optimal_assignment) and, when small
/// enough, (b) the LP relaxation of the exact model (see schedule_exact). Never below the
/// optimum. O(b-matching + LP). Throws InvalidInput as `validate`. Thread-safe.
[[nodiscard]] UpperBound upper_bound(const SchedulingProblem& problem,
                                     const BoundOptions& options = {});

struct ExactOptions {
  double time_limit_seconds = 60.0;
  std::size_t max_variables = 50000;  ///< refuse (Infeasible) larger models
};

struct ExactSchedule {
  Schedule schedule;
  bool proven_optimal = false;  ///< false when the time limit stopped the search
  double bound = 0.0;           ///< GLPK's best bound on the optimum
};

/// The weight-optimal schedule through GLPK's branch and cut on the integer model: x[r][s] = 1
/// if request r meets in slot s; one meeting per person and slot, tables per slot, each person's
/// maximum, each request at most once; fixed meetings taken out first. Exponential at worst: for
/// small instances and as the oracle of the heuristic. Throws InvalidInput as `validate`,
/// Infeasible if the model is larger than `max_variables` or GLPK fails. Thread-safe (GLPK's
/// environment is per thread).
[[nodiscard]] ExactSchedule schedule_exact(const SchedulingProblem& problem,
                                           const ExactOptions& options = {});

/// Every way a schedule breaks the problem's rules, in words (empty = valid): a person or a table
/// twice in a slot, an index out of range, an unavailable person, a vetoed pair, a person above
/// their maximum, a fixed meeting missing or moved, a meeting serving a request of another pair
/// or a request served twice, a weight that is not the sum of the served requests. Written apart
/// from the scheduler as its referee. O(M log M + P S + R). Does not throw but std::bad_alloc.
/// Thread-safe.
[[nodiscard]] std::vector<std::string> check_schedule(const SchedulingProblem& problem,
                                                      const Schedule& schedule);

}  // namespace verbund::event
