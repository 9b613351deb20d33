#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "random_market.hpp"
#include "verbund/core/geo.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/error.hpp"
#include "verbund/supply/risk.hpp"

using namespace verbund;
using supply::Criticality;

namespace {

// A hand-drawn chain (volumes in t/yr):
//
//   s0 ─castings 40─▶ s1 ─machined 10─▶ s2            s1's castings: s0 only (high)
//                      │                               s2's machined: s1 only (high)
//                      └─machined 30─▶ s3 ◀─machined 10─ s4   s3's machined: s1, s4 (high)
//   s5 ─castings (no volume)─▶ s3, s4 ─castings 5─▶ s3         s3's castings (low): s4, s5
//   s6 offers castings (free 100, cert iso), s7 offers castings (free 20, no cert)
supply::MarketData chain() {
  supply::MarketData d;
  d.categories = {{"castings", "Castings", "Gussteile", "", {}, "t", 2},
                  {"machined", "Machined parts", "Zerspanteile", "", {}, "t", 3}};
  d.certifications = {{"iso", "ISO 9001", "ISO 9001", 2}};
  d.offers = {
      {"s0", "castings", 100.0, {"iso"}, {}, {}, 2}, {"s1", "machined", 100.0, {}, {}, {}, 3},
      {"s4", "machined", 50.0, {}, {}, {}, 4},       {"s4", "castings", 50.0, {}, {}, {}, 5},
      {"s6", "castings", 100.0, {"iso"}, {}, {}, 6}, {"s7", "castings", 20.0, {}, {}, {}, 7},
      {"s5", "castings", 30.0, {"iso"}, {}, {}, 8}};
  d.demands = {{"s1", "castings", 50.0, {"iso"}, supply::Sourcing::region, Criticality::high, 2},
               {"s2", "machined", 8.0, {}, supply::Sourcing::region, Criticality::high, 3},
               {"s3", "machined", 40.0, {}, supply::Sourcing::region, Criticality::high, 4},
               {"s3", "castings", 10.0, {}, supply::Sourcing::region, Criticality::low, 5}};
  d.flows = {{"s0", "s1", "castings", 40.0, {}, {}, 2}, {"s1", "s2", "machined", 10.0, {}, {}, 3},
             {"s1", "s3", "machined", 30.0, {}, {}, 4}, {"s4", "s3", "machined", 10.0, {}, {}, 5},
             {"s5", "s3", "castings", {}, {}, {}, 6},   {"s4", "s3", "castings", 5.0, {}, {}, 7}};
  return d;
}

core::Region chain_region() {
  auto d = test::random_firms(3, 8);
  for (std::size_t i = 0; i < d.actors.size(); ++i)
    d.actors[i].location = core::GeoPoint{51.4, 7.0 + 0.01 * static_cast<double>(i)};
  d.actors[7].location.reset();
  return core::build_region(d);
}

core::ActorId id(const core::Region& r, const std::string& s) { return *r.find(s); }

}  // namespace

TEST_CASE("exposure: sources, HHI, regional share and the summary on a hand-drawn chain",
          "[supply][risk]") {
  const auto region = chain_region();
  const auto market = supply::Market::build(region, chain());
  const auto report = supply::assess_risk(market);
  REQUIRE(report.exposures.size() == 4);
  std::map<std::pair<std::string, std::string>, supply::DemandExposure> by;
  for (const auto& e : report.exposures) {
    const auto& d = market.demands()[e.demand];
    by[{std::string(region.external_id(d.buyer)), market.category(d.category).id}] = e;
  }
  const auto s1 = by.at({"s1", "castings"});
  CHECK(s1.sources == 1);
  CHECK(s1.single_sourced());
  CHECK(*s1.hhi == 1.0);
  CHECK(s1.regional_share == Approx(0.8));
  CHECK(by.at({"s2", "machined"}).regional_share == 1.0);  // 10 of 8: capped
  const auto s3m = by.at({"s3", "machined"});
  CHECK(s3m.sources == 2);
  CHECK(*s3m.hhi == Approx(0.75 * 0.75 + 0.25 * 0.25));
  const auto s3c = by.at({"s3", "castings"});
  CHECK(*s3c.hhi == 0.5);  // one flow without volume: equal shares
  CHECK(s3c.regional_volume == 5.0);
  const auto& sum = report.summary;
  CHECK(sum.single_sourced[2] == 2);
  CHECK(sum.single_sourced[0] == 0);
  CHECK(sum.buyers_with_high == 3);
  CHECK(sum.buyers_high_dual_sourced == 1);  // s3
}

