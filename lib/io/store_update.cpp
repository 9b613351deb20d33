// Store::update: changing stored taxonomy, actors, competences, ties and memberships in place,
// and deleting actors with everything that belongs to them.
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "store_founding.hpp"
#include "store_impl.hpp"
#include "verbund/error.hpp"
#include "verbund/io/region_csv.hpp"

namespace verbund::io {

using detail::Database;
using detail::Statement;
using detail::Transaction;

std::string detail::stored_tie_key(std::string_view kind, std::int64_t source, std::int64_t target,
                                   const std::optional<int>& start) {
  const auto parsed = core::parse_tie_kind(kind);
  if (parsed && !core::is_directed(*parsed) && target < source) std::swap(source, target);
  std::string key(kind);
  key += '|' + std::to_string(source) + '|' + std::to_string(target) + '|';
  if (start) key += std::to_string(*start);
  return key;
}

namespace {

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

// The columns of the actors file that region_csv reads into fields; the others are attributes.
constexpr std::array<std::string_view, 11> actor_field_columns{
    "id",        "name",   "kind",    "municipality", "lat",   "lon",
    "employees", "sector", "founded", "capacity",     "parent"};

// Which of an actor record's fields its file gave: a column the file lacks keeps the stored
// value. A batch built in memory (no header) gives every field and all its attributes.
struct GivenColumns {
  bool all = true;
  std::set<std::string, std::less<>> columns;
  std::set<std::string, std::less<>> attribute_keys;

  explicit GivenColumns(const core::TableOrigin& origin) : all(origin.header.empty()) {
    for (const auto& h : origin.header) {
      columns.insert(h);
      if (std::find(actor_field_columns.begin(), actor_field_columns.end(), h) ==
          actor_field_columns.end()) {
        attribute_keys.insert(h);
      }
    }
  }
  [[nodiscard]] bool has(std::string_view column) const { return all || columns.contains(column); }
  [[nodiscard]] bool has_attribute(std::string_view key) const {
    return all || attribute_keys.contains(key);
  }
};

// One stored actor as a record (parent as external id) and its parent's row.
struct StoredActor {
  std::int64_t row = 0;
  core::ActorRecord record;
  std::optional<std::int64_t> parent_row;
};

class StoredActorReader {
 public:
  explicit StoredActorReader(Database& db)
      : actor_(db,
               "SELECT a.id, a.name, a.kind, a.municipality, a.lat, a.lon, a.employees, a.sector, "
               "a.founded, a.capacity, a.parent, p.ext_id FROM actors a LEFT JOIN actors p ON "
               "a.parent = p.id WHERE a.ext_id = ?"),
        attributes_(db, "SELECT key, value FROM actor_attributes WHERE actor = ? ORDER BY key") {}

  std::optional<StoredActor> read(std::string_view id) {
    actor_.reset();
    actor_.bind(1, id);
    if (!actor_.step()) return std::nullopt;
    StoredActor s;
    s.row = actor_.int64(0);
    auto& a = s.record;
    a.id = id;
    a.name = actor_.text(1);
    a.kind = core::parse_actor_kind(actor_.text(2)).value_or(core::ActorKind::firm);
    a.municipality = actor_.text(3);
    if (!actor_.is_null(4) && !actor_.is_null(5))
      a.location = core::GeoPoint{actor_.real(4), actor_.real(5)};
    a.employees = actor_.optional_int(6);
    a.sector = actor_.text(7);
    a.founded = actor_.optional_int(8);
    a.capacity = actor_.optional_int(9);
    if (!actor_.is_null(10)) s.parent_row = actor_.int64(10);
    a.parent = actor_.text(11);
    actor_.reset();
    attributes_.reset();
    attributes_.bind(1, s.row);
    while (attributes_.step())
      a.attributes.push_back({std::string(attributes_.text(0)), std::string(attributes_.text(1))});
    attributes_.reset();
    return s;
  }

