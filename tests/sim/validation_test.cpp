// The simulation engine against known results: classic random-graph models built on the engine's
// network with its random streams (Erdős–Rényi, Barabási–Albert, Watts–Strogatz), and the
// formation/dissolution chain run by the engine itself. Tolerances come from the replicate
// spread plus a stated allowance for finite size.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/network.hpp"
#include "verbund/core/random.hpp"
#include "verbund/core/region.hpp"
#include "verbund/sim/simulate.hpp"

using namespace verbund;

namespace {

core::Region actors(std::uint32_t n) {
  core::RegionBuilder b;
  for (std::uint32_t i = 0; i < n; ++i) {
    core::ActorRecord a;
    a.id = "a" + std::to_string(i);
    a.name = a.id;
    b.add_actor(a);
  }
  return std::move(b).build();
}

struct Spread {
  double mean = 0.0, sd = 0.0;
};
Spread spread(const std::vector<double>& xs) {
  Spread s;
  s.mean = std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
  for (const double x : xs) s.sd += (x - s.mean) * (x - s.mean);
  s.sd = std::sqrt(s.sd / static_cast<double>(xs.size() - 1));
  return s;
}
/// |mean - expected| within 4 standard errors plus a finite-size allowance.
void check_close(const std::vector<double>& xs, double expected, double allowance) {
  const auto s = spread(xs);
  INFO("mean " << s.mean << " sd " << s.sd << " expected " << expected);
  CHECK(std::abs(s.mean - expected) <=
        4.0 * s.sd / std::sqrt(static_cast<double>(xs.size())) + allowance);
}

double average_clustering(const sim::detail::Network& g) {
  double sum = 0.0;
  for (std::uint32_t v = 0; v < g.size(); ++v) {
    const auto row = g.neighbours(v);
    if (row.size() < 2) continue;
    std::size_t closed = 0;
    for (std::size_t i = 0; i < row.size(); ++i)
      for (std::size_t j = i + 1; j < row.size(); ++j) closed += g.connected(row[i], row[j]);
    sum += 2.0 * static_cast<double>(closed) / static_cast<double>(row.size() * (row.size() - 1));
  }
  return sum / static_cast<double>(g.size());
}

double average_path_length(const sim::detail::Network& g) {
  const auto n = static_cast<std::uint32_t>(g.size());
  double total = 0.0, pairs = 0.0;
  std::vector<int> dist(n);
  std::vector<std::uint32_t> queue;
  for (std::uint32_t s = 0; s < n; ++s) {
    std::fill(dist.begin(), dist.end(), -1);
    queue.assign(1, s);
    dist[s] = 0;
    for (std::size_t h = 0; h < queue.size(); ++h)
      for (const auto w : g.neighbours(queue[h]))
        if (dist[w] < 0) dist[w] = dist[queue[h]] + 1, queue.push_back(w);
    for (std::uint32_t t = 0; t < n; ++t)
      if (t != s && dist[t] > 0) total += dist[t], pairs += 1;
  }
  return total / pairs;
}

/// Watts–Strogatz: ring of n with k neighbours, each clockwise edge's far end rewired with p.
sim::detail::Network watts_strogatz(const core::Region& r, std::uint32_t k, double p,
                                    std::uint64_t seed) {
  sim::detail::Network g(r, std::span<const sim::SimTie>{});
  const auto n = static_cast<std::uint32_t>(r.size());
  for (std::uint32_t i = 0; i < n; ++i)
    for (std::uint32_t j = 1; j <= k / 2; ++j) g.connect(i, (i + j) % n, core::TieKind::informal);
  core::RandomStream rng(seed, 0, 1);
  for (std::uint32_t j = 1; j <= k / 2; ++j) {
    for (std::uint32_t i = 0; i < n; ++i) {
      if (!rng.bernoulli(p)) continue;
      std::uint32_t w;
      do {
        w = static_cast<std::uint32_t>(rng.below(n));
      } while (w == i || g.connected(i, w));
      g.disconnect(i, (i + j) % n);
      g.connect(i, w, core::TieKind::informal);
    }
  }
  return g;
}

}  // namespace

