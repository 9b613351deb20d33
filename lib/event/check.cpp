// The referee of every schedule, written apart from the scheduler: it shares no code with it
// (not even the preparation of the problem), so that a bug in one is caught by the other.

#include <cmath>
#include <map>
#include <set>

#include "verbund/event/schedule.hpp"

namespace verbund::event {

namespace {
std::string meeting_text(const Meeting& m) {
  return "meeting of " + std::to_string(m.a) + " and " + std::to_string(m.b) + " in slot " +
         std::to_string(m.slot) + " at table " + std::to_string(m.table);
}
std::pair<std::uint32_t, std::uint32_t> unordered(std::uint32_t a, std::uint32_t b) {
  return a < b ? std::pair(a, b) : std::pair(b, a);
}
}  // namespace

std::vector<std::string> check_schedule(const SchedulingProblem& problem,
                                        const Schedule& schedule) {
  std::vector<std::string> out;
  const auto P = problem.participants;
  std::set<std::pair<std::uint32_t, std::uint32_t>> vetoed;
  for (const auto& [a, b] : problem.vetoes) vetoed.insert(unordered(a, b));
  std::set<std::pair<std::uint32_t, std::uint32_t>> person_slot, table_slot;
  std::map<std::uint32_t, int> meetings_of;
  std::map<std::uint32_t, int> served;
  double weight = 0.0;
  for (const auto& m : schedule.meetings) {
    const auto what = meeting_text(m);
    if (m.a >= P || m.b >= P || m.slot >= problem.slots || m.table >= problem.tables) {
      out.push_back(what + ": index out of range");
      continue;
    }
    if (m.a == m.b) out.push_back(what + ": a participant meets themself");
    for (const auto p : {m.a, m.b}) {
      if (!person_slot.insert({p, m.slot}).second)
        out.push_back(what + ": participant " + std::to_string(p) + " is booked twice");
      if (!problem.available.empty() &&
          problem.available[std::size_t{p} * problem.slots + m.slot] == 0)
        out.push_back(what + ": participant " + std::to_string(p) + " is not available");
      ++meetings_of[p];
    }
    if (!table_slot.insert({m.table, m.slot}).second)
      out.push_back(what + ": the table is booked twice");
    if (vetoed.contains(unordered(m.a, m.b)) && !m.fixed) out.push_back(what + ": vetoed pair");
    if (m.request) {
      if (*m.request >= problem.requests.size()) {
        out.push_back(what + ": serves a request that does not exist");
      } else {
        const auto& q = problem.requests[*m.request];
        if (unordered(q.a, q.b) != unordered(m.a, m.b))
          out.push_back(what + ": serves the request of another pair");
        if (++served[*m.request] > 1) out.push_back(what + ": its request is served twice");
        weight += q.weight;
      }
    } else if (!m.fixed) {
      out.push_back(what + ": neither requested nor fixed");
    }
  }
  for (const auto& [p, n] : meetings_of) {
    const int max =
        problem.max_meetings.empty() ? static_cast<int>(problem.slots) : problem.max_meetings[p];
    if (n > max)
      out.push_back("participant " + std::to_string(p) + " has " + std::to_string(n) +
                    " meetings, above their maximum " + std::to_string(max));
  }
  for (const auto& f : problem.fixed) {
    bool found = false;
    for (const auto& m : schedule.meetings)
      found = found || (m.fixed && m.slot == f.slot && m.table == f.table &&
                        unordered(m.a, m.b) == unordered(f.a, f.b));
    if (!found) out.push_back("fixed " + meeting_text(f) + " is missing or moved");
  }
  std::size_t fixed_count = 0;
  for (const auto& m : schedule.meetings) fixed_count += m.fixed;
  if (fixed_count != problem.fixed.size())
    out.push_back("the schedule has " + std::to_string(fixed_count) + " fixed meetings, not " +
                  std::to_string(problem.fixed.size()));
  if (schedule.meeting_of_request.size() != problem.requests.size()) {
    out.push_back("meeting_of_request does not hold one entry per request");
  } else {
    for (std::uint32_t r = 0; r < problem.requests.size(); ++r) {
      const auto& i = schedule.meeting_of_request[r];
      const bool listed = served.contains(r);
      if (i.has_value() != listed ||
          (i && (*i >= schedule.meetings.size() || schedule.meetings[*i].request != r)))
        out.push_back("request " + std::to_string(r) + ": meeting_of_request disagrees");
    }
  }
  if (std::abs(weight - schedule.weight) > 1e-6 * (1.0 + std::abs(weight)))
    out.push_back("weight " + std::to_string(schedule.weight) + " is not the served requests' " +
                  std::to_string(weight));
  return out;
}

}  // namespace verbund::event