 private:
  Statement actor_;
  Statement attributes_;
};

// The batch's record of a stored actor with the fields its file did not give taken from the
// stored one.
core::ActorRecord merged_actor(const core::ActorRecord& given, const core::ActorRecord& stored,
                               const GivenColumns& columns) {
  core::ActorRecord a = given;
  if (!columns.has("employees")) a.employees = stored.employees;
  if (!columns.has("sector")) a.sector = stored.sector;
  if (!columns.has("founded")) a.founded = stored.founded;
  if (!columns.has("capacity")) a.capacity = stored.capacity;
  if (!columns.has("parent")) a.parent = stored.parent;
  if (!columns.all) {
    for (const auto& attr : stored.attributes) {
      if (!columns.has_attribute(attr.key)) a.attributes.push_back(attr);
    }
  }
  return a;
}

bool same_fields(const core::ActorRecord& a, const core::ActorRecord& b) {
  const auto same_location =
      a.location.has_value() == b.location.has_value() &&
      (!a.location || (a.location->lat == b.location->lat && a.location->lon == b.location->lon));
  return a.name == b.name && a.kind == b.kind && a.municipality == b.municipality &&
         same_location && a.employees == b.employees && a.sector == b.sector &&
         a.founded == b.founded && a.capacity == b.capacity && a.parent == b.parent;
}

void bind_actor_fields(Statement& stmt, const core::ActorRecord& a) {
  stmt.bind(1, a.name);
  stmt.bind(2, to_string(a.kind));
  detail::bind_optional_text(stmt, 3, a.municipality);
  if (a.location) {
    stmt.bind(4, a.location->lat);
    stmt.bind(5, a.location->lon);
  } else {
    stmt.bind_null(4);
    stmt.bind_null(5);
  }
  stmt.bind(6, a.employees);
  detail::bind_optional_text(stmt, 7, a.sector);
  stmt.bind(8, a.founded);
  stmt.bind(9, a.capacity);
}

// Deletes rows of `table` matching `where` and, first, every row of another table that refers
// to them through a foreign key, found in the schema: tables added later (e.g. project members)
// are covered without being named here. Counts deleted rows per table.
void delete_cascading(Database& db, const std::string& table, const std::string& where,
                      std::map<std::string, std::int64_t>& deleted, int depth = 0) {
  if (depth > 8) db.fail("foreign keys nest too deep to delete from " + table);
  struct Reference {
    std::string table, from, to;
  };
  std::vector<Reference> references;
  {
    Statement stmt(db,
                   "SELECT m.name, f.\"from\", f.\"to\" FROM sqlite_schema m, "
                   "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = ? "
                   "AND m.name <> ? ORDER BY m.name, f.id");
    stmt.bind(1, std::string_view(table));
    stmt.bind(2, std::string_view(table));
    while (stmt.step()) {
      references.push_back(
          {std::string(stmt.text(0)), std::string(stmt.text(1)), std::string(stmt.text(2))});
    }
  }
  for (auto& r : references) {
    if (r.to.empty()) {  // refers to the primary key
      Statement pk(db, "SELECT name FROM pragma_table_info(?) WHERE pk = 1");
      pk.bind(1, std::string_view(table));
      r.to = pk.step() ? std::string(pk.text(0)) : "rowid";
    }
    delete_cascading(db, r.table,
                     "\"" + r.from + "\" IN (SELECT \"" + r.to + "\" FROM \"" + table +
                         "\" WHERE " + where + ")",
                     deleted, depth + 1);
  }
  db.exec("DELETE FROM \"" + table + "\" WHERE " + where);
  deleted[table] += sqlite3_changes64(db.handle());
}

class Updater {
 public:
  Updater(Database& db, std::string path, const core::RegionData& data,
          const ActorDeletions& deletions)
      : db_(db), path_(std::move(path)), data_(data), deletions_(deletions) {}

  UpdateSummary run() {
    existing_ = detail::read_existing_actors(db_);
    read_taxonomy_ids();
    merge_actors();
    check_deletions();
    validate();
    write_taxonomy();
    write_relations();
    write_actors();
    write_competences();
    write_ties();
    write_memberships();
    delete_actors();
    if (actors_reshaped_) check_database_rules();
    check_founding();
    return summary_;
  }

 private:
  [[noreturn]] void fail_at_actor(std::string_view id, std::string_view column,
                                  const std::string& message) const {
    if (auto it = batch_line_.find(id); it != batch_line_.end())
      throw InvalidInput(data_.actors_origin.locate(it->second, column), message);
    throw InvalidInput(SourceLocation{path_, 0, 0}, message);
  }

