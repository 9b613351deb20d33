#include "store_founding.hpp"

#include <deque>

#include "verbund/error.hpp"
#include "verbund/io/founding.hpp"

namespace verbund::io::detail {

FoundingYears::FoundingYears(Database& db, const std::vector<core::ActorRecord>& batch)
    : stored_(db,
              "SELECT a.founded, p.ext_id FROM actors a LEFT JOIN actors p ON a.parent = p.id "
              "WHERE a.ext_id = ?") {
  batch_.reserve(batch.size());
  for (const auto& a : batch) batch_.emplace(a.id, &a);
}

std::optional<int> FoundingYears::of(std::string_view id) {
  if (const auto it = years_.find(id); it != years_.end()) return it->second;
  const auto year = founding_year(id, [&](std::string_view at) -> std::optional<FoundingFacts> {
    if (const auto it = batch_.find(at); it != batch_.end())
      return FoundingFacts{it->second->founded, it->second->parent};
    stored_.reset();
    stored_.bind(1, at);
    if (!stored_.step()) return std::nullopt;
    FoundingFacts facts{stored_.optional_int(0), std::string(stored_.text(1))};
    stored_.reset();
    return facts;
  });
  years_.emplace(std::string(id), year);
  return year;
}

void check_batch_founding(const core::RegionData& data, FoundingYears& years) {
  auto year_of = [&](std::string_view id) { return years.of(id); };
  for (const auto& t : data.ties) {
    if (const auto c = founding_conflict(t.start, t.source, t.target, year_of)) {
      throw InvalidInput(data.ties_origin.locate(t.line, "start"),
                         founding_message("the tie", t.source, t.target, *t.start, *c));
    }
  }
  for (const auto& m : data.memberships) {
    if (const auto c = founding_conflict(m.start, m.actor, m.group, year_of)) {
      throw InvalidInput(data.memberships_origin.locate(m.line, "start"),
                         founding_message("the membership", m.actor, m.group, *m.start, *c));
    }
  }
}

namespace {

std::string ext_id(Database& db, std::int64_t row) {
  Statement stmt(db, "SELECT ext_id FROM actors WHERE id = ?");
  stmt.bind(1, row);
  return stmt.step() ? std::string(stmt.text(0)) : "row " + std::to_string(row);
}

}  // namespace

void check_changed_founding(Database& db, const std::vector<FoundingChange>& changes,
                            FoundingYears& years) {
  if (changes.empty()) return;
  // Affected rows: the changed actors and, below them, groups that take their year from them.
  struct Affected {
    std::string id;
    std::size_t change;  // index into changes
  };
  std::unordered_map<std::int64_t, Affected> affected;
  std::deque<std::int64_t> queue;
  {
    Statement row(db, "SELECT id FROM actors WHERE ext_id = ?");
    for (std::size_t i = 0; i < changes.size(); ++i) {
      row.reset();
      row.bind(1, std::string_view(changes[i].id));
      if (!row.step()) continue;
      const auto r = row.int64(0);
      row.reset();
      if (affected.emplace(r, Affected{changes[i].id, i}).second) queue.push_back(r);
    }
  }
  std::unordered_map<std::int64_t, std::vector<std::pair<std::int64_t, std::string>>> inheriting;
  {
    Statement stmt(db,
                   "SELECT id, parent, ext_id FROM actors WHERE parent IS NOT NULL AND founded IS "
                   "NULL");
    while (stmt.step())
      inheriting[stmt.int64(1)].emplace_back(stmt.int64(0), std::string(stmt.text(2)));
  }
  while (!queue.empty()) {
    const auto r = queue.front();
    queue.pop_front();
    const auto it = inheriting.find(r);
    if (it == inheriting.end()) continue;
    const auto change = affected.at(r).change;
    for (const auto& [child, id] : it->second) {
      if (affected.emplace(child, Affected{id, change}).second) queue.push_back(child);
    }
  }
  // Stored rows in id order: the message names the oldest conflicting one.
  auto scan = [&](const char* sql, bool ties) {
    Statement stmt(db, sql);
    while (stmt.step()) {
      const int start = static_cast<int>(stmt.int64(2));
      for (const int end : {0, 1}) {
        const auto it = affected.find(stmt.int64(end));
        if (it == affected.end()) continue;
        const auto founded = years.of(it->second.id);
        if (!founded || start >= *founded) continue;
        const std::string a = end == 0 ? it->second.id : ext_id(db, stmt.int64(0));
        const std::string b = end == 1 ? it->second.id : ext_id(db, stmt.int64(1));
        const auto& change = changes[it->second.change];
        std::string message = "actor '" + change.id + "' would date from " +
                              std::to_string(*years.of(change.id)) + ", but " +
                              founding_message(ties ? "the " + std::string(stmt.text(3)) + " tie"
                                                    : std::string("the membership"),
                                               a, b, start, {it->second.id, *founded});
        if (it->second.id != change.id)
          message += " ('" + it->second.id + "' takes its founding year from '" + change.id + "')";
        message +=
            "; a tie or membership cannot start before either end was founded: change "
            "or delete it first";
        throw InvalidInput(change.where, message);
      }
    }
  };
  scan("SELECT source, target, start, kind FROM ties WHERE start IS NOT NULL ORDER BY id", true);
  scan("SELECT actor, grp, start FROM memberships WHERE start IS NOT NULL ORDER BY id", false);
}

}  // namespace verbund::io::detail
