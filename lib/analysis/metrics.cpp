#include "verbund/analysis/metrics.hpp"

#include <algorithm>

#include "verbund/analysis/indicators.hpp"

namespace verbund::analysis {

using core::ActorId;
using core::ActorKind;

namespace {

// A firm's science tie as the science share defines it (indicators.hpp).
bool has_science_neighbour(const core::Region& region, const SimpleGraph& graph, std::uint32_t v) {
  const auto row = graph.neighbours(v);
  return std::any_of(row.begin(), row.end(),
                     [&](std::uint32_t w) { return counts_as_science(region.kind(ActorId{w})); });
}

bool has_project_tie(const core::Region& region, const SimpleGraph& graph, std::uint32_t v) {
  // The simple graph merged kinds; look for a project tie to a neighbour it kept.
  for (const auto& nb : region.neighbours(ActorId{v})) {
    if (region.tie(nb.tie).kind != core::TieKind::project) continue;
    const auto row = graph.neighbours(v);
    if (std::binary_search(row.begin(), row.end(), nb.actor.value)) return true;
  }
  return false;
}

double ratio(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

}  // namespace

NetworkMetrics network_metrics(const core::Region& region, const SimpleGraph& graph) {
  NetworkMetrics m;
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  // The headline indicators as defined once in indicators.hpp.
  const IndicatorCounts counts = count_indicators(region, graph);
  const HeadlineIndicators headline = headline_indicators(counts);
  m.actors = counts.actors;
  m.edges = counts.pairs;
  m.density = headline.density;
  m.components = counts.components;
  m.giant_share = headline.giant_share;
  m.firms = counts.firms;
  m.firms_with_science_tie = counts.firms_with_science_tie;
  m.science_share = headline.science_share;
  m.cross_municipal_share = headline.cross_municipal_share;

  m.mean_degree = n > 0 ? 2.0 * static_cast<double>(m.edges) / static_cast<double>(n) : 0.0;
  const Clustering cl = clustering(graph);
  m.transitivity = cl.transitivity;
  m.average_clustering = cl.average_local;
  m.weighted_average_clustering = weighted_average_clustering(graph);

  std::size_t internal = 0, external = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    const ActorId a{v};
    m.max_degree = std::max(m.max_degree, graph.degree(v));
    if (graph.degree(v) == 0) ++m.isolated;
    for (const auto w : graph.neighbours(v)) {
      if (w < v) continue;
      (region.kind(a) == region.kind(ActorId{w}) ? internal : external) += 1;
    }
    if (region.kind(a) == ActorKind::firm) {
      if (auto size = region.size_class(a); size && core::is_sme(*size)) {
        ++m.smes;
        if (has_project_tie(region, graph, v)) ++m.smes_with_project;
      }
    }
  }
  m.ei_index_kind = ratio(static_cast<double>(external) - static_cast<double>(internal),
                          static_cast<double>(external + internal));
  m.sme_project_share = share(m.smes_with_project, m.smes);
  return m;
}

std::vector<GroupMetrics> metrics_by(const core::Region& region, const SimpleGraph& graph,
                                     Grouping grouping) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  // Groups of each actor, as indices into `names`.
  std::vector<std::string> names;
  std::vector<std::vector<std::uint32_t>> groups_of(n);
  switch (grouping) {
    case Grouping::municipality:
      for (std::uint32_t m = 0; m < region.municipality_count(); ++m) {
        names.emplace_back(region.municipality_name(core::MunicipalityId{m}));
      }
      names.emplace_back("");
      for (std::uint32_t v = 0; v < n; ++v) {
        const auto m = region.municipality(ActorId{v});
        groups_of[v].push_back(m ? m->value : static_cast<std::uint32_t>(names.size() - 1));
      }
      break;
    case Grouping::kind:
      for (const auto kind : core::all_actor_kinds) names.emplace_back(to_string(kind));
      for (std::uint32_t v = 0; v < n; ++v) {
        groups_of[v].push_back(static_cast<std::uint32_t>(region.kind(ActorId{v})));
      }
      break;
    case Grouping::theme: {
      const auto& tax = region.taxonomy();
      for (const auto& t : tax.themes()) names.push_back(t.id);
      names.emplace_back("");
      for (std::uint32_t v = 0; v < n; ++v) {
        for (const auto& offer : region.offers(ActorId{v})) {
          const auto theme = tax.competence(offer.competence).theme.value;
          if (std::find(groups_of[v].begin(), groups_of[v].end(), theme) == groups_of[v].end()) {
            groups_of[v].push_back(theme);
          }
        }
        if (groups_of[v].empty())
          groups_of[v].push_back(static_cast<std::uint32_t>(names.size() - 1));
      }
      break;
    }
  }
  const Clustering cl = clustering(graph);
  std::vector<GroupMetrics> rows(names.size());
  std::vector<double> degree_sum(names.size(), 0.0), clustering_sum(names.size(), 0.0);
  std::vector<std::size_t> with_science(names.size(), 0);
  for (std::size_t g = 0; g < names.size(); ++g) rows[g].group = names[g];
  auto in_group = [&](std::uint32_t v, std::uint32_t g) {
    return std::find(groups_of[v].begin(), groups_of[v].end(), g) != groups_of[v].end();
  };
  for (std::uint32_t v = 0; v < n; ++v) {
    const double d = static_cast<double>(graph.degree(v));
    const double local =
        d >= 2 ? 2.0 * static_cast<double>(cl.triangles_at[v]) / (d * (d - 1)) : 0.0;
    const bool firm = counts_as_firm(region.kind(ActorId{v}));
    const bool science = firm && has_science_neighbour(region, graph, v);
    for (const auto g : groups_of[v]) {
      auto& row = rows[g];
      ++row.actors;
      degree_sum[g] += d;
      clustering_sum[g] += local;
      if (firm) ++row.firms;
      if (science) ++with_science[g];
      for (const auto w : graph.neighbours(v)) {
        if (!in_group(w, g)) {
          ++row.edges_outside;
        } else if (w > v) {
          ++row.edges_inside;
        }
      }
    }
  }
  for (std::size_t g = 0; g < rows.size(); ++g) {
    auto& row = rows[g];
    const auto actors = static_cast<double>(row.actors);
    row.mean_degree = ratio(degree_sum[g], actors);
    row.average_clustering = ratio(clustering_sum[g], actors);
    row.science_share = science_share(with_science[g], row.firms);
    row.ei_index =
        ratio(static_cast<double>(row.edges_outside) - static_cast<double>(row.edges_inside),
              static_cast<double>(row.edges_outside + row.edges_inside));
  }
  std::erase_if(rows, [](const GroupMetrics& r) { return r.actors == 0; });
  std::sort(rows.begin(), rows.end(),
            [](const GroupMetrics& a, const GroupMetrics& b) { return a.group < b.group; });
  return rows;
}

}  // namespace verbund::analysis
