#pragma once
// Private to lib/sim: the simulation's evolving network (read through sim::NetworkView).

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sim/pair_index.hpp"
#include "verbund/core/region.hpp"
#include "verbund/core/tie.hpp"
#include "verbund/sim/checkpoint.hpp"

namespace verbund::sim::detail {

/// The simulator's mutable network, built from a Region: per-actor sorted neighbour arrays so
/// that adding a tie and counting common neighbours stay cheap, a flat pair index for "are they
/// tied?", and the indicators (edges, triangles, connected triples, firms with a science tie,
/// cross-municipal ties) and each actor's partner mix maintained incrementally under every tie
/// event.
class Network {
 public:
  /// The region's ties active in `year` (all if unset), merged per pair; project ties with an
  /// end year end at step (end - year + 1) * 12.
  Network(const core::Region& region, std::optional<int> year);
  /// The region's actors with exactly these ties (a checkpoint's), strengths and ends kept.
  Network(const core::Region& region, std::span<const SimTie> ties);
  // It keeps a pointer to the region: never to a temporary one.
  Network(core::Region&&, std::optional<int>) = delete;
  Network(core::Region&&, std::span<const SimTie>) = delete;

  [[nodiscard]] const core::Region& region() const noexcept { return *region_; }
  [[nodiscard]] std::size_t size() const noexcept { return neighbours_.size(); }
  [[nodiscard]] std::span<const std::uint32_t> neighbours(std::uint32_t v) const {
    return neighbours_[v];
  }
  /// Whether u and v are tied, searched in u's row: pass the actor whose row is warm first.
  [[nodiscard]] bool connected(std::uint32_t u, std::uint32_t v) const;
  [[nodiscard]] std::size_t common_neighbours(std::uint32_t u, std::uint32_t v) const;
  /// The live tie between u and v, if any.
  [[nodiscard]] SimTie* tie(std::uint32_t u, std::uint32_t v);
  [[nodiscard]] const SimTie* tie(std::uint32_t u, std::uint32_t v) const;

  /// Adds a tie made in the current month (no-op returning false if one exists: renew it
  /// through tie()).
  bool connect(std::uint32_t u, std::uint32_t v, core::TieKind kind, int ends = -1);
  /// Records on the live tie of the two (if any) that `supplier` delivers to `buyer`.
  void mark_delivery(std::uint32_t supplier, std::uint32_t buyer);
  /// The month new ties are stamped with.
  void set_month(int month) noexcept { month_ = month; }
  void disconnect(std::uint32_t u, std::uint32_t v);
  /// The ties in creation order, dead ones flagged until compact(): iterate for decay.
  [[nodiscard]] std::vector<SimTie>& ties() noexcept { return ties_; }
  [[nodiscard]] std::span<const SimTie> ties() const noexcept { return ties_; }
  /// Closes actor v (a firm going out of business): its ties end and it can have none until
  /// reopen() (a start-up taking its place). connect() refuses closed actors.
  void close(std::uint32_t v);
  void reopen(std::uint32_t v);
  [[nodiscard]] bool is_open(std::uint32_t v) const noexcept { return open_[v] != 0; }
  /// Drops dead ties from ties() (keeping the order of the live ones). O(ties).
  void compact();

  // --- indicators, O(1) -------------------------------------------------------------------
  [[nodiscard]] std::size_t edges() const noexcept { return edges_; }
  [[nodiscard]] std::uint64_t triangles() const noexcept { return triangles_; }
  [[nodiscard]] double connected_triples() const noexcept { return triples_; }
  /// Operating actors and firms: closed firms (see close()) are not counted.
  [[nodiscard]] std::size_t operating() const noexcept { return operating_; }
  [[nodiscard]] std::size_t firms() const noexcept { return firms_; }
  [[nodiscard]] std::size_t firms_with_science() const noexcept { return firms_with_science_; }
  [[nodiscard]] std::size_t cross_municipal_edges() const noexcept { return cross_; }
  [[nodiscard]] std::size_t located_edges() const noexcept { return located_; }
  /// Whether v has a partner in science (university, institute, research group).
  [[nodiscard]] bool has_science_partner(std::uint32_t v) const noexcept {
    return science_neighbours_[v] > 0;
  }
  /// How many distinct actor kinds v's partners are of.
  [[nodiscard]] unsigned partner_kinds(std::uint32_t v) const noexcept {
    return distinct_kinds_[v];
  }
  /// Counts the changes that can move supply flows: supply ties ended or given a direction,
  /// actors closed or reopened. Equal counts, equal flows (SupplyModel::measure need not run).
  [[nodiscard]] std::uint64_t supply_changes() const noexcept { return supply_changes_; }
  /// Actors in the largest component (closed firms are components of one): O(n + m)
  /// union-find.
  [[nodiscard]] std::size_t giant_size() const;

 private:
  void init_actors();
  /// v's municipality, if known.
  [[nodiscard]] std::optional<core::MunicipalityId> place(std::uint32_t v) const noexcept {
    if (municipality_[v] == UINT32_MAX) return std::nullopt;
    return core::MunicipalityId{municipality_[v]};
  }
  void count_edge(std::uint32_t u, std::uint32_t v, int sign);

  const core::Region* region_;
  std::vector<std::vector<std::uint32_t>> neighbours_;
  std::vector<SimTie> ties_;
  PairIndex index_;  // pair -> live tie
  std::vector<std::uint8_t> firm_, science_, kind_, open_;
  std::vector<std::array<std::uint32_t, core::all_actor_kinds.size()>> kind_counts_;  // per actor
  std::vector<std::uint8_t> distinct_kinds_;  // per actor: kinds with a nonzero count
  std::vector<std::uint32_t> municipality_;
  std::vector<std::uint32_t> science_neighbours_;  // per actor
  std::size_t edges_ = 0, operating_ = 0, firms_ = 0, firms_with_science_ = 0, cross_ = 0,
              located_ = 0;
  std::uint64_t triangles_ = 0;
  std::uint64_t supply_changes_ = 0;
  double triples_ = 0.0;
  int month_ = 0;
};

}  // namespace verbund::sim::detail
