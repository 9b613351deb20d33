// Tie formation: eta recomputed from the model's definition with the region's own data, and the
// lazy decision (bounds first, expensive terms only when needed) against the full eta.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <string>

#include "sim/formation.hpp"
#include "verbund/core/geo.hpp"
#include "verbund/core/random.hpp"
#include "verbund/gen/ruhr.hpp"

using namespace verbund;
using core::ActorId;

namespace {

const core::Region& region() {
  static const core::Region r = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 800, .seed = 12});
  return r;
}

/// eta written out from the documented effects, with sets and the haversine distance.
double eta_by_definition(const core::Region& r, const sim::detail::Network& net,
                         const sim::ModelParams& m, std::uint32_t a, std::uint32_t b,
                         bool shared_focus, double bonus) {
  const ActorId x{a}, y{b};
  const auto& e = m.effects_of(r.kind(x));
  auto set_of = [](auto span) {
    std::set<std::uint32_t> out;
    for (const auto& c : span) out.insert(c.competence.value);
    return out;
  };
  auto share = [&](ActorId seeker, ActorId offerer) {
    const auto needs = set_of(r.needs(seeker)), offers = set_of(r.offers(offerer));
    if (needs.empty()) return 0.0;
    std::size_t met = 0;
    for (const auto c : needs) met += offers.count(c);
    return static_cast<double>(met) / static_cast<double>(needs.size());
  };
  double eta = e.base + bonus;
  if (r.kind(x) == r.kind(y)) eta += e.same_kind;
  eta += e.complementarity * std::max(share(x, y), share(y, x));
  if (r.location(x) && r.location(y))
    eta += e.proximity *
           std::pow(2.0, -core::distance_km(*r.location(x), *r.location(y)) / m.half_distance_km);
  const auto na = net.neighbours(a), nb = net.neighbours(b);
  const std::set<std::uint32_t> partners_a(na.begin(), na.end());
  std::size_t common = 0;
  for (const auto w : nb) common += partners_a.count(w);
  eta += e.common_partners * std::log(1.0 + static_cast<double>(common));
  if (shared_focus) eta += e.shared_focus;
  eta += e.popularity * std::log(1.0 + static_cast<double>(nb.size()));
  auto absorptive = [&](ActorId f) {
    const auto employees = r.employees(f);
    return employees ? std::min(1.0, std::log(1.0 + *employees) / std::log(250.0)) : 0.5;
  };
  // Industrial: NACE divisions 5 to 33, read as a number (the model parses the digits itself).
  auto industrial = [&](ActorId f) {
    const auto sector = r.sector(f);
    if (sector.size() < 2 || !std::isdigit(static_cast<unsigned char>(sector[0])) ||
        !std::isdigit(static_cast<unsigned char>(sector[1])))
      return false;
    const int division = std::stoi(std::string(sector.substr(0, 2)));
    return division >= 5 && division <= 33;
  };
  auto affinity = [&](ActorId f) {
    return e.science_affinity + (industrial(f) ? e.industrial_science : 0.0);
  };
  const bool fx = r.kind(x) == core::ActorKind::firm, fy = r.kind(y) == core::ActorKind::firm;
  if (fx && core::is_science(r.kind(y))) eta += affinity(x) * absorptive(x);
  if (fy && core::is_science(r.kind(x))) eta += affinity(y) * absorptive(y);
  return eta;
}

sim::ModelParams model_with_signs(int variant) {
  sim::ModelParams m;
  if (variant == 1) {  // negative coefficients turn the bounds around
    m.effects.complementarity = -1.2;
    m.effects.common_partners = -0.6;
    m.effects.shared_focus = -0.9;
    m.effects.base = -1.0;
    m.effects.industrial_science = -2.0;
  } else if (variant == 2) {  // strong positive effects: many meetings decided late
    m.effects.base = -3.0;
    m.effects.complementarity = 4.0;
    m.effects.common_partners = 2.5;
    m.effects.shared_focus = 2.0;
    m.effects.industrial_science = 3.0;
    m.effects_by_kind.emplace_back(core::ActorKind::university, sim::Effects{.base = -4.0});
  }
  return m;
}

}  // namespace

TEST_CASE("formation eta equals the model's definition, the lazy decision equals the full one",
          "[sim]") {
  const auto& r = region();
  const sim::detail::Network net(r, std::nullopt);
  const auto n = static_cast<std::uint32_t>(net.size());
  for (int variant = 0; variant < 3; ++variant) {
    CAPTURE(variant);
    const auto model = model_with_signs(variant);
    const sim::Formation formation(r, model);
    core::RandomStream rng(17, static_cast<std::uint64_t>(variant));
    std::size_t formed = 0, decided = 0, lookups = 0;
    for (int k = 0; k < 20000; ++k) {
      const auto a = static_cast<std::uint32_t>(rng.below(n));
      std::uint32_t b = static_cast<std::uint32_t>(rng.below(n));
      if (k % 3 == 0 && !net.neighbours(a).empty()) {  // partners' partners share partners
        const auto z = net.neighbours(a)[rng.below(net.neighbours(a).size())];
        b = net.neighbours(z)[rng.below(net.neighbours(z).size())];
      }
      if (a == b || net.connected(a, b)) continue;
      const bool focus = rng.bernoulli(0.2);
      const bool shares = rng.bernoulli(0.3);
      const double bonus = rng.bernoulli(0.1) ? 1.0 : 0.0;
      const double eta = formation.eta(net, a, b, focus, shares, bonus);
      REQUIRE(eta ==
              Approx(eta_by_definition(r, net, model, a, b, focus || shares, bonus)).margin(1e-9));
      // Draws near the tie probability put the decision where the bounds cannot settle it.
      const double p = 1.0 / (1.0 + std::exp(-eta));
      const double u = rng.bernoulli(0.5)
                           ? rng.uniform()
                           : std::clamp(p + 0.01 * (rng.uniform() - 0.5), 0.0, 0.999);
      bool asked = false;
      const bool lazy = formation.forms(
          net, a, b, focus, [&] { return asked = true, shares; }, bonus, u);
      REQUIRE(lazy == (sim::Formation::logit(u) < eta));
      formed += lazy ? 1 : 0;
      ++decided;
      lookups += asked ? 1 : 0;
    }
    CHECK(formed > 0);
    CHECK(formed < decided);
    CHECK(lookups < decided);  // the shared-focus lookup was spared for some meetings
  }
}