TEST_CASE("losing a supplier cascades over tiers and ranks substitutes", "[supply][risk]") {
  const auto region = chain_region();
  const auto market = supply::Market::build(region, chain());
  const std::vector<core::ActorId> removed{id(region, "s0")};
  const auto one = supply::simulate_loss(market, removed, {.tiers = 1});
  REQUIRE(one.disrupted.size() == 1);
  CHECK(one.disrupted[0].buyer == id(region, "s1"));
  REQUIRE(one.lost.size() == 1);
  // Substitutes of s1's castings (40 t, needs iso): s6 covers it, s5 (30 free) does not; s7
  // lacks the certification, s4 too.
  const auto& subs = one.lost[0].substitutes;
  REQUIRE(subs.size() == 2);
  CHECK(subs[0].supplier == id(region, "s6"));
  CHECK(subs[0].covers_volume);
  CHECK(subs[1].supplier == id(region, "s5"));
  CHECK_FALSE(subs[1].covers_volume);

  const auto two = supply::simulate_loss(market, removed, {.tiers = 2});
  REQUIRE(two.disrupted.size() == 2);
  CHECK(two.disrupted[1].buyer == id(region, "s2"));
  CHECK(two.disrupted[1].tier == 2);
  REQUIRE(two.inputs.size() == 3);  // s1 castings, s2 machined, s3 machined
  const auto& s3 = two.inputs[2];
  CHECK(s3.buyer == id(region, "s3"));
  CHECK(s3.sources_left == 1);
  CHECK(s3.lost_share == Approx(0.75));
  CHECK(s3.lost_volume == 30.0);
  CHECK_FALSE(s3.lost_only_source());
  CHECK(two.inputs[0].lost_only_source());

  // At a lower disruption share, s3 fails too (75% of its machined parts gone).
  const auto half = supply::simulate_loss(market, removed, {.tiers = 2, .disruption_share = 0.5});
  CHECK(half.disrupted.size() == 3);
  CHECK_THROWS_AS(supply::simulate_loss(market, removed, {.tiers = 0}), InvalidInput);
  CHECK_THROWS_AS(supply::simulate_loss(market, removed, {.disruption_share = 0.0}), InvalidInput);
}

