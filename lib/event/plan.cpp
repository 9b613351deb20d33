#include "verbund/event/plan.hpp"

#include <algorithm>
#include <map>

#include "verbund/assert.hpp"
#include "verbund/report/terms.hpp"

namespace verbund::event {

namespace {

std::pair<std::uint32_t, std::uint32_t> unordered(std::uint32_t a, std::uint32_t b) {
  return a < b ? std::pair(a, b) : std::pair(b, a);
}

std::string tr(report::Lang lang, std::string_view en, std::string_view de) {
  return std::string(report::pick(lang, en, de));
}

/// Why a request is not in the schedule, in words.
std::string why_missed(const Event& event, const SchedulingProblem& p, const Schedule& s,
                       const MeetingRequest& q, report::Lang lang) {
  const auto& A = event.participants[q.a];
  const auto& B = event.participants[q.b];
  for (const auto& [x, y] : p.vetoes)
    if (unordered(x, y) == unordered(q.a, q.b))
      return tr(lang, "the pair is vetoed", "das Paar ist ausgeschlossen");
  std::vector<int> load(p.participants, 0);
  std::vector<std::uint8_t> busy(std::size_t{p.participants} * p.slots, 0);
  std::vector<std::uint32_t> used(p.slots, 0);
  for (const auto& m : s.meetings) {
    ++load[m.a];
    ++load[m.b];
    busy[std::size_t{m.a} * p.slots + m.slot] = 1;
    busy[std::size_t{m.b} * p.slots + m.slot] = 1;
    ++used[m.slot];
  }
  std::size_t common = 0, locked = 0, full = 0;
  for (std::uint32_t slot = 0; slot < p.slots; ++slot) {
    if (!p.is_available(q.a, slot) || !p.is_available(q.b, slot)) continue;
    ++common;
    bool lock = false;
    for (const auto& f : p.fixed)
      lock = lock || (f.slot == slot && (f.a == q.a || f.b == q.a || f.a == q.b || f.b == q.b));
    locked += lock;
    full += used[slot] >= p.tables;
  }
  if (common == 0)
    return A.name + tr(lang, " and ", " und ") + B.name +
           tr(lang, " are never available at the same time", " haben nie zugleich Zeit");
  if (locked == common)
    return tr(lang, "every slot both are available is taken by a locked meeting",
              "jeder Zeitblock, in dem beide Zeit haben, ist durch ein festes "
              "Treffen belegt");
  const bool de = lang == report::Lang::de;
  for (const auto* x : {&q.a, &q.b}) {
    const auto most = static_cast<std::size_t>(p.max_of(*x));
    if (load[*x] >= p.max_of(*x))
      return event.participants[*x].name +
             (de ? " hat die Höchstzahl von " + report::count(lang, most) + " Treffen erreicht"
                 : " has reached the maximum of " +
                       report::counted(lang, most, "meeting", "meetings", "", ""));
  }
  const auto slots = report::count(lang, common);
  if (full == common)
    return de ? (common == 1 ? "alle Tische sind in dem einen Zeitblock belegt, in dem beide Zeit "
                               "haben"
                             : "alle Tische sind in den " + slots +
                                   " Zeitblöcken belegt, in denen beide Zeit haben")
              : (common == 1
                     ? std::string("all tables are taken in the one slot both are available")
                     : "all tables are taken in the " + slots + " slots both are available");
  const std::string_view busy_de =
      ", trifft einer von beiden schon jemanden mit einer Anfrage mindestens gleicher Priorität";
  const std::string_view busy_en =
      ", one of them already meets someone with a request of at least the same priority";
  if (de)
    return (common == 1 ? std::string("in dem einen Zeitblock, in dem beide Zeit haben")
                        : "in jedem der " + slots + " Zeitblöcke, in denen beide Zeit haben") +
           std::string(busy_de);
  return (common == 1 ? std::string("in the one slot both are available")
                      : "in each of the " + slots + " slots both are available") +
         std::string(busy_en);
}

/// The summary and the reasons for missed `must` requests of a schedule of `plan.problem`.
void summarise(const Event& event, EventPlan& plan, const BoundOptions& bound, report::Lang lang) {
  const auto& p = plan.problem.problem;
  auto& sum = plan.summary;
  sum = {};
  plan.missed.clear();
  sum.requests = p.requests.size();
  sum.locked = p.fixed.size();
  sum.weight = plan.schedule.weight;
  std::vector<int> has_request(p.participants, 0), meetings(p.participants, 0);
  for (std::uint32_t r = 0; r < p.requests.size(); ++r) {
    const auto& q = p.requests[r];
    has_request[q.a] = has_request[q.b] = 1;
    const bool served = plan.schedule.meeting_of_request[r].has_value();
    sum.scheduled += served;
    if (q.priority == Priority::must) {
      ++sum.must_requests;
      sum.must_scheduled += served;
      if (!served)
        plan.missed.push_back(
            {plan.problem.request_of[r], why_missed(event, p, plan.schedule, q, lang)});
    }
  }
  for (const auto& m : plan.schedule.meetings) {
    ++meetings[m.a];
    ++meetings[m.b];
  }
  std::size_t counted = 0;
  sum.min_meetings = static_cast<int>(p.slots);
  for (std::uint32_t x = 0; x < p.participants; ++x) {
    if (!has_request[x]) continue;
    ++counted;
    sum.min_meetings = std::min(sum.min_meetings, meetings[x]);
    sum.mean_meetings += meetings[x];
    sum.below_minimum += meetings[x] < p.min_of(x);
  }
  if (counted == 0) sum.min_meetings = 0;
  if (counted > 0) sum.mean_meetings /= static_cast<double>(counted);
  sum.bound = upper_bound(p, bound);
  // The bound carries a safety margin of 1e-6 per solver; a gap below that is none.
  const double gap = sum.bound.value - sum.weight;
  sum.gap = sum.bound.value > 0 && gap > 1e-5 ? gap / sum.bound.value : 0.0;
}

}  // namespace

EventPlan plan_event(const Event& event, const PlanOptions& options) {
  EventPlan out;
  out.problem = to_problem(event, {.mutual = options.mutual});
  const auto& p = out.problem.problem;
  out.schedule = schedule_meetings(p, {.seed = options.seed, .restarts = options.restarts});
  VERBUND_ASSERT(check_schedule(p, out.schedule).empty());
  summarise(event, out, options.bound, options.lang);
  return out;
}

Replan replan_event(const Event& event, const std::vector<PreviousMeeting>& previous,
                    const ReplanOptions& options) {
  const auto lang = options.plan.lang;
  Replan out;
  auto ep = to_problem(event, {.mutual = options.plan.mutual});
  auto& p = ep.problem;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> request_of_pair;
  for (std::uint32_t r = 0; r < p.requests.size(); ++r)
    request_of_pair[unordered(p.requests[r].a, p.requests[r].b)] = r;
  std::vector<std::optional<std::pair<std::uint32_t, std::uint32_t>>> keep(p.requests.size());
  struct Old {
    std::uint32_t a, b, slot, table;
  };
  std::vector<Old> olds;
  for (const auto& m : previous) {
    const auto a = event.find(m.a), b = event.find(m.b);
    if (!a || !b || m.slot >= p.slots || m.table >= p.tables) {
      Change c;
      c.kind = Change::Kind::dropped;
      c.a = m.a;
      c.b = m.b;
      c.old_slot = m.slot;
      c.old_table = m.table;
      c.reason = tr(lang, "names a participant, slot or table the event no longer has",
                    "nennt einen Teilnehmer, Zeitblock oder Tisch, den die Veranstaltung nicht "
                    "mehr hat");
      out.changes.push_back(c);
      continue;
    }
    olds.push_back({*a, *b, m.slot, m.table});
    const bool is_lock = std::any_of(p.fixed.begin(), p.fixed.end(), [&](const Meeting& f) {
      return f.slot == m.slot && f.table == m.table && unordered(f.a, f.b) == unordered(*a, *b);
    });
    if (is_lock) continue;
    if (m.slot < options.held_before_slot) {
      p.fixed.push_back({*a, *b, m.slot, m.table});  // held: it happened
    } else if (const auto it = request_of_pair.find(unordered(*a, *b));
               it != request_of_pair.end()) {
      keep[it->second] = std::pair(m.slot, m.table);
    }
  }
  p.validate();  // a held meeting that clashes with a lock is bad input
  out.plan.problem = ep;
  auto& plan = out.plan;
  plan.schedule = schedule_meetings(
      p, {.seed = options.plan.seed, .restarts = options.plan.restarts, .keep = keep});
  VERBUND_ASSERT(check_schedule(p, plan.schedule).empty());
  summarise(event, plan, options.plan.bound, options.plan.lang);
  std::map<std::pair<std::uint32_t, std::uint32_t>, const ScheduledMeeting*> now;
  for (const auto& m : plan.schedule.meetings) now[unordered(m.a, m.b)] = &m;
  std::map<std::pair<std::uint32_t, std::uint32_t>, bool> before;
  for (const auto& o : olds) {
    before[unordered(o.a, o.b)] = true;
    const auto it = now.find(unordered(o.a, o.b));
    Change c;
    c.a = event.participants[o.a].id;
    c.b = event.participants[o.b].id;
    c.old_slot = o.slot;
    c.old_table = o.table;
    if (it == now.end()) {
      c.kind = Change::Kind::dropped;
      const auto r = request_of_pair.find(unordered(o.a, o.b));
      c.reason = r == request_of_pair.end()
                     ? tr(lang, "the request was cancelled or declined",
                          "die Anfrage wurde zurückgezogen oder abgelehnt")
                     : why_missed(event, p, plan.schedule, p.requests[r->second], lang);
      out.changes.push_back(c);
    } else if (it->second->slot != o.slot || it->second->table != o.table) {
      c.kind = Change::Kind::moved;
      c.new_slot = it->second->slot;
      c.new_table = it->second->table;
      c.reason = it->second->slot == o.slot
                     ? tr(lang, "its table is needed by a locked or held meeting",
                          "sein Tisch wird für ein festes oder schon gehaltenes Treffen gebraucht")
                     : tr(lang, "one side is no longer free in the old slot",
                          "eine Seite hat im alten Zeitblock keine Zeit mehr");
      out.changes.push_back(c);
    } else {
      ++out.kept;
    }
  }
  for (const auto& m : plan.schedule.meetings) {
    if (before.contains(unordered(m.a, m.b))) continue;
    Change c;
    c.kind = Change::Kind::added;
    c.a = event.participants[m.a].id;
    c.b = event.participants[m.b].id;
    c.new_slot = m.slot;
    c.new_table = m.table;
    c.reason = tr(lang, "a new or newly possible request", "eine neue oder neu mögliche Anfrage");
    out.changes.push_back(c);
  }
  return out;
}

}  // namespace verbund::event
