#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/core/region_data.hpp"
#include "verbund/io/project_import.hpp"

namespace verbund::io {

namespace detail {
struct StoreAccess;
}

/// How Store::open treats a missing file.
enum class OpenMode : unsigned char {
  open_existing,      ///< a missing file is an error
  create_if_missing,  ///< a missing file becomes a new, empty verbund database
  read_only,          ///< a missing file is an error; nothing can be written
};

/// Rows in each table, as `verbund info` and imports report them.
struct StoreCounts {
  std::int64_t themes = 0;
  std::int64_t competences = 0;
  std::int64_t actors = 0;
  std::int64_t actor_competences = 0;
  std::int64_t ties = 0;
  std::int64_t memberships = 0;
  std::int64_t runs = 0;
};

/// How an update changed the rows of one table.
struct RowChanges {
  std::int64_t added = 0;
  std::int64_t changed = 0;
  std::int64_t unchanged = 0;
  std::int64_t deleted = 0;
  friend bool operator==(const RowChanges&, const RowChanges&) = default;
};

/// What Store::update (or Store::merge_projects) did, table by table.
struct UpdateSummary {
  RowChanges themes;
  RowChanges competences;
  RowChanges actors;
  RowChanges attributes;  ///< actor_attributes: one row per actor and key
  RowChanges actor_competences;
  RowChanges ties;
  RowChanges memberships;
  RowChanges projects;  ///< imported projects (merge_projects)
  /// Related competence pairs (a relations file given with --update replaces the matrix).
  RowChanges competence_relations;
  /// Rows deleted from further tables because they belonged to a deleted actor or tie (e.g.
  /// project members), by table name in alphabetical order.
  std::vector<std::pair<std::string, std::int64_t>> other_deleted;
};

/// Actors to delete by external id, e.g. read from a file by read_actor_deletions.
struct ActorDeletions {
  struct Entry {
    std::string id;
    std::size_t line = 0;  ///< line in the file, 0 = not from a file
  };
  std::vector<Entry> entries;
  core::TableOrigin origin;  ///< the file, for messages (column `id`)
};

/// Provenance of one command that changed or used the database.
struct RunRecord {
  std::string verb;        ///< e.g. "import", "generate ruhr"
  std::string parameters;  ///< the options, as JSON text
  std::optional<std::uint64_t> seed;
};

/// One value of a simulated indicator, for sim_series.
struct SeriesValue {
  std::uint32_t replicate = 0;
  std::uint32_t month = 0;
  std::string_view indicator;
  double value = 0.0;
};
/// A scenario's simulated series.
struct ScenarioSeries {
  std::string scenario;
  std::vector<SeriesValue> values;
};

/// The embedded SQLite store: a versioned schema (PRAGMA user_version, migrated on open), foreign
/// keys on, WAL journal. Every write is one transaction, so a failed import leaves the database
/// exactly as it was. Not thread-safe: use one Store per thread.
class Store {
 public:
  /// The schema version this build writes and reads.
  static constexpr int schema_version = 7;

  /// Opens (or creates) a database and migrates an older schema under the write lock, so that
  /// processes opening the same new file at once create its schema once. Throws InvalidInput,
  /// having written nothing, if the file is missing or empty (unless `create_if_missing`), is
  /// not a verbund database, its schema version is negative or newer than this build, or it
  /// already holds tables of a version it does not claim; IoError if it cannot be opened. O(1)
  /// plus a migration's cost. Thread-safe for distinct Stores.
  static Store open(const std::filesystem::path& path, OpenMode mode = OpenMode::open_existing);

  /// Takes over the connection. O(1); does not throw.
  Store(Store&&) noexcept;
  /// Takes over the connection, closing this one's. O(1); does not throw.
  Store& operator=(Store&&) noexcept;
  /// Closes the connection. Does not throw.
  ~Store();

  /// The database file. O(1); does not throw.
  [[nodiscard]] const std::filesystem::path& path() const noexcept;
  /// Rows in each table. O(rows) (SQLite counts by scanning). Throws IoError.
  [[nodiscard]] StoreCounts counts() const;

  /// Checks `data` against itself and the database (core::validate) and appends it in one
  /// transaction, after SQLite's quick_check has found the file intact. A tie that is already
  /// stored (same source, target, kind and start) is refused: update() changes it; so is a tie
  /// or membership that starts before either end was founded (io::founding_year). Throws
  /// InvalidInput on the first problem or a damaged file, IoError if the database fails; the
  /// database is then unchanged. O(P + (N + n + m) log(N + n)) for P pages, N actors stored and a
  /// batch of n actors and m other rows, plus a scan of the stored ties when the batch ties stored
  /// actors.
  StoreCounts append(const core::RegionData& data);
  /// As append(data), and records `run` in the same transaction: the data and its provenance
  /// are committed together or not at all.
  StoreCounts append(const core::RegionData& data, const RunRecord& run);

