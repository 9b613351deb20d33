#include "verbund/core/region_select.hpp"

#include "verbund/error.hpp"

namespace verbund::core {

Region select(const Region& region, const std::function<bool(ActorId)>& keep) {
  return select(
      region, keep, [](const Tie&) { return true; }, [](const Membership&) { return true; });
}

Region select(const Region& region, const std::function<bool(ActorId)>& keep,
              const std::function<bool(const Tie&)>& keep_tie,
              const std::function<bool(const Membership&)>& keep_membership) {
  constexpr std::uint32_t dropped = UINT32_MAX;
  std::vector<std::uint32_t> new_id(region.size(), dropped);
  RegionBuilder builder(region.taxonomy());
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const ActorId a{i};
    if (!keep(a)) continue;
    ActorRecord r;
    r.id = region.external_id(a);
    r.name = region.name(a);
    r.kind = region.kind(a);
    if (auto m = region.municipality(a)) r.municipality = region.municipality_name(*m);
    r.location = region.location(a);
    r.employees = region.employees(a);
    r.sector = region.sector(a);
    r.founded = region.founded(a);
    r.capacity = region.capacity(a);
    const auto attrs = region.attributes(a);
    r.attributes.assign(attrs.begin(), attrs.end());
    new_id[i] = builder.add_actor(r).value;
  }
  auto mapped = [&](ActorId a) { return ActorId{new_id[a.value]}; };
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    if (new_id[i] == dropped) continue;
    const ActorId a{i};
    if (auto p = region.parent(a); p && new_id[p->value] != dropped)
      builder.set_parent(mapped(a), mapped(*p));
    for (const auto& o : region.offers(a))
      builder.add_competence(mapped(a), o.competence, CompetenceRole::offer, o.weight);
    for (const auto& nd : region.needs(a))
      builder.add_competence(mapped(a), nd.competence, CompetenceRole::need, nd.weight);
  }
  for (const Tie& t : region.ties()) {
    if (new_id[t.source.value] == dropped || new_id[t.target.value] == dropped) continue;
    if (!keep_tie(t)) continue;
    builder.add_tie({mapped(t.source), mapped(t.target), t.kind, t.weight, t.start, t.end});
  }
  for (const Membership& m : region.memberships()) {
    if (new_id[m.member.value] == dropped || new_id[m.group.value] == dropped) continue;
    if (!keep_membership(m)) continue;
    builder.add_membership({mapped(m.member), mapped(m.group), m.start, m.end});
  }
  return std::move(builder).build();
}

ActorCondition ActorCondition::parse(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw InvalidInput("actor condition '" + std::string(text) + "' is not KEY=VALUE");
  }
  return {std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

bool ActorCondition::matches(const Region& region, ActorId a) const {
  if (key == "kind") return to_string(region.kind(a)) == value;
  if (key == "municipality") {
    const auto m = region.municipality(a);
    return m ? region.municipality_name(*m) == value : value.empty();
  }
  if (key == "sector") return region.sector(a) == value;
  return region.attribute(a, key).value_or("") == value;
}

}  // namespace verbund::core
