#include "verbund/event/agenda.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "verbund/io/text_format.hpp"

namespace verbund::event {

namespace {

/// One line of an agenda: participant `self` meets `other`.
struct Entry {
  std::uint32_t self = 0;
  std::uint32_t other = 0;
  const ScheduledMeeting* meeting = nullptr;
};

std::vector<Entry> entries(const EventPlan& plan) {
  std::vector<Entry> out;
  for (const auto& m : plan.schedule.meetings) {
    out.push_back({m.a, m.b, &m});
    out.push_back({m.b, m.a, &m});
  }
  std::stable_sort(out.begin(), out.end(), [](const Entry& x, const Entry& y) {
    return std::pair(x.self, x.meeting->slot) < std::pair(y.self, y.meeting->slot);
  });
  return out;
}

std::string priority_of(const EventPlan& plan, const ScheduledMeeting& m) {
  if (m.fixed) return "locked";
  const auto& q = plan.problem.problem.requests[*m.request];
  return q.priority == Priority::must ? "must" : "want";
}

std::string tr(report::Lang lang, std::string_view en, std::string_view de) {
  return std::string(report::pick(lang, en, de));
}

/// The priority in words: the CSV and JSON keep "locked", "must", "want".
std::string priority_in(report::Lang lang, const std::string& priority) {
  if (lang == report::Lang::en) return priority;
  if (priority == "locked") return "fest";
  return priority == "must" ? "Pflicht" : "Wunsch";
}

/// The bound's method (bound.cpp names them in English) in words.
std::string method_in(report::Lang lang, const std::string& method) {
  if (lang == report::Lang::en) return method;
  if (method == "b-matching relaxation") return "b-Matching-Relaxation";
  if (method == "table count") return "Zahl der Tische";
  if (method == "LP relaxation") return "LP-Relaxation";
  return method;
}

std::string csv_row(const std::vector<std::string>& fields) { return io::csv_line(fields); }

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

/// TEXT escaping of RFC 5545 section 3.3.11.
std::string ics_text(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

/// A content line folded at 75 octets (never inside a UTF-8 sequence), ended by CRLF.
std::string ics_line(const std::string& line) {
  std::string out;
  std::size_t start = 0, limit = 75;
  while (line.size() - start > limit) {
    std::size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U) --cut;
    out += line.substr(start, cut - start) + "\r\n ";
    start = cut;
    limit = 74;  // the leading space of a continuation counts
  }
  return out + line.substr(start) + "\r\n";
}

std::string compact_date(const std::string& date) {
  return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
}

std::string local_time(const Slot& slot, int minutes) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "T%02d%02d00", minutes / 60, minutes % 60);
  return compact_date(slot.date) + buffer;
}

const char* const berlin_timezone[] = {"BEGIN:VTIMEZONE",
                                       "TZID:Europe/Berlin",
                                       "BEGIN:DAYLIGHT",
                                       "TZOFFSETFROM:+0100",
                                       "TZOFFSETTO:+0200",
                                       "TZNAME:CEST",
                                       "DTSTART:19700329T020000",
                                       "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                                       "END:DAYLIGHT",
                                       "BEGIN:STANDARD",
                                       "TZOFFSETFROM:+0200",
                                       "TZOFFSETTO:+0100",
                                       "TZNAME:CET",
                                       "DTSTART:19701025T030000",
                                       "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                                       "END:STANDARD",
                                       "END:VTIMEZONE"};

std::string slug(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 && u < 0x80)
      out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  return out.empty() ? "event" : out;
}

}  // namespace

std::string agenda_csv(const Event& event, const EventPlan& plan) {
  std::string out = csv_row({"participant", "name", "date", "start", "end", "session", "table",
                             "room", "with", "with_name", "with_organisation", "priority"});
  for (const auto& e : entries(plan)) {
    const auto& m = *e.meeting;
    const auto& slot = event.slots[m.slot];
    const auto& self = event.participants[e.self];
    const auto& other = event.participants[e.other];
    const auto& table = event.tables[m.table];
    out += csv_row({self.id, self.name, slot.date, clock_text(slot.start), clock_text(slot.end),
                    slot.session, table.name, event.rooms[table.room].name, other.id, other.name,
                    other.organisation, priority_of(plan, m)});
  }
  return out;
}

