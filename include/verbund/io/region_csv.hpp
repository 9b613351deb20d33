#pragma once

#include <filesystem>
#include <optional>

#include "verbund/core/region.hpp"
#include "verbund/core/region_data.hpp"

namespace verbund::io {

/// The CSV files of one import; any subset may be given.
///
/// Columns (a header row is required; more columns are allowed):
/// - taxonomy:    id,label_en,label_de,theme  (a row with an empty theme defines a theme)
/// - actors:      id,name,kind,municipality,lat,lon  optional: employees,sector,founded,capacity,
///                parent; any other column is kept as an attribute of the actor
/// - competences: actor,competence,role,weight  (role offer|need, weight in (0,1], empty = 1)
/// - ties:        source,target,kind,weight,start,end  (weight > 0, empty = 1; years)
/// - memberships: actor,group,start,end
struct RegionCsvFiles {
  std::optional<std::filesystem::path> taxonomy;
  std::optional<std::filesystem::path> actors;
  std::optional<std::filesystem::path> competences;
  std::optional<std::filesystem::path> ties;
  std::optional<std::filesystem::path> memberships;

  /// The five files as write_region_csv names them in `directory`: taxonomy.csv, actors.csv,
  /// competences.csv, ties.csv, memberships.csv (whether they exist or not). O(1); touches no
  /// file. Thread-safe; throws only std::bad_alloc.
  [[nodiscard]] static RegionCsvFiles in_directory(const std::filesystem::path& directory);
};

/// Parses the files into a batch, checking every cell's format (kinds, numbers, ranges).
/// References between records are checked later by core::validate (or Store::append).
/// Throws InvalidInput naming file, line and column; IoError if a file cannot be read.
/// O(total file size). Thread-safe (for distinct calls; the files are only read).
[[nodiscard]] core::RegionData read_region_csv(const RegionCsvFiles& files);

/// Writes `region` as the five CSV files above into `directory` (created if missing), so that
/// importing them into an empty database gives the same region. Output is deterministic.
/// O(n + m + a log a) for a distinct attribute keys. Throws IoError if a file cannot be written
/// (files already written stay). Thread-safe as long as no two calls write one directory.
void write_region_csv(const core::Region& region, const std::filesystem::path& directory);

}  // namespace verbund::io
