#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "verbund/analysis/simple_graph.hpp"
#include "verbund/core/region.hpp"

namespace verbund::analysis {

struct BrokerOptions {
  std::size_t top = 20;  ///< how many brokers to return
  /// Exact betweenness (Brandes, through igraph, O(n m)) only up to this many actors; above it
  /// brokers are ranked by constraint and degree and betweenness is left empty.
  std::size_t exact_betweenness_limit = 50000;
};

/// One broker and what hangs on it.
struct Broker {
  core::ActorId actor;
  std::size_t degree = 0;
  /// Unweighted shortest-path betweenness, each unordered pair counted once (networkx
  /// `betweenness_centrality(normalized=False)`); empty above the exact limit.
  std::optional<double> betweenness;
  /// Burt's constraint with tie weights (igraph_constraint); low = brokerage opportunities.
  /// Empty for isolated actors.
  std::optional<double> constraint;
  /// Actors that lose their connection to the giant component if this actor leaves.
  std::size_t cut_off = 0;
  double giant_share_after = 0.0;  ///< giant component share without this actor
};

/// The top brokers: by betweenness when it is computed, else by lowest constraint then degree;
/// ties broken by actor id. Thread-safe (igraph calls are serialised).
[[nodiscard]] std::vector<Broker> brokers(const SimpleGraph& graph,
                                          const BrokerOptions& options = {});

}  // namespace verbund::analysis
