// The --where/--tie-kinds/--year options shared by the analysis verbs.

#include "analysis_scope.hpp"
#include "option_checks.hpp"

#include <span>
#include <string>
#include <string_view>

#include "cli.hpp"
#include "verbund/analysis/actor_selection.hpp"
#include "verbund/core/region_select.hpp"

namespace verbund::cli {

void add_scope_options(CLI::App& command, AnalysisScope& scope) {
  command.add_option("--tie-kinds", scope.tie_kinds, "only these tie kinds (comma-separated)")
      ->delimiter(',');
  command.add_option("--year", scope.year, "only ties active in this year")
      ->check(number_range(1000, 2200));
  command.add_option(
      "--where", scope.where,
      "only actors with KEY=VALUE (kind, municipality, sector or an attribute such as "
      "country); repeat to require several");
}

analysis::TieFilter tie_filter(const AnalysisScope& scope) {
  analysis::TieFilter filter;
  filter.year = scope.year;
  for (const auto& name : scope.tie_kinds) {
    auto kind = core::parse_tie_kind(name);
    if (!kind) {
      throw InvalidInput("--tie-kinds: unknown tie kind '" + name +
                         "' (expected supply, research, transfer, project, informal or advisory)");
    }
    filter.kinds.push_back(*kind);
  }
  return filter;
}

namespace {

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : std::string(separator)) + item;
  return text;
}

// Why the conditions select nothing: the first condition that matches no actor by itself, with
// the values (or keys) closest to what was asked; else that no actor meets them all.
std::string why_nothing(const core::Region& region,
                        const std::vector<core::ActorCondition>& conditions) {
  for (const auto& c : conditions) {
    if (!analysis::select_actors(region, std::span(&c, 1)).empty()) continue;
    const auto values = analysis::values_of(region, c.key);
    if (values.empty()) {
      return "no actor has a '" + c.key + "'; closest keys: " +
             joined(analysis::closest(analysis::selection_keys(region), c.key), ", ");
    }
    return "no " + c.key + " is '" + c.value +
           "'; closest: " + joined(analysis::closest(values, c.value), ", ");
  }
  return "each condition holds for some actors, but none meets them all";
}

}  // namespace

std::optional<std::vector<core::ActorId>> scope_selection(const core::Region& region,
                                                          const AnalysisScope& scope) {
  if (scope.where.empty()) return std::nullopt;
  std::vector<core::ActorCondition> conditions;
  for (const auto& w : scope.where) conditions.push_back(core::ActorCondition::parse(w));
  auto selected = analysis::select_actors(region, conditions);
  if (selected.empty()) {
    throw InvalidInput("--where " + joined(scope.where, ", ") +
                       " selects no actor: " + why_nothing(region, conditions));
  }
  return selected;
}

core::Region load_scoped_region(const GlobalOptions& global, const AnalysisScope& scope) {
  const io::Store store = open_store(global, /*create=*/false);
  core::Region region = store.load_region();
  const auto selected = scope_selection(region, scope);
  return selected ? induced_region(region, *selected) : region;
}

core::Region induced_region(const core::Region& region, std::span<const core::ActorId> selected) {
  std::vector<char> keep(region.size(), 0);
  for (const auto a : selected) keep[a.value] = 1;
  return core::select(region, [&](core::ActorId a) { return keep[a.value] != 0; });
}

}  // namespace verbund::cli
