// `verbund brokers`: betweenness, constraint, brokerage roles and who is cut off without a broker.
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "verbund/analysis/brokerage_roles.hpp"
#include "verbund/analysis/brokers.hpp"

namespace verbund::cli {
namespace {

Json optional_number(const std::optional<double>& x) { return x ? Json(*x) : Json(nullptr); }

}  // namespace

Verb add_brokers_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    std::size_t top = 20;
    std::size_t exact_limit = 20000;
    std::size_t samples = 500;
    std::string roles_by = "kind";
    AnalysisScope scope;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand(
      "brokers",
      "The actors the network depends on: betweenness, Burt's constraint, Gould-Fernandez "
      "brokerage roles, and who is cut off from the main network if they leave");
  cmd->add_option("--top", state->top, "how many")
      ->capture_default_str()
      ->check(number_range(1, 100000));
  cmd->add_option("--exact-limit", state->exact_limit,
                  "compute exact betweenness only up to this many actors")
      ->capture_default_str();
  cmd->add_option("--samples", state->samples,
                  "above the exact limit, estimate betweenness from this many sources "
                  "(0 = rank by constraint instead)")
      ->capture_default_str();
  cmd->add_option("--roles-by", state->roles_by,
                  "groups for the brokerage roles: kind or municipality")
      ->capture_default_str()
      ->check(one_of({"kind", "municipality"}));
  add_scope_options(*cmd, state->scope);
  return {
      cmd, [&global, state] {
        const analysis::TieFilter filter = tie_filter(state->scope);
        const core::Region region = load_scoped_region(global, state->scope);
        const analysis::SimpleGraph graph(region, filter);
        const ProgressBar bar("betweenness", "sources", global.quiet);
        const auto report = analysis::brokers(
            graph, {.top = state->top,
                    .exact_betweenness_limit = state->exact_limit,
                    .betweenness_samples = state->samples,
                    .seed = global.seed.value_or(1),
                    .progress = [&bar](std::size_t d, std::size_t t) { bar(d, t); }});
        std::vector<std::uint32_t> group(region.size()), chosen;
        for (std::uint32_t v = 0; v < region.size(); ++v) {
          const core::ActorId a{v};
          if (state->roles_by == "kind") {
            group[v] = static_cast<std::uint32_t>(region.kind(a));
          } else {  // actors without a municipality share one group
            group[v] = region.municipality(a) ? region.municipality(a)->value : UINT32_MAX;
          }
        }
        for (const auto& b : report.brokers) chosen.push_back(b.actor.value);
        const auto roles =
            analysis::brokerage_roles(analysis::DirectedGraph(region, filter), group, chosen);
        Table summary{"betweenness", {"indicator", "value"}, {}};
        using Mode = analysis::BrokerReport::Mode;
        summary.rows = {{"method", report.betweenness_mode == Mode::exact     ? "exact"
                                   : report.betweenness_mode == Mode::sampled ? "sampled"
                                                                              : "skipped"},
                        {"sources", report.betweenness_sources},
                        {"normalised error bound (95%)", report.betweenness_error_bound},
                        {"roles grouped by", state->roles_by}};
        Table t{"brokers",
                {"id", "name", "kind", "degree", "betweenness", "betweenness std. error",
                 "constraint", "cut off", "giant share without", "coordinator", "itinerant",
                 "representative", "gatekeeper", "liaison"},
                {}};
        for (std::size_t i = 0; i < report.brokers.size(); ++i) {
          const auto& b = report.brokers[i];
          const auto& r = roles[i];
          t.rows.push_back({region.external_id(b.actor), region.name(b.actor),
                            std::string(to_string(region.kind(b.actor))), b.degree,
                            optional_number(b.betweenness), optional_number(b.betweenness_error),
                            optional_number(b.constraint), b.cut_off, b.giant_share_after,
                            r.coordinator, r.itinerant, r.representative, r.gatekeeper, r.liaison});
        }
        print_tables(std::cout, {summary, t}, global);
      }};
}

}  // namespace verbund::cli