namespace {

// An independent brute force: every quantity recomputed by scanning all flows, every tier
// judging every demand of every buyer.
std::map<core::ActorId, double> brute_shares(const supply::Market& m, core::ActorId b,
                                             supply::CategoryId c) {
  std::map<core::ActorId, double> volume;
  bool known = true;
  double total = 0.0;
  for (const auto& f : m.flows()) {
    if (f.buyer != b || f.category != c || !m.current(f)) continue;
    volume[f.supplier] += f.volume.value_or(0.0);
    total += f.volume.value_or(0.0);
    known = known && f.volume.has_value();
  }
  for (auto& [s, v] : volume)
    v = known && total > 0.0 ? v / total : 1.0 / static_cast<double>(volume.size());
  return volume;
}

void check_against_brute_force(const supply::Market& m, std::span<const core::ActorId> removed,
                               const supply::LossOptions& o, const supply::LossReport& got) {
  const auto& region = m.region();
  std::map<core::ActorId, std::size_t> tier_of;
  for (const auto a : removed) tier_of[a] = 0;
  std::vector<std::pair<std::size_t, core::ActorId>> disrupted;
  for (std::size_t t = 1; t <= o.tiers; ++t) {
    std::vector<core::ActorId> fresh;
    for (const auto& d : m.demands()) {
      if (tier_of.contains(d.buyer) || d.criticality < o.disrupting) continue;
      const auto shares = brute_shares(m, d.buyer, d.category);
      double lost = 0.0;
      std::size_t left = 0;
      for (const auto& [s, share] : shares) {
        if (tier_of.contains(s)) {
          lost += share;
        } else {
          ++left;
        }
      }
      if (!shares.empty() && (left == 0 || lost >= o.disruption_share)) fresh.push_back(d.buyer);
    }
    std::sort(fresh.begin(), fresh.end());
    fresh.erase(std::unique(fresh.begin(), fresh.end()), fresh.end());
    for (const auto b : fresh) {
      tier_of[b] = t;
      disrupted.emplace_back(t, b);
    }
  }
  REQUIRE(got.disrupted.size() == disrupted.size());
  for (std::size_t i = 0; i < disrupted.size(); ++i) {
    CHECK(got.disrupted[i].tier == disrupted[i].first);
    CHECK(got.disrupted[i].buyer == disrupted[i].second);
  }
  // Lost flows: from a supplier failed at t - 1 to a buyer not failed before t.
  std::vector<std::pair<std::size_t, std::size_t>> lost;
  for (std::size_t t = 1; t <= o.tiers; ++t) {
    for (std::size_t i = 0; i < m.flows().size(); ++i) {
      const auto& f = m.flows()[i];
      const auto s = tier_of.find(f.supplier);
      const auto b = tier_of.find(f.buyer);
      if (m.current(f) && s != tier_of.end() && s->second + 1 == t &&
          (b == tier_of.end() || b->second >= t))
        lost.emplace_back(t, i);
    }
  }
  REQUIRE(got.lost.size() == lost.size());
  for (std::size_t i = 0; i < lost.size(); ++i) {
    CHECK(got.lost[i].tier == lost[i].first);
    CHECK(got.lost[i].flow == lost[i].second);
  }
  // Affected inputs, judged as of the last tier in which they lost a flow.
  std::map<std::pair<core::ActorId, std::uint32_t>, std::pair<std::size_t, std::size_t>> span;
  for (const auto& [t, i] : lost) {
    const auto& f = m.flows()[i];
    auto [it, fresh] = span.try_emplace({f.buyer, f.category.value}, t, t);
    it->second.second = std::max(it->second.second, t);
  }
  REQUIRE(got.inputs.size() == span.size());
  std::size_t k = 0;
  for (const auto& [key, tiers] : span) {
    const auto& in = got.inputs[k++];
    CHECK(in.buyer == key.first);
    CHECK(in.category.value == key.second);
    CHECK(in.first_tier == tiers.first);
    const auto shares = brute_shares(m, key.first, supply::CategoryId{key.second});
    double lost_share = 0.0;
    std::uint32_t left = 0;
    for (const auto& [s, share] : shares) {
      const auto it = tier_of.find(s);
      if (it != tier_of.end() && it->second + 1 <= tiers.second) {
        lost_share += share;
      } else {
        ++left;
      }
    }
    CHECK(in.sources_before == shares.size());
    CHECK(in.sources_left == left);
    CHECK(in.lost_share == Approx(left == 0 ? 1.0 : lost_share));
  }
  // Substitutes: every offer scanned, fully sorted.
  for (const auto& l : got.lost) {
    const auto& f = m.flows()[l.flow];
    supply::CertificationSet required = 0;
    for (const auto& d : m.demands())
      if (d.buyer == f.buyer && d.category == f.category) required = d.required;
    std::vector<std::tuple<bool, double, std::string>> all;
    for (const auto& o2 : m.offers()) {
      if (o2.category != f.category || tier_of.contains(o2.supplier) || o2.supplier == f.buyer)
        continue;
      if ((o2.certifications & required) != required || o2.free_capacity() <= 0.0) continue;
      const bool covers = !f.volume || o2.free_capacity() >= *f.volume;
      const auto a = region.location(f.buyer), b = region.location(o2.supplier);
      const double km = a && b ? core::distance_km(*a, *b) : 1e300;
      all.emplace_back(!covers, km, std::string(region.external_id(o2.supplier)));
    }
    std::sort(all.begin(), all.end());
    REQUIRE(l.substitutes.size() == std::min(o.substitutes, all.size()));
    for (std::size_t i = 0; i < l.substitutes.size(); ++i)
      CHECK(region.external_id(l.substitutes[i].supplier) == std::get<2>(all[i]));
  }
}

}  // namespace

