#include "actor_lookup.hpp"

#include "verbund/analysis/actor_search.hpp"
#include "verbund/analysis/actor_selection.hpp"
#include "verbund/error.hpp"

namespace verbund::cli {

core::ActorId require_actor(const core::Region& region, const std::string& id,
                            const std::string& option) {
  if (const auto a = region.find(id)) return *a;
  std::string message = option + ": unknown actor '" + id + "'";
  std::string suggestions;
  for (const auto& hit : analysis::find_actors(region, id, {.limit = 5})) {
    suggestions += (suggestions.empty() ? "" : ", ") + std::string(region.external_id(hit.actor)) +
                   " (" + std::string(region.name(hit.actor)) + ")";
  }
  if (suggestions.empty() && region.size() > 0) {
    // Nothing contains the text: the ids nearest in spelling (a typo in an id).
    std::vector<std::string> ids;
    ids.reserve(region.size());
    for (std::uint32_t i = 0; i < region.size(); ++i)
      ids.emplace_back(region.external_id(core::ActorId{i}));
    for (const auto& near : analysis::closest(ids, id, 3)) {
      const auto a = *region.find(near);
      suggestions +=
          (suggestions.empty() ? "" : ", ") + near + " (" + std::string(region.name(a)) + ")";
    }
  }
  if (!suggestions.empty()) message += "; closest: " + suggestions;
  message += " (verbund find TEXT searches names)";
  throw InvalidInput(message);
}

}  // namespace verbund::cli