  /// Runs `work` in one write transaction: what it writes through this Store (appends, runs)
  /// commits together when it returns, and none of it when it throws (the exception is
  /// rethrown). O(1) plus the work's cost. Throws what `work` throws, IoError if the database
  /// fails.
  void in_one_transaction(const std::function<void()>& work);
  /// Changes the database to hold `data` and none of `deletions`, in one transaction with
  /// `run` (if given), after quick_check has found the file intact:
  /// - themes and competences are matched by id: labels and theme are replaced; new ids added;
  /// - actors are matched by id: the batch's fields replace the stored ones, except for a column
  ///   that the batch's file lacks (TableOrigin::header), which keeps its stored value; an empty
  ///   attribute cell removes that attribute; new ids are added;
  /// - competences are replaced per (actor, role) named in the batch: that actor's offers (or
  ///   needs) become exactly the batch's, others stay;
  /// - ties are matched by (source, target, kind, start), A-B = B-A for undirected kinds:
  ///   weight and end are replaced; memberships by (actor, group, start): end is replaced;
  ///   stored ties and memberships that the batch does not name stay;
  /// - deleted actors go with their attributes, competences, ties, memberships and any row of
  ///   another table that refers to them; a parent goes only with all its research groups.
  /// The result is checked as a whole (core::validate on the merged records, then parent kinds,
  /// parent cycles and group kinds of memberships across the database, then founding years: no
  /// batch tie or membership starts before either end was founded, and no changed `founded` or
  /// `parent` dates an actor, or a research group taking its year, after a stored tie or
  /// membership of it began; the latter is refused at the actor's row, naming the tie; rows
  /// stored earlier that already break the rule are left alone). Throws InvalidInput at
  /// the file, line and column of the first problem (a tie or id listed twice, an unknown id to
  /// delete, an actor both updated and deleted, a parent whose groups stay, ...), IoError if the
  /// database fails; the database is then unchanged. O(P + M + (N + n) log(N + n)) for P pages,
  /// M stored ties and memberships, N stored actors and n batch rows. Not thread-safe (see Store).
  /// \code
  /// auto summary = store.update(io::read_region_csv(files), io::read_actor_deletions(gone),
  ///                             io::RunRecord{"import --update", "{}", std::nullopt});
  /// \endcode
  UpdateSummary update(const core::RegionData& data, const ActorDeletions& deletions = {},
                       const std::optional<RunRecord>& run = std::nullopt);

  /// Merges a project import into the projects imported before, in one transaction with `run`
  /// (if given), after quick_check has found the file intact:
  /// - projects are matched by id: a project imported again counts once; its members become the
  ///   union (coordinator as the newer import says), its topics the union, its years the newer
  ///   import's where given;
  /// - organisations are matched by id (PIC): a new one is added as read_projects made it; a
  ///   stored one keeps its fields (import --update changes those) except a placeholder name
  ///   "PIC <pic>", which a real name replaces, and missing country and short_name attributes;
  /// - what the projects make of their organisations is then counted again over all projects
  ///   (project_statistics): the attributes projects and coordinated, the offers of topics
  ///   (theme "projects"; other offers stay) and the project ties, whose weight is the joint
  ///   projects and whose span runs from the first joint start to the last joint end. Ties are
  ///   recognised by the import that made them (table project_ties): project ties of other
  ///   imports stay as they are.
  /// Throws InvalidInput if the batch is invalid (core::validate, at its files' places), a
  /// project tie would start before an organisation's founding year (at its row), or an
  /// organisation was imported by a verbund that kept no project records (before schema 3);
  /// IoError if the database fails; the database is then unchanged. O(P + R + S log S) for P
  /// pages, R stored project members and S co-participation pairs of all projects.
  /// Not thread-safe (see Store).
  UpdateSummary merge_projects(const ProjectImport& imported,
                               const std::optional<RunRecord>& run = std::nullopt);

  /// Whether an actor with this external id is stored. O(log N) (indexed). Throws IoError.
  [[nodiscard]] bool has_actor_id(std::string_view id) const;

  /// Whether the taxonomy already holds a competence or theme with this id. O(log K) (indexed).
  /// Throws IoError.
  [[nodiscard]] bool has_taxonomy_id(std::string_view id) const;

  /// Loads the whole database as an immutable Region (actors in insertion order).
  /// O((n + m) log(n + m)). Throws InvalidInput if a row is inconsistent (unknown kind, missing
  /// actor), IoError if the database fails.
  [[nodiscard]] core::Region load_region() const;

  /// Records a run with the library version and the current time; returns its id. O(1).
  /// Throws IoError (nothing is then written).
  std::int64_t record_run(const RunRecord& run);
  /// As record_run, but a database SQLite will not write to (a read-only file or connection)
  /// gives std::nullopt instead of an error, for verbs whose result does not depend on the
  /// record. O(1). Throws IoError on any other failure (nothing is then written).
  std::optional<std::int64_t> record_run_unless_read_only(const RunRecord& run);
  /// Records a run and its simulated series (table sim_series) in one transaction. O(values).
  /// Throws IoError (nothing is then written).
  std::int64_t record_run(const RunRecord& run, const std::vector<ScenarioSeries>& series);

 private:
  friend struct detail::StoreAccess;  // lib/io's other tables (supply_store.cpp)
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace verbund::io
