#pragma once

// A small region for the report tests, drawn by hand:
//
//   firm "<script>alert(1)</script> GmbH" (Essen) needs ai (theme digital) and h2 (theme energy)
//   g1 (Essen, capacity 2) offers ai      -- tied to the firm since 2019 (transfer)
//   g2 (Bochum, capacity 1) offers ai, ml  -- a chair of u1 (a university offering nothing)
//   g3 (Hagen, capacity 1) offers ml       -- ml is related to ai (strength 0.5)
//   g4 (Dortmund) offers h2
//   p  (Essen, firm) tied to the firm and to g2 (a common partner of the firm and g2)
//   club (cluster) with the firm and g2 as members
//
// Research candidates: g1..g4 (4); ai is offered by 2 of them, h2 by 1.

#include "verbund/core/region.hpp"

namespace verbund::report::test {

inline core::Region hand_region() {
  core::Taxonomy taxonomy;
  const auto digital = taxonomy.add_theme({"digital", "Digital", "Digitales"});
  const auto energy = taxonomy.add_theme({"energy", "Energy", "Energie"});
  const auto ai = taxonomy.add_competence("ai", "AI", "KI", digital);
  const auto ml = taxonomy.add_competence("ml", "Machine learning", "Maschinelles Lernen", digital);
  const auto h2 = taxonomy.add_competence("h2", "Hydrogen", "Wasserstoff", energy);
  taxonomy.relate(ai, ml, 0.5F);
  core::RegionBuilder b(taxonomy);
  const auto actor = [&](const char* id, const char* name, core::ActorKind kind, const char* town,
                         double lat, double lon, std::optional<int> capacity) {
    core::ActorRecord r;
    r.id = id;
    r.name = name;
    r.kind = kind;
    r.municipality = town;
    r.location = core::GeoPoint{lat, lon};
    r.capacity = capacity;
    return b.add_actor(r);
  };
  using K = core::ActorKind;
  const auto f = actor("F1", "<script>alert(1)</script> GmbH", K::firm, "Essen", 51.455, 7.011, {});
  const auto g1 = actor("G1", "Lehrstuhl KI", K::research_group, "Essen", 51.46, 7.00, 2);
  const auto u1 = actor("U1", "Ruhr-Universität", K::university, "Bochum", 51.44, 7.26, {});
  const auto g2 = actor("G2", "Institut Daten", K::research_group, "Bochum", 51.48, 7.22, 1);
  b.set_parent(g2, u1);
  const auto g3 = actor("G3", "Gruppe ML", K::research_group, "Hagen", 51.36, 7.47, 1);
  const auto g4 = actor("G4", "Wasserstoff-Labor", K::research_group, "Dortmund", 51.51, 7.47, 3);
  const auto p = actor("P1", "Partner AG", K::firm, "Essen", 51.45, 7.02, {});
  const auto club = actor("C1", "Cluster Digital", K::cluster, "Essen", 51.45, 7.01, {});
  b.add_competence(f, ai, core::CompetenceRole::need, 1.0F);
  b.add_competence(f, h2, core::CompetenceRole::need, 1.0F);
  b.add_competence(g1, ai, core::CompetenceRole::offer, 1.0F);
  b.add_competence(g2, ai, core::CompetenceRole::offer, 1.0F);
  b.add_competence(g2, ml, core::CompetenceRole::offer, 1.0F);
  b.add_competence(g3, ml, core::CompetenceRole::offer, 1.0F);
  b.add_competence(g4, h2, core::CompetenceRole::offer, 1.0F);
  b.add_tie({f, g1, core::TieKind::transfer, 1.0, 2019, std::nullopt});
  b.add_tie({f, p, core::TieKind::supply, 1.0, 2015, std::nullopt});
  b.add_tie({p, g2, core::TieKind::research, 1.0, 2020, std::nullopt});
  b.add_membership({f, club, std::nullopt, std::nullopt});
  b.add_membership({g2, club, std::nullopt, std::nullopt});
  return std::move(b).build();
}

}  // namespace verbund::report::test
