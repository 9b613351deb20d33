#include <algorithm>
#include <iostream>
#include <memory>

#include "analysis_scope.hpp"
#include "cli.hpp"
#include "metrics_years.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/analysis/metrics.hpp"

namespace verbund::cli {
namespace {

Table network_table(const analysis::NetworkMetrics& m) {
  Table t{"network", {"indicator", "value"}, {}};
  t.rows = {{"actors", m.actors},
            {"connected pairs", m.edges},
            {"density", m.density},
            {"mean degree", m.mean_degree},
            {"max degree", m.max_degree},
            {"isolated actors", m.isolated},
            {"components", m.components},
            {"giant component share", m.giant_share},
            {"transitivity", m.transitivity},
            {"average local clustering", m.average_clustering},
            {"weighted average clustering", m.weighted_average_clustering},
            {"firms", m.firms},
            {"share of firms with a science tie", m.science_share},
            {"cross-municipal share of ties", m.cross_municipal_share},
            {"E-I index by actor kind", m.ei_index_kind},
            {"SMEs", m.smes},
            {"share of SMEs in projects", m.sme_project_share}};
  return t;
}

// --where: the indicators about the selected actors, their ties to anyone counted.
Table selection_table(const analysis::SelectionMetrics& m) {
  Table t{"selected actors, ties to anyone", {"indicator", "value"}, {}};
  t.rows = {{"actors", m.actors},
            {"ties among them", m.edges_inside},
            {"ties to other actors", m.edges_outside},
            {"E-I index, ties out vs among them", m.ei_index},
            {"mean degree", m.mean_degree},
            {"max degree", m.max_degree},
            {"isolated actors", m.isolated},
            {"average local clustering in the whole network", m.average_clustering},
            {"firms", m.firms},
            {"firms with a science tie", m.firms_with_science_tie},
            {"share of firms with a science tie", m.science_share},
            {"cross-municipal share of ties", m.cross_municipal_share},
            {"E-I index by actor kind", m.ei_index_kind},
            {"SMEs", m.smes},
            {"share of SMEs in projects", m.sme_project_share}};
  return t;
}

// --where: the indicators of the network among the selected actors (the induced sub-region).
Table induced_table(const analysis::NetworkMetrics& m) {
  Table t{"network among the selected actors", {"indicator", "value"}, {}};
  t.rows = {{"actors", m.actors},
            {"connected pairs", m.edges},
            {"density", m.density},
            {"mean degree", m.mean_degree},
            {"max degree", m.max_degree},
            {"isolated actors", m.isolated},
            {"components", m.components},
            {"giant component share", m.giant_share},
            {"transitivity", m.transitivity},
            {"average local clustering", m.average_clustering},
            {"weighted average clustering", m.weighted_average_clustering}};
  return t;
}

Table group_table(const std::vector<analysis::GroupMetrics>& rows, const std::string& by) {
  Table t{"by " + by,
          {by, "actors", "ties inside", "ties outside", "E-I index", "mean degree",
           "average clustering", "firms", "science share", "cross-municipal share",
           "SME project share"},
          {}};
  for (const auto& r : rows) {
    t.rows.push_back({r.group.empty() ? "(none)" : r.group, r.actors, r.edges_inside,
                      r.edges_outside, r.ei_index, r.mean_degree, r.average_clustering, r.firms,
                      r.science_share, r.cross_municipal_share, r.sme_project_share});
  }
  return t;
}

analysis::Grouping grouping_of(const std::string& by) {
  if (by == "municipality") return analysis::Grouping::municipality;
  if (by == "kind") return analysis::Grouping::kind;
  if (by == "sector") return analysis::Grouping::sector;
  return analysis::Grouping::theme;
}

}  // namespace

Verb add_metrics_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    std::optional<std::string> by;
    AnalysisScope scope;
    std::optional<std::string> years;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd =
      app.add_subcommand("metrics",
                         "Network indicators: density, components, clustering, science ties, "
                         "cross-municipal ties, E-I index, SME participation");
  cmd->add_option("--by", state->by,
                  "also break them down by municipality, kind, sector or theme (each group's "
                  "ties to anyone count)")
      ->check(one_of({"municipality", "kind", "sector", "theme"}));
  add_scope_options(*cmd, state->scope);
  auto* years = cmd->add_option(
      "--years", state->years,
      "instead: the observed series of FIRST..LAST (e.g. 2014..2017), one row a year: "
      "ties active in the year and the projects running in it (the whole region: not with "
      "the other options)");
  for (auto* other : cmd->get_options())  // the series is the whole region's, so they conflict
    if (other != years && other->get_name() != "--help") years->excludes(other);
  return {
      cmd, [&global, state] {
        if (state->years) {  // the observed series, as calibration's targets read the data
          print_tables(std::cout, {observed_series_table(global, parse_year_range(*state->years))},
                       global);
          return;
        }
        const analysis::TieFilter filter = tie_filter(state->scope);
        const core::Region region = open_store(global, /*create=*/false).load_region();
        const auto selected = scope_selection(region, state->scope);
        const analysis::SimpleGraph graph(region, filter);
        std::vector<Table> tables;
        if (!selected) {
          tables.push_back(network_table(analysis::network_metrics(region, graph)));
        } else {
          // About the selected actors: their ties to anyone. Of the network among them: the
          // induced sub-region, which keeps only the ties inside the selection.
          tables.push_back(selection_table(analysis::selection_metrics(region, graph, *selected)));
          const core::Region among = induced_region(region, *selected);
          tables.push_back(induced_table(
              analysis::network_metrics(among, analysis::SimpleGraph(among, filter))));
        }
        if (state->by) {
          const auto grouping = grouping_of(*state->by);
          tables.push_back(
              group_table(selected ? analysis::metrics_by(region, graph, grouping, *selected)
                                   : analysis::metrics_by(region, graph, grouping),
                          *state->by));
        }
        print_tables(std::cout, tables, global);
      }};
}

}  // namespace verbund::cli
