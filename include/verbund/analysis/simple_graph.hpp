#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/core/tie.hpp"

namespace verbund::analysis {

/// Which ties count for an analysis.
struct TieFilter {
  std::vector<core::TieKind> kinds;  ///< empty = every kind
  std::optional<int> year;           ///< only ties active in this year
  /// Whether `tie` is of an accepted kind and active in the year. O(kinds). Thread-safe; does
  /// not throw.
  [[nodiscard]] bool accepts(const core::Tie& tie) const;
};

/// The undirected simple graph behind the indicators: one edge per pair of actors joined by at
/// least one accepted tie, weighted by the sum of those ties' weights. Vertices are the region's
/// actors (same ids). Neighbours are sorted. Immutable once built: the const members are
/// thread-safe, O(1) and do not throw; vertices must be below vertex_count() (unchecked).
class SimpleGraph {
 public:
  /// O(n + m) over the region's CSR (its rows are sorted, so parallel ties are adjacent), in
  /// parallel (oneTBB). Thread-safe (reads `region`); throws only std::bad_alloc.
  SimpleGraph(const core::Region& region, const TieFilter& filter = {});

  /// The region's actor count.
  [[nodiscard]] std::size_t vertex_count() const noexcept { return offsets_.size() - 1; }
  /// Connected pairs.
  [[nodiscard]] std::size_t edge_count() const noexcept { return neighbours_.size() / 2; }
  /// v's neighbours, ascending.
  [[nodiscard]] std::span<const std::uint32_t> neighbours(std::uint32_t v) const {
    return {neighbours_.data() + offsets_[v], offsets_[v + 1] - offsets_[v]};
  }
  /// The edge weights, in the order of neighbours(v).
  [[nodiscard]] std::span<const double> weights(std::uint32_t v) const {
    return {weights_.data() + offsets_[v], offsets_[v + 1] - offsets_[v]};
  }
  /// v's number of neighbours.
  [[nodiscard]] std::size_t degree(std::uint32_t v) const { return offsets_[v + 1] - offsets_[v]; }

 private:
  std::vector<std::uint64_t> offsets_;
  std::vector<std::uint32_t> neighbours_;
  std::vector<double> weights_;
};

}  // namespace verbund::analysis
