#pragma once

// An event's plan: its schedule in the event's own terms, with the reasons for what is missing,
// the bound and fairness; and replanning after changes.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "verbund/event/event.hpp"
#include "verbund/report/lang.hpp"

namespace verbund::event {

struct PlanOptions {
  bool mutual = false;  ///< schedule only accepted requests
  std::uint64_t seed = 1;
  std::size_t restarts = 8;
  BoundOptions bound{};
  /// Language of the reasons (Missed::reason, Change::reason).
  report::Lang lang = report::Lang::en;
};

/// A `must` request the plan does not hold, and why in words.
struct Missed {
  std::uint32_t request = 0;  ///< into Event::requests
  std::string reason;
};

/// Counts and fairness of a plan.
struct PlanSummary {
  std::size_t requests =
      0;  ///< requests in the problem (declined and, in mutual mode, pending left out)
  std::size_t scheduled = 0;  ///< of those, served
  std::size_t must_requests = 0;
  std::size_t must_scheduled = 0;
  std::size_t locked = 0;
  double weight = 0.0;
  UpperBound bound;
  double gap = 0.0;               ///< (bound - weight) / bound, 0 when the bound is 0
  int min_meetings = 0;           ///< fewest meetings of a participant with a request
  double mean_meetings = 0.0;     ///< over participants with a request
  std::size_t below_minimum = 0;  ///< participants below their wished minimum
};

struct EventPlan {
  EventProblem problem;
  Schedule schedule;
  std::vector<Missed> missed;
  PlanSummary summary;
};

/// Plans an event: to_problem, schedule_meetings, upper_bound, check_schedule (a failed check is
/// a bug: VERBUND_ASSERT), and the reasons for each missed `must` request. Deterministic for a
/// seed. O(schedule_meetings + upper_bound). Throws InvalidInput as to_problem. Thread-safe.
[[nodiscard]] EventPlan plan_event(const Event& event, const PlanOptions& options = {});

/// A meeting of a previous plan, in the event's terms (participant ids, slot and table index).
struct PreviousMeeting {
  std::string a;
  std::string b;
  std::uint32_t slot = 0;
  std::uint32_t table = 0;
};

/// Reads a previous plan's schedule.csv (participant, other, date, start, table: the columns of
/// locks.csv) against the event's slots and tables. Unknown participants are kept by id (replan
/// reports them dropped); an unknown slot or table is bad input. Throws InvalidInput at
/// file:line:column, IoError if unreadable. O(file size + M (S + T)). Thread-safe.
[[nodiscard]] std::vector<PreviousMeeting> load_previous(const Event& event,
                                                         const std::filesystem::path& csv);

struct ReplanOptions {
  PlanOptions plan{};
  /// Meetings in slots before this one were held: they stay, even if their request changed.
  std::uint32_t held_before_slot = 0;
};

/// What changed for one meeting between the previous plan and the new one.
struct Change {
  enum class Kind : std::uint8_t { moved, dropped, added };
  Kind kind = Kind::added;
  std::string a;
  std::string b;
  std::optional<std::uint32_t> old_slot, old_table, new_slot, new_table;
  std::string reason;
};

struct Replan {
  EventPlan plan;
  std::vector<Change> changes;  ///< by participant ids
  std::size_t kept = 0;         ///< meetings where they were
};

/// Replans after cancellations, new requests and no-shows: locks and held meetings are fixed,
/// every other previous meeting stays in its slot and at its table when still valid and is never
/// moved to make room; the rest is scheduled around them. Previous meetings naming unknown
/// participants are dropped with a reason. O(plan_event). Throws InvalidInput as plan_event, or
/// if a held meeting clashes with a lock. Thread-safe.
[[nodiscard]] Replan replan_event(const Event& event, const std::vector<PreviousMeeting>& previous,
                                  const ReplanOptions& options = {});

}  // namespace verbund::event
