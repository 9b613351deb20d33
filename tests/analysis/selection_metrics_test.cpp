// Indicators about selected actors count their ties to anyone: `--where K=V` (select_actors,
// selection_metrics) must give, for every value V, exactly the row V of `--by K` (metrics_by),
// and over all actors the figures of network_metrics.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../core/region_fixture.hpp"
#include "verbund/analysis/actor_selection.hpp"
#include "verbund/analysis/metrics.hpp"
#include "verbund/core/region_select.hpp"
#include "verbund/gen/ruhr.hpp"

using namespace verbund;
using analysis::SimpleGraph;

namespace {

void check_same(const analysis::SelectionMetrics& a, const analysis::SelectionMetrics& b) {
  CHECK(a.actors == b.actors);
  CHECK(a.edges_inside == b.edges_inside);
  CHECK(a.edges_outside == b.edges_outside);
  CHECK(a.ei_index == b.ei_index);
  CHECK(a.mean_degree == b.mean_degree);
  CHECK(a.max_degree == b.max_degree);
  CHECK(a.isolated == b.isolated);
  CHECK(a.average_clustering == b.average_clustering);
  CHECK(a.firms == b.firms);
  CHECK(a.firms_with_science_tie == b.firms_with_science_tie);
  CHECK(a.science_share == b.science_share);
  CHECK(a.located_pairs == b.located_pairs);
  CHECK(a.cross_municipal_pairs == b.cross_municipal_pairs);
  CHECK(a.cross_municipal_share == b.cross_municipal_share);
  CHECK(a.ei_index_kind == b.ei_index_kind);
  CHECK(a.smes == b.smes);
  CHECK(a.smes_with_project == b.smes_with_project);
  CHECK(a.sme_project_share == b.sme_project_share);
}

std::vector<core::ActorId> where(const core::Region& region, const std::string& key,
                                 const std::string& value) {
  const core::ActorCondition c{key, value};
  return analysis::select_actors(region, std::span(&c, 1));
}

// Firms with a science neighbour, counted by brute force over the region's ties.
std::size_t firms_with_science_tie(const core::Region& region,
                                   const std::vector<core::ActorId>& selected) {
  std::size_t count = 0;
  for (const auto a : selected) {
    if (region.kind(a) != core::ActorKind::firm) continue;
    bool science = false;
    for (const auto& t : region.ties()) {
      if (t.source == a && core::is_science(region.kind(t.target))) science = true;
      if (t.target == a && core::is_science(region.kind(t.source))) science = true;
    }
    count += science ? 1 : 0;
  }
  return count;
}

}  // namespace

TEST_CASE("a selection's science tie may lie outside it", "[analysis][selection]") {
  const core::Region region = core::build_region(test::small_region_data());
  const SimpleGraph graph(region);
  // f3 (Mülheim) has its science tie to grp (Essen).
  const auto muelheim = where(region, "municipality", "muelheim an der ruhr");
  REQUIRE(muelheim.size() == 1);
  const auto m = analysis::selection_metrics(region, graph, muelheim);
  CHECK(m.firms == 1);
  CHECK(m.firms_with_science_tie == 1);
  CHECK(m.science_share == 1.0);
  CHECK(m.edges_inside == 0);
  CHECK(m.edges_outside == 2);  // f2, grp
  CHECK(m.ei_index == 1.0);
  CHECK(m.mean_degree == 2.0);
  CHECK(m.cross_municipal_share == 1.0);  // Mülheim-Duisburg, Mülheim-Essen
  CHECK(m.ei_index_kind == 0.0);          // f3-f2 same kind, f3-grp not
  // The network among the selection alone cannot see it.
  std::vector<char> keep(region.size(), 0);
  for (const auto a : muelheim) keep[a.value] = 1;
  const core::Region among = core::select(region, [&](core::ActorId a) { return keep[a.value]; });
  CHECK(analysis::network_metrics(among, SimpleGraph(among)).science_share == 0.0);
  // Essen: uni, grp, f1, ihk; ties uni-f1 inside, f1-f2 and grp-f3 out.
  const auto essen =
      analysis::selection_metrics(region, graph, where(region, "municipality", "ESSEN"));
  CHECK(essen.actors == 4);
  CHECK(essen.edges_inside == 1);
  CHECK(essen.edges_outside == 2);
  CHECK(essen.located_pairs == 3);
  CHECK(essen.cross_municipal_pairs == 2);
  CHECK(essen.isolated == 1);  // ihk: memberships are no ties
}

