#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "verbund/analysis/simple_graph.hpp"
#include "verbund/core/region.hpp"

namespace verbund::analysis {

/// Gould & Fernandez (1989) brokerage roles of an actor v: the number of two-paths a -> v -> c
/// (a != c, no tie a -> c) by how the three actors' groups relate. Directed ties (supply) count
/// one way; every other tie both ways, so on undirected ties a - v - c counts as a -> v -> c and
/// c -> v -> a (the convention of statnet's `brokerage`). Parallel ties count once.
struct BrokerageRoles {
  std::uint64_t coordinator = 0;     ///< a, v, c all in one group
  std::uint64_t itinerant = 0;       ///< a and c in one group, v outside it (consultant)
  std::uint64_t representative = 0;  ///< v in a's group, passing on to another group
  std::uint64_t gatekeeper = 0;      ///< v in c's group, letting in from another group
  std::uint64_t liaison = 0;         ///< three different groups
  /// All two-paths through v. O(1). Thread-safe; does not throw.
  [[nodiscard]] std::uint64_t total() const noexcept {
    return coordinator + itinerant + representative + gatekeeper + liaison;
  }
  friend bool operator==(const BrokerageRoles&, const BrokerageRoles&) = default;
};

/// The directed tie graph under a filter: out- and in-neighbours, sorted, without duplicates.
/// Immutable once built: the const members are thread-safe and do not throw; vertices must be
/// below vertex_count() (unchecked).
class DirectedGraph {
 public:
  /// Supply ties one way, the others both ways. O(n + m log m). Throws only std::bad_alloc.
  DirectedGraph(const core::Region& region, const TieFilter& filter = {});
  /// The region's actor count. O(1).
  [[nodiscard]] std::size_t vertex_count() const noexcept { return out_offsets_.size() - 1; }
  /// Whom v has arcs to, ascending. O(1).
  [[nodiscard]] std::span<const std::uint32_t> out(std::uint32_t v) const {
    return {out_.data() + out_offsets_[v], out_offsets_[v + 1] - out_offsets_[v]};
  }
  /// Who has arcs to v, ascending. O(1).
  [[nodiscard]] std::span<const std::uint32_t> in(std::uint32_t v) const {
    return {in_.data() + in_offsets_[v], in_offsets_[v + 1] - in_offsets_[v]};
  }
  /// Whether there is an arc from -> to. O(log out-degree(from)).
  [[nodiscard]] bool has_arc(std::uint32_t from, std::uint32_t to) const;

 private:
  std::vector<std::uint64_t> out_offsets_, in_offsets_;
  std::vector<std::uint32_t> out_, in_;
};

/// Roles of each actor in `actors`, with `group[v]` the group of every vertex (e.g. actor kind).
/// O(sum of in(v) * out(v) * log d) over the chosen actors, in parallel (oneTBB). `group` must
/// have an entry per vertex (unchecked). Thread-safe (reads only); throws only std::bad_alloc.
[[nodiscard]] std::vector<BrokerageRoles> brokerage_roles(const DirectedGraph& graph,
                                                          std::span<const std::uint32_t> group,
                                                          std::span<const std::uint32_t> actors);

}  // namespace verbund::analysis
