#include "verbund/io/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <set>
#include <thread>
#include <unordered_map>

#include "schema.hpp"
#include "sqlite.hpp"
#include "store_founding.hpp"
#include "store_impl.hpp"
#include "verbund/error.hpp"
#include "verbund/io/region_csv.hpp"
#include "verbund/version.hpp"

namespace verbund::io {

using detail::Database;
using detail::Statement;
using detail::Transaction;

namespace {

bool is_busy(const IoError& e) {
  return std::string_view(e.what()).find("database is locked") != std::string_view::npos;
}

bool is_not_a_database(const IoError& e) {
  return std::string_view(e.what()).find("file is not a database") != std::string_view::npos;
}

// What a database file says about itself, read without writing anything.
struct Header {
  std::int64_t application_id = 0;
  std::int64_t version = 0;
  std::int64_t tables = 0;
};

// One statement, so one snapshot: another process may be creating the schema meanwhile.
Header read_header(Database& db) {
  Statement stmt(db,
                 "SELECT (SELECT application_id FROM pragma_application_id), "
                 "(SELECT user_version FROM pragma_user_version), "
                 "(SELECT count(*) FROM sqlite_schema)");
  if (!stmt.step()) db.fail("cannot read the database header");
  return {stmt.int64(0), stmt.int64(1), stmt.int64(2)};
}

// Refuses what this build must not read or migrate; called before anything is written.
void check_header(const Header& h, const std::string& path) {
  if (h.application_id != detail::application_id && (h.application_id != 0 || h.tables != 0)) {
    throw InvalidInput(SourceLocation{path, 0, 0},
                       "not a verbund database (it is SQLite, but was made by another program)");
  }
  if (h.version < 0) {
    throw InvalidInput(SourceLocation{path, 0, 0},
                       "not a verbund database of a known version (schema version " +
                           std::to_string(h.version) + ")");
  }
  if (h.version > Store::schema_version) {
    throw InvalidInput(SourceLocation{path, 0, 0},
                       "database schema version " + std::to_string(h.version) +
                           " is newer than this verbund " + version_string + " supports (" +
                           std::to_string(Store::schema_version) + "); upgrade verbund");
  }
}

// The tables a migration creates, read from its SQL.
std::vector<std::string> tables_created_by(std::string_view sql) {
  constexpr std::string_view create = "CREATE TABLE ";
  std::vector<std::string> names;
  for (auto at = sql.find(create); at != std::string_view::npos; at = sql.find(create, at)) {
    at += create.size();
    const auto end = sql.find_first_of(" (\n", at);
    names.emplace_back(sql.substr(at, end - at));
  }
  return names;
}

// Migrates under the write lock, re-reading the version inside the transaction: another process
// may have created or migrated the same file since it was opened (two `init`s at once).
void migrate(Database& db, const std::string& path) {
  Transaction tx(db);
  const Header h = read_header(db);
  check_header(h, path);
  for (auto v = h.version; v < Store::schema_version; ++v) {
    const auto& sql = detail::migrations[static_cast<std::size_t>(v)];
    for (const auto& table : tables_created_by(sql)) {
      Statement exists(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
      exists.bind(1, std::string_view(table));
      if (exists.step()) {
        throw InvalidInput(SourceLocation{path, 0, 0},
                           "database says schema version " + std::to_string(h.version) +
                               " but already has table '" + table + "' of version " +
                               std::to_string(v + 1) +
                               "; it was changed outside verbund and cannot be migrated");
      }
    }
    db.exec(std::string(sql));
  }
  if (h.version < Store::schema_version) {
    db.exec("PRAGMA application_id = " + std::to_string(detail::application_id));
    db.exec("PRAGMA user_version = " + std::to_string(Store::schema_version));
  }
  tx.commit();
}

std::string hex64(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::string detail::utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

detail::ExistingActors detail::read_existing_actors(Database& db) {
  ExistingActors out;
  Statement stmt(db, "SELECT ext_id, id, kind FROM actors");
  while (stmt.step()) {
    out.by_id.emplace(std::string(stmt.text(0)),
                      std::pair{stmt.int64(1), *core::parse_actor_kind(stmt.text(2))});
  }
  return out;
}

void detail::bind_optional_text(Statement& stmt, int index, std::string_view text) {
  if (text.empty()) {
    stmt.bind_null(index);
  } else {
    stmt.bind(index, text);
  }
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::filesystem::path& path, OpenMode mode) {
  const bool exists = std::filesystem::exists(path);
  if (!exists && mode != OpenMode::create_if_missing) {
    throw InvalidInput(SourceLocation{path.string(), 0, 0}, "database does not exist");
  }
  // SQLite takes an empty file for an empty database and would write a schema into it; only a
  // caller that asked to create one may have that.
  if (exists && mode != OpenMode::create_if_missing && std::filesystem::is_regular_file(path) &&
      std::filesystem::file_size(path) == 0) {
    throw InvalidInput(SourceLocation{path.string(), 0, 0}, "empty file, not a verbund database");
  }
  // A Store is used by one thread at a time, so SQLite's own per-call mutex is not needed.
  int flags = (mode == OpenMode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
              SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::create_if_missing) flags |= SQLITE_OPEN_CREATE;
  auto open_once = [&]() -> Store {
    auto impl = std::make_unique<Impl>(Impl{path, Database(path.string(), flags)});
    Database& db = impl->db;
    try {
      // The first read tells whether this is SQLite at all; nothing is written before the checks.
      const Header header = read_header(db);
      check_header(header, path.string());
      if (mode == OpenMode::open_existing && header.tables == 0) {
        throw InvalidInput(SourceLocation{path.string(), 0, 0},
                           "empty SQLite database without a verbund schema");
      }
      if (mode != OpenMode::read_only) {
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = NORMAL");
      }
      db.exec("PRAGMA foreign_keys = ON");
      // Reading through a memory map saves copying every page of a large region.
      db.exec("PRAGMA mmap_size = 17179869184");
      if (mode == OpenMode::read_only) {
        if (header.application_id != detail::application_id) {
          throw InvalidInput(SourceLocation{path.string(), 0, 0}, "not a verbund database");
        }
        if (header.version != schema_version) {
          throw InvalidInput(SourceLocation{path.string(), 0, 0},
                             "database schema version " + std::to_string(header.version) +
                                 " cannot be read by this verbund " + version_string + " (schema " +
                                 std::to_string(schema_version) + ")");
        }
      } else if (header.version < schema_version) {
        migrate(db, path.string());
      }
    } catch (const IoError& e) {
      if (is_not_a_database(e)) {
        throw InvalidInput(SourceLocation{path.string(), 0, 0}, "not a SQLite database");
      }
      throw;
    }
    return Store(std::move(impl));
  };
  // Another process may hold the file locked for longer than the busy timeout while it creates
  // or migrates the schema (and switching to WAL does not wait): try again for a while.
  for (int attempt = 1;; ++attempt) {
    try {
      return open_once();
    } catch (const IoError& e) {
      if (!is_busy(e) || attempt == 200) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

const std::filesystem::path& Store::path() const noexcept { return impl_->path; }

StoreCounts Store::counts() const {
  auto& db = impl_->db;
  return {db.query_int("SELECT count(*) FROM themes"),
          db.query_int("SELECT count(*) FROM competences"),
          db.query_int("SELECT count(*) FROM actors"),
          db.query_int("SELECT count(*) FROM actor_competences"),
          db.query_int("SELECT count(*) FROM ties"),
          db.query_int("SELECT count(*) FROM memberships"),
          db.query_int("SELECT count(*) FROM runs")};
}

bool Store::has_taxonomy_id(std::string_view id) const {
  Statement stmt(
      impl_->db,
      "SELECT 1 FROM themes WHERE id = ?1 UNION ALL SELECT 1 FROM competences WHERE id = ?1");
  stmt.bind(1, id);
  return stmt.step();
}

std::int64_t detail::insert_run(Database& db, const RunRecord& run) {
  Statement stmt(db,
                 "INSERT INTO runs(verb, version, parameters, param_hash, seed, started_at) "
                 "VALUES (?, ?, ?, ?, ?, ?)");
  stmt.bind(1, run.verb);
  stmt.bind(2, std::string_view(version_string));
  stmt.bind(3, run.parameters);
  stmt.bind(4, hex64(fnv1a(run.parameters)));
  if (run.seed) {
    stmt.bind(5, static_cast<std::int64_t>(*run.seed));
  } else {
    stmt.bind_null(5);
  }
  stmt.bind(6, utc_now());
  stmt.run();
  return sqlite3_last_insert_rowid(db.handle());
}

// SQLite writes into a damaged file without complaint as long as the pages it touches are
// intact; an import must not add to a database that is already broken. quick_check reads and
// checks every page of every b-tree. Re-evaluating the CHECK constraints of every stored row
// (which inserts enforced already) would make it 5x dearer: on 1,000,152 actors and 3.1 M ties
// (400 MB) 0.8 s without them, 4.4 s with, against 1.0 s for the rest of a one-row import.
void detail::check_integrity(Database& db, const std::string& path) {
  std::string verdict;
  db.exec("PRAGMA ignore_check_constraints = ON");
  {
    struct Restore {  // the inserts that follow must be checked
      Database& db;
      ~Restore() {
        sqlite3_exec(db.handle(), "PRAGMA ignore_check_constraints = OFF", nullptr, nullptr,
                     nullptr);
      }
    } restore{db};
    try {
      Statement stmt(db, "PRAGMA quick_check(1)");
      if (stmt.step()) verdict = stmt.text(0);
    } catch (const IoError& e) {
      verdict = e.what();
    }
  }
  if (verdict != "ok") {
    throw InvalidInput(SourceLocation{path, 0, 0},
                       "the database is damaged (SQLite quick_check: " + verdict +
                           "); nothing was written: restore it from a copy");
  }
}

namespace {

using detail::bind_optional_text;
using detail::check_integrity;
using detail::ExistingActors;
using detail::insert_run;
using detail::read_existing_actors;

// A batch tie between stored actors that is stored already would be the same tie twice.
void refuse_stored_ties(Database& db, const core::RegionData& data,
                        const ExistingActors& existing) {
  std::unordered_map<std::string, std::size_t> wanted;
  for (std::size_t i = 0; i < data.ties.size(); ++i) {
    const auto& t = data.ties[i];
    const auto source = existing.by_id.find(t.source), target = existing.by_id.find(t.target);
    if (source == existing.by_id.end() || target == existing.by_id.end()) continue;
    wanted.emplace(detail::stored_tie_key(to_string(t.kind), source->second.first,
                                          target->second.first, t.start),
                   i);
  }
  if (wanted.empty()) return;
  Statement scan(db, "SELECT kind, source, target, start FROM ties");
  std::size_t first = data.ties.size();
  while (scan.step()) {
    const auto it = wanted.find(
        detail::stored_tie_key(scan.text(0), scan.int64(1), scan.int64(2), scan.optional_int(3)));
    if (it != wanted.end()) first = std::min(first, it->second);
  }
  if (first == data.ties.size()) return;
  const auto& t = data.ties[first];
  throw InvalidInput(data.ties_origin.locate(t.line, "source"),
                     "tie " + describe_tie(t) +
                         " is already stored (ties are matched by source, target, kind and "
                         "start); to change it, import with --update");
}

// Validates and inserts a batch, and its run record when there is one, in one transaction.
StoreCounts append_batch(Database& db, const std::string& path, const core::RegionData& data,
                         const RunRecord* run) {
  Transaction tx(db);
  check_integrity(db, path);
  ExistingActors existing = read_existing_actors(db);
  // Read up front: validation looks things up from several threads.
  std::set<std::string, std::less<>> themes, competences;
  for (const auto& [table, into] :
       {std::pair{"themes", &themes}, std::pair{"competences", &competences}}) {
    Statement stmt(db, std::string("SELECT id FROM ") + table);
    while (stmt.step()) into->emplace(stmt.text(0));
  }
  core::KnownContent known{
      [&](std::string_view id) -> std::optional<core::ActorKind> {
        auto it = existing.by_id.find(id);
        if (it == existing.by_id.end()) return std::nullopt;
        return it->second.second;
      },
      [&](std::string_view id) { return themes.find(id) != themes.end(); },
      [&](std::string_view id) { return competences.find(id) != competences.end(); }};
  core::validate(data, known);
  refuse_stored_ties(db, data, existing);
  {
    detail::FoundingYears years(db, data.actors);
    detail::check_batch_founding(data, years);
  }

  {
    Statement theme(db, "INSERT INTO themes(id, label_en, label_de) VALUES (?, ?, ?)");
    Statement competence(
        db, "INSERT INTO competences(id, label_en, label_de, theme) VALUES (?, ?, ?, ?)");
    for (const auto& row : data.taxonomy) {
      Statement& stmt = row.theme.empty() ? theme : competence;
      stmt.bind(1, row.id);
      stmt.bind(2, row.label_en);
      stmt.bind(3, row.label_de);
      if (!row.theme.empty()) stmt.bind(4, row.theme);
      stmt.run();
    }
    Statement relation(
        db, "INSERT OR REPLACE INTO competence_relations(a, b, strength) VALUES (?, ?, ?)");
    for (const auto& row : data.competence_relations) {
      const auto [a, b] = std::minmax(row.a, row.b);
      relation.bind(1, a);
      relation.bind(2, b);
      relation.bind(3, row.strength);
      relation.run();
    }
  }

  auto& ids = existing.by_id;
  {
    Statement actor(db,
                    "INSERT INTO actors(ext_id, name, kind, municipality, lat, lon, employees, "
                    "sector, founded, capacity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Statement attribute(db, "INSERT INTO actor_attributes(actor, key, value) VALUES (?, ?, ?)");
    for (const auto& a : data.actors) {
      actor.bind(1, a.id);
      actor.bind(2, a.name);
      actor.bind(3, to_string(a.kind));
      bind_optional_text(actor, 4, a.municipality);
      if (a.location) {
        actor.bind(5, a.location->lat);
        actor.bind(6, a.location->lon);
      }
      actor.bind(7, a.employees);
      bind_optional_text(actor, 8, a.sector);
      actor.bind(9, a.founded);
      actor.bind(10, a.capacity);
      actor.run();
      const std::int64_t row_id = sqlite3_last_insert_rowid(db.handle());
      ids.emplace(a.id, std::pair{row_id, a.kind});
      for (const auto& attr : a.attributes) {
        attribute.bind(1, row_id);
        attribute.bind(2, attr.key);
        attribute.bind(3, attr.value);
        attribute.run();
      }
    }
    // Parents second, so that a child may come before its parent in the batch.
    Statement parent(db, "UPDATE actors SET parent = ? WHERE id = ?");
    for (const auto& a : data.actors) {
      if (a.parent.empty()) continue;
      parent.bind(1, ids.at(a.parent).first);
      parent.bind(2, ids.at(a.id).first);
      parent.run();
    }
  }
  {
    Statement stmt(
        db, "INSERT INTO actor_competences(actor, competence, role, weight) VALUES (?, ?, ?, ?)");
    for (const auto& c : data.competences) {
      stmt.bind(1, ids.at(c.actor).first);
      stmt.bind(2, c.competence);
      stmt.bind(3, to_string(c.role));
      stmt.bind(4, c.weight);
      stmt.run();
    }
  }
  {
    Statement stmt(
        db,
        "INSERT INTO ties(source, target, kind, weight, start, \"end\") VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& t : data.ties) {
      stmt.bind(1, ids.at(t.source).first);
      stmt.bind(2, ids.at(t.target).first);
      stmt.bind(3, to_string(t.kind));
      stmt.bind(4, t.weight);
      stmt.bind(5, t.start);
      stmt.bind(6, t.end);
      stmt.run();
    }
  }
  {
    Statement stmt(db, "INSERT INTO memberships(actor, grp, start, \"end\") VALUES (?, ?, ?, ?)");
    for (const auto& m : data.memberships) {
      stmt.bind(1, ids.at(m.actor).first);
      stmt.bind(2, ids.at(m.group).first);
      stmt.bind(3, m.start);
      stmt.bind(4, m.end);
      stmt.run();
    }
  }
  if (run != nullptr) (void)insert_run(db, *run);
  tx.commit();
  return {static_cast<std::int64_t>(std::count_if(data.taxonomy.begin(), data.taxonomy.end(),
                                                  [](const auto& r) { return r.theme.empty(); })),
          static_cast<std::int64_t>(std::count_if(data.taxonomy.begin(), data.taxonomy.end(),
                                                  [](const auto& r) { return !r.theme.empty(); })),
          static_cast<std::int64_t>(data.actors.size()),
          static_cast<std::int64_t>(data.competences.size()),
          static_cast<std::int64_t>(data.ties.size()),
          static_cast<std::int64_t>(data.memberships.size()),
          0};
}

}  // namespace

StoreCounts Store::append(const core::RegionData& data) {
  return append_batch(impl_->db, impl_->path.string(), data, nullptr);
}

StoreCounts Store::append(const core::RegionData& data, const RunRecord& run) {
  return append_batch(impl_->db, impl_->path.string(), data, &run);
}

void Store::in_one_transaction(const std::function<void()>& work) {
  Transaction tx(impl_->db);
  work();
  tx.commit();
}

bool Store::has_actor_id(std::string_view id) const {
  Statement stmt(impl_->db, "SELECT 1 FROM actors WHERE ext_id = ?");
  stmt.bind(1, id);
  return stmt.step();
}

core::Region Store::load_region() const {
  return detail::read_region(impl_->db, impl_->path, {}, {});
}

core::Region detail::read_region(Database& db, const std::filesystem::path& path,
                                 std::string_view competences_where,
                                 std::string_view memberships_where) {
  // One read transaction gives a consistent snapshot even while another process writes (inside
  // a caller's transaction, that one does).
  const bool own_read = sqlite3_get_autocommit(db.handle()) != 0;
  if (own_read) db.exec("BEGIN");
  struct EndRead {
    Database& db;
    bool own;
    ~EndRead() {
      if (own) sqlite3_exec(db.handle(), "COMMIT", nullptr, nullptr, nullptr);
    }
  } end_read{db, own_read};

  core::Taxonomy taxonomy;
  {
    Statement themes(db, "SELECT id, label_en, label_de FROM themes ORDER BY rowid");
    while (themes.step()) {
      taxonomy.add_theme(
          {std::string(themes.text(0)), std::string(themes.text(1)), std::string(themes.text(2))});
    }
    Statement comps(db, "SELECT id, label_en, label_de, theme FROM competences ORDER BY rowid");
    while (comps.step()) {
      taxonomy.add_competence(std::string(comps.text(0)), std::string(comps.text(1)),
                              std::string(comps.text(2)), *taxonomy.find_theme(comps.text(3)));
    }
    Statement relations(db, "SELECT a, b, strength FROM competence_relations ORDER BY a, b");
    while (relations.step()) {
      taxonomy.relate(*taxonomy.find_competence(relations.text(0)),
                      *taxonomy.find_competence(relations.text(1)),
                      static_cast<float>(relations.real(2)));
    }
  }
  // Looked up by the column's text as it is: no string made per competence row.
  std::unordered_map<std::string, core::CompetenceId, detail::StringHash, std::equal_to<>>
      competence_ids;
  for (std::uint32_t i = 0; i < taxonomy.competences().size(); ++i) {
    competence_ids.emplace(taxonomy.competences()[i].id, core::CompetenceId{i});
  }

  const auto actor_count = static_cast<std::size_t>(db.query_int("SELECT count(*) FROM actors"));
  const auto tie_count = static_cast<std::size_t>(db.query_int("SELECT count(*) FROM ties"));
  const auto max_row =
      static_cast<std::size_t>(db.query_int("SELECT coalesce(max(id), 0) FROM actors"));
  constexpr std::uint32_t none = UINT32_MAX;
  std::vector<std::uint32_t> dense(max_row + 1, none);  // row id -> ActorId

  std::unordered_map<std::int64_t, std::vector<core::Attribute>> attributes;
  {
    Statement stmt(db, "SELECT actor, key, value FROM actor_attributes");
    while (stmt.step()) {
      attributes[stmt.int64(0)].push_back({std::string(stmt.text(1)), std::string(stmt.text(2))});
    }
  }

  core::RegionBuilder builder(std::move(taxonomy));
  builder.reserve(actor_count, tie_count);
  std::vector<std::pair<std::uint32_t, std::int64_t>> parents;
  {
    Statement stmt(db,
                   "SELECT id, ext_id, name, kind, municipality, lat, lon, employees, sector, "
                   "founded, capacity, parent FROM actors ORDER BY id");
    core::ActorRecord a;
    while (stmt.step()) {
      const std::int64_t row = stmt.int64(0);
      a.id = stmt.text(1);
      a.name = stmt.text(2);
      auto kind = core::parse_actor_kind(stmt.text(3));
      if (!kind) {
        throw InvalidInput(
            SourceLocation{path.string(), 0, 0},
            "actor '" + a.id + "' has unknown kind '" + std::string(stmt.text(3)) + "'");
      }
      a.kind = *kind;
      a.municipality = stmt.text(4);
      a.location.reset();
      if (!stmt.is_null(5) && !stmt.is_null(6))
        a.location = core::GeoPoint{stmt.real(5), stmt.real(6)};
      a.employees = stmt.optional_int(7);
      a.sector = stmt.text(8);
      a.founded = stmt.optional_int(9);
      a.capacity = stmt.optional_int(10);
      a.attributes.clear();
      if (auto it = attributes.find(row); it != attributes.end())
        a.attributes = std::move(it->second);
      const core::ActorId id = builder.add_actor(a);
      dense[static_cast<std::size_t>(row)] = id.value;
      if (!stmt.is_null(11)) parents.emplace_back(id.value, stmt.int64(11));
    }
  }
  auto resolve = [&](std::int64_t row) {
    const std::uint32_t id = row >= 0 && static_cast<std::size_t>(row) < dense.size()
                                 ? dense[static_cast<std::size_t>(row)]
                                 : none;
    if (id == none) {
      throw InvalidInput(SourceLocation{path.string(), 0, 0},
                         "reference to missing actor row " + std::to_string(row));
    }
    return core::ActorId{id};
  };
  for (const auto& [child, parent_row] : parents)
    builder.set_parent(core::ActorId{child}, resolve(parent_row));
  {
    Statement stmt(db,
                   "SELECT actor, competence, role, weight FROM actor_competences" +
                       (competences_where.empty() ? std::string()
                                                  : " WHERE " + std::string(competences_where)));
    while (stmt.step()) {
      const auto role =
          stmt.text(2) == "need" ? core::CompetenceRole::need : core::CompetenceRole::offer;
      const auto competence = competence_ids.find(stmt.text(1));
      if (competence == competence_ids.end()) {  // the foreign key rules this out
        throw InvalidInput(SourceLocation{path.string(), 0, 0},
                           "unknown competence '" + std::string(stmt.text(1)) + "'");
      }
      builder.add_competence(resolve(stmt.int64(0)), competence->second, role,
                             static_cast<float>(stmt.real(3)));
    }
  }
  {
    Statement stmt(db, "SELECT source, target, kind, weight, start, \"end\" FROM ties ORDER BY id");
    while (stmt.step()) {
      auto kind = core::parse_tie_kind(stmt.text(2));
      if (!kind) {
        throw InvalidInput(SourceLocation{path.string(), 0, 0},
                           "tie has unknown kind '" + std::string(stmt.text(2)) + "'");
      }
      builder.add_tie({resolve(stmt.int64(0)), resolve(stmt.int64(1)), *kind, stmt.real(3),
                       stmt.optional_int(4), stmt.optional_int(5)});
    }
  }
  {
    Statement stmt(db,
                   "SELECT actor, grp, start, \"end\" FROM memberships" +
                       (memberships_where.empty() ? std::string()
                                                  : " WHERE " + std::string(memberships_where)) +
                       " ORDER BY id");
    while (stmt.step()) {
      builder.add_membership({resolve(stmt.int64(0)), resolve(stmt.int64(1)), stmt.optional_int(2),
                              stmt.optional_int(3)});
    }
  }
  return std::move(builder).build();
}

std::int64_t Store::record_run(const RunRecord& run) { return insert_run(impl_->db, run); }

std::optional<std::int64_t> Store::record_run_unless_read_only(const RunRecord& run) {
  auto& db = impl_->db;
  if (sqlite3_db_readonly(db.handle(), "main") == 1) return std::nullopt;
  try {
    return insert_run(db, run);
  } catch (const IoError&) {
    // The connection may be writable while SQLite still refuses (e.g. a file format marked
    // read-only): the error code tells.
    if ((sqlite3_extended_errcode(db.handle()) & 0xFF) == SQLITE_READONLY) return std::nullopt;
    throw;
  }
}

std::int64_t Store::record_run(const RunRecord& run, const std::vector<ScenarioSeries>& series) {
  auto& db = impl_->db;
  db.exec("BEGIN IMMEDIATE");
  try {
    const auto id = record_run(run);
    Statement stmt(db,
                   "INSERT INTO sim_series(run, scenario, replicate, month, indicator, value) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& s : series) {
      for (const auto& v : s.values) {
        stmt.bind(1, id);
        stmt.bind(2, std::string_view(s.scenario));
        stmt.bind(3, static_cast<std::int64_t>(v.replicate));
        stmt.bind(4, static_cast<std::int64_t>(v.month));
        stmt.bind(5, v.indicator);
        stmt.bind(6, v.value);
        stmt.run();
      }
    }
    db.exec("COMMIT");
    return id;
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
}

}  // namespace verbund::io
