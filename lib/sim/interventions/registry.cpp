// The one place where intervention types are registered.
#include <stdexcept>

#include "sim/interventions/registry.hpp"

namespace verbund::sim::detail {

const InterventionRegistry& builtin_interventions() {
  // Each type states when in a month it acts (InterventionType::acts): shocks first, then
  // working groups, transfer offices, funding calls, supplier initiatives, matchmaking days.
  static const InterventionRegistry registry{
      working_group_type,     shock_type,        transfer_office_type,
      matchmaking_event_type, funding_call_type, supplier_initiative_type,
  };
  return registry;
}

void InterventionRegistry::add(const InterventionType& type) {
  if (find(type.name)) throw std::logic_error("intervention type registered twice");
  types_.push_back(type);
}

const InterventionType* InterventionRegistry::find(std::string_view name) const noexcept {
  for (const auto& t : types_)
    if (t.name == name) return &t;
  return nullptr;
}

std::string InterventionRegistry::names() const {
  std::string out;
  for (const auto& t : types_) out += (out.empty() ? "" : ", ") + std::string(t.name);
  return out;
}

}  // namespace verbund::sim::detail
