#include "verbund/core/region_data.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/parallel_loops.hpp"

namespace verbund::core {

SourceLocation TableOrigin::locate(std::size_t line, std::string_view column) const {
  if (line == 0) return {};  // built in memory: the message names the record instead
  SourceLocation where{file, line, 0};
  // Column numbers count fields, 1-based, which is how spreadsheets and editors show CSV.
  auto it = std::find(header.begin(), header.end(), column);
  if (it != header.end()) where.column = static_cast<std::size_t>(it - header.begin()) + 1;
  return where;
}

namespace {

template <typename T>
void move_append(std::vector<T>& into, std::vector<T>& from) {
  if (into.empty()) {
    into = std::move(from);
  } else {
    into.insert(into.end(), std::make_move_iterator(from.begin()),
                std::make_move_iterator(from.end()));
  }
}

// Describes a record for messages when it has no file: "actor 'x'".
std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// A number in its shortest form for messages (1.5, not std::to_string's 1.500000).
std::string shortest(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

// The shortest text that reads back as `value` ("1e+06", not "1000000.000000").
std::string number(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

// The first control character (U+0000..U+001F, U+007F) in `text`, as "U+000A at byte 4".
std::optional<std::string> control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 || b == 0x7F) {
      std::array<char, 48> buffer{};
      std::snprintf(buffer.data(), buffer.size(), "U+%04X at byte %zu", static_cast<unsigned>(b),
                    i + 1);
      return std::string(buffer.data());
    }
  }
  return std::nullopt;
}

class Validator {
 public:
  Validator(const RegionData& data, const KnownContent& known) : data_(data), known_(known) {}

  void run() {
    check_taxonomy();
    check_competence_relations();
    check_actors();
    check_competences();
    check_ties();
    check_memberships();
  }

 private:
  [[noreturn]] void fail(const TableOrigin& origin, std::size_t line, std::string_view column,
                         const std::string& message) const {
    throw InvalidInput(origin.locate(line, column), message);
  }

  static bool year_ok(const std::optional<int>& y) {
    return !y || (*y >= min_year && *y <= max_year);
  }

  void check_period(const TableOrigin& origin, std::size_t line, const std::optional<int>& start,
                    const std::optional<int>& end) const {
    if (!year_ok(start))
      fail(origin, line, "start",
           "start year " + std::to_string(*start) + " is out of range [" +
               std::to_string(min_year) + ", " + std::to_string(max_year) + "]");
    if (!year_ok(end))
      fail(origin, line, "end",
           "end year " + std::to_string(*end) + " is out of range [" + std::to_string(min_year) +
               ", " + std::to_string(max_year) + "]");
    if (start && end && *end < *start)
      fail(origin, line, "end",
           "end year " + std::to_string(*end) + " is before start year " + std::to_string(*start));
  }

  void check_taxonomy() {
    const auto& origin = data_.taxonomy_origin;
    for (const auto& row : data_.taxonomy) {
      if (row.id.empty()) fail(origin, row.line, "id", "taxonomy id must not be empty");
      if (row.label_en.empty())
        fail(origin, row.line, "label_en", "taxonomy entry " + quoted(row.id) + " has no label_en");
      const bool existing = row.theme.empty()
                                ? (known_.has_theme && known_.has_theme(row.id))
                                : (known_.has_competence && known_.has_competence(row.id));
      auto& seen = row.theme.empty() ? themes_ : competences_;
      if (existing || !seen.insert(row.id).second)
        fail(origin, row.line, "id",
             std::string(row.theme.empty() ? "duplicate theme id " : "duplicate competence id ") +
                 quoted(row.id));
    }
    for (const auto& row : data_.taxonomy) {
      if (!row.theme.empty() && !has_theme(row.theme))
        fail(origin, row.line, "theme",
             "competence " + quoted(row.id) + " names unknown theme " + quoted(row.theme));
    }
  }

