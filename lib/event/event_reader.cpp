#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "io/read_text.hpp"
#include "io/toml_reader.hpp"
#include "verbund/event/event.hpp"
#include "verbund/event/plan.hpp"
#include "verbund/io/csv_reader.hpp"

namespace verbund::event {

std::optional<std::uint32_t> Event::find(std::string_view id) const {
  for (std::uint32_t p = 0; p < participants.size(); ++p)
    if (participants[p].id == id) return p;
  return std::nullopt;
}

std::string clock_text(int minutes) {
  const auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return two(minutes / 60) + ":" + two(minutes % 60);
}

namespace {

using io::TomlReader;

/// "HH:MM" as minutes after midnight, or nullopt.
std::optional<int> parse_clock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const std::size_t i : {0U, 1U, 3U, 4U})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

bool is_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i = 0; i < 10; ++i)
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return false;
  const int month = std::stoi(std::string(text.substr(5, 2)));
  const int day = std::stoi(std::string(text.substr(8, 2)));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

int clock_of(TomlReader& r, const toml::table& table, std::string_view key) {
  const auto text = r.string(key);
  if (!text) throw InvalidInput(r.where(), "'" + std::string(key) + "' is missing");
  const auto value = parse_clock(*text);
  if (!value) r.fail(*table.get(key), "'" + std::string(key) + "' must be a time HH:MM");
  return *value;
}

struct Interval {
  int start = 0;
  int end = 0;
  std::string name;
  SourceLocation where;
};

std::vector<Interval> intervals(TomlReader& day, const toml::node* node, const std::string& what,
                                const std::string& file, bool named) {
  std::vector<Interval> out;
  if (!node) return out;
  const auto* array = node->as_array();
  if (!array) day.fail(*node, "'" + what + "' must be an array of tables");
  for (const auto& item : *array) {
    if (!item.is_table()) day.fail(item, "'" + what + "' must hold tables");
    const auto& table = *item.as_table();
    TomlReader r(table, file, what + " entry");
    Interval i;
    i.where = r.where(item);
    if (named) i.name = r.string("name").value_or("");
    i.start = clock_of(r, table, "start");
    i.end = clock_of(r, table, "end");
    r.finish();
    if (i.end <= i.start) throw InvalidInput(i.where, what + ": end must be after start");
    out.push_back(i);
  }
  return out;
}

/// Reads a CSV file whose columns are all known; `required` must be present.
class CsvTable {
 public:
  CsvTable(const std::filesystem::path& path, std::vector<std::string_view> known,
           std::vector<std::string_view> required)
      : reader_(path) {
    for (std::size_t i = 0; i < reader_.header().size(); ++i) {
      const auto& name = reader_.header()[i];
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string list;
        for (const auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        throw InvalidInput(SourceLocation{reader_.file(), 1, i + 1},
                           "unknown column '" + name + "' (known: " + list + ")");
      }
    }
    for (const auto name : required) static_cast<void>(reader_.require(name));
  }
  bool next() { return reader_.next(row_); }
  [[nodiscard]] std::string get(std::string_view column) const {
    const auto c = reader_.column(column);
    return c ? row_[*c - 1] : std::string();
  }
  [[nodiscard]] SourceLocation where(std::string_view column) const {
    const auto c = reader_.column(column);
    return reader_.where(c ? *c - 1 : 0);
  }
  [[nodiscard]] std::string require(std::string_view column) const {
    auto value = get(column);
    if (value.empty()) throw InvalidInput(where(column), "'" + std::string(column) + "' is empty");
    return value;
  }

 private:
  io::CsvReader reader_;
  std::vector<std::string> row_;
};

std::uint32_t participant_at(const Event& e, const CsvTable& t, std::string_view column) {
  const auto id = t.require(column);
  const auto p = e.find(id);
  if (!p) throw InvalidInput(t.where(column), "unknown participant '" + id + "'");
  return *p;
}

