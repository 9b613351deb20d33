// Burt's constraint computed for the actors the broker ranking needs only: the same values as for
// every actor, the same brokers as a ranking built here from the whole vectors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "karate_fixture.hpp"
#include "verbund/analysis/brokers.hpp"
#include "verbund/gen/ruhr.hpp"

using namespace verbund;
using analysis::SimpleGraph;

namespace {

// The closed form (Burt 1992; networkx's local_constraint), independent of igraph: with
// p_ij = w_ij / sum_k w_ik, c_i = sum over neighbours j of (p_ij + sum_q p_iq p_qj)^2.
double constraint_by_formula(const SimpleGraph& g, std::uint32_t i) {
  const auto share = [&](std::uint32_t a, std::uint32_t b) {
    double total = 0.0, ab = 0.0;
    const auto nb = g.neighbours(a);
    const auto w = g.weights(a);
    for (std::size_t k = 0; k < nb.size(); ++k) {
      total += w[k];
      if (nb[k] == b) ab += w[k];
    }
    return total > 0 ? ab / total : 0.0;
  };
  double c = 0.0;
  for (const auto j : g.neighbours(i)) {
    double indirect = 0.0;
    for (const auto q : g.neighbours(i))
      if (q != j) indirect += share(i, q) * share(q, j);
    c += std::pow(share(i, j) + indirect, 2);
  }
  return c;
}

const SimpleGraph& generated() {
  static const core::Region region = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 300, .seed = 3});
  static const SimpleGraph graph(region);
  return graph;
}

// The documented order, from every actor's betweenness and constraint.
std::vector<std::uint32_t> ranked_by_hand(const SimpleGraph& g, const std::vector<double>& between,
                                          const std::vector<double>& constraint, std::size_t top) {
  std::vector<std::uint32_t> order(g.vertex_count());
  std::iota(order.begin(), order.end(), 0U);
  const auto c = [&](std::uint32_t v) {
    return std::isnan(constraint[v]) || g.degree(v) == 0 ? INFINITY : constraint[v];
  };
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (between[a] != between[b]) return between[a] > between[b];
    if (c(a) != c(b)) return c(a) < c(b);
    if (g.degree(a) != g.degree(b)) return g.degree(a) > g.degree(b);
    return a < b;
  });
  order.resize(std::min(top, order.size()));
  return order;
}

}  // namespace

TEST_CASE("Burt's constraint of some actors equals the closed form and the whole computation",
          "[analysis][brokers]") {
  const auto& g = generated();
  const auto all = analysis::burt_constraint(g);
  REQUIRE(all.size() == g.vertex_count());
  std::vector<std::uint32_t> some;
  for (std::uint32_t v = 0; v < g.vertex_count(); v += 7) some.push_back(v);
  const auto part = analysis::burt_constraint(g, some);
  std::size_t checked = 0;
  for (std::uint32_t v = 0; v < g.vertex_count(); ++v) {
    if (v % 7 != 0) {
      CHECK(std::isnan(part[v]));
      continue;
    }
    if (g.degree(v) == 0) continue;
    CHECK(part[v] == all[v]);  // the same arithmetic, bit for bit
    CHECK(part[v] == Approx(constraint_by_formula(g, v)).epsilon(1e-9));
    ++checked;
  }
  CHECK(checked > 20);
  CHECK_THROWS_AS(analysis::burt_constraint(
                      g, std::vector<std::uint32_t>{static_cast<std::uint32_t>(g.vertex_count())}),
                  InvalidInput);
}

TEST_CASE("brokers rank as by hand when constraint is computed only for the top's ties",
          "[analysis][brokers]") {
  const core::Region karate = test::karate_club();
  const SimpleGraph karate_graph(karate);
  for (const SimpleGraph* g : {&generated(), &karate_graph}) {
    const auto between = analysis::betweenness(*g).value;
    const auto constraint = analysis::burt_constraint(*g);
    // Many actors share betweenness 0, so a large top cuts through a tie decided by constraint.
    const auto zero = static_cast<std::size_t>(std::count(between.begin(), between.end(), 0.0));
    REQUIRE(zero > 2);
    const std::size_t n = g->vertex_count();
    for (const std::size_t top :
         {std::size_t{0}, std::size_t{1}, std::size_t{5}, n - zero + 2, n}) {
      CAPTURE(n, top);
      const auto found = analysis::brokers(*g, {.top = top}).brokers;
      const auto expected = ranked_by_hand(*g, between, constraint, top);
      REQUIRE(found.size() == expected.size());
      for (std::size_t k = 0; k < found.size(); ++k) {
        CHECK(found[k].actor.value == expected[k]);
        if (g->degree(expected[k]) > 0) {
          REQUIRE(found[k].constraint.has_value());
          CHECK(*found[k].constraint == constraint[expected[k]]);
        }
      }
    }
  }
}
