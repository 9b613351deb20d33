#include <catch2/catch.hpp>

#include <numeric>
#include <queue>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>

#include "core/region_bgl.hpp"
#include "region_fixture.hpp"
#include "verbund/core/random.hpp"
#include "verbund/core/region.hpp"

using namespace verbund::core;

namespace {
// Oracle independent of the CSR: union-find over the tie list.
std::size_t components_by_union_find(const Region& r) {
  std::vector<std::uint32_t> parent(r.size());
  std::iota(parent.begin(), parent.end(), 0U);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::size_t count = r.size();
  for (const Tie& t : r.ties()) {
    const auto a = find(t.source.value), b = find(t.target.value);
    if (a != b) {
      parent[a] = b;
      --count;
    }
  }
  return count;
}

}  // namespace

TEST_CASE("Boost.Graph runs on the region's CSR without copying", "[core][bgl]") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    // Sparse graphs around the giant-component threshold give many components.
    const Region r = verbund::test::random_multigraph(seed, 300, 120 + 40 * seed);
    const verbund::core::detail::RegionGraph g{&r};
    std::vector<std::uint32_t> component(r.size());
    const auto count = boost::connected_components(g, component.data());
    CHECK(static_cast<std::size_t>(count) == components_by_union_find(r));
    for (const Tie& t : r.ties()) REQUIRE(component[t.source.value] == component[t.target.value]);

    // BFS distances from actor 0 against a plain queue over the tie list's adjacency.
    std::vector<std::uint32_t> distance(r.size(), 0);
    boost::breadth_first_search(g, 0U,
                                boost::visitor(boost::make_bfs_visitor(boost::record_distances(
                                    distance.data(), boost::on_tree_edge()))));
    std::vector<int> expected(r.size(), -1);
    std::vector<std::vector<std::uint32_t>> adj(r.size());
    for (const Tie& t : r.ties()) {
      adj[t.source.value].push_back(t.target.value);
      adj[t.target.value].push_back(t.source.value);
    }
    std::queue<std::uint32_t> q;
    expected[0] = 0;
    q.push(0);
    while (!q.empty()) {
      const auto v = q.front();
      q.pop();
      for (const auto w : adj[v]) {
        if (expected[w] < 0) {
          expected[w] = expected[v] + 1;
          q.push(w);
        }
      }
    }
    for (std::uint32_t v = 0; v < r.size(); ++v) {
      if (expected[v] >= 0) REQUIRE(static_cast<int>(distance[v]) == expected[v]);
    }
  }
}
