// The call's rules checked directly on the region: the referee for every builder.
#include "verbund/match/consortium_rules.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "verbund/core/geo.hpp"

namespace verbund::match {

using core::ActorId;

std::vector<RuleViolation> check_rules(const Call& call, const core::Region& region,
                                       std::span<const ActorId> members) {
  std::vector<RuleViolation> out;
  const auto n = static_cast<int>(members.size());
  auto has = [&](ActorId a) {
    return std::find(members.begin(), members.end(), a) != members.end();
  };
  if (n < call.min_size || n > call.max_size) {
    out.push_back({"size", std::to_string(n) + " members, the call allows " +
                               std::to_string(call.min_size) + " to " +
                               std::to_string(call.max_size)});
  }
  for (const auto& id : call.members) {
    if (!has(*region.find(id))) out.push_back({"must-member", "'" + id + "' is missing"});
  }
  for (const auto& id : call.excluded) {
    if (has(*region.find(id))) out.push_back({"excluded", "'" + id + "' is excluded"});
  }
  for (const auto& q : call.quotas) {
    const auto count = static_cast<int>(std::count_if(
        members.begin(), members.end(), [&](ActorId a) { return q.counts(region, a); }));
    if (count < q.min || (q.max && count > *q.max)) {
      out.push_back({"quota", q.label + ": " + std::to_string(count) + " members, needs " +
                                  std::to_string(q.min) +
                                  (q.max ? " to " + std::to_string(*q.max) : " or more")});
    }
  }
  std::set<std::uint32_t> places;
  for (const auto a : members) {
    if (const auto m = region.municipality(a)) {
      places.insert(m->value);
    } else if (call.within_region) {
      out.push_back(
          {"region", "'" + std::string(region.external_id(a)) + "' is not in the region"});
    }
  }
  if (static_cast<int>(places.size()) < call.min_municipalities) {
    out.push_back({"municipalities", std::to_string(places.size()) + " municipalities, needs " +
                                         std::to_string(call.min_municipalities)});
  }
  if (call.radius_km && !call.members.empty()) {
    const auto anchor = region.location(*region.find(call.members.front()));
    for (const auto a : members) {
      const auto l = region.location(a);
      if (!anchor || !l || core::distance_km(*anchor, *l) > *call.radius_km) {
        out.push_back({"radius", "'" + std::string(region.external_id(a)) + "' is not within " +
                                     std::to_string(*call.radius_km) + " km of '" +
                                     call.members.front() + "'"});
      }
    }
  }
  for (const auto& req : call.required) {
    const auto c = *region.taxonomy().find_competence(req.id);
    const auto count =
        static_cast<int>(std::count_if(members.begin(), members.end(), [&](ActorId a) {
          const auto offers = region.offers(a);
          return std::any_of(offers.begin(), offers.end(),
                             [&](const auto& o) { return o.competence == c; });
        }));
    if (count < req.min_members) {
      out.push_back({"competence", "needs " + std::to_string(req.min_members) +
                                       " members offering " + req.id + ", has " +
                                       std::to_string(count)});
    }
  }
  return out;
}

}  // namespace verbund::match