  void read_taxonomy_ids() {
    for (const auto& [table, into] :
         {std::pair{"themes", &stored_themes_}, std::pair{"competences", &stored_competences_}}) {
      Statement stmt(db_, std::string("SELECT id FROM ") + table);
      while (stmt.step()) into->emplace(stmt.text(0));
    }
    for (const auto& row : data_.taxonomy) {
      (row.theme.empty() ? batch_themes_ : batch_competences_).insert(row.id);
      const bool other_kind_stored = row.theme.empty() ? stored_competences_.contains(row.id)
                                                       : stored_themes_.contains(row.id);
      if (other_kind_stored) {
        throw InvalidInput(data_.taxonomy_origin.locate(row.line, "theme"),
                           in_quotes(row.id) + " is stored as a " +
                               (row.theme.empty() ? "competence" : "theme") +
                               "; an id cannot change between theme and competence");
      }
    }
  }

  // Stored actors of the batch become complete records; new ones stay as given.
  void merge_actors() {
    const GivenColumns columns(data_.actors_origin);
    StoredActorReader reader(db_);
    merged_ = data_;
    for (auto& a : merged_.actors) {
      batch_line_.emplace(a.id, a.line);
      auto stored = reader.read(a.id);
      if (!stored) continue;
      a = merged_actor(a, stored->record, columns);
      stored_.emplace(a.id, std::move(*stored));
    }
  }

  void check_deletions() {
    const auto& origin = deletions_.origin;
    std::unordered_map<std::string_view, std::size_t> first_line;
    for (const auto& e : deletions_.entries) {
      auto where = origin.locate(e.line, "id");
      if (where.file.empty()) where = SourceLocation{path_, 0, 0};
      const auto [first, fresh] = first_line.emplace(e.id, e.line);
      if (!fresh) {
        throw InvalidInput(where, "actor " + in_quotes(e.id) +
                                      " is listed for deletion twice (first "
                                      "on line " +
                                      std::to_string(first->second) + ")");
      }
      const auto it = existing_.by_id.find(e.id);
      if (it == existing_.by_id.end())
        throw InvalidInput(where, "actor " + in_quotes(e.id) +
                                      " is not in the database: nothing to "
                                      "delete");
      if (batch_line_.contains(e.id)) {
        fail_at_actor(e.id, "id",
                      "actor " + in_quotes(e.id) + " is both updated here and deleted (" +
                          where.to_string() + ")");
      }
      doomed_.emplace(e.id, std::pair{it->second.first, e.line});
    }
  }

  void validate() {
    // Batch ids are checked as the batch's own, stored ids as known unless updated or deleted.
    core::KnownContent known{[&](std::string_view id) -> std::optional<core::ActorKind> {
                               if (batch_line_.contains(id) || doomed_.contains(id))
                                 return std::nullopt;
                               auto it = existing_.by_id.find(id);
                               if (it == existing_.by_id.end()) return std::nullopt;
                               return it->second.second;
                             },
                             [&](std::string_view id) {
                               return !batch_themes_.contains(id) && stored_themes_.contains(id);
                             },
                             [&](std::string_view id) {
                               return !batch_competences_.contains(id) &&
                                      stored_competences_.contains(id);
                             }};
    core::validate(merged_, known);
    std::unordered_map<std::string, std::size_t> lines;
    for (const auto& t : merged_.ties) {
      const auto [first, fresh] = lines.emplace(tie_key(t), t.line);
      if (!fresh) {
        throw InvalidInput(
            data_.ties_origin.locate(t.line, "source"),
            "duplicate tie: " + describe_tie(t) + " is given twice" +
                (first->second > 0 ? " (first on line " + std::to_string(first->second) + ")"
                                   : std::string()));
      }
    }
  }

