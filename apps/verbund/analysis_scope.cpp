// The --where/--tie-kinds/--year options shared by the analysis verbs.

#include <algorithm>

#include "cli.hpp"
#include "verbund/core/region_select.hpp"

namespace verbund::cli {

void add_scope_options(CLI::App& command, AnalysisScope& scope) {
  command.add_option("--tie-kinds", scope.tie_kinds, "only these tie kinds (comma-separated)")
      ->delimiter(',');
  command.add_option("--year", scope.year, "only ties active in this year")
      ->check(CLI::Range(1000, 2200));
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

core::Region load_scoped_region(const GlobalOptions& global, const AnalysisScope& scope) {
  std::vector<core::ActorCondition> conditions;
  for (const auto& w : scope.where) conditions.push_back(core::ActorCondition::parse(w));
  const io::Store store = open_store(global, /*create=*/false);
  core::Region region = store.load_region();
  if (conditions.empty()) return region;
  core::Region selected = core::select(region, [&](core::ActorId a) {
    return std::all_of(conditions.begin(), conditions.end(),
                       [&](const core::ActorCondition& c) { return c.matches(region, a); });
  });
  if (selected.size() == 0) {
    std::string list;
    for (const auto& w : scope.where) list += (list.empty() ? "" : ", ") + w;
    throw InvalidInput("--where " + list +
                       " selects no actor (keys: kind, municipality, sector or an attribute)");
  }
  return selected;
}

}  // namespace verbund::cli
