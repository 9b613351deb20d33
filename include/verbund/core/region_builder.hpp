#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/core/region_data.hpp"

namespace verbund::core {

/// Collects actors, competences, ties and memberships with dense ids and builds a Region.
/// Staged: add everything, then build() once. Not thread-safe: one builder per thread. The add
/// functions check their ids only with VERBUND_ASSERT (ids must have been added before); they
/// throw nothing but std::bad_alloc.
class RegionBuilder {
 public:
  /// An empty builder over `taxonomy`. O(1) beyond the move.
  explicit RegionBuilder(Taxonomy taxonomy = {});

  /// Reserves room for this many actors and ties. O(actors + ties).
  void reserve(std::size_t actors, std::size_t ties);
  /// Adds an actor; its `parent` field is ignored in favour of `parent`. A duplicate external id
  /// is detected at build(). Amortised O(size of the record).
  ActorId add_actor(const ActorRecord& actor, std::optional<ActorId> parent = std::nullopt);
  /// Sets (or replaces) the parent of `child`; both must have been added. O(1).
  void set_parent(ActorId child, ActorId parent);
  /// Adds to a's offer or need vector; weight must be in (0, 1]. Amortised O(1).
  void add_competence(ActorId a, CompetenceId c, CompetenceRole role, float weight);
  /// Adds a tie between added actors. Amortised O(1).
  TieId add_tie(const Tie& tie);
  /// Adds a membership between added actors. Amortised O(1).
  void add_membership(const Membership& membership);
  /// Actors added so far. O(1); does not throw.
  [[nodiscard]] std::size_t actor_count() const noexcept { return region_.kinds_.size(); }
  /// The taxonomy the region will have. O(1); does not throw.
  [[nodiscard]] const Taxonomy& taxonomy() const noexcept;

  /// Builds the snapshot, consuming the builder. O((n + m) log(n + m)), partly in parallel
  /// (oneTBB). Throws InvalidInput on duplicate external ids.
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
/// order, so that more can be added by dense id before build(). Throws InvalidInput on the first
/// problem. O((n + m) log n + T^2) for T taxonomy rows. Thread-safe (reads `data` only).
[[nodiscard]] RegionBuilder make_region_builder(const RegionData& data);

/// Validates `data` (see validate()) and builds a Region from it alone.
/// Throws InvalidInput on the first problem, naming file/line/column where known.
/// O((n + m) log(n + m)). Thread-safe (reads `data` only).
[[nodiscard]] Region build_region(const RegionData& data);

}  // namespace verbund::core