  void write_taxonomy() {
    Statement read_theme(db_, "SELECT label_en, label_de FROM themes WHERE id = ?");
    Statement read_competence(db_,
                              "SELECT label_en, label_de, theme FROM competences WHERE id = ?");
    Statement insert_theme(db_, "INSERT INTO themes(id, label_en, label_de) VALUES (?, ?, ?)");
    Statement insert_competence(
        db_, "INSERT INTO competences(id, label_en, label_de, theme) VALUES (?, ?, ?, ?)");
    Statement update_theme(db_, "UPDATE themes SET label_en = ?2, label_de = ?3 WHERE id = ?1");
    Statement update_competence(
        db_, "UPDATE competences SET label_en = ?2, label_de = ?3, theme = ?4 WHERE id = ?1");
    // Themes first: a competence may name a theme of the same batch.
    for (const bool themes : {true, false}) {
      for (const auto& row : merged_.taxonomy) {
        if (row.theme.empty() != themes) continue;
        Statement& read = themes ? read_theme : read_competence;
        RowChanges& counts = themes ? summary_.themes : summary_.competences;
        read.reset();
        read.bind(1, row.id);
        Statement* write = themes ? &insert_theme : &insert_competence;
        if (read.step()) {
          const bool same = read.text(0) == row.label_en && read.text(1) == row.label_de &&
                            (themes || read.text(2) == row.theme);
          read.reset();
          if (same) {
            ++counts.unchanged;
            continue;
          }
          ++counts.changed;
          write = themes ? &update_theme : &update_competence;
        } else {
          read.reset();
          ++counts.added;
        }
        write->bind(1, row.id);
        write->bind(2, row.label_en);
        write->bind(3, row.label_de);
        if (!themes) write->bind(4, row.theme);
        write->run();
      }
    }
  }

  // A relations file given with --update is the taxonomy's whole statement of related pairs:
  // it replaces the stored matrix (pairs it does not list are deleted and counted). Competences
  // are never deleted by an update, so no stored pair can lose one of its competences.
  void write_relations() {
    if (data_.competence_relations_origin.file.empty() && data_.competence_relations.empty())
      return;
    std::map<std::pair<std::string, std::string>, double> given;
    for (const auto& row : data_.competence_relations) {
      const auto [a, b] = std::minmax(row.a, row.b);
      given.emplace(std::pair{a, b}, row.strength);
    }
    std::map<std::pair<std::string, std::string>, double> stored;
    {
      Statement read(db_, "SELECT a, b, strength FROM competence_relations");
      while (read.step())
        stored.emplace(std::pair{std::string(read.text(0)), std::string(read.text(1))},
                       read.real(2));
    }
    Statement upsert(
        db_, "INSERT OR REPLACE INTO competence_relations(a, b, strength) VALUES (?, ?, ?)");
    Statement drop(db_, "DELETE FROM competence_relations WHERE a = ? AND b = ?");
    auto& counts = summary_.competence_relations;
    for (const auto& [pair, strength] : given) {
      const auto it = stored.find(pair);
      if (it != stored.end() && it->second == strength) {
        ++counts.unchanged;
        continue;
      }
      ++(it == stored.end() ? counts.added : counts.changed);
      upsert.reset();
      upsert.bind(1, pair.first);
      upsert.bind(2, pair.second);
      upsert.bind(3, strength);
      upsert.run();
    }
    for (const auto& [pair, strength] : stored) {
      if (given.contains(pair)) continue;
      ++counts.deleted;
      drop.reset();
      drop.bind(1, pair.first);
      drop.bind(2, pair.second);
      drop.run();
    }
  }

