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
  [[nodiscard]] bool accepts(const core::Tie& tie) const;
};

/// The undirected simple graph behind the indicators: one edge per pair of actors joined by at
/// least one accepted tie, weighted by the sum of those ties' weights. Vertices are the region's
/// actors (same ids). Neighbours are sorted.
class SimpleGraph {
 public:
  /// O((n + m) log d) over the region's CSR, in parallel.
  SimpleGraph(const core::Region& region, const TieFilter& filter = {});

  [[nodiscard]] std::size_t vertex_count() const noexcept { return offsets_.size() - 1; }
  [[nodiscard]] std::size_t edge_count() const noexcept { return neighbours_.size() / 2; }
  [[nodiscard]] std::span<const std::uint32_t> neighbours(std::uint32_t v) const {
    return {neighbours_.data() + offsets_[v], offsets_[v + 1] - offsets_[v]};
  }
  [[nodiscard]] std::span<const double> weights(std::uint32_t v) const {
    return {weights_.data() + offsets_[v], offsets_[v + 1] - offsets_[v]};
  }
  [[nodiscard]] std::size_t degree(std::uint32_t v) const { return offsets_[v + 1] - offsets_[v]; }

 private:
  std::vector<std::uint64_t> offsets_;
  std::vector<std::uint32_t> neighbours_;
  std::vector<double> weights_;
};

}  // namespace verbund::analysis
