#include "verbund/analysis/metrics.hpp"

#include <algorithm>
#include <map>
#include <span>
#include <string>

#include "verbund/analysis/indicators.hpp"
#include "verbund/assert.hpp"

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
  m.ei_index_kind = ei_index(external, internal);
  m.sme_project_share = share(m.smes_with_project, m.smes);
  return m;
}

namespace {

// Groups as indices into `names`; an actor's groups in `groups_of` (empty: in no group).
struct Groups {
  std::vector<std::string> names;
  std::vector<std::vector<std::uint32_t>> groups_of;
};

Groups groups_by(const core::Region& region, std::uint32_t n, Grouping grouping,
                 const std::vector<char>& member) {
  Groups g;
  g.groups_of.resize(n);
  auto& names = g.names;
  auto none = [&] { return static_cast<std::uint32_t>(names.size() - 1); };
  switch (grouping) {
    case Grouping::municipality:
      for (std::uint32_t m = 0; m < region.municipality_count(); ++m) {
        names.emplace_back(region.municipality_name(core::MunicipalityId{m}));
      }
      names.emplace_back("");
      for (std::uint32_t v = 0; v < n; ++v) {
        if (!member[v]) continue;
        const auto m = region.municipality(ActorId{v});
        g.groups_of[v].push_back(m ? m->value : none());
      }
      break;
    case Grouping::kind:
      for (const auto kind : core::all_actor_kinds) names.emplace_back(to_string(kind));
      for (std::uint32_t v = 0; v < n; ++v) {
        if (!member[v]) continue;
        g.groups_of[v].push_back(static_cast<std::uint32_t>(region.kind(ActorId{v})));
      }
      break;
    case Grouping::theme: {
      const auto& tax = region.taxonomy();
      for (const auto& t : tax.themes()) names.push_back(t.id);
      names.emplace_back("");
      for (std::uint32_t v = 0; v < n; ++v) {
        if (!member[v]) continue;
        auto& mine = g.groups_of[v];
        for (const auto& offer : region.offers(ActorId{v})) {
          const auto theme = tax.competence(offer.competence).theme.value;
          if (std::find(mine.begin(), mine.end(), theme) == mine.end()) mine.push_back(theme);
        }
        if (mine.empty()) mine.push_back(none());
      }
      break;
    }
    case Grouping::sector: {
      std::map<std::string, std::uint32_t, std::less<>> index;
      for (std::uint32_t v = 0; v < n; ++v) {
        if (!member[v]) continue;
        const auto sector = region.sector(ActorId{v});
        auto it = index.find(sector);
        if (it == index.end()) {
          it = index.emplace(std::string(sector), static_cast<std::uint32_t>(names.size())).first;
          names.emplace_back(sector);
        }
        g.groups_of[v].push_back(it->second);
      }
      break;
    }
  }
  return g;
}

// The indicators about each group, ties to anyone counted: the one computation behind both
// selection_metrics (one group) and metrics_by, so that --where and --by cannot disagree.
std::vector<GroupMetrics> tally(const core::Region& region, const SimpleGraph& graph,
                                const Groups& groups) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  const auto& names = groups.names;
  const auto& groups_of = groups.groups_of;
  const Clustering cl = clustering(graph);
  std::vector<GroupMetrics> rows(names.size());
  std::vector<double> degree_sum(names.size(), 0.0), clustering_sum(names.size(), 0.0);
  std::vector<std::size_t> same_kind(names.size(), 0), other_kind(names.size(), 0);
  for (std::size_t g = 0; g < names.size(); ++g) rows[g].group = names[g];
  auto in_group = [&](std::uint32_t v, std::uint32_t g) {
    return std::find(groups_of[v].begin(), groups_of[v].end(), g) != groups_of[v].end();
  };
  for (std::uint32_t v = 0; v < n; ++v) {
    if (groups_of[v].empty()) continue;
    const ActorId a{v};
    const std::size_t degree = graph.degree(v);
    const auto d = static_cast<double>(degree);
    const double local =
        d >= 2 ? 2.0 * static_cast<double>(cl.triangles_at[v]) / (d * (d - 1)) : 0.0;
    const bool firm = counts_as_firm(region.kind(a));
    const bool science = firm && has_science_neighbour(region, graph, v);
    const auto size = region.size_class(a);
    const bool sme = region.kind(a) == ActorKind::firm && size && core::is_sme(*size);
    const bool project = sme && has_project_tie(region, graph, v);
    const auto here = region.municipality(a);
    for (const auto g : groups_of[v]) {
      auto& row = rows[g];
      ++row.actors;
      degree_sum[g] += d;
      clustering_sum[g] += local;
      row.max_degree = std::max(row.max_degree, degree);
      if (degree == 0) ++row.isolated;
      if (firm) ++row.firms;
      if (science) ++row.firms_with_science_tie;
      if (sme) ++row.smes;
      if (project) ++row.smes_with_project;
      for (const auto w : graph.neighbours(v)) {
        if (!in_group(w, g)) {
          ++row.edges_outside;
        } else if (w > v) {
          ++row.edges_inside;
        } else {
          continue;  // a pair inside the group counts once, from its lower end
        }
        const ActorId b{w};
        const auto there = region.municipality(b);
        if (is_located_pair(here, there)) ++row.located_pairs;
        if (is_cross_municipal(here, there)) ++row.cross_municipal_pairs;
        (region.kind(a) == region.kind(b) ? same_kind : other_kind)[g] += 1;
      }
    }
  }
  for (std::size_t g = 0; g < rows.size(); ++g) {
    auto& row = rows[g];
    const auto actors = static_cast<double>(row.actors);
    row.mean_degree = ratio(degree_sum[g], actors);
    row.average_clustering = ratio(clustering_sum[g], actors);
    row.science_share = science_share(row.firms_with_science_tie, row.firms);
    row.cross_municipal_share = cross_municipal_share(row.cross_municipal_pairs, row.located_pairs);
    row.ei_index = ei_index(row.edges_outside, row.edges_inside);
    row.ei_index_kind = ei_index(other_kind[g], same_kind[g]);
    row.sme_project_share = share(row.smes_with_project, row.smes);
  }
  return rows;
}

