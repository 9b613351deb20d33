#pragma once

// The four headline indicators of a regional network, each defined once: what counts (a firm, a
// science actor, a located or cross-municipal tie) and the formula over the counts. `verbund
// info` (summarize), `verbund metrics` (network_metrics) and the simulation, which keeps the
// counts incrementally as ties form and end, all go through these definitions.

#include <cstddef>
#include <optional>

#include "verbund/analysis/simple_graph.hpp"
#include "verbund/core/actor_kind.hpp"
#include "verbund/core/ids.hpp"
#include "verbund/core/region.hpp"

namespace verbund::analysis {

// --- what counts -----------------------------------------------------------------------------

/// The actors the science share is a share of: firms. O(1), thread-safe, does not throw.
[[nodiscard]] constexpr bool counts_as_firm(core::ActorKind kind) noexcept {
  return kind == core::ActorKind::firm;
}

/// The partners that give a firm a science tie: universities, research institutes and research
/// groups (core::is_science). O(1), thread-safe, does not throw.
[[nodiscard]] constexpr bool counts_as_science(core::ActorKind kind) noexcept {
  return core::is_science(kind);
}

/// Whether a tie between actors in municipalities `a` and `b` counts for the cross-municipal
/// share at all: both municipalities are known. O(1), thread-safe, does not throw.
[[nodiscard]] constexpr bool is_located_pair(std::optional<core::MunicipalityId> a,
                                             std::optional<core::MunicipalityId> b) noexcept {
  return a.has_value() && b.has_value();
}

/// Whether such a tie is cross-municipal: both municipalities known and different. O(1),
/// thread-safe, does not throw.
[[nodiscard]] constexpr bool is_cross_municipal(std::optional<core::MunicipalityId> a,
                                                std::optional<core::MunicipalityId> b) noexcept {
  return is_located_pair(a, b) && *a != *b;
}

// --- the formulas ----------------------------------------------------------------------------

/// part / whole, 0 when whole is 0 (an indicator of nothing is 0, not NaN). O(1), thread-safe,
/// does not throw.
[[nodiscard]] constexpr double share(std::size_t part, std::size_t whole) noexcept {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

/// Connected pairs over possible pairs, pairs / (n (n - 1) / 2); 0 for fewer than two actors.
/// Parallel ties between one pair count once. O(1), thread-safe, does not throw.
[[nodiscard]] constexpr double density(std::size_t actors, std::size_t pairs) noexcept {
  const auto n = static_cast<double>(actors);
  return actors >= 2 ? static_cast<double>(pairs) / (n * (n - 1) / 2.0) : 0.0;
}

/// Actors in the largest connected component over all actors (isolated actors are components
/// of one); 0 without actors. O(1), thread-safe, does not throw.
[[nodiscard]] constexpr double giant_component_share(std::size_t giant,
                                                     std::size_t actors) noexcept {
  return share(giant, actors);
}

/// Firms with at least one tie to a science actor (counts_as_science) over all firms
/// (counts_as_firm); 0 without firms. O(1), thread-safe, does not throw.
[[nodiscard]] constexpr double science_share(std::size_t firms_with_science_tie,
                                             std::size_t firms) noexcept {
  return share(firms_with_science_tie, firms);
}

/// Cross-municipal connected pairs over located pairs (is_cross_municipal, is_located_pair):
/// pairs with an end of unknown municipality are left out of both; 0 without located pairs.
/// O(1), thread-safe, does not throw.
[[nodiscard]] constexpr double cross_municipal_share(std::size_t cross_municipal_pairs,
                                                     std::size_t located_pairs) noexcept {
  return share(cross_municipal_pairs, located_pairs);
}

/// Krackhardt's E-I index, (external - internal) / (external + internal): +1 when every tie
/// leaves the group, -1 when every tie stays inside; 0 without ties. O(1), thread-safe, does not
/// throw.
[[nodiscard]] constexpr double ei_index(std::size_t external, std::size_t internal) noexcept {
  const auto ties = static_cast<double>(external + internal);
  return external + internal > 0
             ? (static_cast<double>(external) - static_cast<double>(internal)) / ties
             : 0.0;
}

// --- counts and indicators of a network ------------------------------------------------------

/// The counts behind the headline indicators of one network (pairs are distinct connected actor
/// pairs, i.e. the edges of a SimpleGraph).
struct IndicatorCounts {
  std::size_t actors = 0;
  std::size_t pairs = 0;
  std::size_t components = 0;  ///< connected components, isolated actors included
  std::size_t giant = 0;       ///< actors in the largest component
  std::size_t firms = 0;
  std::size_t firms_with_science_tie = 0;
  std::size_t located_pairs = 0;
  std::size_t cross_municipal_pairs = 0;
  friend bool operator==(const IndicatorCounts&, const IndicatorCounts&) = default;
};

/// The four headline indicators.
struct HeadlineIndicators {
  double density = 0.0;
  double giant_share = 0.0;
  double science_share = 0.0;
  double cross_municipal_share = 0.0;
};

/// The four formulas above applied to `counts`. O(1), thread-safe, does not throw.
[[nodiscard]] constexpr HeadlineIndicators headline_indicators(
    const IndicatorCounts& counts) noexcept {
  return {.density = density(counts.actors, counts.pairs),
          .giant_share = giant_component_share(counts.giant, counts.actors),
          .science_share = science_share(counts.firms_with_science_tie, counts.firms),
          .cross_municipal_share =
              cross_municipal_share(counts.cross_municipal_pairs, counts.located_pairs)};
}

/// Counts the indicators' ingredients on `graph` (the region's ties under its filter; vertices
/// are `region`'s actors). O(n + m alpha(n)): one pass over the edges and a union-find.
/// Thread-safe (reads only). Does not throw (beyond std::bad_alloc).
[[nodiscard]] IndicatorCounts count_indicators(const core::Region& region,
                                               const SimpleGraph& graph);

}  // namespace verbund::analysis
