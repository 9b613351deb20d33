#pragma once

// A customer's requirement for a joint offer of regional suppliers (a TOML file in
// data/supply/requirements/): input categories with yearly quantities, certifications, the
// number of partners and regional rules.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/actor_kind.hpp"
#include "verbund/error.hpp"

namespace verbund::supply {

/// One input the customer buys: a category, a quantity per year and the certifications required
/// of whoever delivers it (in addition to the requirement's overall ones).
struct RequiredInput {
  std::string category;
  double quantity = 0.0;
  std::vector<std::string> certifications;
};

struct Requirement {
  std::string name;
  std::string customer;
  std::string file;                         ///< where it was read from, for messages
  std::vector<std::string> certifications;  ///< required of every partner for every input
  std::vector<RequiredInput> inputs;        ///< each category at most once
  int min_partners = 1;
  int max_partners = 4;
  int min_smes = 0;                         ///< members of size class micro, small or medium
  std::optional<int> max_per_municipality;  ///< members with the same municipality
  std::vector<core::FirmSize> lead_sizes;   ///< at least one member of these size classes
                                            ///< leads; empty = any member may lead
  std::vector<std::string> excluded;        ///< supplier ids that may not take part
  /// Where the file names each category, certification and actor id, so that a check against a
  /// market points at line and column.
  std::map<std::string, SourceLocation, std::less<>> category_at;
  std::map<std::string, SourceLocation, std::less<>> certification_at;
  std::map<std::string, SourceLocation, std::less<>> actor_at;
};

/// Parses a requirement from TOML text. Throws InvalidInput at file:line:column on a syntax
/// error, an unknown key, a wrong type, a quantity that is not a finite number > 0, a category
/// named twice, no inputs, or rules that contradict each other (min above max partners, more
/// SMEs than partners). O(text). Thread-safe.
[[nodiscard]] Requirement parse_requirement(std::string_view toml_text, const std::string& file);
/// Reads and parses a requirement file. Throws InvalidInput naming the file if it cannot be
/// opened, and as parse_requirement. O(file size). Thread-safe.
[[nodiscard]] Requirement load_requirement(const std::filesystem::path& path);

}  // namespace verbund::supply