std::optional<std::filesystem::path> csv_path(TomlReader& files, const std::filesystem::path& dir,
                                              std::string_view key, bool required) {
  const auto name = files.string(key);
  const auto path = dir / name.value_or(std::string(key) + ".csv");
  if (std::filesystem::exists(path)) return path;
  // A file the event names or needs and that is not there is bad input, not a failing disk.
  if (name)
    throw InvalidInput(files.where(*files.get(key)),
                       "the " + std::string(key) + " file '" + path.string() + "' does not exist");
  if (required)
    throw InvalidInput(path.string() + ": the " + std::string(key) +
                       " file does not exist (name another under [files])");
  return std::nullopt;
}

void read_toml(Event& e, const std::filesystem::path& toml_file, const std::string& file,
               TomlReader& r) {
  e.name = r.string("name").value_or(toml_file.stem().string());
  if (const auto tz = r.string("timezone")) {
    if (*tz != "Europe/Berlin" && *tz != "UTC")
      r.fail(*r.get("timezone"), "'timezone' must be \"Europe/Berlin\" or \"UTC\"");
    e.timezone = *tz;
  }
  e.slot_minutes = static_cast<int>(r.integer("slot_minutes", 5, 240).value_or(20));
  e.must_weight = r.number("must_weight").value_or(3.0);
  e.want_weight = r.number("want_weight").value_or(1.0);
  if (e.want_weight <= 0.0 || e.must_weight < e.want_weight)
    throw InvalidInput(r.where(), "weights must satisfy 0 < want_weight <= must_weight");
  const auto* days = r.get("days");
  if (!days || !days->is_array_of_tables())
    throw InvalidInput(r.where(), "the event needs [[days]] with a date and sessions");
  for (const auto& item : *days->as_array()) {
    const auto& table = *item.as_table();
    TomlReader day(table, file, "[[days]]");
    const auto date = day.string("date");
    if (!date || !is_date(*date))
      throw InvalidInput(day.where(item), "[[days]]: 'date' must be a date YYYY-MM-DD");
    if (std::find(e.dates.begin(), e.dates.end(), *date) != e.dates.end())
      throw InvalidInput(day.where(item), "day " + *date + " is listed twice");
    if (!e.dates.empty() && *date < e.dates.back())
      throw InvalidInput(day.where(item), "days must be listed in date order");
    auto sessions = intervals(day, day.get("sessions"), "sessions", file, true);
    const auto breaks = intervals(day, day.get("breaks"), "breaks", file, false);
    day.finish();
    if (sessions.empty()) throw InvalidInput(day.where(item), "day " + *date + " has no sessions");
    std::sort(sessions.begin(), sessions.end(),
              [](const auto& x, const auto& y) { return x.start < y.start; });
    for (std::size_t i = 1; i < sessions.size(); ++i) {
      if (sessions[i].start < sessions[i - 1].end)
        throw InvalidInput(sessions[i].where, "session " + clock_text(sessions[i].start) + "-" +
                                                  clock_text(sessions[i].end) + " overlaps " +
                                                  clock_text(sessions[i - 1].start) + "-" +
                                                  clock_text(sessions[i - 1].end) + " on " + *date);
    }
    e.dates.push_back(*date);
    for (const auto& session : sessions) {
      int t = session.start;
      while (t + e.slot_minutes <= session.end) {
        const auto clash = std::find_if(breaks.begin(), breaks.end(), [&](const Interval& b) {
          return b.start < t + e.slot_minutes && t < b.end;
        });
        if (clash != breaks.end()) {
          t = std::max(t + 1, clash->end);
          continue;
        }
        e.slots.push_back({*date, t, t + e.slot_minutes, session.name});
        t += e.slot_minutes;
      }
    }
  }
  if (e.slots.empty()) throw InvalidInput(r.where(*days), "the sessions hold no whole slot");
  const auto* rooms = r.get("rooms");
  if (!rooms || !rooms->is_array_of_tables())
    throw InvalidInput(r.where(), "the event needs [[rooms]] with tables");
  for (const auto& item : *rooms->as_array()) {
    TomlReader room(*item.as_table(), file, "[[rooms]]");
    Room x;
    x.name = room.string("name").value_or("Room " + std::to_string(e.rooms.size() + 1));
    x.tables = static_cast<int>(room.integer("tables", 1, 100000).value_or(0));
    x.capacity = static_cast<int>(room.integer("capacity", 1, 100000).value_or(x.tables));
    room.finish();
    if (x.tables == 0) throw InvalidInput(room.where(item), "room '" + x.name + "' needs 'tables'");
    if (x.tables > x.capacity)
      throw InvalidInput(room.where(*item.as_table()->get("tables")),
                         "room '" + x.name + "' holds " + std::to_string(x.capacity) +
                             " tables, not " + std::to_string(x.tables));
    for (int t = 1; t <= x.tables; ++t)
      e.tables.push_back(
          {x.name + " " + std::to_string(t), static_cast<std::uint32_t>(e.rooms.size())});
    e.rooms.push_back(x);
  }
}

