#include <catch2/catch.hpp>

#include <map>

#include "../core/region_fixture.hpp"
#include "karate_fixture.hpp"
#include "verbund/analysis/brokers.hpp"
#include "verbund/analysis/communities.hpp"
#include "verbund/io/region_csv.hpp"

using namespace verbund;
using analysis::SimpleGraph;

namespace {

// Closed form, independent of igraph: Q = sum over communities of L_c / m - (D_c / 2m)^2.
double modularity_by_formula(const SimpleGraph& g, const std::vector<std::uint32_t>& membership) {
  const double m = static_cast<double>(g.edge_count());
  std::map<std::uint32_t, double> inside, degree;
  for (std::uint32_t v = 0; v < g.vertex_count(); ++v) {
    degree[membership[v]] += static_cast<double>(g.degree(v));
    for (const auto w : g.neighbours(v)) {
      if (w > v && membership[w] == membership[v]) inside[membership[v]] += 1.0;
    }
  }
  double q = 0.0;
  for (const auto& [c, d] : degree) q += inside[c] / m - (d / (2 * m)) * (d / (2 * m));
  return q;
}

}  // namespace

TEST_CASE("communities of the karate club: good modularity, reproducible by seed",
          "[analysis][communities]") {
  const core::Region region = test::karate_club();
  const SimpleGraph graph(region);
  for (const auto method :
       {analysis::CommunityMethod::louvain, analysis::CommunityMethod::leiden}) {
    const auto a = analysis::detect_communities(graph, {.method = method, .seed = 7});
    const auto b = analysis::detect_communities(graph, {.method = method, .seed = 7});
    CHECK(a.membership == b.membership);
    // The best partition of the karate club has Q = 0.4198 (Brandes et al. 2008).
    CHECK(a.modularity >= 0.40);
    CHECK(a.modularity <= 0.41979 + 1e-4);
    CHECK(a.modularity == Approx(modularity_by_formula(graph, a.membership)).epsilon(1e-12));
    CHECK(a.count >= 3);
    CHECK(a.membership[0] == 0);  // numbered by first appearance
  }
  // One community holding everyone has modularity 0.
  CHECK(analysis::modularity(graph, std::vector<std::uint32_t>(34, 0)) ==
        Approx(0.0).margin(1e-12));
}

// Reference values from networkx: betweenness_centrality(normalized=False), constraint.
TEST_CASE("brokers of the karate club match networkx", "[analysis][brokers]") {
  const core::Region region = test::karate_club();
  const SimpleGraph graph(region);
  const auto report = analysis::brokers(graph, {.top = 3});
  const auto& top = report.brokers;
  CHECK(report.betweenness_mode == analysis::BrokerReport::Mode::exact);
  REQUIRE(top.size() == 3);
  CHECK(region.external_id(top[0].actor) == "k0");
  CHECK(*top[0].betweenness == Approx(231.0714285714286));
  CHECK(region.external_id(top[1].actor) == "k33");
  CHECK(*top[1].betweenness == Approx(160.5515873015873));
  CHECK(region.external_id(top[2].actor) == "k32");
  CHECK(*top[2].betweenness == Approx(76.69047619047619));
  CHECK(*top[0].constraint == Approx(0.15542329764660495));
  CHECK(*top[1].constraint == Approx(0.1564186851211073));
  // networkx: without member 0 the club falls into 27 + 5 + 1 (members 4, 5, 6, 10, 16 and 11).
  CHECK(top[0].cut_off == 6);

  // Above the exact limit without samples, ranking falls back to constraint.
  const auto ranked =
      analysis::brokers(graph, {.top = 2, .exact_betweenness_limit = 10, .betweenness_samples = 0})
          .brokers;
  CHECK_FALSE(ranked[0].betweenness.has_value());
  CHECK(*ranked[0].constraint <= *ranked[1].constraint);
}

TEST_CASE("what breaks if a broker goes, on the hand-drawn region", "[analysis][brokers]") {
  const core::Region region = core::build_region(test::small_region_data());
  const SimpleGraph graph(region);
  const auto top = analysis::brokers(graph, {.top = 8}).brokers;
  // The path uni - f1 - f2 - f3 - grp: f2 sits in the middle.
  CHECK(region.external_id(top[0].actor) == "f2");
  CHECK(*top[0].betweenness == Approx(4.0));  // pairs (uni|f1) x (f3|grp)
  CHECK(top[0].cut_off == 2);                 // the giant (5) falls to 2 without f2
  CHECK(top[0].giant_share_after == Approx(2.0 / 7.0));
  const auto isolated = std::find_if(
      top.begin(), top.end(), [&](const auto& b) { return region.external_id(b.actor) == "f4"; });
  REQUIRE(isolated != top.end());
  CHECK_FALSE(isolated->constraint.has_value());
  CHECK(isolated->cut_off == 0);
}
