#include "sim/selection.hpp"

#include <algorithm>
#include <optional>

#include "verbund/analysis/actor_selection.hpp"
#include "verbund/core/random.hpp"

namespace verbund::sim::detail {

using core::ActorId;

namespace {

// " (closest: 'a', 'b')", or "" when nothing comes close.
std::string suggestion(const std::vector<std::string>& names, std::string_view text) {
  const auto near = analysis::closest(names, text);
  if (near.empty()) return "";
  std::string out = " (closest: ";
  for (std::size_t i = 0; i < near.size(); ++i) out += (i ? ", '" : "'") + near[i] + "'";
  return out + ")";
}

// The municipality named `name`, also as people type it ("Muelheim an der Ruhr").
std::optional<core::MunicipalityId> find_municipality(const core::Region& r,
                                                      std::string_view name) {
  if (auto m = r.find_municipality(name)) return m;
  const auto folded = analysis::fold_for_matching(name);
  for (std::uint32_t m = 0; m < r.municipality_count(); ++m) {
    if (analysis::fold_for_matching(r.municipality_name(core::MunicipalityId{m})) == folded)
      return core::MunicipalityId{m};
  }
  return std::nullopt;
}

}  // namespace

std::vector<ActorId> resolve_selection(const core::Region& r, const Selection& s,
                                       const std::vector<std::string>& listed, std::uint64_t seed,
                                       const SelectionSite& site,
                                       std::span<const SourceLocation> listed_at) {
  std::vector<ActorId> out;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const auto a = r.find(listed[i]);
    if (!a) {
      throw InvalidInput(i < listed_at.size() ? listed_at[i] : site.at,
                         site.name + ": unknown actor '" + listed[i] + "'");
    }
    out.push_back(*a);
  }
  if (!listed.empty()) return out;
  // Unknown values are pointed at where they are written (the table's place if unknown).
  auto fail_at = [&](const SourceLocation& at, const std::string& what) {
    throw InvalidInput(at.file.empty() ? site.at : at, site.name + ": " + what);
  };
  std::optional<core::MunicipalityId> place;
  if (!s.municipality.empty()) {
    place = find_municipality(r, s.municipality);
    if (!place) {
      std::vector<std::string> names;
      for (std::uint32_t m = 0; m < r.municipality_count(); ++m)
        names.emplace_back(r.municipality_name(core::MunicipalityId{m}));
      fail_at(s.municipality_at,
              "unknown municipality '" + s.municipality + "'" + suggestion(names, s.municipality));
    }
  }
  std::optional<core::ThemeId> theme;
  if (!s.theme.empty()) {
    theme = r.taxonomy().find_theme(s.theme);
    if (!theme) {
      std::vector<std::string> ids;
      for (const auto& t : r.taxonomy().themes()) ids.push_back(t.id);
      fail_at(s.theme_at, "unknown theme '" + s.theme + "'" + suggestion(ids, s.theme));
    }
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
