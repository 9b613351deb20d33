// Betweenness (exact and sampled), Gould–Fernandez roles and weighted clustering, each against a
// brute-force definition computed here independently.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "../core/region_fixture.hpp"
#include "karate_fixture.hpp"
#include "verbund/analysis/betweenness.hpp"
#include "verbund/analysis/brokerage_roles.hpp"
#include "verbund/analysis/metrics.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/core/region.hpp"

using namespace verbund;
using analysis::SimpleGraph;

namespace {

/// B(v) = sum over pairs s < t of sigma_st(v) / sigma_st, from all-pairs BFS path counts.
std::vector<double> betweenness_by_definition(const SimpleGraph& g) {
  const std::size_t n = g.vertex_count();
  std::vector<std::vector<int>> dist(n, std::vector<int>(n, -1));
  std::vector<std::vector<double>> sigma(n, std::vector<double>(n, 0.0));
  for (std::uint32_t s = 0; s < n; ++s) {
    std::vector<std::uint32_t> queue{s};
    dist[s][s] = 0;
    sigma[s][s] = 1.0;
    for (std::size_t h = 0; h < queue.size(); ++h) {
      const auto v = queue[h];
      for (const auto w : g.neighbours(v)) {
        if (dist[s][w] < 0) dist[s][w] = dist[s][v] + 1, queue.push_back(w);
        if (dist[s][w] == dist[s][v] + 1) sigma[s][w] += sigma[s][v];
      }
    }
  }
  std::vector<double> b(n, 0.0);
  for (std::size_t s = 0; s < n; ++s)
    for (std::size_t t = s + 1; t < n; ++t) {
      if (dist[s][t] < 0) continue;
      for (std::size_t v = 0; v < n; ++v) {
        if (v == s || v == t || dist[s][v] < 0 || dist[v][t] < 0) continue;
        if (dist[s][v] + dist[v][t] == dist[s][t]) b[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
      }
    }
  return b;
}

core::Region random_grouped_region(std::uint64_t seed, std::uint32_t n, std::uint32_t m) {
  core::RandomStream rng(seed, 7);
  core::RegionBuilder builder;
  const core::ActorKind kinds[] = {core::ActorKind::firm, core::ActorKind::university,
                                   core::ActorKind::chamber, core::ActorKind::cluster};
  for (std::uint32_t i = 0; i < n; ++i) {
    core::ActorRecord a;
    a.id = "a" + std::to_string(i);
    a.name = a.id;
    a.kind = kinds[rng.below(4)];
    builder.add_actor(a);
  }
  for (std::uint32_t k = 0; k < m; ++k) {
    const auto s = static_cast<std::uint32_t>(rng.below(n));
    auto t = static_cast<std::uint32_t>(rng.below(n - 1));
    if (t >= s) ++t;
    const auto kind = rng.bernoulli(0.5) ? core::TieKind::supply : core::TieKind::research;
    builder.add_tie({core::ActorId{s}, core::ActorId{t}, kind, 1.0, std::nullopt, std::nullopt});
  }
  return std::move(builder).build();
}

}  // namespace

TEST_CASE("exact betweenness equals the definition and networkx on the karate club",
          "[analysis][betweenness]") {
  const SimpleGraph karate(test::karate_club());
  const auto exact = analysis::betweenness(karate);
  CHECK(exact.exact);
  CHECK(exact.sources == 34);
  CHECK(exact.value[0] == Approx(231.0714285714286));  // networkx, normalized=False
  CHECK(exact.value[33] == Approx(160.5515873015873));
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const SimpleGraph graph(test::random_multigraph(seed, 50, 90));  // sparse: several components
    const auto expected = betweenness_by_definition(graph);
    std::vector<double> one, two;
    {
      const core::ThreadLimit limit(1);
      one = analysis::betweenness(graph).value;
    }
    {
      const core::ThreadLimit limit(2);
      two = analysis::betweenness(graph).value;
    }
    CHECK(one == two);  // bit for bit
    for (std::size_t v = 0; v < expected.size(); ++v)
      CHECK(one[v] == Approx(expected[v]).margin(1e-6));
  }
}