TEST_CASE("exposure and the cascade equal a brute force on random markets", "[supply][risk]") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    const auto n = static_cast<std::uint32_t>(6 + seed % 14);
    const auto region = core::build_region(test::random_firms(seed, n));
    const auto market = supply::Market::build(
        region, test::random_market(
                    seed, {.actors = n, .max_sources = static_cast<std::uint32_t>(1 + seed % 3)}));
    const auto report = supply::assess_risk(market);
    for (const auto& e : report.exposures) {
      const auto& d = market.demands()[e.demand];
      const auto shares = brute_shares(market, d.buyer, d.category);
      CHECK(e.sources == shares.size());
      double hhi = 0.0;
      for (const auto& [s, share] : shares) hhi += share * share;
      if (shares.empty()) {
        CHECK_FALSE(e.hhi);
      } else {
        CHECK(*e.hhi == Approx(hhi));
      }
    }
    core::RandomStream rng(seed, 99);
    std::vector<core::ActorId> removed;
    for (std::uint32_t k = 0, r = 1 + static_cast<std::uint32_t>(rng.below(2)); k < r; ++k)
      removed.push_back(core::ActorId{static_cast<std::uint32_t>(rng.below(n))});
    std::sort(removed.begin(), removed.end());
    removed.erase(std::unique(removed.begin(), removed.end()), removed.end());
    const supply::LossOptions options{
        .tiers = 1 + seed % 4,
        .disrupting = seed % 3 == 0 ? Criticality::medium : Criticality::high,
        .disruption_share = seed % 2 == 0 ? 1.0 : 0.5,
        .substitutes = 2};
    check_against_brute_force(market, removed, options,
                              supply::simulate_loss(market, removed, options));
  }
}

TEST_CASE("risk results do not depend on the thread count", "[supply][risk]") {
  const std::uint32_t n = 400;
  const auto region = core::build_region(test::random_firms(5, n));
  const auto market = supply::Market::build(
      region, test::random_market(
                  5, {.actors = n, .categories = 4, .offer_chance = 0.1, .demand_chance = 0.3}));
  const std::vector<core::ActorId> removed{core::ActorId{1}, core::ActorId{2}, core::ActorId{3}};
  auto run = [&] {
    const auto report = supply::assess_risk(market);
    const auto loss = supply::simulate_loss(market, removed, {.tiers = 4, .disruption_share = 0.4});
    std::vector<double> out;
    for (const auto& e : report.exposures) out.push_back(e.hhi.value_or(-1.0) + e.sources);
    for (const auto& l : loss.lost) {
      out.push_back(static_cast<double>(l.flow));
      for (const auto& s : l.substitutes) out.push_back(s.supplier.value);
    }
    for (const auto& d : loss.disrupted)
      out.push_back(d.buyer.value * 10.0 + static_cast<double>(d.tier));
    return out;
  };
  std::vector<double> one;
  {
    core::ThreadLimit limit(1);
    one = run();
  }
  CHECK(run() == one);
  CHECK(one.size() > market.demands().size() + 10);  // the loss is not empty
}
