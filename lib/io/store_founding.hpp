#pragma once

// The founding rule (io/founding.hpp) applied to what an import writes: batch ties and
// memberships, and stored ones whose ends an update makes younger. Not installed.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sqlite.hpp"
#include "store_impl.hpp"
#include "verbund/core/region_data.hpp"

namespace verbund::io::detail {

/// Founding years (io::founding_year) of actors as the batch's records say, else as stored;
/// cached per id. O(parent chain) lookups per new id, each O(1) in the batch or O(log N) in the
/// database. Throws InvalidInput for an unknown id, IoError if the database fails.
class FoundingYears {
 public:
  FoundingYears(Database& db, const std::vector<core::ActorRecord>& batch);
  [[nodiscard]] std::optional<int> of(std::string_view id);

 private:
  Statement stored_;
  std::unordered_map<std::string_view, const core::ActorRecord*> batch_;
  std::unordered_map<std::string, std::optional<int>, StringHash, std::equal_to<>> years_;
};

/// Refuses the first tie, then the first membership, of `data` that starts before one of its
/// ends was founded: InvalidInput at its line and start column. O(rows) plus the lookups.
void check_batch_founding(const core::RegionData& data, FoundingYears& years);

/// A stored actor whose founded or parent an update changes, and where the batch says so.
struct FoundingChange {
  std::string id;
  SourceLocation where;
};

/// Refuses a stored tie or membership that starts before the founding year one of its ends
/// now has, where that end is a changed actor or a research group inheriting its year (no own
/// year) from one: InvalidInput at the change, naming the tie. Call after the change is written.
/// O(N + M) for N actors with a parent and M stored ties and memberships; nothing when
/// `changes` is empty.
void check_changed_founding(Database& db, const std::vector<FoundingChange>& changes,
                            FoundingYears& years);

}  // namespace verbund::io::detail
