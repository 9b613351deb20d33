#pragma once

// What the heuristic, the bound and the exact model share: the problem after the fixed meetings
// are taken out. Private to lib/event.

#include <cstdint>
#include <vector>

#include "verbund/event/schedule.hpp"

namespace verbund::event::detail {

struct Prepared {
  const SchedulingProblem* problem = nullptr;
  std::uint32_t P = 0;
  std::uint32_t S = 0;
  std::vector<int> fixed_at;            ///< participants x slots: 1 where a fixed meeting is
  std::vector<int> table_room;          ///< per slot: tables left after fixed meetings
  std::vector<int> room;                ///< per participant: meetings left below the maximum
  std::vector<int> fixed_load;          ///< per participant: fixed meetings
  std::vector<std::int32_t> fixed_of;   ///< per request: the fixed meeting serving it, or -1
  std::vector<std::uint8_t> candidate;  ///< per request: still to schedule and allowed
  /// Per request: the slots where both are available and free of fixed meetings and a table is
  /// left (offsets into slot_list).
  std::vector<std::uint32_t> slot_begin;
  std::vector<std::uint16_t> slot_list;
  double fixed_weight = 0.0;  ///< requests served by fixed meetings

  [[nodiscard]] bool free(std::uint32_t p, std::uint32_t s) const {
    return problem->is_available(p, s) && fixed_at[std::size_t{p} * S + s] == 0;
  }
};

/// O(P S + R (log R + S) + F). Assumes `problem` passed validate().
Prepared prepare(const SchedulingProblem& problem);

/// An unordered pair as one key.
inline std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) {
  if (a > b) std::swap(a, b);
  return (std::uint64_t{a} << 32U) | b;
}

}  // namespace verbund::event::detail