TEST_CASE("where K=V agrees with row V of by K, over all actors with the network",
          "[analysis][selection]") {
  const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  const core::Region region = gen::generate_ruhr_region(base, {.firms = 1500, .seed = 1});
  const std::vector<analysis::TieFilter> filters{
      {}, {.kinds = {}, .year = 2020}, {.kinds = {core::TieKind::research}, .year = std::nullopt}};
  const auto which = GENERATE(0, 1, 2);
  const analysis::TieFilter& filter = filters[static_cast<std::size_t>(which)];
  const SimpleGraph graph(region, filter);
  const std::vector<std::pair<std::string, analysis::Grouping>> keys{
      {"municipality", analysis::Grouping::municipality},
      {"kind", analysis::Grouping::kind},
      {"sector", analysis::Grouping::sector}};
  bool induced_differs = false;
  for (const auto& [key, grouping] : keys) {
    const auto rows = analysis::metrics_by(region, graph, grouping);
    REQUIRE(rows.size() >= 2);
    std::size_t actors = 0;
    for (const auto& row : rows) {
      CAPTURE(key, row.group);
      const auto selected = where(region, key, row.group);
      REQUIRE(selected.size() == row.actors);
      actors += row.actors;
      const auto m = analysis::selection_metrics(region, graph, selected);
      check_same(m, row);
      if (filter.kinds.empty() && !filter.year) {
        CHECK(m.firms_with_science_tie == firms_with_science_tie(region, selected));
      }
      std::vector<char> keep(region.size(), 0);
      for (const auto a : selected) keep[a.value] = 1;
      const core::Region among =
          core::select(region, [&](core::ActorId a) { return keep[a.value]; });
      const auto induced = analysis::network_metrics(among, SimpleGraph(among, filter));
      induced_differs = induced_differs || induced.science_share != m.science_share;
    }
    CHECK(actors == region.size());  // the groups partition the actors
  }
  CHECK(induced_differs);  // what --where reported before

  std::vector<core::ActorId> everyone;
  for (std::uint32_t i = 0; i < region.size(); ++i) everyone.push_back(core::ActorId{i});
  const auto all = analysis::selection_metrics(region, graph, everyone);
  const auto net = analysis::network_metrics(region, graph);
  CHECK(all.actors == net.actors);
  CHECK(all.edges_inside == net.edges);
  CHECK(all.edges_outside == 0);
  CHECK(all.mean_degree == net.mean_degree);
  CHECK(all.max_degree == net.max_degree);
  CHECK(all.isolated == net.isolated);
  CHECK(all.average_clustering == Approx(net.average_clustering).epsilon(1e-12));
  CHECK(all.firms == net.firms);
  CHECK(all.firms_with_science_tie == net.firms_with_science_tie);
  CHECK(all.science_share == net.science_share);
  CHECK(all.cross_municipal_share == net.cross_municipal_share);
  CHECK(all.ei_index_kind == net.ei_index_kind);
  CHECK(all.smes == net.smes);
  CHECK(all.sme_project_share == net.sme_project_share);
}

TEST_CASE("by K within a selection counts the selected actors' ties to anyone",
          "[analysis][selection]") {
  const core::Region region = core::build_region(test::small_region_data());
  const SimpleGraph graph(region);
  const auto firms = where(region, "kind", "firm");
  const auto rows = analysis::metrics_by(region, graph, analysis::Grouping::municipality, firms);
  REQUIRE(rows.size() == 4);  // f4 (none), f2 (Duisburg), f1 (Essen), f3 (Mülheim)
  for (const auto& row : rows) {
    CAPTURE(row.group);
    CHECK(row.actors == 1);
    CHECK(row.firms == 1);
  }
  CHECK(rows[2].science_share == 1.0);  // f1's tie to uni, outside the selection
  CHECK(rows[2].edges_outside == 2);    // uni, f2
}
