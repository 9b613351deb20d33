#include "verbund/analysis/metrics.hpp"

#include <algorithm>
#include <numeric>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

namespace verbund::analysis {

using core::ActorId;
using core::ActorKind;

Clustering clustering(const SimpleGraph& graph) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  // Orient each edge from lower to higher (degree, id) rank: every triangle is found once, at
  // its lowest-ranked vertex, and no out-list is longer than sqrt(2m).
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    const auto da = graph.degree(a), db = graph.degree(b);
    return da != db ? da < db : a < b;
  };
  std::vector<std::uint64_t> out_offsets(n + 1, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    std::uint64_t d = 0;
    for (const auto w : graph.neighbours(v)) d += before(v, w) ? 1 : 0;
    out_offsets[v + 1] = out_offsets[v] + d;
  }
  std::vector<std::uint32_t> out(out_offsets[n]);
  tbb::parallel_for(std::uint32_t{0}, n, [&](std::uint32_t v) {
    auto at = out_offsets[v];
    for (const auto w : graph.neighbours(v)) {
      if (before(v, w)) out[at++] = w;
    }
  });  // out-lists stay sorted by id

  // Per-thread counters; integer sums do not depend on how the work was split.
  tbb::enumerable_thread_specific<std::vector<std::uint64_t>> local(
      [&] { return std::vector<std::uint64_t>(n, 0); });
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n, 256), [&](const auto& range) {
    auto& count = local.local();
    for (std::uint32_t u = range.begin(); u != range.end(); ++u) {
      const auto* ub = out.data() + out_offsets[u];
      const auto* ue = out.data() + out_offsets[u + 1];
      for (const auto* p = ub; p != ue; ++p) {
        const std::uint32_t v = *p;
        const auto* a = ub;
        const auto* b = out.data() + out_offsets[v];
        const auto* be = out.data() + out_offsets[v + 1];
        while (a != ue && b != be) {
          if (*a < *b) {
            ++a;
          } else if (*b < *a) {
            ++b;
          } else {
            ++count[u];
            ++count[v];
            ++count[*a];
            ++a;
            ++b;
          }
        }
      }
    }
  });
  Clustering c;
  c.triangles_at.assign(n, 0);
  for (const auto& count : local) {
    for (std::uint32_t v = 0; v < n; ++v) c.triangles_at[v] += count[v];
  }
  double triples = 0.0, local_sum = 0.0;
  std::uint64_t corners = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    const double d = static_cast<double>(graph.degree(v));
    corners += c.triangles_at[v];
    if (d >= 2) {
      triples += d * (d - 1) / 2.0;
      local_sum += 2.0 * static_cast<double>(c.triangles_at[v]) / (d * (d - 1));
    }
  }
  c.triangles = corners / 3;
  c.transitivity = triples > 0 ? static_cast<double>(corners) / triples : 0.0;
  c.average_local = n > 0 ? local_sum / n : 0.0;
  return c;
}

Components components(const SimpleGraph& graph, std::optional<std::uint32_t> removed) {
  const auto n = static_cast<std::uint32_t>(graph.vertex_count());
  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0U);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::uint32_t v = 0; v < n; ++v) {
    if (v == removed) continue;
    for (const auto w : graph.neighbours(v)) {
      if (w < v || w == removed) continue;
      const auto a = find(v), b = find(w);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);  // root = smallest member
    }
  }
  Components c;
  c.of.resize(n);
  std::vector<std::uint32_t> number(n, UINT32_MAX);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (v == removed) {
      c.of[v] = UINT32_MAX;
      continue;
    }
    const auto root = find(v);
    if (number[root] == UINT32_MAX) {
      number[root] = static_cast<std::uint32_t>(c.sizes.size());
      c.sizes.push_back(0);
    }
    c.of[v] = number[root];
    ++c.sizes[number[root]];
  }
  if (!c.sizes.empty()) c.giant = *std::max_element(c.sizes.begin(), c.sizes.end());
  return c;
}

namespace {

bool has_science_neighbour(const core::Region& region, const SimpleGraph& graph, std::uint32_t v) {
  const auto row = graph.neighbours(v);
  return std::any_of(row.begin(), row.end(),
                     [&](std::uint32_t w) { return core::is_science(region.kind(ActorId{w})); });
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
  m.actors = n;
  m.edges = graph.edge_count();
  const double nn = static_cast<double>(n);
  m.density = n >= 2 ? static_cast<double>(m.edges) / (nn * (nn - 1) / 2.0) : 0.0;
  m.mean_degree = n > 0 ? 2.0 * static_cast<double>(m.edges) / nn : 0.0;
  const Components comp = components(graph);
  m.components = comp.sizes.size();
  m.giant_share = ratio(static_cast<double>(comp.giant), nn);
  const Clustering cl = clustering(graph);
  m.transitivity = cl.transitivity;
  m.average_clustering = cl.average_local;
  m.weighted_average_clustering = weighted_average_clustering(graph);

  std::size_t cross = 0, located = 0, internal = 0, external = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    const ActorId a{v};
    m.max_degree = std::max(m.max_degree, graph.degree(v));
    if (graph.degree(v) == 0) ++m.isolated;
    const auto mv = region.municipality(a);
    for (const auto w : graph.neighbours(v)) {
      if (w < v) continue;
      const ActorId b{w};
      (region.kind(a) == region.kind(b) ? internal : external) += 1;
      const auto mw = region.municipality(b);
      if (mv && mw) {
        ++located;
        if (*mv != *mw) ++cross;
      }
    }
    if (region.kind(a) == ActorKind::firm) {
      ++m.firms;
      if (has_science_neighbour(region, graph, v)) ++m.firms_with_science_tie;
      if (auto size = region.size_class(a); size && core::is_sme(*size)) {
        ++m.smes;
        if (has_project_tie(region, graph, v)) ++m.smes_with_project;
      }
    }
  }
  m.science_share =
      ratio(static_cast<double>(m.firms_with_science_tie), static_cast<double>(m.firms));
  m.cross_municipal_share = ratio(static_cast<double>(cross), static_cast<double>(located));
  m.ei_index_kind = ratio(static_cast<double>(external) - static_cast<double>(internal),
                          static_cast<double>(external + internal));
  m.sme_project_share =
      ratio(static_cast<double>(m.smes_with_project), static_cast<double>(m.smes));
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
    const bool firm = region.kind(ActorId{v}) == ActorKind::firm;
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
    row.science_share = ratio(static_cast<double>(with_science[g]), static_cast<double>(row.firms));
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
