#include <algorithm>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbund/analysis/metrics.hpp"
#include "verbund/core/region_select.hpp"

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

Table group_table(const std::vector<analysis::GroupMetrics>& rows, const std::string& by) {
  Table t{"by " + by,
          {by, "actors", "ties inside", "ties outside", "E-I index", "mean degree",
           "average clustering", "firms", "science share"},
          {}};
  for (const auto& r : rows) {
    t.rows.push_back({r.group.empty() ? "(none)" : r.group, r.actors, r.edges_inside,
                      r.edges_outside, r.ei_index, r.mean_degree, r.average_clustering, r.firms,
                      r.science_share});
  }
  return t;
}

}  // namespace

Verb add_metrics_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    std::optional<std::string> by;
    AnalysisScope scope;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd =
      app.add_subcommand("metrics",
                         "Network indicators: density, components, clustering, science ties, "
                         "cross-municipal ties, E-I index, SME participation");
  cmd->add_option("--by", state->by, "also break them down by municipality, kind or theme")
      ->check(CLI::IsMember({"municipality", "kind", "theme"}));
  add_scope_options(*cmd, state->scope);
  return {
      cmd, [&global, state] {
        const analysis::TieFilter filter = tie_filter(state->scope);
        const core::Region region = load_scoped_region(global, state->scope);
        const analysis::SimpleGraph graph(region, filter);
        std::vector<Table> tables{network_table(analysis::network_metrics(region, graph))};
        if (state->by) {
          const auto grouping = *state->by == "municipality" ? analysis::Grouping::municipality
                                : *state->by == "kind"       ? analysis::Grouping::kind
                                                             : analysis::Grouping::theme;
          tables.push_back(group_table(analysis::metrics_by(region, graph, grouping), *state->by));
        }
        print_tables(std::cout, tables, global.format);
      }};
}

}  // namespace verbund::cli