  void write_actors() {
    Statement insert(db_,
                     "INSERT INTO actors(name, kind, municipality, lat, lon, employees, sector, "
                     "founded, capacity, ext_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Statement update(db_,
                     "UPDATE actors SET name = ?, kind = ?, municipality = ?, lat = ?, lon = ?, "
                     "employees = ?, sector = ?, founded = ?, capacity = ? WHERE id = ?");
    Statement set_attribute(
        db_, "INSERT OR REPLACE INTO actor_attributes(actor, key, value) VALUES (?, ?, ?)");
    Statement drop_attribute(db_, "DELETE FROM actor_attributes WHERE actor = ? AND key = ?");
    for (const auto& a : merged_.actors) {
      const auto stored = stored_.find(a.id);
      if (stored == stored_.end()) {
        bind_actor_fields(insert, a);
        insert.bind(10, a.id);
        insert.run();
        const std::int64_t row = sqlite3_last_insert_rowid(db_.handle());
        existing_.by_id.emplace(a.id, std::pair{row, a.kind});
        ++summary_.actors.added;
        for (const auto& attr : a.attributes) {
          set_attribute.bind(1, row);
          set_attribute.bind(2, attr.key);
          set_attribute.bind(3, attr.value);
          set_attribute.run();
          ++summary_.attributes.added;
        }
        continue;
      }
      const StoredActor& s = stored->second;
      if (same_fields(a, s.record)) {
        ++summary_.actors.unchanged;
      } else {
        ++summary_.actors.changed;
        if (a.kind != s.record.kind || a.parent != s.record.parent) actors_reshaped_ = true;
        bind_actor_fields(update, a);
        update.bind(10, s.row);
        update.run();
        existing_.by_id.at(a.id).second = a.kind;
      }
      write_attributes(s, a, set_attribute, drop_attribute);
    }
    // Parents second, so that a child may come before its parent in the batch.
    Statement parent(db_, "UPDATE actors SET parent = ? WHERE id = ?");
    for (const auto& a : merged_.actors) {
      const auto stored = stored_.find(a.id);
      if (stored != stored_.end() && stored->second.record.parent == a.parent) continue;
      if (stored == stored_.end() && a.parent.empty()) continue;
      if (a.parent.empty()) {
        parent.bind_null(1);
      } else {
        parent.bind(1, existing_.by_id.at(a.parent).first);
      }
      parent.bind(2, existing_.by_id.at(a.id).first);
      parent.run();
    }
  }

  void write_attributes(const StoredActor& s, const core::ActorRecord& a, Statement& set,
                        Statement& drop) {
    std::map<std::string_view, std::string_view> before, after;
    for (const auto& attr : s.record.attributes) before.emplace(attr.key, attr.value);
    for (const auto& attr : a.attributes) after.emplace(attr.key, attr.value);
    for (const auto& [key, value] : after) {
      const auto it = before.find(key);
      if (it != before.end() && it->second == value) {
        ++summary_.attributes.unchanged;
        continue;
      }
      ++(it == before.end() ? summary_.attributes.added : summary_.attributes.changed);
      set.bind(1, s.row);
      set.bind(2, key);
      set.bind(3, value);
      set.run();
    }
    for (const auto& [key, value] : before) {
      if (after.contains(key)) continue;
      ++summary_.attributes.deleted;
      drop.bind(1, s.row);
      drop.bind(2, key);
      drop.run();
    }
  }

  // Per (actor, role) named in the batch, the stored entries become exactly the batch's.
  void write_competences() {
    std::map<std::pair<std::int64_t, core::CompetenceRole>, std::map<std::string_view, double>>
        given;
    for (const auto& c : merged_.competences)
      given[{existing_.by_id.at(c.actor).first, c.role}].emplace(c.competence, c.weight);
    Statement read(db_,
                   "SELECT competence, weight FROM actor_competences WHERE actor = ? AND role = ?");
    Statement upsert(db_,
                     "INSERT OR REPLACE INTO actor_competences(actor, competence, role, weight) "
                     "VALUES (?, ?, ?, ?)");
    Statement drop(db_,
                   "DELETE FROM actor_competences WHERE actor = ? AND competence = ? AND role = ?");
    for (const auto& [key, entries] : given) {
      const auto [actor, role] = key;
      std::map<std::string, double, std::less<>> stored;
      read.reset();
      read.bind(1, actor);
      read.bind(2, to_string(role));
      while (read.step()) stored.emplace(std::string(read.text(0)), read.real(1));
      read.reset();
      for (const auto& [competence, weight] : entries) {
        const auto it = stored.find(competence);
        if (it != stored.end() && it->second == weight) {
          ++summary_.actor_competences.unchanged;
          continue;
        }
        ++(it == stored.end() ? summary_.actor_competences.added
                              : summary_.actor_competences.changed);
        upsert.bind(1, actor);
        upsert.bind(2, competence);
        upsert.bind(3, to_string(role));
        upsert.bind(4, weight);
        upsert.run();
      }
      for (const auto& [competence, weight] : stored) {
        if (entries.contains(competence)) continue;
        ++summary_.actor_competences.deleted;
        drop.bind(1, actor);
        drop.bind(2, competence);
        drop.bind(3, to_string(role));
        drop.run();
      }
    }
  }

