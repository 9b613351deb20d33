#pragma once

// Small hand-made supplier markets shared by the supply tests (search, sourcing plan, joint
// offers, their sentences in both languages). Each test adds the offers and demands its case
// needs to one of these catalogues.

#include <optional>

#include "verbund/supply/market_data.hpp"

namespace verbund::test {

/// Castings and forgings (t) and logistics (shipments), ISO 9001 and IATF 16949, and three
/// offers for core::small_region_data()'s firms: f1 and f2 deliver castings with ISO 9001
/// (`f1_castings` and `f2_castings` t a year), f2 also logistics (50 shipments). No demands.
inline supply::MarketData castings_market(double f1_castings, double f2_castings) {
  supply::MarketData d;
  d.categories = {{"castings", "Castings", "Gussteile", "", {}, "t", 2},
                  {"logistics", "Logistics", "Logistik", "", {}, "shipments", 3},
                  {"forgings", "Forgings", "Schmiedeteile", "", {}, "t", 4}};
  d.certifications = {{"iso-9001", "ISO 9001", "ISO 9001", 2},
                      {"iatf-16949", "IATF 16949", "IATF 16949", 3}};
  d.offers = {{"f1", "castings", f1_castings, {"iso-9001"}, std::nullopt, std::nullopt, 2},
              {"f2", "castings", f2_castings, {"iso-9001"}, std::nullopt, std::nullopt, 3},
              {"f2", "logistics", 50.0, {}, std::nullopt, std::nullopt, 4}};
  return d;
}

/// Castings (t) and surface treatment (m2), IATF 16949, for test::random_firms()'s suppliers
/// "s0".."s2": s0 100 t castings with IATF, s1 80 t castings without, s2 50 m2 coating. No
/// demands: the joint-offer tests bring their requirement.
inline supply::MarketData coating_market() {
  supply::MarketData d;
  d.categories = {{"castings", "Castings", "Gussteile", "", {}, "t", 2},
                  {"coating", "Surface treatment", "Oberflächentechnik", "", {}, "m2", 3}};
  d.certifications = {{"iatf", "IATF 16949", "IATF 16949", 2}};
  d.offers = {{"s0", "castings", 100.0, {"iatf"}, {}, {}, 2},
              {"s1", "castings", 80.0, {}, {}, {}, 3},
              {"s2", "coating", 50.0, {}, {}, {}, 4}};
  return d;
}

}  // namespace verbund::test
