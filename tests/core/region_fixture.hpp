#pragma once

// A small hand-drawn region used by several tests:
//
//   uni ─research─ f1 ─supply─ f2 ═supply+informal═ f3 ─transfer(2016-2018)─ grp
//                                                             (grp's parent is uni)
//   f4, ihk, clu: no ties.   Memberships: f1, f2 in ihk; f2, f3 in clu.
//
// 8 actors, 5 ties, 4 connected pairs; components {uni,f1,f2,f3,grp} {f4} {ihk} {clu}.

#include "verbund/core/random.hpp"
#include "verbund/core/region.hpp"
#include "verbund/core/region_data.hpp"

namespace verbund::test {

inline core::RegionData small_region_data() {
  using core::ActorKind;
  core::RegionData d;
  d.taxonomy = {{"green", "Green", "Grün", "", 0},
                {"digital", "Digital", "Digital", "", 0},
                {"h2", "Hydrogen", "Wasserstoff", "green", 0},
                {"circ", "Circular economy", "Kreislaufwirtschaft", "green", 0},
                {"ai", "Artificial intelligence", "Künstliche Intelligenz", "digital", 0}};
  auto actor = [](std::string id, ActorKind kind, std::string municipality,
                  std::optional<core::GeoPoint> at, std::optional<int> employees = std::nullopt) {
    core::ActorRecord a;
    a.id = id;
    a.name = "Name of " + id;
    a.kind = kind;
    a.municipality = std::move(municipality);
    a.location = at;
    a.employees = employees;
    return a;
  };
  d.actors.push_back(actor("uni", ActorKind::university, "Essen", core::GeoPoint{51.46, 7.00}));
  d.actors.push_back(actor("grp", ActorKind::research_group, "Essen", core::GeoPoint{51.46, 7.01}));
  d.actors.back().parent = "uni";
  d.actors.push_back(actor("f1", ActorKind::firm, "Essen", core::GeoPoint{51.45, 7.02}, 5));
  d.actors.back().attributes = {{"website", "f1.example"}, {"export", "yes"}};
  d.actors.push_back(actor("f2", ActorKind::firm, "Duisburg", core::GeoPoint{51.43, 6.76}, 120));
  d.actors.push_back(
      actor("f3", ActorKind::firm, "Mülheim an der Ruhr", core::GeoPoint{51.43, 6.88}, 300));
  d.actors.push_back(actor("f4", ActorKind::firm, "", std::nullopt));
  d.actors.push_back(actor("ihk", ActorKind::chamber, "Essen", core::GeoPoint{51.45, 7.01}));
  d.actors.push_back(actor("clu", ActorKind::cluster, "Duisburg", core::GeoPoint{51.44, 6.77}));
  using core::CompetenceRole;
  d.competences = {{"uni", "ai", CompetenceRole::offer, 0.9, 0},
                   {"uni", "h2", CompetenceRole::offer, 0.5, 0},
                   {"f1", "ai", CompetenceRole::need, 1.0, 0},
                   {"f1", "circ", CompetenceRole::offer, 0.4, 0},
                   {"grp", "ai", CompetenceRole::offer, 0.8, 0}};
  using core::TieKind;
  d.ties = {{"f1", "uni", TieKind::research, 1.0, 2015, std::nullopt, 0},
            {"f1", "f2", TieKind::supply, 0.5, std::nullopt, std::nullopt, 0},
            {"f2", "f3", TieKind::supply, 0.7, 2010, std::nullopt, 0},
            {"f3", "f2", TieKind::informal, 0.2, std::nullopt, std::nullopt, 0},
            {"f3", "grp", TieKind::transfer, 1.0, 2016, 2018, 0}};
  d.memberships = {{"f1", "ihk", 2000, std::nullopt, 0},
                   {"f2", "ihk", std::nullopt, std::nullopt, 0},
                   {"f2", "clu", 2019, std::nullopt, 0},
                   {"f3", "clu", 2019, 2022, 0}};
  return d;
}

/// A random multigraph of `n` actors (ids "0".."n-1") and `m` informal ties, no self-ties.
inline core::Region random_multigraph(std::uint64_t seed, std::uint32_t n, std::uint64_t m) {
  core::RandomStream rng(seed, 1);
  core::RegionBuilder builder;
  for (std::uint32_t i = 0; i < n; ++i) {
    core::ActorRecord a;
    a.id = std::to_string(i);
    a.name = a.id;
    builder.add_actor(a);
  }
  for (std::uint64_t k = 0; k < m; ++k) {
    const auto s = static_cast<std::uint32_t>(rng.below(n));
    auto t = static_cast<std::uint32_t>(rng.below(n - 1));
    if (t >= s) ++t;
    builder.add_tie({core::ActorId{s}, core::ActorId{t}, core::TieKind::informal, 1.0, std::nullopt,
                     std::nullopt});
  }
  return std::move(builder).build();
}

}  // namespace verbund::test