std::string table_plan_csv(const Event& event, const EventPlan& plan) {
  std::string out =
      csv_row({"table", "room", "date", "start", "end", "a", "a_name", "b", "b_name"});
  std::vector<const ScheduledMeeting*> order;
  for (const auto& m : plan.schedule.meetings) order.push_back(&m);
  std::stable_sort(order.begin(), order.end(), [](const auto* x, const auto* y) {
    return std::pair(x->table, x->slot) < std::pair(y->table, y->slot);
  });
  for (const auto* m : order) {
    const auto& slot = event.slots[m->slot];
    const auto& table = event.tables[m->table];
    out +=
        csv_row({table.name, event.rooms[table.room].name, slot.date, clock_text(slot.start),
                 clock_text(slot.end), event.participants[m->a].id, event.participants[m->a].name,
                 event.participants[m->b].id, event.participants[m->b].name});
  }
  return out;
}

std::string schedule_csv(const Event& event, const EventPlan& plan) {
  std::string out = csv_row({"participant", "other", "date", "start", "table"});
  for (const auto& m : plan.schedule.meetings) {
    const auto& slot = event.slots[m.slot];
    out += csv_row({event.participants[m.a].id, event.participants[m.b].id, slot.date,
                    clock_text(slot.start), event.tables[m.table].name});
  }
  return out;
}

std::string agenda_json(const Event& event, const EventPlan& plan) {
  using nlohmann::json;
  json people = json::array();
  const auto all = entries(plan);
  std::size_t i = 0;
  for (std::uint32_t p = 0; p < event.participants.size(); ++p) {
    const auto& x = event.participants[p];
    json meetings = json::array();
    for (; i < all.size() && all[i].self == p; ++i) {
      const auto& m = *all[i].meeting;
      const auto& slot = event.slots[m.slot];
      meetings.push_back({{"date", slot.date},
                          {"start", clock_text(slot.start)},
                          {"end", clock_text(slot.end)},
                          {"table", event.tables[m.table].name},
                          {"with", event.participants[all[i].other].id},
                          {"with_name", event.participants[all[i].other].name},
                          {"priority", priority_of(plan, m)}});
    }
    people.push_back({{"id", x.id}, {"name", x.name}, {"meetings", std::move(meetings)}});
  }
  const auto& s = plan.summary;
  json missed = json::array();
  for (const auto& m : plan.missed) {
    const auto& q = event.requests[m.request];
    missed.push_back({{"requester", event.participants[q.requester].id},
                      {"requested", event.participants[q.requested].id},
                      {"reason", m.reason}});
  }
  const json doc = {{"event", event.name},
                    {"timezone", event.timezone},
                    {"summary",
                     {{"requests", s.requests},
                      {"scheduled", s.scheduled},
                      {"must_requests", s.must_requests},
                      {"must_scheduled", s.must_scheduled},
                      {"locked", s.locked},
                      {"weight", s.weight},
                      {"upper_bound", s.bound.value},
                      {"bound_method", s.bound.method},
                      {"gap", s.gap},
                      {"min_meetings", s.min_meetings},
                      {"mean_meetings", s.mean_meetings},
                      {"below_minimum", s.below_minimum},
                      {"must_missed", std::move(missed)}}},
                    {"participants", std::move(people)}};
  return doc.dump(2) + "\n";
}