TEST_CASE("Erdős–Rényi: the giant component holds 0.797 at mean degree 2 and 0.940 at 3",
          "[sim][validation]") {
  const auto r = actors(3000);
  for (const auto& [c, expected] : {std::pair{2.0, 0.7968}, std::pair{3.0, 0.9405}}) {
    std::vector<double> giant;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
      sim::detail::Network g(r, std::span<const sim::SimTie>{});
      core::RandomStream rng(seed, 0, 2);
      const double p = c / (3000.0 - 1.0);
      for (std::uint32_t u = 0; u < 3000; ++u)
        for (std::uint32_t v = u + 1; v < 3000; ++v)
          if (rng.bernoulli(p)) g.connect(u, v, core::TieKind::informal);
      giant.push_back(static_cast<double>(g.giant_size()) / static_cast<double>(g.operating()));
    }
    check_close(giant, expected, 0.01);
  }
}

TEST_CASE("Barabási–Albert: the degree CCDF follows m(m+1)/(k(k+1))", "[sim][validation]") {
  const std::uint32_t n = 20000, m = 3;
  const auto r = actors(n);
  for (std::uint64_t seed = 1; seed <= 2; ++seed) {
    sim::detail::Network g(r, std::span<const sim::SimTie>{});
    std::vector<std::uint32_t> ends;  // every tie end: a uniform pick is degree-proportional
    for (std::uint32_t u = 0; u <= m; ++u)
      for (std::uint32_t v = u + 1; v <= m; ++v) {
        g.connect(u, v, core::TieKind::informal);
        ends.insert(ends.end(), {u, v});
      }
    core::RandomStream rng(seed, 0, 3);
    for (std::uint32_t v = m + 1; v < n; ++v) {
      std::vector<std::uint32_t> chosen;
      while (chosen.size() < m) {
        const auto t = ends[rng.below(ends.size())];
        if (std::find(chosen.begin(), chosen.end(), t) == chosen.end()) chosen.push_back(t);
      }
      for (const auto t : chosen) {
        g.connect(v, t, core::TieKind::informal);
        ends.insert(ends.end(), {v, t});
      }
    }
    for (const std::uint32_t k : {5U, 10U, 20U, 40U}) {
      std::size_t at_least = 0;
      for (std::uint32_t v = 0; v < n; ++v) at_least += g.neighbours(v).size() >= k;
      const double observed = static_cast<double>(at_least) / n;
      const double expected = static_cast<double>(m * (m + 1)) / (k * (k + 1.0));
      INFO("k " << k << " observed " << observed << " expected " << expected);
      CHECK(observed == Approx(expected).epsilon(k <= 20 ? 0.10 : 0.20));
    }
  }
}

TEST_CASE("Watts–Strogatz: clustering and path length of the ring and after rewiring",
          "[sim][validation]") {
  const auto r = actors(1000);
  const auto ring = watts_strogatz(r, 10, 0.0, 1);
  CHECK(average_clustering(ring) == Approx(2.0 / 3.0).epsilon(1e-12));
  CHECK(average_path_length(ring) == Approx(1000.0 * 1008.0 / (20.0 * 999.0)).epsilon(1e-12));
  CHECK(average_path_length(ring) == Approx(50.45).margin(0.005));
  for (const auto& [p, c, l] : {std::tuple{0.01, 0.647, 8.85}, std::tuple{0.1, 0.492, 4.44}}) {
    std::vector<double> cs, ls;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      const auto g = watts_strogatz(r, 10, p, seed);
      cs.push_back(average_clustering(g));
      ls.push_back(average_path_length(g));
    }
    check_close(cs, c, 0.01);
    check_close(ls, l, 0.03 * l);
  }
}

