#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "verbund/core/geo.hpp"
#include "verbund/core/region.hpp"
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
/// `municipalities.csv` and `sectors.csv` from `directory` and checks that they fit together.
/// Throws InvalidInput naming file, line and column; IoError if a file cannot be read.
[[nodiscard]] RuhrBase load_ruhr_base(const std::filesystem::path& directory);

/// Where the bundled `data/ruhr` lives: $VERBUND_DATA_DIR/ruhr if set, else the installed copy,
/// else the source tree this library was built from.
[[nodiscard]] std::filesystem::path bundled_ruhr_dir();

struct RuhrOptions {
  std::size_t firms = 5000;
  std::uint64_t seed = 1;
  double ties_per_firm = 3.0;         ///< mean firm-to-firm ties (supply + informal) per firm
  double science_share = 0.40;        ///< target share of industrial firms with a science tie
  double other_science_share = 0.12;  ///< the same for non-industrial firms
  double cluster_join = 0.08;         ///< chance that a firm joins a cluster of a theme it offers
  int year = 2025;                    ///< the snapshot's year; no tie starts later
};

/// A synthetic but plausible firm population on top of the real institutions: municipality by
/// population, sector by municipal focus, heavy-tailed sizes, competences and needs from the
/// sector, compulsory chamber membership (IHK or HWK), cluster memberships, supply ties with
/// distance decay between complementary sectors, science ties (research for medium and large
/// firms, transfer for small ones) calibrated to `science_share`, and informal ties by triadic
/// closure and local contact. Every draw is counter-based on (seed, firm, purpose), so the output
/// is identical for any thread count. The firms are synthetic; the institutions are real.
/// Throws InvalidInput if the options are out of range. O(firms x (ties_per_firm + science
/// actors)).
[[nodiscard]] core::RegionData generate_ruhr(const RuhrBase& base, const RuhrOptions& options);

/// The same region as build_region(generate_ruhr(base, options)), built directly by dense ids:
/// several times faster for large regions, for use in memory (simulation, benchmarks).
[[nodiscard]] core::Region generate_ruhr_region(const RuhrBase& base, const RuhrOptions& options);

}  // namespace verbund::gen
