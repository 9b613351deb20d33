#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "verbund/analysis/betweenness.hpp"

#include "verbund/analysis/simple_graph.hpp"
#include "verbund/core/region.hpp"

namespace verbund::analysis {

struct BrokerOptions {
  std::size_t top = 20;  ///< how many brokers to return
  /// Exact betweenness (Brandes, O(n m)) up to this many actors; above it betweenness is
  /// estimated from `betweenness_samples` sources, with a stated error bound.
  std::size_t exact_betweenness_limit = 20000;
  /// Sources for the estimate above the limit; 0 = no betweenness there (brokers are then
  /// ranked by constraint and degree).
  std::size_t betweenness_samples = 500;
  std::uint64_t seed = 1;  ///< draws the sampled sources
  /// Progress of the betweenness computation (see BetweennessOptions::progress).
  std::function<void(std::size_t, std::size_t)> progress{};
};

/// One broker and what hangs on it.
struct Broker {
  core::ActorId actor;
  std::size_t degree = 0;
  /// Unweighted shortest-path betweenness, each unordered pair counted once (networkx
  /// `betweenness_centrality(normalized=False)`); an estimate when sampled, empty when skipped.
  std::optional<double> betweenness;
  /// Standard error of a sampled betweenness (raw units); empty when exact.
  std::optional<double> betweenness_error;
  /// Burt's constraint with tie weights (igraph_constraint); low = brokerage opportunities.
  /// Empty for isolated actors.
  std::optional<double> constraint;
  /// Actors that lose their connection to the giant component if this actor leaves.
  std::size_t cut_off = 0;
  double giant_share_after = 0.0;  ///< giant component share without this actor
};

/// The brokers found and how their betweenness was obtained.
struct BrokerReport {
  std::vector<Broker> brokers;
  enum class Mode { exact, sampled, skipped } betweenness_mode = Mode::exact;
  std::size_t betweenness_sources = 0;
  /// For sampled betweenness: every actor's estimate lies within this of the truth, in
  /// normalised units, with probability >= 95 % (see `Betweenness`).
  double betweenness_error_bound = 0.0;
};

/// Burt's constraint with tie weights (igraph_constraint) of `vertices`, or of every vertex when
/// `vertices` is empty; the result has one entry per vertex, NaN where not asked for, for
/// isolated vertices, and everywhere on a graph without edges. O(m + sum over the asked vertices
/// of degree times their neighbours' degrees). Thread-safe (igraph calls are serialised). Throws
/// InvalidInput for a vertex out of range, Error if igraph fails.
[[nodiscard]] std::vector<double> burt_constraint(const SimpleGraph& graph,
                                                  std::span<const std::uint32_t> vertices = {});

/// The top brokers: by betweenness when it is computed, else by lowest constraint then degree;
/// ties broken by actor id. Deterministic for a seed, for any thread count. Thread-safe (igraph
/// calls are serialised). O(k m) for betweenness from k sources (n when exact), plus igraph's
/// constraint (O(sum of degree^2), only for the actors at or above the top-th betweenness when
/// betweenness is computed) and a union-find per returned broker, O(top m alpha(n)).
/// Throws Error if igraph fails.
[[nodiscard]] BrokerReport brokers(const SimpleGraph& graph, const BrokerOptions& options = {});

}  // namespace verbund::analysis
