#include "verbund/analysis/region_summary.hpp"

#include "verbund/analysis/indicators.hpp"

namespace verbund::analysis {

using core::ActorId;
using core::ActorKind;

RegionSummary summarize(const core::Region& region, const TieFilter& ties) {
  RegionSummary s;
  const std::size_t n = region.size();
  s.actors = n;
  s.memberships = region.memberships().size();
  s.competences = region.taxonomy().competences().size();
  s.themes = region.taxonomy().themes().size();
  for (const ActorKind kind : core::all_actor_kinds) {
    if (auto count = region.actors_of_kind(kind).size(); count > 0) s.actors_by_kind[kind] = count;
  }
  for (std::uint32_t m = 0; m < region.municipality_count(); ++m) {
    const core::MunicipalityId id{m};
    s.actors_by_municipality[std::string(region.municipality_name(id))] =
        region.actors_in(id).size();
  }
  std::size_t located = 0;
  for (const auto& [name, count] : s.actors_by_municipality) located += count;
  if (located < n) s.actors_by_municipality[""] = n - located;
  for (const core::Tie& t : region.ties()) {
    if (!ties.accepts(t)) continue;
    ++s.ties;
    ++s.ties_by_kind[t.kind];
  }
  for (const ActorId a : region.actors_of_kind(ActorKind::firm)) {
    if (auto size = region.size_class(a)) ++s.firms_by_size[*size];
  }

  const IndicatorCounts counts = count_indicators(region, SimpleGraph(region, ties));
  const HeadlineIndicators headline = headline_indicators(counts);
  s.connected_pairs = counts.pairs;
  s.density = headline.density;
  s.components = counts.components;
  s.giant_component = counts.giant;
  s.giant_component_share = headline.giant_share;
  s.firms = counts.firms;
  s.firms_with_science_tie = counts.firms_with_science_tie;
  s.science_tie_share = headline.science_share;
  s.cross_municipal_share = headline.cross_municipal_share;
  return s;
}

}  // namespace verbund::analysis
