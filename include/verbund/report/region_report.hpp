#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "verbund/analysis/brokers.hpp"
#include "verbund/analysis/communities.hpp"
#include "verbund/analysis/metrics.hpp"
#include "verbund/core/region.hpp"
#include "verbund/report/lang.hpp"

namespace verbund::report {

struct RegionReportOptions {
  Lang lang = Lang::en;
  /// The map shows every non-firm actor and as many firms (every k-th by id) as fit in this
  /// many points, and at most `max_map_ties` ties among the shown actors (every k-th): a
  /// 100,000-firm region stays a file of a few MB.
  std::size_t max_map_actors = 4000;
  std::size_t max_map_ties = 6000;
  std::size_t brokers = 10;      ///< brokers listed
  std::size_t communities = 10;  ///< largest communities listed
  /// Betweenness of brokers: exact up to this many actors, else sampled (see BrokerOptions);
  /// 32 sources keep a 100,000-firm region's report within its 5 s (the report states it).
  std::size_t exact_betweenness_limit = 3000;
  std::size_t betweenness_samples = 32;
  std::uint64_t seed = 1;
};

/// The library results a region report shows (all ties counted).
struct RegionAnalysis {
  analysis::NetworkMetrics whole;
  std::vector<analysis::GroupMetrics> by_municipality;
  analysis::BrokerReport brokers;
  analysis::Communities communities;
};

/// Computes what the report shows: network_metrics, metrics_by municipality, brokers and
/// communities (Leiden optimising modularity: on 100,000 firms 3x faster than Louvain) on the
/// simple graph of all ties. Cost as those functions: O(m^1.5) for
/// the clustering, O(k m) for betweenness from k sampled sources, roughly O(m log n) for the
/// communities. Throws Error if igraph fails. Thread-safe; runs on oneTBB worker threads.
[[nodiscard]] RegionAnalysis analyse_region(const core::Region& region,
                                            const RegionReportOptions& options);

/// The region report: headline figures, a map of actors (coloured by kind) and ties from their
/// coordinates with the municipalities labelled, bar charts of indicators by municipality, the
/// brokers (what hangs on each, in words) and the largest communities. An empty region gives a
/// page saying so. O(n + m + size of `analysis`). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string region_report(const core::Region& region, const RegionAnalysis& analysis,
                                        const RegionReportOptions& options);

}  // namespace verbund::report