TEST_CASE("formation and dissolution alone: equilibrium density f/(f+q), mean duration 1/q",
          "[sim][validation]") {
  // Only strangers meet (lambda per actor and month), every meeting converts with p; open ties
  // end with q a month. Per pair and month f = 1 - exp(-2 lambda p / n).
  const std::uint32_t n = 300;
  const double lambda = 1.0, p = 0.1, q = 0.05;
  const auto r = actors(n);
  sim::Scenario s;
  s.horizon = 400;
  s.model.meetings = {.triadic = 0.0, .focus = 0.0, .geographic = 0.0, .stranger = lambda};
  s.model.effects = sim::Effects{.base = std::log(p / (1.0 - p)),
                                 .same_kind = 0.0,
                                 .complementarity = 0.0,
                                 .proximity = 0.0,
                                 .common_partners = 0.0,
                                 .shared_focus = 0.0,
                                 .popularity = 0.0,
                                 .science_affinity = 0.0};
  s.model.decay = 0.0;
  s.model.end_probability = q;
  const auto run = sim::simulate(r, s, {.replicates = 6}, 5);
  const double f = 1.0 - std::exp(-2.0 * lambda * p / n);
  const double pairs = n * (n - 1) / 2.0;
  std::vector<double> density, duration;
  for (std::size_t k = 0; k < run.series.size(); ++k) {
    double sum = 0.0;  // months 100..400: well past the relaxation time 1/(f+q) = 20
    for (std::size_t t = 100; t < run.series[k].size(); ++t) sum += run.series[k][t].ties / pairs;
    density.push_back(sum / static_cast<double>(run.series[k].size() - 100));
    duration.push_back(static_cast<double>(run.tie_endings[k].months_at_risk) /
                       static_cast<double>(run.tie_endings[k].ended));
  }
  check_close(density, f / (f + q), 0.0);
  check_close(duration, 1.0 / q, 0.0);
}

TEST_CASE("firm exit and entry alone: operating share pi + (1 - pi)(1 - x - e)^t, pi = e/(e+x)",
          "[sim][validation]") {
  // Each firm is a two-state chain: operating firms close with x a month, closed places reopen
  // with e. From all operating, P(operating at t) is exact at every month.
  const std::uint32_t n = 2000;
  const double x = 0.02, e = 0.1;
  const auto r = actors(n);
  sim::Scenario s;
  s.horizon = 120;
  s.model.meetings = {.triadic = 0.0, .focus = 0.0, .geographic = 0.0, .stranger = 0.0};
  s.model.firm_exit = x;
  s.model.firm_entry = e;
  const auto run = sim::simulate(r, s, {.replicates = 8}, 21);
  const double pi = e / (e + x);
  for (const int t : {1, 5, 20, 120}) {
    CAPTURE(t);
    std::vector<double> share;
    for (const auto& series : run.series) share.push_back(series[t].firms / n);
    check_close(share, pi + (1.0 - pi) * std::pow(1.0 - x - e, t), 0.0);
  }
}

TEST_CASE("closed firms hold no ties, and a shock's close share closes its targets",
          "[sim][validation]") {
  const auto r = actors(400);
  sim::Scenario s;
  s.horizon = 24;
  s.model.meetings = {.triadic = 0.5, .focus = 0.0, .geographic = 0.0, .stranger = 2.0};
  s.model.effects.base = 0.0;
  s.model.firm_exit = 0.05;
  s.model.firm_entry = 0.05;
  const auto run = sim::simulate(r, s, {.replicates = 2, .checkpoint_at = 24}, 3);
  REQUIRE(run.checkpoint);
  for (const auto& state : run.checkpoint->replicates) {
    REQUIRE_FALSE(state.closed.empty());
    REQUIRE(state.series.back().firms == static_cast<double>(400 - state.closed.size()));
    for (const auto& t : state.ties) {
      CHECK_FALSE(std::binary_search(state.closed.begin(), state.closed.end(), t.a));
      CHECK_FALSE(std::binary_search(state.closed.begin(), state.closed.end(), t.b));
    }
  }
  // Everyone closes at month 3: no ties, no operating firms, no innovations after it.
  auto shocked = sim::parse_scenario(
      "horizon_months = 6\n[[intervention]]\ntype = \"shock\"\nat = 3\nremove_share = 0\n"
      "close_share = 1\nselect = { kinds = [\"firm\"] }\n",
      "shock.toml");
  const auto closed = sim::simulate(r, shocked, {.replicates = 1}, 3);
  const auto& series = closed.series.front();
  CHECK(series[2].firms == 400.0);
  CHECK(series[3].firms == 0.0);
  CHECK(series[6].ties == 0.0);
  CHECK(series[6].innovations == series[3].innovations);
}
