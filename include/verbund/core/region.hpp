#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/actor_kind.hpp"
#include "verbund/core/geo.hpp"
#include "verbund/core/ids.hpp"
#include "verbund/core/region_data.hpp"
#include "verbund/core/taxonomy.hpp"
#include "verbund/core/tie.hpp"

namespace verbund::core {

/// One entry of an actor's adjacency: the neighbour and the tie that connects them.
struct Neighbour {
  ActorId actor;
  TieId tie;
};

/// The compressed-sparse-row view of the (undirected) tie graph: the neighbours of actor a are
/// `entries[offsets[a] .. offsets[a+1])`, sorted by neighbour then tie. Every tie appears twice,
/// once under each endpoint. Graph algorithms (ours, Boost.Graph) run on it without copying.
struct TieCsr {
  std::span<const std::uint64_t> offsets;
  std::span<const Neighbour> entries;
};

/// An immutable snapshot of a region: actors with their attributes and competence vectors, ties
/// in compressed sparse rows, memberships and the taxonomy. Cheap to share across threads: every
/// member function is const and thread-safe. Built by RegionBuilder or io::Store::load_region.
///
/// No member function throws. Ids passed in (ActorId, TieId, MunicipalityId) must come from this
/// region: others are undefined behaviour, not checked.
class Region {
 public:
  /// An empty region. O(1); does not throw.
  Region() = default;

  /// Number of actors. O(1). Thread-safe; does not throw.
  [[nodiscard]] std::size_t size() const noexcept { return kinds_.size(); }
  /// Number of ties (parallel ties count separately). O(1). Thread-safe; does not throw.
  [[nodiscard]] std::size_t tie_count() const noexcept { return ties_.size(); }

  // --- actors ------------------------------------------------------------------------------
  /// @name Attributes of actor `a`
  /// Each O(1), thread-safe, does not throw; `a` must be an actor of this region.
  ///@{
  [[nodiscard]] std::string_view external_id(ActorId a) const { return external_ids_[a.value]; }
  [[nodiscard]] std::string_view name(ActorId a) const { return names_[a.value]; }
  [[nodiscard]] ActorKind kind(ActorId a) const { return kinds_[a.value]; }
  [[nodiscard]] std::optional<MunicipalityId> municipality(ActorId a) const;
  [[nodiscard]] std::optional<GeoPoint> location(ActorId a) const;
  [[nodiscard]] std::optional<int> employees(ActorId a) const;
  /// Size class by the EU SME rule, for actors with a known headcount.
  [[nodiscard]] std::optional<FirmSize> size_class(ActorId a) const;
  [[nodiscard]] std::string_view sector(ActorId a) const { return sectors_[a.value]; }
  [[nodiscard]] std::optional<int> founded(ActorId a) const;
  [[nodiscard]] std::optional<int> capacity(ActorId a) const;
  [[nodiscard]] std::optional<ActorId> parent(ActorId a) const;
  /// Extra attributes (file columns without a field of their own), sorted by key.
  [[nodiscard]] std::span<const Attribute> attributes(ActorId a) const;
  /// What `a` offers, sorted by competence id.
  [[nodiscard]] std::span<const CompetenceWeight> offers(ActorId a) const;
  /// What `a` needs, sorted by competence id.
  [[nodiscard]] std::span<const CompetenceWeight> needs(ActorId a) const;
  ///@}

  /// The attribute `key` of `a`, if present. O(log k) over a's k attributes. Thread-safe; does
  /// not throw.
  [[nodiscard]] std::optional<std::string_view> attribute(ActorId a, std::string_view key) const;

  /// The actor with external id `id`. O(log n). Thread-safe; does not throw.
  [[nodiscard]] std::optional<ActorId> find(std::string_view id) const;
  /// Actors of one kind, ascending. O(1). Thread-safe; does not throw.
  [[nodiscard]] std::span<const ActorId> actors_of_kind(ActorKind kind) const;
  /// Actors in one municipality, ascending. O(1). Thread-safe; does not throw.
  [[nodiscard]] std::span<const ActorId> actors_in(MunicipalityId m) const;