/// A `|`-separated list, empty items dropped.
std::vector<std::string> split_bars(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto j = std::min(text.find('|', i), text.size());
    if (j > i) out.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

/// A firm size class, or the empty text.
bool is_size(std::string_view s) {
  return s == "micro" || s == "small" || s == "medium" || s == "large";
}

/// The columns that describe a participant for others' criteria, and its own criteria.
void read_profile_and_criteria(const CsvTable& t, Participant& p) {
  p.size = t.get("size");
  if (!p.size.empty() && !is_size(p.size))
    throw InvalidInput(t.where("size"),
                       "size must be micro, small, medium or large, not '" + p.size + "'");
  p.project_types = split_bars(t.get("project_types"));
  p.latitude = io::cell::to_optional_double(t.get("latitude"), t.where("latitude"), "latitude");
  p.longitude = io::cell::to_optional_double(t.get("longitude"), t.where("longitude"), "longitude");
  if (p.latitude.has_value() != p.longitude.has_value())
    throw InvalidInput(t.where(p.latitude ? "longitude" : "latitude"),
                       "give both latitude and longitude, or neither");
  if (p.latitude && (*p.latitude < -90 || *p.latitude > 90))
    throw InvalidInput(t.where("latitude"), "latitude must be from -90 to 90");
  if (p.longitude && (*p.longitude < -180 || *p.longitude > 180))
    throw InvalidInput(t.where("longitude"), "longitude must be from -180 to 180");
  p.wants.sizes = split_bars(t.get("wants_sizes"));
  for (const auto& s : p.wants.sizes)
    if (!is_size(s))
      throw InvalidInput(t.where("wants_sizes"),
                         "wants_sizes lists micro, small, medium or large, not '" + s + "'");
  p.wants.topics = split_bars(t.get("wants_topics"));
  p.wants.project_types = split_bars(t.get("wants_project_types"));
  p.wants.max_distance_km = io::cell::to_optional_double(
      t.get("max_distance_km"), t.where("max_distance_km"), "max_distance_km");
  if (p.wants.max_distance_km && !(*p.wants.max_distance_km > 0))
    throw InvalidInput(t.where("max_distance_km"), "max_distance_km must be > 0");
}

void read_participants(Event& e, const std::filesystem::path& path, int default_max) {
  CsvTable t(path,
             {"id", "actor_id", "name", "organisation", "kind", "municipality", "topics",
              "max_meetings", "min_meetings", "size", "project_types", "latitude", "longitude",
              "wants_sizes", "wants_topics", "wants_project_types", "max_distance_km", "ranking"},
             {"id"});
  std::set<std::string> ids;
  // Rankings name participants further down: resolved when all are read.
  std::vector<std::pair<std::vector<std::string>, SourceLocation>> rankings;
  while (t.next()) {
    Participant p;
    p.id = t.require("id");
    if (!ids.insert(p.id).second)
      throw InvalidInput(t.where("id"), "participant '" + p.id + "' is listed twice");
    p.actor_id = t.get("actor_id");
    p.name = t.get("name");
    if (p.name.empty()) p.name = p.actor_id.empty() ? p.id : p.actor_id;
    p.organisation = t.get("organisation");
    p.kind = t.get("kind");
    p.municipality = t.get("municipality");
    p.topics = split_bars(t.get("topics"));
    const auto slots = static_cast<int>(e.slots.size());
    const auto max =
        io::cell::to_optional_int(t.get("max_meetings"), t.where("max_meetings"), "max_meetings");
    p.max_meetings = max.value_or(std::min(default_max, slots));
    if (p.max_meetings < 0 || p.max_meetings > slots)
      throw InvalidInput(t.where("max_meetings"),
                         "max_meetings must be from 0 to the " + std::to_string(slots) + " slots");
    p.min_meetings =
        io::cell::to_optional_int(t.get("min_meetings"), t.where("min_meetings"), "min_meetings")
            .value_or(0);
    if (p.min_meetings < 0 || p.min_meetings > p.max_meetings)
      throw InvalidInput(t.where("min_meetings"), "min_meetings must be from 0 to max_meetings");
    read_profile_and_criteria(t, p);
    rankings.emplace_back(split_bars(t.get("ranking")), t.where("ranking"));
    e.participants.push_back(std::move(p));
  }
  if (e.participants.empty())
    throw InvalidInput(SourceLocation{path.string(), 1, 0}, "no participants");
  std::unordered_map<std::string, std::uint32_t> index;
  for (std::uint32_t p = 0; p < e.participants.size(); ++p) index.emplace(e.participants[p].id, p);
  for (std::uint32_t p = 0; p < e.participants.size(); ++p) {
    const auto& [names, where] = rankings[p];
    auto& ranking = e.participants[p].wants.ranking;
    for (const auto& name : names) {
      const auto it = index.find(name);
      if (it == index.end())
        throw InvalidInput(where, "ranking: unknown participant '" + name + "'");
      if (it->second == p) throw InvalidInput(where, "ranking: '" + name + "' ranks itself");
      if (std::find(ranking.begin(), ranking.end(), it->second) != ranking.end())
        throw InvalidInput(where, "ranking: '" + name + "' is listed twice");
      ranking.push_back(it->second);
    }
  }
}

void read_availability(Event& e, const std::filesystem::path& path) {
  const auto S = e.slots.size();
  CsvTable t(path, {"participant", "date", "start", "end"},
             {"participant", "date", "start", "end"});
  std::vector<std::uint8_t> listed(e.participants.size(), 0);
  std::fill(e.available.begin(), e.available.end(), 0);
  std::vector<std::uint8_t> any(e.participants.size(), 0);
  while (t.next()) {
    const auto p = participant_at(e, t, "participant");
    const auto date = t.require("date");
    if (std::find(e.dates.begin(), e.dates.end(), date) == e.dates.end())
      throw InvalidInput(t.where("date"), "'" + date + "' is not a day of the event");
    const auto start = parse_clock(t.require("start"));
    if (!start) throw InvalidInput(t.where("start"), "'start' must be a time HH:MM");
    const auto end = parse_clock(t.require("end"));
    if (!end || *end <= *start)
      throw InvalidInput(t.where("end"), "'end' must be a time HH:MM after 'start'");
    any[p] = 1;
    for (std::size_t s = 0; s < S; ++s) {
      const auto& slot = e.slots[s];
      if (slot.date == date && slot.start >= *start && slot.end <= *end) e.available[p * S + s] = 1;
    }
  }
  // Participants without a window are there all the time.
  for (std::size_t p = 0; p < e.participants.size(); ++p)
    if (!any[p]) std::fill_n(e.available.begin() + static_cast<std::ptrdiff_t>(p * S), S, 1);
}

void read_requests(Event& e, const std::filesystem::path& path) {
  CsvTable t(path, {"requester", "requested", "priority", "status"}, {"requester", "requested"});
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  while (t.next()) {
    Request q;
    q.requester = participant_at(e, t, "requester");
    q.requested = participant_at(e, t, "requested");
    q.where = t.where("requester");
    if (q.requester == q.requested)
      throw InvalidInput(t.where("requested"), "a participant cannot request themself");
    if (!seen.insert({q.requester, q.requested}).second)
      throw InvalidInput(t.where("requester"), "this request is listed twice");
    const auto priority = t.get("priority");
    if (priority == "must") {
      q.priority = Priority::must;
    } else if (priority.empty() || priority == "want") {
      q.priority = Priority::want;
    } else {
      throw InvalidInput(t.where("priority"),
                         "priority must be 'must' or 'want', not '" + priority + "'");
    }
    const auto status = t.get("status");
    if (status == "accepted") {
      q.status = RequestStatus::accepted;
    } else if (status == "declined") {
      q.status = RequestStatus::declined;
    } else if (status.empty() || status == "pending") {
      q.status = RequestStatus::pending;
    } else {
      throw InvalidInput(
          t.where("status"),
          "status must be 'pending', 'accepted' or 'declined', not '" + status + "'");
    }
    e.requests.push_back(q);
  }
}

void read_vetoes(Event& e, const std::filesystem::path& path) {
  CsvTable t(path, {"participant", "other", "reason"}, {"participant", "other"});
  while (t.next()) {
    Veto v{participant_at(e, t, "participant"), participant_at(e, t, "other"), t.get("reason")};
    if (v.a == v.b) throw InvalidInput(t.where("other"), "a participant cannot veto themself");
    for (const auto& q : e.requests) {
      if (q.priority == Priority::must && q.status != RequestStatus::declined &&
          ((q.requester == v.a && q.requested == v.b) ||
           (q.requester == v.b && q.requested == v.a)))
        throw InvalidInput(
            t.where("participant"),
            "veto of a pair that also has a 'must' request (" + q.where.to_string() + ")");
    }
    e.vetoes.push_back(std::move(v));
  }
}

void read_locks(Event& e, const std::filesystem::path& path) {
  CsvTable t(path, {"participant", "other", "date", "start", "table"},
             {"participant", "other", "date", "start", "table"});
  std::set<std::pair<std::uint32_t, std::uint32_t>> person_slot, table_slot;
  while (t.next()) {
    Lock l;
    l.a = participant_at(e, t, "participant");
    l.b = participant_at(e, t, "other");
    if (l.a == l.b) throw InvalidInput(t.where("other"), "a participant cannot meet themself");
    const auto date = t.require("date");
    const auto start = parse_clock(t.require("start"));
    const auto slot = std::find_if(e.slots.begin(), e.slots.end(), [&](const Slot& s) {
      return s.date == date && start && s.start == *start;
    });
    if (slot == e.slots.end())
      throw InvalidInput(t.where("start"), "no slot starts at " + t.get("start") + " on " + date);
    l.slot = static_cast<std::uint32_t>(slot - e.slots.begin());
    const auto table = t.require("table");
    const auto it = std::find_if(e.tables.begin(), e.tables.end(),
                                 [&](const Table& x) { return x.name == table; });
    if (it == e.tables.end()) throw InvalidInput(t.where("table"), "unknown table '" + table + "'");
    l.table = static_cast<std::uint32_t>(it - e.tables.begin());
    for (const auto p : {l.a, l.b}) {
      if (!e.is_available(p, l.slot))
        throw InvalidInput(t.where("start"), "locked meeting in a slot where '" +
                                                 e.participants[p].id + "' is not available");
      if (!person_slot.insert({p, l.slot}).second)
        throw InvalidInput(t.where("start"),
                           "'" + e.participants[p].id + "' has two locked meetings in this slot");
    }
    if (!table_slot.insert({l.table, l.slot}).second)
      throw InvalidInput(t.where("table"), "table '" + table + "' is locked twice in this slot");
    for (const auto& v : e.vetoes)
      if ((v.a == l.a && v.b == l.b) || (v.a == l.b && v.b == l.a))
        throw InvalidInput(t.where("participant"), "locked meeting of a vetoed pair");
    e.locks.push_back(l);
  }
  std::vector<int> locked(e.participants.size(), 0);
  for (const auto& l : e.locks) {
    for (const auto p : {l.a, l.b}) {
      if (++locked[p] > e.participants[p].max_meetings)
        throw InvalidInput(
            SourceLocation{path.string(), 0, 0},
            "'" + e.participants[p].id + "' has more locked meetings than max_meetings");
    }
  }
}

}  // namespace