  // Related pairs: known competences, strength in (0, 1], no self pair, no pair stated twice
  // with different strengths (in either order).
  void check_competence_relations() {
    const auto& origin = data_.competence_relations_origin;
    std::map<std::pair<std::string_view, std::string_view>, double> seen;
    for (const auto& row : data_.competence_relations) {
      for (const auto& [id, column] : {std::pair{&row.a, "a"}, std::pair{&row.b, "b"}}) {
        if (!has_competence(*id))
          fail(origin, row.line, column, "unknown competence " + quoted(*id));
      }
      if (row.a == row.b)
        fail(origin, row.line, "b", "competence " + quoted(row.a) + " related to itself");
      if (!(row.strength > 0.0 && row.strength <= 1.0))
        fail(origin, row.line, "strength",
             "strength " + shortest(row.strength) + " is not in (0, 1]");
      // (std::minmax of temporaries would return references to them: build the pair by value.)
      const std::string_view a = row.a, b = row.b;
      const auto key = a < b ? std::pair{a, b} : std::pair{b, a};
      const auto [it, fresh] = seen.emplace(key, row.strength);
      if (!fresh && it->second != row.strength)
        fail(origin, row.line, "strength",
             "relation of " + quoted(row.a) + " and " + quoted(row.b) +
                 " stated before with strength " + shortest(it->second));
    }
  }

  void check_actors() {
    const auto& origin = data_.actors_origin;
    kinds_.reserve(data_.actors.size());
    for (const auto& a : data_.actors) {
      if (a.id.empty()) fail(origin, a.line, "id", "actor id must not be empty");
      if (a.name.empty()) fail(origin, a.line, "name", "actor " + quoted(a.id) + " has no name");
      // Ids and names go into every export and every table: no control characters at all.
      for (const auto& [column, text] : {std::pair<const char*, std::string_view>{"id", a.id},
                                         {"name", a.name},
                                         {"municipality", a.municipality},
                                         {"sector", a.sector},
                                         {"parent", a.parent}}) {
        if (auto bad = control_character(text))
          fail(origin, a.line, column,
               std::string(column) +
                   (text.data() == a.id.data() ? "" : " of actor " + quoted(a.id)) +
                   " holds control character " + *bad);
      }
      if ((known_.actor_kind && known_.actor_kind(a.id)) ||
          !kinds_.emplace(std::string_view(a.id), a.kind).second)
        fail(origin, a.line, "id", "duplicate actor id " + quoted(a.id));
      if (a.location && !is_valid(*a.location))
        fail(origin, a.line, std::abs(a.location->lat) > 90.0 ? "lat" : "lon",
             "coordinates of " + quoted(a.id) + " are out of range");
      if (a.employees && *a.employees < 0)
        fail(origin, a.line, "employees", "employees of " + quoted(a.id) + " must not be negative");
      if (a.capacity && *a.capacity < 0)
        fail(origin, a.line, "capacity", "capacity of " + quoted(a.id) + " must not be negative");
      if (a.founded && (*a.founded < min_year || *a.founded > max_year))
        fail(origin, a.line, "founded", "founding year of " + quoted(a.id) + " is out of range");
    }
    for (const auto& a : data_.actors) {
      if (a.parent.empty()) {
        if (a.kind == ActorKind::research_group)
          fail(origin, a.line, "parent",
               "research group " + quoted(a.id) + " needs a parent (its university or institute)");
        continue;
      }
      auto parent_kind = actor_kind(a.parent);
      if (!parent_kind)
        fail(origin, a.line, "parent",
             "parent " + quoted(a.parent) + " of " + quoted(a.id) + " is not a known actor");
      if (a.parent == a.id)
        fail(origin, a.line, "parent", "actor " + quoted(a.id) + " cannot be its own parent");
      if (a.kind == ActorKind::research_group && *parent_kind != ActorKind::university &&
          *parent_kind != ActorKind::research_institute &&
          *parent_kind != ActorKind::research_group)
        fail(origin, a.line, "parent",
             "parent " + quoted(a.parent) + " of research group " + quoted(a.id) + " has kind " +
                 std::string(to_string(*parent_kind)) +
                 "; a research group's parent is a university, research institute or research "
                 "group");
    }
    check_parent_cycles();
  }

