#pragma once

// What the store's source files share: the connection behind Store, the steps every write
// takes (an integrity check first, a run record last), and access to the connection for the
// files of lib/io that store more than the region (supply_store.cpp). Not installed.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "sqlite.hpp"
#include "verbund/io/store.hpp"

namespace verbund::io {

struct Store::Impl {
  std::filesystem::path path;
  detail::Database db;
};

namespace detail {

/// The connection of a Store, for code in lib/io that adds tables of its own.
struct StoreAccess {
  // As the Store's own const members: reading prepares statements on the connection.
  static Store::Impl& impl(const Store& store) noexcept { return *store.impl_; }
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

/// The stored actors: external id -> (row id, kind).
struct ExistingActors {
  std::unordered_map<std::string, std::pair<std::int64_t, core::ActorKind>, StringHash,
                     std::equal_to<>>
      by_id;
};
/// Reads every stored actor's id, row and kind. O(N).
ExistingActors read_existing_actors(Database& db);

/// Throws InvalidInput naming `path` if SQLite's quick_check finds the file damaged.
void check_integrity(Database& db, const std::string& path);
/// Inserts a run record with this build's version and the current time; returns its id.
std::int64_t insert_run(Database& db, const RunRecord& run);
/// A stored tie's identity for matching: kind, the two actor rows (ordered unless the kind is
/// directed) and the start year; the same as io::tie_key over external ids.
std::string stored_tie_key(std::string_view kind, std::int64_t source, std::int64_t target,
                           const std::optional<int>& start);
/// Binds NULL for empty text.
void bind_optional_text(Statement& stmt, int index, std::string_view text);
/// The stored region as Store::load_region reads it; `competences_where` and `memberships_where`,
/// if not empty, SQL conditions on the columns of actor_competences (actor, competence, role,
/// weight) and memberships (actor, grp, start, end) that limit which rows are read
/// (io::load_region_for_actor). Throws as Store::load_region.
[[nodiscard]] core::Region read_region(Database& db, const std::filesystem::path& path,
                                       std::string_view competences_where,
                                       std::string_view memberships_where);
/// The current time, UTC, ISO 8601 ("2026-11-29T21:00:00Z"): what the store's tables record.
[[nodiscard]] std::string utc_now();

}  // namespace detail
}  // namespace verbund::io