  std::int64_t row_of(const std::string& id) const { return existing_.by_id.at(id).first; }

  void write_ties() {
    if (merged_.ties.empty()) return;
    // Stored ties matching a batch tie, found in one scan: ties have no index by endpoints.
    std::unordered_map<std::string, std::size_t> wanted;
    for (std::size_t i = 0; i < merged_.ties.size(); ++i) {
      const auto& t = merged_.ties[i];
      wanted.emplace(
          detail::stored_tie_key(to_string(t.kind), row_of(t.source), row_of(t.target), t.start),
          i);
    }
    struct Match {
      std::int64_t id;
      double weight;
      std::optional<int> end;
    };
    std::vector<std::vector<Match>> matches(merged_.ties.size());
    {
      Statement scan(db_, "SELECT id, source, target, kind, start, weight, \"end\" FROM ties");
      while (scan.step()) {
        const auto it = wanted.find(detail::stored_tie_key(scan.text(3), scan.int64(1),
                                                           scan.int64(2), scan.optional_int(4)));
        if (it != wanted.end())
          matches[it->second].push_back({scan.int64(0), scan.real(5), scan.optional_int(6)});
      }
    }
    Statement insert(db_,
                     "INSERT INTO ties(source, target, kind, weight, start, \"end\") "
                     "VALUES (?, ?, ?, ?, ?, ?)");
    Statement update(db_, "UPDATE ties SET weight = ?, \"end\" = ? WHERE id = ?");
    for (std::size_t i = 0; i < merged_.ties.size(); ++i) {
      const auto& t = merged_.ties[i];
      if (matches[i].empty()) {
        insert.bind(1, row_of(t.source));
        insert.bind(2, row_of(t.target));
        insert.bind(3, to_string(t.kind));
        insert.bind(4, t.weight);
        insert.bind(5, t.start);
        insert.bind(6, t.end);
        insert.run();
        ++summary_.ties.added;
        continue;
      }
      // A database written before duplicates were refused may hold a tie twice: both change.
      bool changed = false;
      for (const auto& m : matches[i]) {
        if (m.weight == t.weight && m.end == t.end) continue;
        changed = true;
        update.bind(1, t.weight);
        update.bind(2, t.end);
        update.bind(3, m.id);
        update.run();
      }
      ++(changed ? summary_.ties.changed : summary_.ties.unchanged);
    }
  }

  void write_memberships() {
    if (merged_.memberships.empty()) return;
    auto key = [](std::int64_t actor, std::int64_t group, const std::optional<int>& start) {
      return std::to_string(actor) + '|' + std::to_string(group) + '|' +
             (start ? std::to_string(*start) : std::string());
    };
    std::unordered_map<std::string, std::size_t> wanted;
    for (std::size_t i = 0; i < merged_.memberships.size(); ++i) {
      const auto& m = merged_.memberships[i];
      const auto [first, fresh] = wanted.emplace(key(row_of(m.actor), row_of(m.group), m.start), i);
      if (!fresh) {
        throw InvalidInput(data_.memberships_origin.locate(m.line, "actor"),
                           "duplicate membership of " + in_quotes(m.actor) + " in " +
                               in_quotes(m.group) + " with the same start (first on line " +
                               std::to_string(merged_.memberships[first->second].line) + ")");
      }
    }
    std::vector<std::vector<std::pair<std::int64_t, std::optional<int>>>> matches(
        merged_.memberships.size());
    {
      Statement scan(db_, "SELECT id, actor, grp, start, \"end\" FROM memberships");
      while (scan.step()) {
        const auto it = wanted.find(key(scan.int64(1), scan.int64(2), scan.optional_int(3)));
        if (it != wanted.end())
          matches[it->second].emplace_back(scan.int64(0), scan.optional_int(4));
      }
    }
    Statement insert(db_,
                     "INSERT INTO memberships(actor, grp, start, \"end\") VALUES (?, ?, ?, ?)");
    Statement update(db_, "UPDATE memberships SET \"end\" = ? WHERE id = ?");
    for (std::size_t i = 0; i < merged_.memberships.size(); ++i) {
      const auto& m = merged_.memberships[i];
      if (matches[i].empty()) {
        insert.bind(1, row_of(m.actor));
        insert.bind(2, row_of(m.group));
        insert.bind(3, m.start);
        insert.bind(4, m.end);
        insert.run();
        ++summary_.memberships.added;
        continue;
      }
      bool changed = false;
      for (const auto& [id, end] : matches[i]) {
        if (end == m.end) continue;
        changed = true;
        update.bind(1, m.end);
        update.bind(2, id);
        update.run();
      }
      ++(changed ? summary_.memberships.changed : summary_.memberships.unchanged);
    }
  }