std::string agenda_ics(const Event& event, const EventPlan& plan, std::uint32_t participant,
                       const IcsOptions& options) {
  const bool utc = event.timezone == "UTC";
  const auto stamp =
      options.dtstamp.empty() ? compact_date(event.dates.front()) + "T000000Z" : options.dtstamp;
  std::string out;
  const auto line = [&](const std::string& text) { out += ics_line(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//verbund//event plan//EN");
  line("CALSCALE:GREGORIAN");
  line("X-WR-CALNAME:" + ics_text(event.name + ": " + event.participants[participant].name));
  if (!utc)
    for (const char* text : berlin_timezone) line(text);
  const auto time = [&](const char* key, const Slot& slot, int minutes) {
    if (utc) return std::string(key) + ":" + local_time(slot, minutes) + "Z";
    return std::string(key) + ";TZID=Europe/Berlin:" + local_time(slot, minutes);
  };
  for (const auto& e : entries(plan)) {
    if (e.self != participant) continue;
    const auto& m = *e.meeting;
    const auto& slot = event.slots[m.slot];
    const auto& other = event.participants[e.other];
    const auto& table = event.tables[m.table];
    line("BEGIN:VEVENT");
    line("UID:" + slug(event.name) + "-" + compact_date(slot.date) + "-" +
         std::to_string(slot.start) + "-" + std::to_string(m.table) + "@verbund");
    line("DTSTAMP:" + stamp);
    line(time("DTSTART", slot, slot.start));
    line(time("DTEND", slot, slot.end));
    line("SUMMARY:" + ics_text(tr(options.lang, "Meeting: ", "Treffen: ") + other.name));
    line("LOCATION:" + ics_text(table.name + ", " + event.rooms[table.room].name));
    std::string about = other.name;
    if (!other.organisation.empty() && other.organisation != other.name)
      about += " (" + other.organisation + ")";
    about += tr(options.lang, "\nPriority: ", "\nPriorität: ") +
             priority_in(options.lang, priority_of(plan, m)) + "\n" + event.name;
    line("DESCRIPTION:" + ics_text(about));
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

std::string summary_text(const Event& event, const EventPlan& plan, report::Lang lang) {
  const auto& s = plan.summary;
  const bool de = lang == report::Lang::de;
  const auto comma = [&](std::string text) {
    if (de) std::replace(text.begin(), text.end(), '.', ',');
    return text;
  };
  const auto share = comma(fixed(100.0 * static_cast<double>(s.scheduled) /
                                     static_cast<double>(std::max<std::size_t>(1, s.requests)),
                                 1));
  std::ostringstream out;
  if (de) {
    out << "Anfragen " << s.requests << ", eingeplant " << s.scheduled << " (" << share
        << " %), feste Treffen " << s.locked << "\n";
    out << "Pflicht: " << s.must_scheduled << " von " << s.must_requests << " eingeplant\n";
    out << "Gewicht " << comma(fixed(s.weight, 1)) << ", obere Schranke "
        << comma(fixed(s.bound.value, 1)) << " (" << method_in(lang, s.bound.method) << "), Lücke "
        << comma(fixed(100.0 * s.gap, 2)) << " %\n";
    out << "Fairness: wenigste Treffen " << s.min_meetings << ", Mittel "
        << comma(fixed(s.mean_meetings, 2)) << ", unter dem gewünschten Minimum " << s.below_minimum
        << "\n";
  } else {
    out << "requests " << s.requests << ", scheduled " << s.scheduled << " (" << share
        << " %), locked meetings " << s.locked << "\n";
    out << "must: " << s.must_scheduled << " of " << s.must_requests << " scheduled\n";
    out << "weight " << fixed(s.weight, 1) << ", upper bound " << fixed(s.bound.value, 1) << " ("
        << s.bound.method << "), gap " << fixed(100.0 * s.gap, 2) << " %\n";
    out << "fairness: fewest meetings " << s.min_meetings << ", mean " << fixed(s.mean_meetings, 2)
        << ", below their wished minimum " << s.below_minimum << "\n";
  }
  for (const auto& m : plan.missed) {
    const auto& q = event.requests[m.request];
    out << tr(lang, "missed must: ", "verpasste Pflicht: ") << event.participants[q.requester].id
        << " -> " << event.participants[q.requested].id << ": " << m.reason << "\n";
  }
  return out.str();
}

}  // namespace verbund::event