  // Parents may chain (a group within a group) but not return to where they began. Actors
  // already stored cannot have a parent in this batch, so a cycle lies within the batch.
  // O(n) expected.
  void check_parent_cycles() const {
    const auto& actors = data_.actors;
    std::unordered_map<std::string_view, std::size_t> index;
    index.reserve(actors.size());
    for (std::size_t i = 0; i < actors.size(); ++i) index.emplace(actors[i].id, i);
    auto parent_of = [&](std::size_t i) -> std::optional<std::size_t> {
      if (actors[i].parent.empty()) return std::nullopt;
      const auto it = index.find(actors[i].parent);
      if (it == index.end()) return std::nullopt;
      return it->second;
    };
    enum class Mark : std::uint8_t { unvisited, on_path, done };
    std::vector<Mark> mark(actors.size(), Mark::unvisited);
    std::vector<std::size_t> path;
    for (std::size_t start = 0; start < actors.size(); ++start) {
      path.clear();
      std::optional<std::size_t> v = start;
      while (v && mark[*v] == Mark::unvisited) {
        mark[*v] = Mark::on_path;
        path.push_back(*v);
        v = parent_of(*v);
      }
      if (v && mark[*v] == Mark::on_path) {
        // Report the cycle at its member that comes first in the file, starting from it.
        std::vector<std::size_t> cycle(std::find(path.begin(), path.end(), *v), path.end());
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
        std::string chain;
        for (const auto k : cycle) chain += quoted(actors[k].id) + " -> ";
        chain += quoted(actors[cycle.front()].id);
        fail(data_.actors_origin, actors[cycle.front()].line, "parent",
             "parents form a cycle: " + chain);
      }
      for (const auto k : path) mark[k] = Mark::done;
    }
  }

  // Row checks run in parallel over large tables; the first bad row in table order is then
  // checked again serially, so that the error reported does not depend on the thread count.
  template <typename Records, typename Check>
  void check_rows(const Records& records, Check check) const {
    const std::size_t none = records.size();
    const std::size_t first = par::parallel_reduce(
        par::Range<std::size_t>(0, records.size(), 4096), none,
        [&](const par::Range<std::size_t>& range, std::size_t found) {
          for (std::size_t i = range.begin(); i != range.end() && i < found; ++i) {
            try {
              check(records[i]);
            } catch (const InvalidInput&) {
              return i;
            }
          }
          return found;
        },
        [](std::size_t a, std::size_t b) { return std::min(a, b); });
    if (first != none) check(records[first]);
  }

  void check_competence(const CompetenceRecord& c) const {
    const auto& origin = data_.competences_origin;
    if (!actor_kind(c.actor)) fail(origin, c.line, "actor", "unknown actor " + quoted(c.actor));
    if (!has_competence(c.competence))
      fail(origin, c.line, "competence", "unknown competence " + quoted(c.competence));
    if (!std::isfinite(c.weight) || c.weight <= 0.0 || c.weight > 1.0)
      fail(origin, c.line, "weight",
           "competence weight " + shortest(c.weight) + " is not in (0, 1]");
  }