  // --- municipalities ----------------------------------------------------------------------
  /// Number of distinct municipalities named by actors. O(1). Thread-safe; does not throw.
  [[nodiscard]] std::size_t municipality_count() const noexcept {
    return municipality_names_.size();
  }
  /// The name of municipality `m`. O(1). Thread-safe; does not throw.
  [[nodiscard]] std::string_view municipality_name(MunicipalityId m) const {
    return municipality_names_[m.value];
  }
  /// The municipality called `name` (exact match). O(log M). Thread-safe; does not throw.
  [[nodiscard]] std::optional<MunicipalityId> find_municipality(std::string_view name) const;

  // --- ties --------------------------------------------------------------------------------
  /// Every tie, in load order (TieId order). O(1). Thread-safe; does not throw.
  [[nodiscard]] std::span<const Tie> ties() const noexcept { return ties_; }
  /// Tie `t`. O(1). Thread-safe; does not throw.
  [[nodiscard]] const Tie& tie(TieId t) const { return ties_[t.value]; }
  /// Ties of `a` with their other endpoints, sorted by neighbour. O(1). Thread-safe; does not
  /// throw.
  [[nodiscard]] std::span<const Neighbour> neighbours(ActorId a) const;
  /// Number of tie ends at `a` (parallel ties count separately). O(1). Thread-safe; does not
  /// throw.
  [[nodiscard]] std::size_t degree(ActorId a) const { return neighbours(a).size(); }
  /// Whether any tie joins a and b. O(log degree(a)). Thread-safe; does not throw.
  [[nodiscard]] bool connected(ActorId a, ActorId b) const;
  /// The adjacency as compressed sparse rows (see TieCsr). O(1). Thread-safe; does not throw.
  [[nodiscard]] TieCsr csr() const noexcept { return {adjacency_offsets_, adjacency_}; }

  // --- memberships -------------------------------------------------------------------------
  /// Every membership, in load order. O(1). Thread-safe; does not throw.
  [[nodiscard]] std::span<const Membership> memberships() const noexcept { return memberships_; }
  /// Groups `a` is a member of. O(1). Thread-safe; does not throw.
  [[nodiscard]] std::span<const ActorId> groups_of(ActorId a) const;
  /// Members of group `g`. O(1). Thread-safe; does not throw.
  [[nodiscard]] std::span<const ActorId> members_of(ActorId g) const;

  /// The competence taxonomy. O(1). Thread-safe; does not throw.
  [[nodiscard]] const Taxonomy& taxonomy() const noexcept { return taxonomy_; }

  /// Bytes held by this snapshot (capacity of its arrays and strings). O(n + attributes).
  /// Thread-safe; does not throw.
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

 private:
  friend class RegionBuilder;

  static constexpr std::int32_t absent_ = INT32_MIN;
  static constexpr std::uint32_t no_actor_ = UINT32_MAX;

  std::vector<std::string> external_ids_;
  std::vector<std::string> names_;
  std::vector<std::string> sectors_;
  std::vector<ActorKind> kinds_;
  std::vector<std::uint32_t> municipality_;  // index into municipality_names_, or no_actor_
  std::vector<GeoPoint> location_;
  std::vector<std::uint8_t> has_location_;
  std::vector<std::int32_t> employees_;
  std::vector<std::int32_t> founded_;
  std::vector<std::int32_t> capacity_;
  std::vector<std::uint32_t> parent_;
  std::vector<std::uint64_t> attribute_offsets_;
  std::vector<Attribute> attributes_;
  std::vector<std::uint64_t> offer_offsets_;
  std::vector<CompetenceWeight> offers_;
  std::vector<std::uint64_t> need_offsets_;
  std::vector<CompetenceWeight> needs_;
  std::vector<std::uint32_t> id_order_;  // actor indices sorted by external id

  std::vector<std::uint64_t> kind_offsets_;
  std::vector<ActorId> by_kind_;
  std::vector<std::string> municipality_names_;  // sorted
  std::vector<std::uint64_t> municipality_offsets_;
  std::vector<ActorId> by_municipality_;

  std::vector<Tie> ties_;
  std::vector<std::uint64_t> adjacency_offsets_;
  std::vector<Neighbour> adjacency_;

  std::vector<Membership> memberships_;
  std::vector<std::uint64_t> groups_of_offsets_;
  std::vector<ActorId> groups_of_;
  std::vector<std::uint64_t> members_of_offsets_;
  std::vector<ActorId> members_of_;

  Taxonomy taxonomy_;
};

}  // namespace verbund::core

// What builds a Region (RegionBuilder, build_region) comes with it.
#include "verbund/core/region_builder.hpp"  // IWYU pragma: export
