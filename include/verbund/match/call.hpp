#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/actor_kind.hpp"
#include "verbund/core/ids.hpp"
#include "verbund/core/region.hpp"
#include "verbund/error.hpp"

namespace verbund::match {

/// A quota: between `min` and `max` members of the listed kinds (any kind if empty) and, for
/// firms, of the listed size classes (any if empty).
struct Quota {
  std::string label;  ///< for messages, e.g. "research" or "SMEs"
  std::vector<core::ActorKind> kinds;
  std::vector<core::FirmSize> sizes;
  int min = 0;
  std::optional<int> max;
  /// Whether `a` (in `region`) counts for this quota. O(kinds + sizes). Does not throw.
  /// Thread-safe.
  [[nodiscard]] bool counts(const core::Region& region, core::ActorId a) const;
};

/// A competence the call asks for: covered by at least `min_members` members.
struct RequiredCompetence {
  std::string id;
  int min_members = 1;
};
struct OptionalCompetence {
  std::string id;
  double weight = 1.0;
};

/// Weights of the consortium objective's named parts.
struct ConsortiumWeights {
  double coverage = 1.0;  ///< required competences covered (k-fold), in [0, 1]
  double optional = 0.3;  ///< weighted share of optional competences covered
  double fit = 0.3;       ///< mean transfer score of the firm–science pairs
  double cohesion = 0.2;  ///< share of member pairs already tied (trust)
  double distance = 0.1;  ///< communication cost: mean network distance to the lead, subtracted
  double novelty = 0.1;   ///< share of new cross-municipal or science–industry pairs
  double balance = 0.1;   ///< evenness of who covers the required competences
};

/// A funding call written as rules (a TOML file in data/calls/).
struct Call {
  std::string name;
  std::string file;  ///< where it was read from, for messages
  int min_size = 2;
  int max_size = 8;
  std::vector<Quota> quotas;
  int min_municipalities = 1;
  std::optional<double> radius_km;  ///< all members within this distance of the lead / centre
  bool within_region = false;       ///< every member must have a municipality of the region
  std::vector<RequiredCompetence> required;
  std::vector<OptionalCompetence> optional;
  std::string lead;                  ///< lead applicant (must be in), empty = none
  std::vector<std::string> members;  ///< must be in (an existing partial consortium)
  std::vector<std::string> excluded;
  int max_consortia_per_actor = 1;  ///< cap across concurrent calls
  ConsortiumWeights weights;
  /// Where the file first names each competence and each actor id, so that a check against a
  /// region points at line and column; empty for a call built in code (messages name the file).
  std::map<std::string, SourceLocation, std::less<>> competence_at;
  std::map<std::string, SourceLocation, std::less<>> actor_at;
};

/// Parses a call from TOML text. Throws InvalidInput at file:line:column on a syntax error, an
/// unknown key, a wrong type, a size range the quotas contradict, or a must-member also excluded.
/// O(text). Thread-safe.
[[nodiscard]] Call parse_call(std::string_view toml_text, const std::string& file);
/// Reads and parses a call file. Throws InvalidInput naming the file if it cannot be opened, and
/// as `parse_call`. O(file size). Thread-safe.
[[nodiscard]] Call load_call(const std::filesystem::path& path);

/// Checks a call's ids against a region: unknown competences, actors (lead, members, excluded).
/// Throws InvalidInput naming the id and where the call file names it (file:line:column). O(c log
/// n) for c ids the call names and n actors or competences. Thread-safe.
void check_call_against(const Call& call, const core::Region& region);

}  // namespace verbund::match
