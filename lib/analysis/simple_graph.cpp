#include "verbund/analysis/simple_graph.hpp"

#include <algorithm>

#include "core/parallel_loops.hpp"

namespace verbund::analysis {

bool TieFilter::accepts(const core::Tie& tie) const {
  if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), tie.kind) == kinds.end())
    return false;
  return !year || tie.active_in(*year);
}

SimpleGraph::SimpleGraph(const core::Region& region, const TieFilter& filter) {
  const std::size_t n = region.size();
  // Region rows are sorted by neighbour, so parallel ties are adjacent: count, then fill.
  std::vector<std::uint64_t> degree(n, 0);
  auto for_each_edge = [&](std::uint32_t v, auto&& emit) {
    const auto row = region.neighbours(core::ActorId{v});
    std::size_t k = 0;
    while (k < row.size()) {
      const auto other = row[k].actor;
      double weight = 0.0;
      bool accepted = false;
      for (; k < row.size() && row[k].actor == other; ++k) {
        const core::Tie& tie = region.tie(row[k].tie);
        if (filter.accepts(tie)) {
          accepted = true;
          weight += tie.weight;
        }
      }
      if (accepted) emit(other.value, weight);
    }
  };
  par::parallel_for(std::size_t{0}, n, [&](std::size_t v) {
    std::uint64_t d = 0;
    for_each_edge(static_cast<std::uint32_t>(v), [&](std::uint32_t, double) { ++d; });
    degree[v] = d;
  });
  offsets_.assign(n + 1, 0);
  for (std::size_t v = 0; v < n; ++v) offsets_[v + 1] = offsets_[v] + degree[v];
  neighbours_.resize(offsets_[n]);
  weights_.resize(offsets_[n]);
  par::parallel_for(std::size_t{0}, n, [&](std::size_t v) {
    std::uint64_t at = offsets_[v];
    for_each_edge(static_cast<std::uint32_t>(v), [&](std::uint32_t w, double weight) {
      neighbours_[at] = w;
      weights_[at] = weight;
      ++at;
    });
  });
}

}  // namespace verbund::analysis