Event load_event(const std::filesystem::path& toml_file, const LoadEventOptions& options) {
  const auto file = toml_file.string();
  const auto text = io::read_text_file(toml_file, "event file");
  const toml::table root = io::parse_toml(text, file);
  TomlReader r(root, file, "the event");
  Event e;
  read_toml(e, toml_file, file, r);
  const int default_max = static_cast<int>(r.integer("default_max_meetings", 0, 10000).value_or(8));
  const auto dir = options.dir.empty() ? toml_file.parent_path() : options.dir;
  std::optional<std::filesystem::path> participants, availability, requests, vetoes, locks;
  if (const auto* node = r.get("files")) {
    TomlReader files(io::sub_table(r, node, "files"), file, "[files]");
    participants = csv_path(files, dir, "participants", true);
    availability = csv_path(files, dir, "availability", false);
    requests = csv_path(files, dir, "requests", true);
    vetoes = csv_path(files, dir, "vetoes", false);
    locks = csv_path(files, dir, "locks", false);
    files.finish();
  } else {
    const toml::table none;
    TomlReader files(none, file, "[files]");
    participants = csv_path(files, dir, "participants", true);
    availability = csv_path(files, dir, "availability", false);
    requests = csv_path(files, dir, "requests", true);
    vetoes = csv_path(files, dir, "vetoes", false);
    locks = csv_path(files, dir, "locks", false);
  }
  r.finish();
  read_participants(e, *participants, default_max);
  e.available.assign(e.participants.size() * e.slots.size(), 1);
  if (availability) read_availability(e, *availability);
  read_requests(e, *requests);
  if (vetoes) read_vetoes(e, *vetoes);
  if (locks) read_locks(e, *locks);
  return e;
}

