// The simulator's network keeps its indicators incrementally; recounted from scratch here.
#include <catch2/catch.hpp>

#include <set>
#include <unordered_map>

#include "../core/region_fixture.hpp"
#include "sim/network.hpp"
#include "sim/pair_index.hpp"
#include "verbund/core/random.hpp"
#include "verbund/gen/ruhr.hpp"

using namespace verbund;

namespace {

void require_counts_match(const sim::detail::Network& net) {
  const auto& r = net.region();
  const auto n = static_cast<std::uint32_t>(net.size());
  std::uint64_t edges = 0, corners = 0;
  double triples = 0.0;
  std::size_t firms_with_science = 0, cross = 0, located = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto row = net.neighbours(v);
    const double d = static_cast<double>(row.size());
    triples += d * (d - 1) / 2;
    bool science = false;
    std::set<core::ActorKind> kinds;
    for (const auto w : row) {
      science = science || core::is_science(r.kind(core::ActorId{w}));
      kinds.insert(r.kind(core::ActorId{w}));
      if (w < v) continue;
      ++edges;
      corners += net.common_neighbours(v, w);
      const auto mv = r.municipality(core::ActorId{v}), mw = r.municipality(core::ActorId{w});
      if (mv && mw) {
        ++located;
        cross += *mv != *mw;
      }
    }
    if (r.kind(core::ActorId{v}) == core::ActorKind::firm && science) ++firms_with_science;
    CHECK(net.has_science_partner(v) == science);
    CHECK(net.partner_kinds(v) == kinds.size());
    for (const auto w : row) {  // the pair index finds every live tie, from either side
      REQUIRE(net.tie(v, w) != nullptr);
      CHECK(std::minmax(v, w) == std::minmax(net.tie(v, w)->a, net.tie(v, w)->b));
      CHECK(net.connected(v, w));
    }
  }
  CHECK(net.edges() == edges);
  CHECK(net.triangles() == corners / 3);
  CHECK(net.connected_triples() == Approx(triples));
  CHECK(net.firms_with_science() == firms_with_science);
  CHECK(net.cross_municipal_edges() == cross);
  CHECK(net.located_edges() == located);
}

}  // namespace

TEST_CASE("incremental network indicators equal a recount after random tie events", "[sim]") {
  const auto region = gen::generate_ruhr_region(gen::load_ruhr_base(gen::bundled_ruhr_dir()),
                                                {.firms = 300, .seed = 4});
  sim::detail::Network net(region, 2025);
  require_counts_match(net);
  core::RandomStream rng(9, 1);
  const auto n = static_cast<std::uint32_t>(net.size());
  for (int round = 0; round < 5; ++round) {
    for (int k = 0; k < 400; ++k) {
      const auto u = static_cast<std::uint32_t>(rng.below(n));
      const auto v = static_cast<std::uint32_t>(rng.below(n));
      if (rng.bernoulli(0.6)) {
        net.connect(u, v, core::TieKind::informal);
      } else if (!net.neighbours(u).empty()) {
        net.disconnect(u, net.neighbours(u)[rng.below(net.neighbours(u).size())]);
      }
    }
    require_counts_match(net);
  }
  CHECK_FALSE(net.connect(0, 0, core::TieKind::informal));  // no self-ties
}

TEST_CASE("the pair index agrees with std::unordered_map under random inserts and erases",
          "[sim]") {
  sim::PairIndex index;
  std::unordered_map<std::uint64_t, std::uint32_t> oracle;
  core::RandomStream rng(11, 2);
  for (int step = 0; step < 200000; ++step) {
    // A small id range forces long probe runs, collisions and wrap-around.
    const auto u = static_cast<std::uint32_t>(rng.below(300));
    const auto v = static_cast<std::uint32_t>(rng.below(300));
    if (u == v) continue;
    const auto key = sim::PairIndex::key(u, v);
    REQUIRE(key == sim::PairIndex::key(v, u));
    if (rng.bernoulli(0.55)) {
      const auto value = static_cast<std::uint32_t>(step);
      index.set(key, value);
      oracle[key] = value;
    } else {
      index.erase(key);
      oracle.erase(key);
    }
    if (step % 1000 == 0) {
      REQUIRE(index.size() == oracle.size());
      for (std::uint32_t a = 0; a < 300; a += 7)
        for (std::uint32_t b = a + 1; b < 300; b += 5) {
          const auto it = oracle.find(sim::PairIndex::key(a, b));
          REQUIRE(index.find(sim::PairIndex::key(a, b)) ==
                  (it == oracle.end() ? sim::PairIndex::absent : it->second));
        }
    }
  }
  for (const auto& [key, value] : oracle) REQUIRE(index.find(key) == value);
}
