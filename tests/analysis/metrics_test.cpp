#include <catch2/catch.hpp>

#include "../core/region_fixture.hpp"
#include "karate_fixture.hpp"
#include "test_support.hpp"
#include "verbund/analysis/metrics.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/core/random.hpp"
#include "verbund/io/region_csv.hpp"

using namespace verbund;
using analysis::SimpleGraph;

// Reference values from networkx 2.8 (karate_club_graph): transitivity, average_clustering,
// density; 45 triangles.
TEST_CASE("clustering of Zachary's karate club matches networkx", "[analysis][metrics]") {
  const core::Region region = test::karate_club();
  const SimpleGraph graph(region);
  REQUIRE(graph.vertex_count() == 34);
  REQUIRE(graph.edge_count() == 78);
  const auto c = analysis::clustering(graph);
  CHECK(c.triangles == 45);
  CHECK(c.transitivity == Approx(0.2556818181818182).epsilon(1e-12));
  CHECK(c.average_local == Approx(0.5706384782076823).epsilon(1e-12));
  const auto m = analysis::network_metrics(region, graph);
  CHECK(m.density == Approx(0.13903743315508021).epsilon(1e-12));
  CHECK(m.components == 1);
  CHECK(m.max_degree == 17);
}

TEST_CASE("triangle counts equal brute force and do not depend on the thread count",
          "[analysis][metrics]") {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const core::Region region = test::random_multigraph(seed, 60, 400);
    const SimpleGraph graph(region);
    const std::size_t n = graph.vertex_count();
    std::vector<std::vector<bool>> adj(n, std::vector<bool>(n, false));
    for (std::uint32_t v = 0; v < n; ++v) {
      for (const auto w : graph.neighbours(v)) adj[v][w] = true;
    }
    std::vector<std::uint64_t> expected(n, 0);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = a + 1; b < n; ++b)
        for (std::size_t c = b + 1; c < n; ++c)
          if (adj[a][b] && adj[b][c] && adj[a][c]) ++expected[a], ++expected[b], ++expected[c];
    std::vector<std::uint64_t> one, two;
    {
      const core::ThreadLimit limit(1);
      one = analysis::clustering(graph).triangles_at;
    }
    {
      const core::ThreadLimit limit(2);
      two = analysis::clustering(graph).triangles_at;
    }
    CHECK(one == expected);
    CHECK(two == expected);
  }
}

TEST_CASE("regional indicators and tie filters on the hand-drawn region", "[analysis][metrics]") {
  const core::Region region = core::build_region(test::small_region_data());
  SECTION("all ties") {
    const SimpleGraph graph(region);
    CHECK(graph.edge_count() == 4);  // f2-f3 has two ties, one pair
    const auto m = analysis::network_metrics(region, graph);
    CHECK(m.science_share == Approx(0.5));
    // Pairs with both municipalities known: uni-f1 (Essen-Essen), f1-f2 (Essen-Duisburg),
    // f2-f3 (Duisburg-Mülheim), f3-grp (Mülheim-Essen): 3 of 4 cross a border.
    CHECK(m.cross_municipal_share == Approx(0.75));
    // Kinds: uni-f1, f3-grp external; f1-f2, f2-f3 internal: (2 - 2) / 4.
    CHECK(m.ei_index_kind == Approx(0.0));
    CHECK(m.isolated == 3);
    CHECK(m.smes == 2);  // f1 micro, f2 medium
    CHECK(m.smes_with_project == 0);
    // Parallel ties merge into one edge weighted by their sum (supply 0.7 + informal 0.2).
    const auto w = graph.weights(region.find("f2")->value);
    CHECK(std::find(w.begin(), w.end(), 0.7 + 0.2) != w.end());
  }
  SECTION("a year and a kind filter") {
    const SimpleGraph in_2019(region, {.kinds = {}, .year = 2019});
    CHECK(in_2019.edge_count() == 3);  // the transfer tie ended in 2018
    CHECK(analysis::network_metrics(region, in_2019).science_share == Approx(0.25));
    const SimpleGraph supply(region, {.kinds = {core::TieKind::supply}, .year = std::nullopt});
    CHECK(supply.edge_count() == 2);
  }
  SECTION("by municipality and kind") {
    const SimpleGraph graph(region);
    const auto rows = analysis::metrics_by(region, graph, analysis::Grouping::municipality);
    REQUIRE(rows.size() == 4);  // "", Duisburg, Essen, Mülheim an der Ruhr
    CHECK(rows[0].group.empty());
    const auto& essen = rows[2];
    CHECK(essen.group == "Essen");
    CHECK(essen.actors == 4);
    CHECK(essen.edges_inside == 1);   // uni-f1
    CHECK(essen.edges_outside == 2);  // f1-f2, grp-f3
    CHECK(essen.ei_index == Approx(1.0 / 3.0));
    const auto kinds = analysis::metrics_by(region, graph, analysis::Grouping::kind);
    const auto firm =
        std::find_if(kinds.begin(), kinds.end(), [](const auto& r) { return r.group == "firm"; });
    REQUIRE(firm != kinds.end());
    CHECK(firm->edges_inside == 2);
    CHECK(firm->edges_outside == 2);
    CHECK(firm->science_share == Approx(0.5));
  }
}
