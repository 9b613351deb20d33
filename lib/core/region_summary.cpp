#include "verbund/core/region_summary.hpp"

#include <algorithm>
#include <vector>

#include <boost/graph/connected_components.hpp>

#include "region_bgl.hpp"

namespace verbund::core {

RegionSummary summarize(const Region& region) {
  RegionSummary s;
  const std::size_t n = region.size();
  s.actors = n;
  s.ties = region.tie_count();
  s.memberships = region.memberships().size();
  s.competences = region.taxonomy().competences().size();
  s.themes = region.taxonomy().themes().size();
  for (const ActorKind kind : all_actor_kinds) {
    if (auto count = region.actors_of_kind(kind).size(); count > 0) s.actors_by_kind[kind] = count;
  }
  for (std::uint32_t m = 0; m < region.municipality_count(); ++m) {
    const MunicipalityId id{m};
    s.actors_by_municipality[std::string(region.municipality_name(id))] =
        region.actors_in(id).size();
  }
  std::size_t located = 0;
  for (const auto& [name, count] : s.actors_by_municipality) located += count;
  if (located < n) s.actors_by_municipality[""] = n - located;
  for (const Tie& t : region.ties()) ++s.ties_by_kind[t.kind];

  std::size_t pair_ends = 0;  // each connected pair counted from both ends
  for (std::uint32_t i = 0; i < n; ++i) {
    const ActorId a{i};
    bool science = false;
    std::optional<ActorId> previous;
    for (const Neighbour& nb : region.neighbours(a)) {
      if (nb.actor != previous) ++pair_ends;
      previous = nb.actor;
      science = science || is_science(region.kind(nb.actor));
    }
    if (region.kind(a) == ActorKind::firm) {
      ++s.firms;
      if (science) ++s.firms_with_science_tie;
      if (auto size = region.size_class(a)) ++s.firms_by_size[*size];
    }
  }
  s.connected_pairs = pair_ends / 2;
  if (n >= 2) {
    s.density = static_cast<double>(s.connected_pairs) /
                (static_cast<double>(n) * static_cast<double>(n - 1) / 2.0);
  }
  if (n > 0) {
    std::vector<std::uint32_t> component(n);
    s.components = static_cast<std::size_t>(
        boost::connected_components(detail::RegionGraph{&region}, component.data()));
    std::vector<std::size_t> sizes(s.components, 0);
    for (const auto c : component) ++sizes[c];
    s.giant_component = *std::max_element(sizes.begin(), sizes.end());
    s.giant_component_share = static_cast<double>(s.giant_component) / static_cast<double>(n);
  }
  if (s.firms > 0) {
    s.science_tie_share =
        static_cast<double>(s.firms_with_science_tie) / static_cast<double>(s.firms);
  }
  return s;
}

}  // namespace verbund::core
