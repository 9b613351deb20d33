#pragma once

#include <cstddef>
#include <cstdint>

#include "verbund/event/schedule.hpp"

namespace verbund::gen {

/// A synthetic matchmaking day at any size, for tests and benchmarks of the event scheduler.
struct EventOptions {
  std::uint32_t participants = 1000;
  std::uint32_t slots = 16;
  std::uint32_t tables = 300;
  std::size_t requests = 8000;
  double must_share = 0.2;  ///< share of requests that are `must`
  double must_weight = 3.0;
  double want_weight = 1.0;
  double partial_share = 0.3;  ///< share of participants present for only part of the day
  int max_meetings = 10;       ///< each participant's maximum is drawn from [max/2, max]
  int min_meetings = 3;
  std::size_t vetoes = 20;
  std::size_t locks = 10;
  std::uint64_t seed = 1;
};

/// Requests go preferentially to popular participants (a Zipf-like draw), as at real events,
/// so that some are asked for far more meetings than they can hold. Locks are placed where both
/// sides are free. Counter-based draws: the same options give the same problem. O(P S + R log R).
/// Throws InvalidInput if there are fewer than two participants or no slot. Thread-safe.
[[nodiscard]] event::SchedulingProblem generate_event(const EventOptions& options);

}  // namespace verbund::gen
