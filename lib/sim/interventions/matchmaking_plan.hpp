#pragma once

// The meeting plan of a simulated matchmaking day, made by the event scheduler: apart from the
// compiled intervention so that tests can check it. Private to lib/sim.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/event/schedule.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::match {
class TransferScorer;
}

namespace verbund::sim::detail {

struct MatchmakingPlan {
  std::vector<core::ActorId> people;  ///< the scheduling problem's participant i is people[i]
  event::SchedulingProblem problem;   ///< firm -> partner requests, maxima, slots, tables
  event::Schedule schedule;
  std::vector<core::ActorId> firms;  ///< participating firms with needs
  /// Per firm: the partners it meets on the day (those the schedule holds), best first.
  std::vector<std::vector<core::ActorId>> partners;
};

/// Plans a matchmaking day: each firm of `participants` with needs requests its `spec.meetings`
/// best partners by the transfer engine among the participants the engine can propose (among
/// all candidates if none can), worth 1 + its score, so that the scheduler first holds as many
/// meetings as it can and then the better ones; each firm may meet min(slots, meetings) times,
/// everyone else `slots` times; `event::schedule_meetings` (seeded by `seed`) decides who meets.
/// Deterministic for any thread count. Throws only std::bad_alloc. O(F recommend + the
/// scheduler on F * meetings requests). Thread-safe: `scorer` and `region` are immutable.
[[nodiscard]] MatchmakingPlan plan_matchmaking_day(const core::Region& region,
                                                   const match::TransferScorer& scorer,
                                                   std::span<const core::ActorId> participants,
                                                   const MatchmakingEvent& spec,
                                                   std::uint64_t seed);

}  // namespace verbund::sim::detail