  void check_competences() {
    check_rows(data_.competences, [this](const CompetenceRecord& c) { check_competence(c); });
    // Duplicates: sort by (actor, competence, role, position); the first repeat in table order
    // is the smallest position that follows an equal entry.
    const auto& cs = data_.competences;
    std::vector<std::uint32_t> order(cs.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    auto key = [&](std::uint32_t i) {
      return std::tuple<std::string_view, std::string_view, CompetenceRole, std::uint32_t>(
          cs[i].actor, cs[i].competence, cs[i].role, i);
    };
    par::parallel_sort(order.begin(), order.end(),
                       [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
    std::size_t repeat = cs.size();
    for (std::size_t k = 1; k < order.size(); ++k) {
      const auto& a = cs[order[k - 1]];
      const auto& b = cs[order[k]];
      if (a.actor == b.actor && a.competence == b.competence && a.role == b.role)
        repeat = std::min<std::size_t>(repeat, order[k]);
    }
    if (repeat < cs.size()) {
      const auto& c = cs[repeat];
      fail(data_.competences_origin, c.line, "competence",
           "actor " + quoted(c.actor) + " lists competence " + quoted(c.competence) + " as " +
               std::string(to_string(c.role)) + " twice");
    }
  }

  void check_tie(const TieRecord& t) const {
    const auto& origin = data_.ties_origin;
    if (!actor_kind(t.source)) fail(origin, t.line, "source", "unknown actor " + quoted(t.source));
    if (!actor_kind(t.target)) fail(origin, t.line, "target", "unknown actor " + quoted(t.target));
    if (t.source == t.target)
      fail(origin, t.line, "target", "tie from " + quoted(t.source) + " to itself");
    if (!(t.weight >= min_tie_weight && t.weight <= max_tie_weight))  // NaN fails too
      fail(origin, t.line, "weight",
           "tie weight " + number(t.weight) + " is out of range [" + number(min_tie_weight) + ", " +
               number(max_tie_weight) + "]");
    check_period(origin, t.line, t.start, t.end);
  }

  void check_ties() {
    check_rows(data_.ties, [this](const TieRecord& t) { check_tie(t); });
  }

  void check_membership(const MembershipRecord& m) const {
    const auto& origin = data_.memberships_origin;
    if (!actor_kind(m.actor)) fail(origin, m.line, "actor", "unknown actor " + quoted(m.actor));
    auto group_kind = actor_kind(m.group);
    if (!group_kind) fail(origin, m.line, "group", "unknown group " + quoted(m.group));
    if (!is_group(*group_kind))
      fail(origin, m.line, "group",
           quoted(m.group) + " is a " + std::string(to_string(*group_kind)) +
               ", not a group (chamber, cluster, working_group, association, union)");
    if (m.actor == m.group)
      fail(origin, m.line, "group", "actor " + quoted(m.actor) + " cannot be its own member");
    check_period(origin, m.line, m.start, m.end);
  }

  void check_memberships() {
    check_rows(data_.memberships, [this](const MembershipRecord& m) { check_membership(m); });
  }

  std::optional<ActorKind> actor_kind(const std::string& id) const {
    if (auto it = kinds_.find(std::string_view(id)); it != kinds_.end()) return it->second;
    if (known_.actor_kind) return known_.actor_kind(id);
    return std::nullopt;
  }
  bool has_theme(const std::string& id) const {
    return themes_.contains(id) || (known_.has_theme && known_.has_theme(id));
  }
  bool has_competence(const std::string& id) const {
    return competences_.contains(id) || (known_.has_competence && known_.has_competence(id));
  }

  const RegionData& data_;
  const KnownContent& known_;
  std::unordered_set<std::string> themes_;
  std::unordered_set<std::string> competences_;
  std::unordered_map<std::string_view, ActorKind> kinds_;  // views into data_.actors
};

}  // namespace

void RegionData::append(RegionData other) {
  auto take_origin = [](TableOrigin& into, TableOrigin& from, bool has_rows) {
    if (has_rows) into = std::move(from);
  };
  take_origin(taxonomy_origin, other.taxonomy_origin, !other.taxonomy.empty());
  take_origin(actors_origin, other.actors_origin, !other.actors.empty());
  take_origin(competences_origin, other.competences_origin, !other.competences.empty());
  take_origin(ties_origin, other.ties_origin, !other.ties.empty());
  take_origin(memberships_origin, other.memberships_origin, !other.memberships.empty());
  take_origin(competence_relations_origin, other.competence_relations_origin,
              !other.competence_relations.empty());
  move_append(taxonomy, other.taxonomy);
  move_append(actors, other.actors);
  move_append(competences, other.competences);
  move_append(ties, other.ties);
  move_append(memberships, other.memberships);
  move_append(competence_relations, other.competence_relations);
}

void validate(const RegionData& data, const KnownContent& known) { Validator(data, known).run(); }

}  // namespace verbund::core
