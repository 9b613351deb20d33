#pragma once

// What participants and organisers take home from a plan: agendas (CSV, JSON, iCalendar), the
// plan per table and the summary. Pure text builders; the CLI writes the files.

#include <cstdint>
#include <string>

#include "verbund/event/plan.hpp"

namespace verbund::event {

/// Every participant's meetings, one row each, by participant and time: participant, name,
/// date, start, end, session, table, room, with, with_name, with_organisation, priority
/// (must/want/locked). O(M log M). Thread-safe.
[[nodiscard]] std::string agenda_csv(const Event& event, const EventPlan& plan);

/// The agendas and the summary as one JSON document. O(M log M + P). Thread-safe.
[[nodiscard]] std::string agenda_json(const Event& event, const EventPlan& plan);

/// Each table's meetings by time: table, room, date, start, end, a, a_name, b, b_name.
/// O(M log M). Thread-safe.
[[nodiscard]] std::string table_plan_csv(const Event& event, const EventPlan& plan);

/// The schedule as load_previous and locks.csv read it: participant, other, date, start, table.
/// O(M). Thread-safe.
[[nodiscard]] std::string schedule_csv(const Event& event, const EventPlan& plan);

struct IcsOptions {
  /// DTSTAMP (UTC, "YYYYMMDDTHHMMSSZ"); empty = the event's first day at 00:00 UTC, so that the
  /// same plan gives the same files.
  std::string dtstamp{};
  /// Language of the texts (SUMMARY, DESCRIPTION); the keys of the format stay as RFC 5545 has
  /// them.
  report::Lang lang = report::Lang::en;
};

/// One participant's agenda as an iCalendar file (RFC 5545): CRLF line ends, lines folded at 75
/// octets, text escaped, a UID per meeting, DTSTART/DTEND in Europe/Berlin (with its VTIMEZONE)
/// or UTC as the event says. O(M). Thread-safe.
[[nodiscard]] std::string agenda_ics(const Event& event, const EventPlan& plan,
                                     std::uint32_t participant, const IcsOptions& options = {});

/// The summary in words, a few lines for the screen: requested, scheduled, must-meetings missed
/// and why, the bound and the gap, fairness; in `lang` (German words and decimal commas; the
/// reasons are the plan's own, written in PlanOptions::lang). O(missed). Thread-safe.
[[nodiscard]] std::string summary_text(const Event& event, const EventPlan& plan,
                                       report::Lang lang = report::Lang::en);

}  // namespace verbund::event