  void delete_actors() {
    if (doomed_.empty()) return;
    actors_reshaped_ = true;
    // A research group cannot stay without its parent: the parent goes only with all of them.
    Statement children(db_, "SELECT ext_id FROM actors WHERE parent = ? ORDER BY ext_id");
    for (const auto& e : deletions_.entries) {
      const auto& [row, line] = doomed_.at(e.id);
      children.reset();
      children.bind(1, row);
      std::string staying;
      std::size_t count = 0;
      while (children.step()) {
        const std::string child(children.text(0));
        if (doomed_.contains(child)) continue;
        if (count++ < 5) staying += (staying.empty() ? "" : ", ") + in_quotes(child);
      }
      children.reset();
      if (count > 0) {
        auto where = deletions_.origin.locate(line, "id");
        if (where.file.empty()) where = SourceLocation{path_, 0, 0};
        throw InvalidInput(where, "cannot delete " + in_quotes(e.id) + ": its " +
                                      std::to_string(count) + " research group(s) " + staying +
                                      (count > 5 ? ", ..." : "") +
                                      " would stay without a parent; delete them too (list them "
                                      "in the same file) or give them another parent first");
      }
    }
    db_.exec("CREATE TEMP TABLE IF NOT EXISTS doomed_actors(id INTEGER PRIMARY KEY)");
    db_.exec("DELETE FROM temp.doomed_actors");
    {
      Statement add(db_, "INSERT INTO temp.doomed_actors(id) VALUES (?)");
      for (const auto& [id, entry] : doomed_) {
        add.bind(1, entry.first);
        add.run();
      }
    }
    std::map<std::string, std::int64_t> deleted;
    delete_cascading(db_, "actors", "id IN (SELECT id FROM temp.doomed_actors)", deleted);
    db_.exec("DROP TABLE temp.doomed_actors");
    const std::pair<const char*, RowChanges*> known_tables[] = {
        {"actors", &summary_.actors},
        {"actor_attributes", &summary_.attributes},
        {"actor_competences", &summary_.actor_competences},
        {"ties", &summary_.ties},
        {"memberships", &summary_.memberships}};
    for (const auto& [table, count] : deleted) {
      const auto it = std::find_if(std::begin(known_tables), std::end(known_tables),
                                   [&](const auto& k) { return table == k.first; });
      if (it != std::end(known_tables)) {
        it->second->deleted += count;
      } else if (count > 0) {
        summary_.other_deleted.emplace_back(table, count);
      }
    }
  }

  // Ties and memberships may not start before either end was founded: the batch's rows, then
  // stored rows whose ends got a later founding year (their own, or a parent's they take).
  void check_founding() {
    detail::FoundingYears years(db_, merged_.actors);
    detail::check_batch_founding(merged_, years);
    std::vector<detail::FoundingChange> changes;
    for (const auto& a : merged_.actors) {
      const auto stored = stored_.find(a.id);
      if (stored == stored_.end()) continue;
      const auto& before = stored->second.record;
      if (a.founded == before.founded && a.parent == before.parent) continue;
      changes.push_back({a.id, data_.actors_origin.locate(
                                   a.line, a.founded != before.founded ? "founded" : "parent")});
    }
    detail::check_changed_founding(db_, changes, years);
  }