std::vector<char> membership(std::size_t n, std::span<const ActorId> actors) {
  std::vector<char> member(n, 0);
  for (const auto a : actors) {
    VERBUND_ASSERT(a.value < n);
    member[a.value] = 1;
  }
  return member;
}

std::vector<GroupMetrics> sorted_rows(std::vector<GroupMetrics> rows) {
  std::erase_if(rows, [](const GroupMetrics& r) { return r.actors == 0; });
  std::sort(rows.begin(), rows.end(),
            [](const GroupMetrics& a, const GroupMetrics& b) { return a.group < b.group; });
  return rows;
}

}  // namespace

SelectionMetrics selection_metrics(const core::Region& region, const SimpleGraph& graph,
                                   std::span<const ActorId> selected) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  const std::vector<char> member = membership(n, selected);
  Groups one{{""}, std::vector<std::vector<std::uint32_t>>(n)};
  for (std::uint32_t v = 0; v < n; ++v) {
    if (member[v]) one.groups_of[v].push_back(0);
  }
  return tally(region, graph, one).front();
}

std::vector<GroupMetrics> metrics_by(const core::Region& region, const SimpleGraph& graph,
                                     Grouping grouping) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  return sorted_rows(tally(region, graph, groups_by(region, n, grouping, std::vector<char>(n, 1))));
}

std::vector<GroupMetrics> metrics_by(const core::Region& region, const SimpleGraph& graph,
                                     Grouping grouping, std::span<const ActorId> among) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  return sorted_rows(tally(region, graph, groups_by(region, n, grouping, membership(n, among))));
}

}  // namespace verbund::analysis
