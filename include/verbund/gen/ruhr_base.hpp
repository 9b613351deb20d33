#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/geo.hpp"
#include "verbund/core/region_data.hpp"

namespace verbund::gen {

/// A municipality of the region, from `municipalities.csv`.
struct MunicipalityInfo {
  std::string name;
  std::string district;  ///< Kreis, or the city itself for a kreisfreie Stadt
  core::GeoPoint centre;
  int population = 0;
  std::string ihk;                 ///< id of the chamber of industry and commerce responsible
  std::string hwk;                 ///< id of the chamber of crafts responsible
  std::vector<std::string> focus;  ///< NACE divisions over-represented here
};

/// A sector's profile for the firm generator, from `sectors.csv`.
struct SectorProfile {
  std::string nace;  ///< NACE/WZ division, e.g. "28"
  std::string label_en;
  std::string label_de;
  double weight = 1.0;            ///< relative number of firms
  bool industrial = false;        ///< manufacturing (NACE section C)
  bool craft = false;             ///< member of the chamber of crafts (HWK), not the IHK
  double science_affinity = 1.0;  ///< relative propensity to cooperate with science
  double median_employees = 5.0;
  std::string name_word;               ///< used in synthetic firm names
  std::vector<std::string> offers;     ///< competences firms of the sector may offer
  std::vector<std::string> needs;      ///< competences they may need
  std::vector<std::string> buys_from;  ///< supplier sectors (NACE divisions)
};

/// The real part of the bundled region: institutions, municipalities, sectors.
struct RuhrBase {
  core::RegionData institutions;  ///< taxonomy, actors, competences, ties, memberships
  std::vector<MunicipalityInfo> municipalities;
  std::vector<SectorProfile> sectors;
};

/// Reads `taxonomy.csv`, `actors.csv`, `competences.csv`, `ties.csv`, `memberships.csv`,
/// `municipalities.csv` and `sectors.csv` from `directory` and checks that they fit together
/// (also that no tie or membership starts before an end was founded, see founding_year).
/// Throws InvalidInput naming file, line and column; IoError if a file cannot be read.
/// O(total file size + n log n). Thread-safe (the files are only read).
[[nodiscard]] RuhrBase load_ruhr_base(const std::filesystem::path& directory);

/// The earliest year actor `id` of `data` can have existed in: its own `founded`, else its
/// parent's (a research group is no older than its university), else nothing (unknown). Ties
/// and memberships of the bundled and generated regions start no earlier. O(n) per call (a
/// scan for the parent); throws InvalidInput if `id` or a parent is not in `data` or parents
/// form a cycle. Thread-safe (reads `data`).
[[nodiscard]] std::optional<int> founding_year(const core::RegionData& data, std::string_view id);

/// Where the bundled `data/ruhr` lives: $VERBUND_DATA_DIR/ruhr if set, else the installed copy,
/// else the source tree this library was built from. O(1) (one file check). Thread-safe while
/// no one changes the environment; throws std::filesystem::filesystem_error only if the source
/// tree cannot be examined.
[[nodiscard]] std::filesystem::path bundled_ruhr_dir();

/// Where the bundled `data/supply` (input categories and certifications of the supplier market)
/// lives: beside bundled_ruhr_dir(), found the same way. O(1) (one file check). Thread-safe while
/// no one changes the environment; throws as bundled_ruhr_dir.
[[nodiscard]] std::filesystem::path bundled_supply_dir();

}  // namespace verbund::gen
