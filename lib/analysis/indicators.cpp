#include "verbund/analysis/indicators.hpp"

#include <algorithm>

#include "verbund/analysis/components.hpp"

namespace verbund::analysis {

IndicatorCounts count_indicators(const core::Region& region, const SimpleGraph& graph) {
  IndicatorCounts c;
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  c.actors = n;
  c.pairs = graph.edge_count();
  const Components comp = components(graph);
  c.components = comp.sizes.size();
  c.giant = comp.giant;
  for (std::uint32_t v = 0; v < n; ++v) {
    const core::ActorId a{v};
    const auto row = graph.neighbours(v);
    if (counts_as_firm(region.kind(a))) {
      ++c.firms;
      if (std::any_of(row.begin(), row.end(), [&](std::uint32_t w) {
            return counts_as_science(region.kind(core::ActorId{w}));
          })) {
        ++c.firms_with_science_tie;
      }
    }
    const auto here = region.municipality(a);
    for (const auto w : row) {
      if (w < v) continue;  // each pair once
      const auto there = region.municipality(core::ActorId{w});
      if (is_located_pair(here, there)) ++c.located_pairs;
      if (is_cross_municipal(here, there)) ++c.cross_municipal_pairs;
    }
  }
  return c;
}

}  // namespace verbund::analysis
