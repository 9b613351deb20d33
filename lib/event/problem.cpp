#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "event/prepared.hpp"
#include "verbund/error.hpp"

namespace verbund::event {

namespace {
std::string pair_text(std::uint32_t a, std::uint32_t b) {
  return "participants " + std::to_string(a) + " and " + std::to_string(b);
}
}  // namespace

void SchedulingProblem::validate() const {
  const auto P = participants;
  if (slots > 65535) throw InvalidInput("at most 65,535 slots");
  if (!available.empty() && available.size() != std::size_t{P} * slots)
    throw InvalidInput("availability must hold participants x slots entries");
  if (!max_meetings.empty() && max_meetings.size() != P)
    throw InvalidInput("max_meetings must hold one entry per participant");
  if (!min_meetings.empty() && min_meetings.size() != P)
    throw InvalidInput("min_meetings must hold one entry per participant");
  for (std::uint32_t p = 0; p < P; ++p) {
    if (max_of(p) < 0) throw InvalidInput("participant " + std::to_string(p) + ": max < 0");
    if (min_of(p) < 0) throw InvalidInput("participant " + std::to_string(p) + ": min < 0");
  }
  std::unordered_set<std::uint64_t> pairs;
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const auto& q = requests[r];
    const std::string where = "request " + std::to_string(r) + ": ";
    if (q.a >= P || q.b >= P) throw InvalidInput(where + "participant out of range");
    if (q.a == q.b) throw InvalidInput(where + "a participant cannot meet themself");
    if (!std::isfinite(q.weight) || q.weight <= 0.0)
      throw InvalidInput(where + "weight must be finite and > 0");
    if (!pairs.insert(detail::pair_key(q.a, q.b)).second)
      throw InvalidInput(where + pair_text(q.a, q.b) + " are requested twice");
  }
  for (const auto& [a, b] : vetoes) {
    if (a >= P || b >= P || a == b) throw InvalidInput("veto out of range or of one person");
  }
  std::unordered_set<std::uint64_t> person_slot, table_slot;
  for (std::size_t f = 0; f < fixed.size(); ++f) {
    const auto& m = fixed[f];
    const std::string where = "fixed meeting " + std::to_string(f) + ": ";
    if (m.a >= P || m.b >= P || m.a == m.b || m.slot >= slots || m.table >= tables)
      throw InvalidInput(where + "index out of range or one person");
    if (!is_available(m.a, m.slot) || !is_available(m.b, m.slot))
      throw InvalidInput(where + "in a slot where one side is unavailable");
    for (const auto p : {m.a, m.b}) {
      if (!person_slot.insert((std::uint64_t{p} << 32U) | m.slot).second)
        throw InvalidInput(where + "participant " + std::to_string(p) + " is booked twice");
    }
    if (!table_slot.insert((std::uint64_t{m.table} << 32U) | m.slot).second)
      throw InvalidInput(where + "table " + std::to_string(m.table) + " is booked twice");
  }
}

namespace detail {

Prepared prepare(const SchedulingProblem& problem) {
  Prepared d;
  d.problem = &problem;
  d.P = problem.participants;
  d.S = problem.slots;
  d.fixed_at.assign(std::size_t{d.P} * d.S, 0);
  d.table_room.assign(d.S, static_cast<int>(problem.tables));
  d.fixed_load.assign(d.P, 0);
  std::unordered_map<std::uint64_t, std::int32_t> fixed_pair;
  for (std::size_t f = 0; f < problem.fixed.size(); ++f) {
    const auto& m = problem.fixed[f];
    d.fixed_at[std::size_t{m.a} * d.S + m.slot] = 1;
    d.fixed_at[std::size_t{m.b} * d.S + m.slot] = 1;
    --d.table_room[m.slot];
    ++d.fixed_load[m.a];
    ++d.fixed_load[m.b];
    fixed_pair.emplace(pair_key(m.a, m.b), static_cast<std::int32_t>(f));
  }
  d.room.resize(d.P);
  for (std::uint32_t p = 0; p < d.P; ++p)
    d.room[p] = std::max(0, problem.max_of(p) - d.fixed_load[p]);
  std::unordered_set<std::uint64_t> vetoed;
  for (const auto& [a, b] : problem.vetoes) vetoed.insert(pair_key(a, b));
  const auto R = problem.requests.size();
  d.fixed_of.assign(R, -1);
  d.candidate.assign(R, 0);
  d.slot_begin.assign(R + 1, 0);
  for (std::size_t r = 0; r < R; ++r) {
    const auto& q = problem.requests[r];
    const auto key = pair_key(q.a, q.b);
    d.slot_begin[r] = static_cast<std::uint32_t>(d.slot_list.size());
    if (const auto it = fixed_pair.find(key); it != fixed_pair.end()) {
      d.fixed_of[r] = it->second;
      d.fixed_weight += q.weight;
      continue;
    }
    if (vetoed.contains(key)) continue;
    for (std::uint32_t s = 0; s < d.S; ++s) {
      if (d.table_room[s] > 0 && d.free(q.a, s) && d.free(q.b, s))
        d.slot_list.push_back(static_cast<std::uint16_t>(s));
    }
    d.candidate[r] = d.slot_list.size() > d.slot_begin[r] ? 1 : 0;
  }
  d.slot_begin[R] = static_cast<std::uint32_t>(d.slot_list.size());
  return d;
}

}  // namespace detail
}  // namespace verbund::event
