#include "event/schedule_build.hpp"

#include <algorithm>

#include "verbund/assert.hpp"

namespace verbund::event::detail {

Schedule build_schedule(
    const SchedulingProblem& problem, const Prepared& d, const std::vector<std::int32_t>& slot_of,
    const std::vector<std::optional<std::pair<std::uint32_t, std::uint32_t>>>& keep) {
  const auto T = problem.tables;
  std::vector<std::uint8_t> taken(std::size_t{d.S} * T, 0);
  Schedule out;
  out.meeting_of_request.assign(problem.requests.size(), std::nullopt);
  for (const auto& m : problem.fixed) {
    taken[std::size_t{m.slot} * T + m.table] = 1;
    ScheduledMeeting sm;
    static_cast<Meeting&>(sm) = m;
    sm.fixed = true;
    out.meetings.push_back(sm);
  }
  std::vector<std::uint32_t> placed, rest;
  for (std::uint32_t r = 0; r < slot_of.size(); ++r) {
    if (slot_of[r] < 0) continue;
    const bool stays = !keep.empty() && keep[r] &&
                       keep[r]->first == static_cast<std::uint32_t>(slot_of[r]) &&
                       keep[r]->second < T;
    (stays ? placed : rest).push_back(r);
  }
  const auto add = [&](std::uint32_t r, std::uint32_t table) {
    const auto s = static_cast<std::uint32_t>(slot_of[r]);
    taken[std::size_t{s} * T + table] = 1;
    ScheduledMeeting sm;
    sm.a = problem.requests[r].a;
    sm.b = problem.requests[r].b;
    sm.slot = s;
    sm.table = table;
    sm.request = r;
    out.meetings.push_back(sm);
  };
  for (const auto r : placed) {
    const auto s = static_cast<std::uint32_t>(slot_of[r]);
    if (taken[std::size_t{s} * T + keep[r]->second]) {
      rest.push_back(r);
    } else {
      add(r, keep[r]->second);
    }
  }
  std::sort(rest.begin(), rest.end());
  std::vector<std::uint32_t> next_free(d.S, 0);
  for (const auto r : rest) {
    const auto s = static_cast<std::uint32_t>(slot_of[r]);
    auto& t = next_free[s];
    while (t < T && taken[std::size_t{s} * T + t]) ++t;
    VERBUND_ASSERT(t < T);
    add(r, t);
  }
  std::sort(out.meetings.begin(), out.meetings.end(), [](const auto& x, const auto& y) {
    return std::pair(x.slot, x.table) < std::pair(y.slot, y.table);
  });
  for (std::uint32_t i = 0; i < out.meetings.size(); ++i) {
    const auto& m = out.meetings[i];
    if (m.request) out.meeting_of_request[*m.request] = i;
  }
  std::vector<std::uint32_t> at(std::size_t{d.S} * T, 0);
  for (std::uint32_t i = 0; i < out.meetings.size(); ++i)
    at[std::size_t{out.meetings[i].slot} * T + out.meetings[i].table] = i;
  for (std::uint32_t r = 0; r < problem.requests.size(); ++r) {
    if (d.fixed_of[r] >= 0) {
      const auto& f = problem.fixed[static_cast<std::size_t>(d.fixed_of[r])];
      const auto i = at[std::size_t{f.slot} * T + f.table];
      out.meetings[i].request = r;
      out.meeting_of_request[r] = i;
    }
    if (out.meeting_of_request[r]) out.weight += problem.requests[r].weight;
  }
  return out;
}

}  // namespace verbund::event::detail
