#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "verbund/analysis/simple_graph.hpp"

namespace verbund::analysis {

struct BetweennessOptions {
  /// Number of source vertices whose shortest-path trees are summed. 0 or >= n: every vertex,
  /// i.e. exact betweenness (Brandes 2001, O(n m)). Fewer: the Brandes–Pich estimator over
  /// sources drawn without replacement, scaled by n / samples.
  std::size_t samples = 0;
  std::uint64_t seed = 1;    ///< draws the sample sources
  double confidence = 0.95;  ///< for the stated error bound
  /// Called with (sources done, sources in all) as trees are summed, from any thread but never
  /// two at once; may be empty.
  std::function<void(std::size_t, std::size_t)> progress{};
};

/// Unweighted shortest-path betweenness of every vertex, each unordered pair counted once (as
/// networkx `betweenness_centrality(normalized=False)` and igraph `igraph_betweenness`).
struct Betweenness {
  std::vector<double> value;
  bool exact = true;
  std::size_t sources = 0;  ///< shortest-path trees summed
  /// With probability >= `confidence`, every vertex's estimate lies within this much of its true
  /// value simultaneously, in *normalised* units (betweenness / ((n-1)(n-2)/2)). Hoeffding's
  /// inequality for sampling without replacement with a union bound over the n vertices:
  /// n/(n-1) * sqrt(ln(2n / (1 - confidence)) / (2 k)). 0 when exact.
  double normalised_error_bound = 0.0;
  /// Per vertex: the standard error of the estimate from the sample's own spread (finite
  /// population corrected), in raw units; empty when exact. Much tighter than the bound.
  std::vector<double> standard_error;
};

/// Brandes' algorithm over the chosen sources in parallel (oneTBB). Each source's dependencies
/// are accumulated in 2^-24 fixed point, so sums — and results — are identical for any thread
/// count; the rounding error is below n * 2^-25 per vertex. O(k m) for k sources (O(n m) exact),
/// O(n) memory per worker thread. Thread-safe (reads `graph`; progress calls are serialised).
/// Throws InvalidInput if `confidence` is not in (0, 1).
[[nodiscard]] Betweenness betweenness(const SimpleGraph& graph,
                                      const BetweennessOptions& options = {});

/// The sample size for which the bound above is at most `normalised_error` (in (0, 1)). O(1).
/// Thread-safe. Throws InvalidInput if `normalised_error` or `confidence` is not in (0, 1).
[[nodiscard]] std::size_t betweenness_samples_for(std::size_t vertices, double normalised_error,
                                                  double confidence = 0.95);

}  // namespace verbund::analysis
