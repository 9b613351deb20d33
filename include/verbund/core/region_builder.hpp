#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/core/region_data.hpp"

namespace verbund::core {

/// Collects actors, competences, ties and memberships with dense ids and builds a Region.
/// Staged: add everything, then build() once. Not thread-safe.
class RegionBuilder {
 public:
  explicit RegionBuilder(Taxonomy taxonomy = {});

  void reserve(std::size_t actors, std::size_t ties);
  /// Adds an actor; its `parent` field is ignored in favour of `parent`.
  /// Throws InvalidInput on a duplicate external id (detected at build()).
  ActorId add_actor(const ActorRecord& actor, std::optional<ActorId> parent = std::nullopt);
  /// Adds to a's offer or need vector; weight must be in (0, 1].
  /// Sets (or replaces) the parent of `child`; both must have been added.
  void set_parent(ActorId child, ActorId parent);
  void add_competence(ActorId a, CompetenceId c, CompetenceRole role, float weight);
  TieId add_tie(const Tie& tie);
  void add_membership(const Membership& membership);
  [[nodiscard]] std::size_t actor_count() const noexcept { return region_.kinds_.size(); }
  [[nodiscard]] const Taxonomy& taxonomy() const noexcept;

  /// Builds the snapshot. O((n + m) log(n + m)). Throws InvalidInput on duplicate external ids.
  [[nodiscard]] Region build() &&;

 private:
  struct PendingCompetence {
    std::uint32_t actor;
    CompetenceWeight entry;
    CompetenceRole role;
  };
  Region region_;
  std::vector<std::string> municipality_of_;  // raw names, interned at build()
  std::vector<std::vector<Attribute>> attributes_of_;
  std::vector<PendingCompetence> competences_;
};

/// Validates `data` (see validate()) and returns a builder holding it, actors numbered in batch
/// order, so that more can be added by dense id before build(). Throws InvalidInput.
[[nodiscard]] RegionBuilder make_region_builder(const RegionData& data);

/// Validates `data` (see validate()) and builds a Region from it alone.
/// Throws InvalidInput on the first problem, naming file/line/column where known.
[[nodiscard]] Region build_region(const RegionData& data);

}  // namespace verbund::core
