#include "verbund/analysis/components.hpp"

#include <algorithm>
#include <numeric>

namespace verbund::analysis {

Components components(const SimpleGraph& graph, std::optional<std::uint32_t> removed) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0U);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::uint32_t v = 0; v < n; ++v) {
    if (v == removed) continue;
    for (const auto w : graph.neighbours(v)) {
      if (w < v || w == removed) continue;
      const auto a = find(v), b = find(w);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);  // root = smallest member
    }
  }
  Components c;
  c.of.resize(n);
  std::vector<std::uint32_t> number(n, UINT32_MAX);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (v == removed) {
      c.of[v] = UINT32_MAX;
      continue;
    }
    const auto root = find(v);
    if (number[root] == UINT32_MAX) {
      number[root] = static_cast<std::uint32_t>(c.sizes.size());
      c.sizes.push_back(0);
    }
    c.of[v] = number[root];
    ++c.sizes[number[root]];
  }
  if (!c.sizes.empty()) c.giant = *std::max_element(c.sizes.begin(), c.sizes.end());
  return c;
}

}  // namespace verbund::analysis