TEST_CASE(
    "sampled betweenness: all sources is exact, estimates stay inside the bound and are "
    "unbiased with the stated standard error",
    "[analysis][betweenness]") {
  const SimpleGraph graph(test::random_multigraph(11, 200, 500));
  const auto exact = analysis::betweenness(graph);
  CHECK(analysis::betweenness(graph, {.samples = 200}).value == exact.value);
  // Progress reports count up to every source, one call at a time, and change nothing.
  std::vector<std::size_t> reported;
  const auto with_progress = analysis::betweenness(
      graph, {.samples = 50, .seed = 3, .progress = [&](std::size_t done, std::size_t total) {
                CHECK(total == 50);
                reported.push_back(done);
              }});
  CHECK(with_progress.value == analysis::betweenness(graph, {.samples = 50, .seed = 3}).value);
  REQUIRE_FALSE(reported.empty());
  CHECK(std::is_sorted(reported.begin(), reported.end()));
  CHECK(reported.back() == 50);

  const std::size_t k = 40;
  const double pairs = 199.0 * 198.0 / 2.0;
  std::vector<double> mean(200, 0.0);
  std::vector<double> spread(200, 0.0);
  const int runs = 60;
  double stated_se = 0.0;
  const auto top = static_cast<std::size_t>(
      std::max_element(exact.value.begin(), exact.value.end()) - exact.value.begin());
  for (int r = 0; r < runs; ++r) {
    const auto est = analysis::betweenness(graph, {.samples = k, .seed = 100 + std::uint64_t(r)});
    REQUIRE_FALSE(est.exact);
    REQUIRE(est.sources == k);
    CHECK(est.normalised_error_bound ==
          Approx(200.0 / 199.0 * std::sqrt(std::log(400.0 / 0.05) / 80.0)));
    for (std::size_t v = 0; v < 200; ++v) {
      CHECK(std::abs(est.value[v] - exact.value[v]) / pairs <= est.normalised_error_bound);
      mean[v] += est.value[v] / runs;
      spread[v] += (est.value[v] - exact.value[v]) * (est.value[v] - exact.value[v]) / runs;
    }
    stated_se += est.standard_error[top] / runs;
  }
  // Unbiased: the mean of 60 estimates lies within 4 standard errors of the truth.
  const double observed_sd = std::sqrt(spread[top]);
  CHECK(std::abs(mean[top] - exact.value[top]) <= 4.0 * observed_sd / std::sqrt(double(runs)));
  // The stated standard error matches the observed spread.
  CHECK(stated_se == Approx(observed_sd).epsilon(0.35));
  // Same seed, same sample, any thread count.
  std::vector<double> one, two;
  {
    const core::ThreadLimit limit(1);
    one = analysis::betweenness(graph, {.samples = k, .seed = 5}).value;
  }
  {
    const core::ThreadLimit limit(2);
    two = analysis::betweenness(graph, {.samples = k, .seed = 5}).value;
  }
  CHECK(one == two);
  CHECK(analysis::betweenness_samples_for(1000000, 0.05) == 3501);  // ln(4e7) / (2 * 0.05^2)
  CHECK_THROWS_AS(analysis::betweenness_samples_for(10, 0.0), InvalidInput);
}

TEST_CASE("brokerage roles on a textbook example", "[analysis][brokerage]") {
  // Groups by kind: firms {a1, a2, v}, university {u}, chamber {c}, cluster {w}.
  // Supply arcs: a1 -> v -> a2 (coordinator), a1 -> v -> u (representative),
  // c -> v -> a2 (gatekeeper), c -> v -> u (liaison), a1 -> w -> a2 (w: itinerant).
  core::RegionBuilder builder;
  auto actor = [&](const char* id, core::ActorKind kind) {
    core::ActorRecord a;
    a.id = id;
    a.name = id;
    a.kind = kind;
    return builder.add_actor(a);
  };
  const auto a1 = actor("a1", core::ActorKind::firm), a2 = actor("a2", core::ActorKind::firm),
             v = actor("v", core::ActorKind::firm), u = actor("u", core::ActorKind::university),
             c = actor("c", core::ActorKind::chamber), w = actor("w", core::ActorKind::cluster);
  auto arc = [&](core::ActorId s, core::ActorId t) {
    builder.add_tie({s, t, core::TieKind::supply, 1.0, std::nullopt, std::nullopt});
  };
  arc(a1, v), arc(v, a2), arc(v, u), arc(c, v), arc(a1, w), arc(w, a2);
  arc(a1, v);  // a parallel tie counts once
  const core::Region region = std::move(builder).build();
  std::vector<std::uint32_t> group(region.size());
  for (std::uint32_t i = 0; i < region.size(); ++i)
    group[i] = static_cast<std::uint32_t>(region.kind(core::ActorId{i}));
  const std::vector<std::uint32_t> who{v.value, w.value, a1.value};
  const auto roles = analysis::brokerage_roles(analysis::DirectedGraph(region), group, who);
  CHECK(roles[0] ==
        analysis::BrokerageRoles{
            .coordinator = 1, .itinerant = 0, .representative = 1, .gatekeeper = 1, .liaison = 1});
  CHECK(roles[1] == analysis::BrokerageRoles{.itinerant = 1});
  CHECK(roles[2].total() == 0);  // a1 only sends

  // Only supply ties in 2020 and later would drop them all (no years set: all stay).
  analysis::TieFilter research_only;
  research_only.kinds = {core::TieKind::research};
  CHECK(analysis::brokerage_roles(analysis::DirectedGraph(region, research_only), group, who)[0]
            .total() == 0);
}

