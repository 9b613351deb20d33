#include "sim/selection.hpp"

#include <algorithm>
#include <optional>

#include "verbund/core/random.hpp"

namespace verbund::sim::detail {

using core::ActorId;

std::vector<ActorId> resolve_selection(const core::Region& r, const Selection& s,
                                       const std::vector<std::string>& listed, std::uint64_t seed,
                                       const SelectionSite& site) {
  auto fail = [&](const std::string& what) {
    throw InvalidInput(site.at, site.name + ": " + what);
  };
  std::vector<ActorId> out;
  for (const auto& id : listed) {
    const auto a = r.find(id);
    if (!a) fail("unknown actor '" + id + "'");
    out.push_back(*a);
  }
  if (!listed.empty()) return out;
  std::optional<core::MunicipalityId> place;
  if (!s.municipality.empty()) {
    place = r.find_municipality(s.municipality);
    if (!place) fail("unknown municipality '" + s.municipality + "'");
  }
  std::optional<core::ThemeId> theme;
  if (!s.theme.empty()) {
    theme = r.taxonomy().find_theme(s.theme);
    if (!theme) fail("unknown theme '" + s.theme + "'");
  }
  for (std::uint32_t v = 0; v < r.size(); ++v) {
    const ActorId a{v};
    if (!s.kinds.empty() && std::find(s.kinds.begin(), s.kinds.end(), r.kind(a)) == s.kinds.end())
      continue;
    if (place && r.municipality(a) != place) continue;
    if (!s.sector.empty() && r.sector(a).substr(0, s.sector.size()) != s.sector) continue;
    if (theme) {
      const auto offers = r.offers(a);
      if (std::none_of(offers.begin(), offers.end(), [&](const auto& o) {
            return r.taxonomy().competence(o.competence).theme == *theme;
          }))
        continue;
    }
    out.push_back(a);
  }
  if (s.size > 0 && out.size() > s.size) {
    core::RandomStream rng(seed, selection_stream(site.index, site.role),
                           purpose(Purpose::selection));
    for (std::size_t i = 0; i < s.size; ++i) std::swap(out[i], out[i + rng.below(out.size() - i)]);
    out.resize(s.size);
    std::sort(out.begin(), out.end());
  }
  return out;
}

}  // namespace verbund::sim::detail
