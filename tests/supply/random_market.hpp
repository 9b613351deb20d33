#pragma once

// Small random supplier markets for the risk and joint-offer tests and the oracle cases: firms in
// three municipalities with random sizes, offers, demands and categorised flows (integer
// volumes, so that sums are exact in any order; some volumes unknown, some flows ended, some
// repeated).

#include <string>

#include "verbund/core/random.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/supply/market.hpp"

namespace verbund::test {

struct RandomMarketOptions {
  std::uint32_t actors = 12;
  std::uint32_t categories = 3;
  std::uint32_t certifications = 3;
  double offer_chance = 0.4;
  double demand_chance = 0.5;
  std::uint32_t max_sources = 3;  ///< flows drawn per demand: 0..max_sources
};

inline core::RegionData random_firms(std::uint64_t seed, std::uint32_t n) {
  core::RandomStream rng(seed, 7);
  core::RegionData d;
  const char* places[] = {"Essen", "Bochum", "Dortmund"};
  for (std::uint32_t i = 0; i < n; ++i) {
    core::ActorRecord a;
    a.id = "s" + std::to_string(i);
    a.name = "Supplier " + std::to_string(i);
    a.kind = core::ActorKind::firm;
    a.municipality = places[rng.below(3)];
    if (!rng.bernoulli(0.1))
      a.location = core::GeoPoint{51.3 + 0.3 * rng.uniform(), 6.7 + 0.8 * rng.uniform()};
    const int sizes[] = {5, 30, 120, 600};
    a.employees = sizes[rng.below(4)];
    d.actors.push_back(a);
  }
  return d;
}

inline supply::MarketData random_market(std::uint64_t seed, const RandomMarketOptions& o) {
  core::RandomStream rng(seed, 8);
  supply::MarketData d;
  for (std::uint32_t c = 0; c < o.categories; ++c)
    d.categories.push_back({"cat" + std::to_string(c),
                            "Category " + std::to_string(c),
                            "Kategorie " + std::to_string(c),
                            "",
                            {},
                            "t",
                            c + 2});
  for (std::uint32_t k = 0; k < o.certifications; ++k)
    d.certifications.push_back({"cert" + std::to_string(k), "Cert " + std::to_string(k),
                                "Zert " + std::to_string(k), k + 2});
  auto some_certs = [&](double chance) {
    std::vector<std::string> out;
    for (std::uint32_t k = 0; k < o.certifications; ++k)
      if (rng.bernoulli(chance)) out.push_back("cert" + std::to_string(k));
    return out;
  };
  auto id = [](std::uint64_t i) { return "s" + std::to_string(i); };
  for (std::uint32_t a = 0; a < o.actors; ++a) {
    for (std::uint32_t c = 0; c < o.categories; ++c) {
      if (!rng.bernoulli(o.offer_chance)) continue;
      supply::OfferRecord r;
      r.supplier = id(a);
      r.category = "cat" + std::to_string(c);
      r.capacity = static_cast<double>(1 + rng.below(60));
      r.certifications = some_certs(0.5);
      if (rng.bernoulli(0.2)) r.min_order = static_cast<double>(rng.below(30));
      d.offers.push_back(r);
    }
  }
  for (std::uint32_t b = 0; b < o.actors; ++b) {
    for (std::uint32_t c = 0; c < o.categories; ++c) {
      const bool demand = rng.bernoulli(o.demand_chance);
      if (demand) {
        supply::DemandRecord r;
        r.buyer = id(b);
        r.category = "cat" + std::to_string(c);
        r.quantity = static_cast<double>(1 + rng.below(60));
        r.certifications = some_certs(0.2);
        r.criticality = static_cast<supply::Criticality>(rng.below(3));
        r.source = supply::Sourcing::region;
        d.demands.push_back(r);
      }
      // Flows also into inputs without a demand record, now and then.
      if (!demand && !rng.bernoulli(0.15)) continue;
      const auto sources = rng.below(o.max_sources + 1);
      for (std::uint64_t k = 0; k < sources; ++k) {
        auto s = rng.below(o.actors - 1);
        if (s >= b) ++s;
        supply::FlowRecord f;
        f.supplier = id(s);
        f.buyer = id(b);
        f.category = "cat" + std::to_string(c);
        if (!rng.bernoulli(0.15)) f.volume = static_cast<double>(1 + rng.below(20));
        if (rng.bernoulli(0.1)) f.end = 2015;  // ended: not current
        f.start = static_cast<int>(2000 + rng.below(10));
        d.flows.push_back(f);
      }
    }
  }
  return d;
}

}  // namespace verbund::test