TEST_CASE("brokerage roles equal brute force over all triples", "[analysis][brokerage]") {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const core::Region region = random_grouped_region(seed, 40, 150);
    const std::size_t n = region.size();
    std::vector<std::vector<bool>> arc(n, std::vector<bool>(n, false));
    for (std::uint32_t t = 0; t < region.tie_count(); ++t) {
      const auto& tie = region.tie(core::TieId{t});
      arc[tie.source.value][tie.target.value] = true;
      if (!core::is_directed(tie.kind)) arc[tie.target.value][tie.source.value] = true;
    }
    std::vector<std::uint32_t> group(n), all(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      group[i] = static_cast<std::uint32_t>(region.kind(core::ActorId{i}));
      all[i] = i;
    }
    const auto roles = analysis::brokerage_roles(analysis::DirectedGraph(region), group, all);
    for (std::size_t v = 0; v < n; ++v) {
      analysis::BrokerageRoles expected;
      for (std::size_t a = 0; a < n; ++a)
        for (std::size_t c = 0; c < n; ++c) {
          if (a == c || a == v || c == v || !arc[a][v] || !arc[v][c] || arc[a][c]) continue;
          const auto ga = group[a], gv = group[v], gc = group[c];
          if (ga == gv && gv == gc)
            ++expected.coordinator;
          else if (ga == gc)
            ++expected.itinerant;
          else if (ga == gv)
            ++expected.representative;
          else if (gv == gc)
            ++expected.gatekeeper;
          else
            ++expected.liaison;
        }
      CHECK(roles[v] == expected);
    }
  }
}

TEST_CASE(
    "weighted clustering equals the Onnela definition, equal weights give the unweighted "
    "value",
    "[analysis][metrics]") {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const SimpleGraph graph(test::random_multigraph(seed, 40, 300));  // parallel ties: weights 1..k
    const std::size_t n = graph.vertex_count();
    std::vector<std::vector<double>> w(n, std::vector<double>(n, 0.0));
    double max_w = 0.0;
    for (std::uint32_t v = 0; v < n; ++v) {
      for (std::size_t i = 0; i < graph.degree(v); ++i) {
        w[v][graph.neighbours(v)[i]] = graph.weights(v)[i];
        max_w = std::max(max_w, graph.weights(v)[i]);
      }
    }
    double total = 0.0;
    for (std::size_t v = 0; v < n; ++v) {
      const double d = static_cast<double>(graph.degree(static_cast<std::uint32_t>(v)));
      if (d < 2) continue;
      double sum = 0.0;
      for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b)  // ordered pairs: each triangle twice
          if (w[v][a] > 0 && w[v][b] > 0 && w[a][b] > 0)
            sum += std::cbrt(w[v][a] / max_w * w[v][b] / max_w * w[a][b] / max_w);
      total += sum / (d * (d - 1));
    }
    CHECK(analysis::weighted_average_clustering(graph) ==
          Approx(total / static_cast<double>(n)).epsilon(1e-12));
  }
  const SimpleGraph karate(test::karate_club());  // all weights 1
  CHECK(analysis::weighted_average_clustering(karate) ==
        Approx(analysis::clustering(karate).average_local).epsilon(1e-12));
}

TEST_CASE("weighted clustering cannot overflow, whatever the weights", "[analysis][metrics]") {
  // Issue 12, defect 6: ties of 1e308 gave "weighted average clustering -nan". Import now keeps
  // weights within [1e-6, 1e6]; a region built otherwise must still not overflow.
  for (const double scale : {1e308, 1e200, 1e6, 1e-6, 1e-300}) {
    core::RegionBuilder builder;
    std::vector<core::ActorId> ids;
    for (const char* id : {"a", "b", "c"}) {
      core::ActorRecord a;
      a.id = id;
      a.name = id;
      a.kind = core::ActorKind::firm;
      ids.push_back(builder.add_actor(a));
    }
    builder.add_tie({ids[0], ids[1], core::TieKind::informal, scale, std::nullopt, std::nullopt});
    builder.add_tie({ids[1], ids[2], core::TieKind::informal, scale, std::nullopt, std::nullopt});
    builder.add_tie(
        {ids[0], ids[2], core::TieKind::informal, scale / 8, std::nullopt, std::nullopt});
    const core::Region region = std::move(builder).build();
    INFO("weights " << scale);
    CHECK(analysis::weighted_average_clustering(SimpleGraph(region)) ==
          Approx(std::cbrt(1.0 / 8)).epsilon(1e-12));
  }
}
