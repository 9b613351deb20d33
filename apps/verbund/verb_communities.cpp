// `verbund communities`: community detection (igraph Louvain or Leiden) with modularity.
#include <charconv>
#include <iostream>
#include <map>
#include <memory>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/analysis/communities.hpp"

namespace verbund::cli {
namespace {

/// Resolutions beyond this split every tie into its own community on any real network.
constexpr double max_resolution = 1000.0;

}  // namespace

Verb add_communities_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    std::string method = "louvain";
    double resolution = 1.0;
    bool unweighted = false;
    bool members = false;
    AnalysisScope scope;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand(
      "communities", "Communities (igraph Louvain or Leiden, seeded) and modularity");
  cmd->add_option("--method", state->method, "louvain or leiden")
      ->capture_default_str()
      ->check(one_of({"louvain", "leiden"}));
  cmd->add_option("--resolution", state->resolution, "modularity resolution")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            // positive_number() names its range as [2.2e-308 - 1.8e308] written out in full.
            double value = 0.0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size() || !(value > 0.0) ||
                value > max_resolution)
              return "resolution must be a number in (0, 1000], not " + text;
            return {};
          },
          "in (0, 1000]", "resolution range"));
  cmd->add_flag("--unweighted", state->unweighted, "ignore tie weights");
  cmd->add_flag("--members", state->members, "list every actor's community instead of a summary");
  add_scope_options(*cmd, state->scope);
  return {cmd, [&global, state] {
            const analysis::TieFilter filter = tie_filter(state->scope);
            const core::Region region = load_scoped_region(global, state->scope);
            const analysis::SimpleGraph graph(region, filter);
            const auto found = analysis::detect_communities(
                graph, {.method = state->method == "leiden" ? analysis::CommunityMethod::leiden
                                                            : analysis::CommunityMethod::louvain,
                        .resolution = state->resolution,
                        .weighted = !state->unweighted,
                        .seed = global.seed.value_or(1)});
            if (state->members) {
              Table t{"members", {"id", "community"}, {}};
              for (std::uint32_t v = 0; v < region.size(); ++v) {
                t.rows.push_back({region.external_id(core::ActorId{v}), found.membership[v]});
              }
              print_tables(std::cout, {t}, global);
              return;
            }
            std::vector<std::size_t> size(found.count, 0), firms(found.count, 0);
            std::vector<std::map<std::string, std::size_t>> places(found.count);
            for (std::uint32_t v = 0; v < region.size(); ++v) {
              const auto c = found.membership[v];
              ++size[c];
              if (region.kind(core::ActorId{v}) == core::ActorKind::firm) ++firms[c];
              if (auto m = region.municipality(core::ActorId{v})) {
                ++places[c][std::string(region.municipality_name(*m))];
              }
            }
            Table summary{"partition", {"indicator", "value"}, {}};
            summary.rows = {{"communities", found.count}, {"modularity", found.modularity}};
            Table t{"communities", {"community", "actors", "firms", "main municipality"}, {}};
            for (std::size_t c = 0; c < found.count; ++c) {
              if (size[c] < 2) continue;  // isolated actors are their own community
              std::string main;
              std::size_t best = 0;
              for (const auto& [name, count] : places[c]) {
                if (count > best) main = name, best = count;
              }
              t.rows.push_back({c, size[c], firms[c], main});
            }
            print_tables(std::cout, {summary, t}, global);
          }};
}

}  // namespace verbund::cli
