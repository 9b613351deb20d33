#pragma once

#include <cstdint>
#include <vector>

#include "verbund/analysis/simple_graph.hpp"

namespace verbund::analysis {

enum class CommunityMethod { louvain, leiden };

struct CommunityOptions {
  CommunityMethod method = CommunityMethod::louvain;
  double resolution = 1.0;  ///< modularity resolution (1 = classic modularity)
  bool weighted = true;     ///< use tie weights
  std::uint64_t seed = 1;   ///< seeds igraph's generator for this call only
};

struct Communities {
  std::vector<std::uint32_t> membership;  ///< community of each actor, numbered from 0
  std::size_t count = 0;
  double modularity = 0.0;  ///< of `membership`, at the requested resolution and weighting
};

/// Community detection through igraph (multilevel/Louvain, or Leiden optimising modularity).
/// Same graph, options and seed give the same partition. Throws InvalidInput if the resolution
/// is not positive, Error if igraph fails. Thread-safe (igraph calls are serialised). Roughly
/// O(m log n).
[[nodiscard]] Communities detect_communities(const SimpleGraph& graph,
                                             const CommunityOptions& options = {});

/// Modularity of any partition (igraph_modularity), for comparing partitions. O(n + m).
/// Throws InvalidInput if `membership` does not have one entry per vertex, Error if igraph
/// fails. Thread-safe (igraph calls are serialised).
[[nodiscard]] double modularity(const SimpleGraph& graph,
                                const std::vector<std::uint32_t>& membership,
                                double resolution = 1.0, bool weighted = true);

}  // namespace verbund::analysis