std::vector<PreviousMeeting> load_previous(const Event& event, const std::filesystem::path& csv) {
  CsvTable t(csv, {"participant", "other", "date", "start", "table"},
             {"participant", "other", "date", "start", "table"});
  std::vector<PreviousMeeting> out;
  while (t.next()) {
    PreviousMeeting m;
    m.a = t.require("participant");
    m.b = t.require("other");
    const auto date = t.require("date");
    const auto start = parse_clock(t.require("start"));
    const auto slot = std::find_if(event.slots.begin(), event.slots.end(), [&](const Slot& s) {
      return s.date == date && start && s.start == *start;
    });
    if (slot == event.slots.end())
      throw InvalidInput(t.where("start"), "no slot starts at " + t.get("start") + " on " + date);
    m.slot = static_cast<std::uint32_t>(slot - event.slots.begin());
    const auto table = t.require("table");
    const auto it = std::find_if(event.tables.begin(), event.tables.end(),
                                 [&](const Table& x) { return x.name == table; });
    if (it == event.tables.end())
      throw InvalidInput(t.where("table"), "unknown table '" + table + "'");
    m.table = static_cast<std::uint32_t>(it - event.tables.begin());
    out.push_back(std::move(m));
  }
  return out;
}

EventProblem to_problem(const Event& event, const ProblemOptions& options) {
  EventProblem out;
  auto& p = out.problem;
  p.participants = static_cast<std::uint32_t>(event.participants.size());
  p.slots = static_cast<std::uint32_t>(event.slots.size());
  p.tables = static_cast<std::uint32_t>(event.tables.size());
  p.available = event.available;
  for (const auto& x : event.participants) {
    p.max_meetings.push_back(x.max_meetings);
    p.min_meetings.push_back(x.min_meetings);
  }
  // One request per pair: the strongest direction that may be scheduled.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> best;
  for (std::uint32_t i = 0; i < event.requests.size(); ++i) {
    const auto& q = event.requests[i];
    if (q.status == RequestStatus::declined) continue;
    if (options.mutual && q.status != RequestStatus::accepted &&
        !accepts(event, q.requested, q.requester))
      continue;
    const auto key = std::minmax(q.requester, q.requested);
    const auto [it, fresh] = best.try_emplace({key.first, key.second}, i);
    if (!fresh && q.priority > event.requests[it->second].priority) it->second = i;
  }
  for (const auto& [pair, i] : best) {
    const auto& q = event.requests[i];
    const double base = q.priority == Priority::must ? event.must_weight : event.want_weight;
    const auto liked = receiver_preference(event, q.requested, q.requester);
    p.requests.push_back(
        {q.requester, q.requested, q.priority, base + event.want_weight * liked.value_or(0.0)});
    out.request_of.push_back(i);
  }
  for (const auto& v : event.vetoes) p.vetoes.emplace_back(v.a, v.b);
  for (const auto& l : event.locks) p.fixed.push_back({l.a, l.b, l.slot, l.table});
  return out;
}

}  // namespace verbund::event
