#pragma once

#include <filesystem>
#include <optional>

#include "verbund/core/region.hpp"
#include "verbund/core/region_data.hpp"
#include "verbund/io/csv_reader.hpp"
#include "verbund/io/store.hpp"

namespace verbund::io {

/// The CSV files of one import; any subset may be given.
///
/// Columns (a header row is required; more columns are allowed):
/// - taxonomy:    id,label_en,label_de,theme  (a row with an empty theme defines a theme)
/// - actors:      id,name,kind,municipality,lat,lon  optional: employees,sector,founded,capacity,
///                parent; any other column is kept as an attribute of the actor
/// - competences: actor,competence,role,weight  (role offer|need, weight in (0,1], empty = 1)
/// - ties:        source,target,kind,weight,start,end  (weight in [1e-6, 1e6], empty =
///                default_tie_weight; years). Two rows with the same source, target, kind and
///                start are one tie twice and are refused (for all kinds but supply, A-B and B-A
///                are the same tie).
/// - memberships: actor,group,start,end
/// A tie or membership may not start before either end's founding year (io::founding_year);
/// the store refuses it (Store::append, Store::update), not read_region_csv.
struct RegionCsvFiles {
  std::optional<std::filesystem::path> taxonomy;
  std::optional<std::filesystem::path> actors;
  std::optional<std::filesystem::path> competences;
  std::optional<std::filesystem::path> ties;
  std::optional<std::filesystem::path> memberships;
  /// Optional: related competence pairs `a,b,strength` (strength in (0, 1], symmetric).
  std::optional<std::filesystem::path> competence_relations = std::nullopt;

  /// The five files as write_region_csv names them in `directory`: taxonomy.csv, actors.csv,
  /// competences.csv, ties.csv, memberships.csv (whether they exist or not), and
  /// competence_relations.csv where that file exists. O(1) plus one existence check.
  /// Thread-safe; throws only std::bad_alloc.
  [[nodiscard]] static RegionCsvFiles in_directory(const std::filesystem::path& directory);
};

/// The weight of a tie whose weight cell is empty: one tie of ordinary strength.
inline constexpr double default_tie_weight = 1.0;

/// Parses the files into a batch, checking every cell's format (kinds, numbers, ranges) and
/// refusing a tie that a file holds twice. `options` fixes the dialect (delimiter, decimal
/// comma); what it leaves open is detected per file from its header (see CsvOptions).
/// References between records are checked later by core::validate (or Store::append).
/// Throws InvalidInput naming file, line and column; IoError if a file cannot be read.
/// O(total file size). Thread-safe (for distinct calls; the files are only read).
[[nodiscard]] core::RegionData read_region_csv(const RegionCsvFiles& files,
                                               const CsvOptions& options = {});

/// Reads a list of actors to delete: a CSV file with a column `id` (others are ignored). Throws
/// InvalidInput naming file, line and column (a missing column, an empty id); IoError if it
/// cannot be read. O(file size). Thread-safe (the file is only read).
[[nodiscard]] ActorDeletions read_actor_deletions(const std::filesystem::path& path,
                                                  const CsvOptions& options = {});

/// The identity of a tie, as imports match it: kind, the two ids (ordered, unless the kind is
/// directed) and the start year. O(length of the ids). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string tie_key(const core::TieRecord& tie);
/// A tie in words for messages: "'a' -- 'b' (research, start 2019)". O(length). Thread-safe;
/// throws only std::bad_alloc.
[[nodiscard]] std::string describe_tie(const core::TieRecord& tie);

/// Writes `region` as the five CSV files above into `directory` (created if missing), so that
/// importing them into an empty database gives the same region. Output is deterministic.
/// O(n + m + a log a) for a distinct attribute keys. Throws IoError if a file cannot be written
/// (files already written stay). Thread-safe as long as no two calls write one directory.
void write_region_csv(const core::Region& region, const std::filesystem::path& directory);

}  // namespace verbund::io