  // What core::validate checks within a batch, checked across the whole database once stored
  // actors changed kind or parent, or actors were deleted.
  void check_database_rules() {
    {
      Statement stmt(db_,
                     "SELECT c.ext_id, p.ext_id, p.kind FROM actors c JOIN actors p ON c.parent = "
                     "p.id WHERE c.kind = 'research_group' AND p.kind NOT IN ('university', "
                     "'research_institute', 'research_group') ORDER BY c.id LIMIT 1");
      if (stmt.step()) {
        const std::string child(stmt.text(0)), parent(stmt.text(1)), kind(stmt.text(2));
        fail_at_actor(batch_line_.contains(parent) ? parent : child,
                      batch_line_.contains(parent) ? "kind" : "parent",
                      "research group " + in_quotes(child) + " would have parent " +
                          in_quotes(parent) + " of kind " + kind +
                          "; a research group's parent is a university, research institute or "
                          "research group");
      }
    }
    {
      Statement stmt(db_,
                     "SELECT a.ext_id, g.ext_id, g.kind FROM memberships m JOIN actors a ON "
                     "m.actor = a.id JOIN actors g ON m.grp = g.id WHERE g.kind NOT IN "
                     "('chamber', 'cluster', 'working_group', 'association', 'union') "
                     "ORDER BY m.id LIMIT 1");
      if (stmt.step()) {
        const std::string member(stmt.text(0)), group(stmt.text(1)), kind(stmt.text(2));
        fail_at_actor(group, "kind",
                      in_quotes(member) + " is a member of " + in_quotes(group) +
                          ", which would be a " + kind +
                          ", not a group (chamber, cluster, working_group, association, union)");
      }
    }
    check_parent_cycles();
  }

  void check_parent_cycles() {
    std::unordered_map<std::int64_t, std::int64_t> parent;
    std::unordered_map<std::int64_t, std::string> name;
    {
      Statement stmt(db_, "SELECT id, parent, ext_id FROM actors WHERE parent IS NOT NULL");
      while (stmt.step()) {
        parent.emplace(stmt.int64(0), stmt.int64(1));
        name.emplace(stmt.int64(0), stmt.text(2));
      }
    }
    std::unordered_map<std::int64_t, int> mark;  // 1 on the current path, 2 done
    std::vector<std::int64_t> path;
    std::vector<std::int64_t> starts;
    for (const auto& [child, p] : parent) starts.push_back(child);
    std::sort(starts.begin(), starts.end());
    for (const auto start : starts) {
      path.clear();
      std::int64_t v = start;
      while (parent.contains(v) && mark[v] == 0) {
        mark[v] = 1;
        path.push_back(v);
        v = parent.at(v);
      }
      if (mark[v] == 1) {
        std::vector<std::int64_t> cycle(std::find(path.begin(), path.end(), v), path.end());
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
        std::string chain;
        for (const auto k : cycle) chain += in_quotes(name.at(k)) + " -> ";
        chain += in_quotes(name.at(cycle.front()));
        std::string at = name.at(cycle.front());
        for (const auto k : cycle) {
          if (batch_line_.contains(name.at(k))) {
            at = name.at(k);
            break;
          }
        }
        fail_at_actor(at, "parent", "parents would form a cycle: " + chain);
      }
      for (const auto k : path) mark[k] = 2;
    }
  }

  Database& db_;
  std::string path_;
  const core::RegionData& data_;
  const ActorDeletions& deletions_;
  core::RegionData merged_;
  detail::ExistingActors existing_;
  std::set<std::string, std::less<>> stored_themes_, stored_competences_;
  std::set<std::string, std::less<>> batch_themes_, batch_competences_;
  std::unordered_map<std::string, std::size_t, detail::StringHash, std::equal_to<>> batch_line_;
  std::unordered_map<std::string, StoredActor> stored_;
  // Actors to delete: id -> (row, line in the deletions file).
  std::unordered_map<std::string, std::pair<std::int64_t, std::size_t>, detail::StringHash,
                     std::equal_to<>>
      doomed_;
  bool actors_reshaped_ = false;
  UpdateSummary summary_;
};

}  // namespace

UpdateSummary Store::update(const core::RegionData& data, const ActorDeletions& deletions,
                            const std::optional<RunRecord>& run) {
  auto& db = impl_->db;
  Transaction tx(db);
  detail::check_integrity(db, impl_->path.string());
  UpdateSummary summary = Updater(db, impl_->path.string(), data, deletions).run();
  if (run) (void)detail::insert_run(db, *run);
  tx.commit();
  return summary;
}

}  // namespace verbund::io
