#include "sim/formation.hpp"

#include <algorithm>

#include "verbund/sim/sectors.hpp"

namespace verbund::sim {

using core::ActorId;

namespace {

std::uint64_t bit_of(std::uint32_t id) { return std::uint64_t{1} << (id % 64U); }

/// Share of `needs` met by `offers` (both sorted by competence).
double share_met(std::span<const core::CompetenceWeight> needs,
                 std::span<const core::CompetenceWeight> offers) {
  if (needs.empty()) return 0.0;
  std::size_t i = 0, j = 0, met = 0;
  while (i < needs.size() && j < offers.size()) {
    if (needs[i].competence < offers[j].competence) {
      ++i;
    } else if (offers[j].competence < needs[i].competence) {
      ++j;
    } else {
      ++met, ++i, ++j;
    }
  }
  return static_cast<double>(met) / static_cast<double>(needs.size());
}

}  // namespace

Formation::Formation(const core::Region& region, const ModelParams& model)
    : region_(&region), model_(&model), facts_(region.size()) {
  constexpr double to_rad = 3.14159265358979323846 / 180.0;
  for (std::uint32_t v = 0; v < region.size(); ++v) {
    const ActorId a{v};
    auto& f = facts_[v];
    for (const auto& n : region.needs(a)) f.needs_mask |= bit_of(n.competence.value);
    for (const auto& o : region.offers(a)) f.offers_mask |= bit_of(o.competence.value);
    for (const auto g : region.groups_of(a)) f.groups_mask |= bit_of(g.value);
    if (const auto l = region.location(a)) {
      const double lat = l->lat * to_rad, lon = l->lon * to_rad;
      f.position = {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
    }
    f.kind = region.kind(a);
    f.science = core::is_science(f.kind);
    if (f.kind == core::ActorKind::firm) {
      const auto e = region.employees(a);
      f.absorptive = e ? std::min(1.0, std::log1p(static_cast<double>(*e)) / std::log(250.0)) : 0.5;
      f.industrial = is_industrial_sector(region.sector(a));
    }
  }
}

double Formation::log1p_count(std::size_t n) {
  static const auto table = [] {
    std::array<double, 256> t{};
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = std::log1p(static_cast<double>(i));
    return t;
  }();
  return n < table.size() ? table[n] : std::log1p(static_cast<double>(n));
}

double Formation::known_terms(const Effects& e, std::uint32_t a, std::uint32_t b,
                              std::size_t degree_b, double bonus) const {
  const auto& fa = facts_[a];
  const auto& fb = facts_[b];
  double eta = e.base + bonus;
  if (fa.kind == fb.kind) eta += e.same_kind;
  if (!std::isnan(fa.position[0]) && !std::isnan(fb.position[0]) && e.proximity != 0.0) {
    // Great-circle distance from the chord of the unit vectors.
    const double dx = fa.position[0] - fb.position[0], dy = fa.position[1] - fb.position[1],
                 dz = fa.position[2] - fb.position[2];
    const double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
    const double km = 2.0 * 6371.0088 * std::asin(std::min(1.0, chord / 2.0));
    eta += e.proximity * std::exp2(-km / model_->half_distance_km);
  }
  eta += e.popularity * log1p_count(degree_b);
  // industrial_science 0 adds an exact 0.0: today's sums, bit for bit.
  if (fa.kind == core::ActorKind::firm && fb.science)
    eta += (e.science_affinity + (fa.industrial ? e.industrial_science : 0.0)) * fa.absorptive;
  if (fb.kind == core::ActorKind::firm && fa.science)
    eta += (e.science_affinity + (fb.industrial ? e.industrial_science : 0.0)) * fb.absorptive;
  return eta;
}

double Formation::complementarity(std::uint32_t a, std::uint32_t b) const {
  const auto& fa = facts_[a];
  const auto& fb = facts_[b];
  const bool a_needs_b = (fa.needs_mask & fb.offers_mask) != 0;
  const bool b_needs_a = (fb.needs_mask & fa.offers_mask) != 0;
  if (!a_needs_b && !b_needs_a) return 0.0;
  const ActorId x{a}, y{b};
  return std::max(a_needs_b ? share_met(region_->needs(x), region_->offers(y)) : 0.0,
                  b_needs_a ? share_met(region_->needs(y), region_->offers(x)) : 0.0);
}

bool Formation::share_static_group(std::uint32_t a, std::uint32_t b) const {
  if ((facts_[a].groups_mask & facts_[b].groups_mask) == 0) return false;
  const auto ga = region_->groups_of(ActorId{a});
  const auto gb = region_->groups_of(ActorId{b});
  return std::any_of(ga.begin(), ga.end(),
                     [&](ActorId g) { return std::find(gb.begin(), gb.end(), g) != gb.end(); });
}

double Formation::eta(const Network& net, std::uint32_t a, std::uint32_t b, bool focus,
                      bool shares_focus, double bonus) const {
  const auto& e = model_->effects_of(facts_[a].kind);
  return sum(known_terms(e, a, b, net.neighbours(b).size(), bonus),
             e.complementarity * complementarity(a, b),
             focus || shares_focus ? e.shared_focus : 0.0,
             e.common_partners * log1p_count(net.common_neighbours(a, b)));
}

}  // namespace verbund::sim
