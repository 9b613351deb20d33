#include "verbund/analysis/brokerage_roles.hpp"

#include <algorithm>

#include "core/parallel_loops.hpp"

namespace verbund::analysis {
namespace {

/// Sorts and deduplicates each row of an adjacency list given as (from, to) arcs.
void build_rows(std::size_t n, std::vector<std::pair<std::uint32_t, std::uint32_t>>& arcs,
                std::vector<std::uint64_t>& offsets, std::vector<std::uint32_t>& targets) {
  std::sort(arcs.begin(), arcs.end());
  arcs.erase(std::unique(arcs.begin(), arcs.end()), arcs.end());
  offsets.assign(n + 1, 0);
  for (const auto& [from, to] : arcs) ++offsets[from + 1];
  for (std::size_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
  targets.resize(arcs.size());
  for (std::size_t i = 0; i < arcs.size(); ++i) targets[i] = arcs[i].second;
}

}  // namespace

DirectedGraph::DirectedGraph(const core::Region& region, const TieFilter& filter) {
  const std::size_t n = region.size();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  for (std::uint32_t t = 0; t < region.tie_count(); ++t) {
    const core::Tie& tie = region.tie(core::TieId{t});
    if (!filter.accepts(tie) || tie.source == tie.target) continue;
    arcs.emplace_back(tie.source.value, tie.target.value);
    if (!core::is_directed(tie.kind)) arcs.emplace_back(tie.target.value, tie.source.value);
  }
  build_rows(n, arcs, out_offsets_, out_);
  for (auto& [from, to] : arcs) std::swap(from, to);
  build_rows(n, arcs, in_offsets_, in_);
}

bool DirectedGraph::has_arc(std::uint32_t from, std::uint32_t to) const {
  const auto row = out(from);
  return std::binary_search(row.begin(), row.end(), to);
}

std::vector<BrokerageRoles> brokerage_roles(const DirectedGraph& graph,
                                            std::span<const std::uint32_t> group,
                                            std::span<const std::uint32_t> actors) {
  std::vector<BrokerageRoles> roles(actors.size());
  par::parallel_for(std::size_t{0}, actors.size(), [&](std::size_t i) {
    const std::uint32_t v = actors[i];
    BrokerageRoles& r = roles[i];
    for (const auto a : graph.in(v)) {
      for (const auto c : graph.out(v)) {
        if (a == c || graph.has_arc(a, c)) continue;
        const bool av = group[a] == group[v], vc = group[v] == group[c], ac = group[a] == group[c];
        if (av && vc) {
          ++r.coordinator;
        } else if (ac) {
          ++r.itinerant;
        } else if (av) {
          ++r.representative;
        } else if (vc) {
          ++r.gatekeeper;
        } else {
          ++r.liaison;
        }
      }
    }
  });
  return roles;
}

}  // namespace verbund::analysis
