#include "verbund/report/region_report.hpp"

#include <algorithm>
#include <map>

#include "page_parts.hpp"
#include "text.hpp"
#include "verbund/analysis/simple_graph.hpp"
#include "verbund/report/svg_chart.hpp"

namespace verbund::report {
namespace {

using detail::fill;

// Which actors and ties the map shows: all non-firms, every k-th firm, every j-th tie among them.
struct MapSample {
  std::vector<std::uint8_t> shown;  // per actor
  std::size_t actors = 0, located = 0, firm_stride = 1;
  std::size_t ties = 0, tie_candidates = 0, tie_stride = 1;
};

MapSample sample_map(const core::Region& region, const RegionReportOptions& o) {
  MapSample s;
  s.shown.assign(region.size(), 0);
  std::size_t firms = 0, others = 0;
  for (std::uint32_t a = 0; a < region.size(); ++a) {
    if (!region.location(core::ActorId{a})) continue;
    ++s.located;
    (region.kind(core::ActorId{a}) == core::ActorKind::firm ? firms : others) += 1;
  }
  const std::size_t room = o.max_map_actors > others ? o.max_map_actors - others : 0;
  s.firm_stride = firms > room ? (room == 0 ? firms + 1 : (firms + room - 1) / room) : 1;
  std::size_t firm_index = 0;
  for (std::uint32_t a = 0; a < region.size(); ++a) {
    const core::ActorId id{a};
    if (!region.location(id)) continue;
    if (region.kind(id) == core::ActorKind::firm && firm_index++ % s.firm_stride != 0) continue;
    s.shown[a] = 1;
    ++s.actors;
  }
  for (const auto& t : region.ties())
    if (t.source != t.target && s.shown[t.source.value] && s.shown[t.target.value])
      ++s.tie_candidates;
  s.tie_stride = s.tie_candidates > o.max_map_ties ? (s.tie_candidates + o.max_map_ties - 1) /
                                                         std::max<std::size_t>(1, o.max_map_ties)
                                                   : 1;
  s.ties = (s.tie_candidates + s.tie_stride - 1) / s.tie_stride;
  return s;
}

void map_section(Html& h, const core::Region& region, const RegionReportOptions& o) {
  const Lang lang = o.lang;
  h.element("h2", pick(lang, "Map of actors and ties", "Karte der Akteure und Beziehungen"));
  const auto s = sample_map(region, o);
  if (s.located == 0) {
    h.element("p",
              pick(lang, "No actor has coordinates, so there is no map.",
                   "Kein Akteur hat Koordinaten, daher gibt es keine Karte."),
              {{"class", "note"}});
    return;
  }
  ScatterMap map;
  map.title = std::string(
      pick(lang, "Actors by kind, ties as lines", "Akteure nach Art, Beziehungen als Linien"));
  std::map<core::ActorKind, std::size_t> group_of;
  for (const auto k : core::all_actor_kinds) {
    if (region.actors_of_kind(k).empty()) continue;
    group_of[k] = map.groups.size();
    map.groups.emplace_back(plural(lang, k));
  }
  for (std::uint32_t a = 0; a < region.size(); ++a) {
    if (!s.shown[a]) continue;
    const core::ActorId id{a};
    const auto p = *region.location(id);
    const bool firm = region.kind(id) == core::ActorKind::firm;
    map.points.push_back({p.lat, p.lon, group_of.at(region.kind(id)), firm ? 1.8 : 3.2,
                          firm ? std::string() : std::string(region.name(id))});
  }
  std::size_t k = 0;
  for (const auto& t : region.ties()) {
    if (t.source == t.target || !s.shown[t.source.value] || !s.shown[t.target.value]) continue;
    if (k++ % s.tie_stride != 0) continue;
    const auto a = *region.location(t.source), b = *region.location(t.target);
    map.lines.push_back({a.lat, a.lon, b.lat, b.lon});
  }
  // Municipality labels at the mean position of their located actors.
  for (std::uint32_t m = 0; m < region.municipality_count(); ++m) {
    double lat = 0, lon = 0;
    std::size_t n = 0;
    for (const auto a : region.actors_in(core::MunicipalityId{m})) {
      if (const auto p = region.location(a)) {
        lat += p->lat;
        lon += p->lon;
        ++n;
      }
    }
    if (n > 0)
      map.labels.push_back({lat / static_cast<double>(n), lon / static_cast<double>(n),
                            std::string(region.municipality_name(core::MunicipalityId{m}))});
  }
  h.open("figure").markup(svg_map(map)).open("figcaption");
  h.text(fill(
      pick(lang, "Shows {} of {} located actors and {} of {} ties between them.",
           "Zeigt {} von {} Akteuren mit Koordinaten und {} von {} Beziehungen zwischen ihnen."),
      {count(lang, s.actors), count(lang, s.located), count(lang, s.ties),
       count(lang, s.tie_candidates)}));
  if (s.firm_stride > 1)
    h.text(fill(pick(lang,
                     " Firms are sampled (one in {}, by id) to keep the file small; all other "
                     "actors are shown.",
                     " Unternehmen sind eine Stichprobe (jedes {}. nach Kennung), damit die Datei "
                     "klein bleibt; alle anderen Akteure sind eingezeichnet."),
                {std::to_string(s.firm_stride)}));
  if (s.tie_stride > 1)
    h.text(fill(pick(lang, " Ties: one in {}.", " Beziehungen: jede {}."),
                {std::to_string(s.tie_stride)}));
  h.text(pick(lang, " Projection: equirectangular.", " Projektion: abstandstreu (plattkarte)."));
  h.close("figcaption").close("figure");
}

void municipality_section(Html& h, const RegionAnalysis& a, Lang lang) {
  h.element("h2", pick(lang, "Indicators by municipality", "Kennzahlen nach Kommune"));
  std::vector<const analysis::GroupMetrics*> rows;
  for (const auto& g : a.by_municipality)
    if (!g.group.empty()) rows.push_back(&g);
  if (rows.empty()) {
    h.element(
        "p",
        pick(lang, "No actor has a municipality.", "Kein Akteur ist einer Kommune zugeordnet."),
        {{"class", "note"}});
    return;
  }
  // Largest first; at most 40 bars per chart so that the page stays readable.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto* x, const auto* y) { return x->actors > y->actors; });
  const bool cut = rows.size() > 40;
  if (cut) rows.resize(40);
  const auto chart = [&](std::string_view title, auto value, bool as_percent, int digits) {
    BarChart c;
    c.title = std::string(title);
    c.as_percent = as_percent;
    c.digits = digits;
    for (const auto* g : rows) c.bars.push_back({g->group, value(*g)});
    h.open("figure").markup(svg_bar_chart(c, lang)).close("figure");
  };
  chart(
      pick(lang, "Actors", "Akteure"), [](const auto& g) { return static_cast<double>(g.actors); },
      false, 0);
  chart(
      pick(lang, "Firms with a tie to science", "Unternehmen mit Wissenschaftskontakt"),
      [](const auto& g) { return g.science_share; }, true, 1);
  chart(
      pick(lang, "Ties that cross the municipal border", "Beziehungen über die Stadtgrenze"),
      [](const auto& g) { return g.cross_municipal_share; }, true, 1);
  chart(
      pick(lang, "Mean number of partners", "Mittlere Zahl der Partner"),
      [](const auto& g) { return g.mean_degree; }, false, 1);
  if (cut)
    h.element("p",
              pick(lang, "The 40 municipalities with the most actors are shown.",
                   "Gezeigt sind die 40 Kommunen mit den meisten Akteuren."),
              {{"class", "note"}});
}

void broker_section(Html& h, const core::Region& region, const RegionAnalysis& a,
                    const RegionReportOptions& o) {
  const Lang lang = o.lang;
  h.element("h2", pick(lang, "Brokers", "Vermittler"));
  h.element("p",
            pick(lang,
                 "Brokers lie on many shortest paths between others: they connect parts of the "
                 "network that would otherwise be far apart.",
                 "Vermittler liegen auf vielen kürzesten Wegen zwischen anderen: sie verbinden "
                 "Teile des Netzes, die sonst weit auseinander lägen."),
            {{"class", "note"}});
  if (a.brokers.brokers.empty()) {
    h.element("p",
              pick(lang, "No ties, so no brokers.", "Keine Beziehungen, daher keine Vermittler."),
              {{"class", "note"}});
    return;
  }
  std::vector<std::vector<std::string>> rows;
  std::size_t rank = 0;
  for (const auto& b : a.brokers.brokers) {
    if (rank == o.brokers) break;
    ++rank;
    std::string role;
    if (b.cut_off > 0) {
      role =
          fill(b.cut_off == 1
                   ? pick(lang, "If it left, {} actor would lose its link to the main network.",
                          "Fiele er weg, verlöre {} Akteur seine Verbindung zum Hauptnetz.")
                   : pick(lang, "If it left, {} actors would lose their link to the main network.",
                          "Fiele er weg, verlören {} Akteure ihre Verbindung zum Hauptnetz."),
               {count(lang, b.cut_off)});
    } else {
      role = std::string(pick(lang, "Others could reach each other without it, by longer paths.",
                              "Die anderen blieben ohne ihn verbunden, über längere Wege."));
    }
    rows.push_back({std::to_string(rank), std::string(region.name(b.actor)),
                    std::string(label(lang, region.kind(b.actor))), detail::place(region, b.actor),
                    count(lang, b.degree), b.betweenness ? number(lang, *b.betweenness, 0) : "–",
                    role});
  }
  h.table({"#", std::string(pick(lang, "Actor", "Akteur")), std::string(pick(lang, "Kind", "Art")),
           std::string(pick(lang, "Municipality", "Kommune")),
           std::string(pick(lang, "Partners", "Partner")),
           std::string(pick(lang, "Betweenness", "Zwischenposition")),
           std::string(pick(lang, "What hangs on it", "Was an ihm hängt"))},
          rows, "brokers");
  if (a.brokers.betweenness_mode == analysis::BrokerReport::Mode::sampled)
    h.element("p",
              fill(pick(lang, "Betweenness estimated from {} sampled starting points.",
                        "Zwischenposition geschätzt aus {} zufälligen Startpunkten."),
                   {count(lang, a.brokers.betweenness_sources)}),
              {{"class", "note"}});
}

void community_section(Html& h, const core::Region& region, const RegionAnalysis& a,
                       const RegionReportOptions& o) {
  const Lang lang = o.lang;
  const auto& c = a.communities;
  h.element("h2", pick(lang, "Communities", "Gemeinschaften"));
  h.element("p",
            fill(pick(lang,
                      "The network falls into {} communities (Leiden): groups of actors tied more "
                      "among themselves than to others (modularity {}).",
                      "Das Netz zerfällt in {} Gemeinschaften (Leiden): Gruppen von Akteuren, die "
                      "untereinander enger verbunden sind als mit anderen (Modularität {})."),
                 {count(lang, c.count), number(lang, c.modularity, 2)}));
  struct Stats {
    std::size_t size = 0, firms = 0, science = 0;
    std::map<std::string, std::size_t> places;
    core::ActorId hub{0};
    std::size_t hub_degree = 0;
    bool has_hub = false;
  };
  std::vector<Stats> stats(c.count);
  for (std::uint32_t v = 0; v < c.membership.size() && v < region.size(); ++v) {
    auto& s = stats[c.membership[v]];
    const core::ActorId id{v};
    ++s.size;
    s.firms += region.kind(id) == core::ActorKind::firm ? 1 : 0;
    s.science += core::is_science(region.kind(id)) ? 1 : 0;
    if (const auto p = detail::place(region, id); !p.empty()) ++s.places[p];
    if (!s.has_hub || region.degree(id) > s.hub_degree) {
      s.hub = id;
      s.hub_degree = region.degree(id);
      s.has_hub = true;
    }
  }
  std::vector<std::size_t> order(stats.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](auto x, auto y) { return stats[x].size > stats[y].size; });
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < order.size() && i < o.communities; ++i) {
    const auto& s = stats[order[i]];
    if (s.size < 2) break;  // isolated actors are communities of one: not worth a row
    std::vector<std::pair<std::size_t, std::string>> places;
    for (const auto& [name, n] : s.places) places.emplace_back(n, name);
    std::stable_sort(places.begin(), places.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    std::string where;
    for (std::size_t k = 0; k < places.size() && k < 3; ++k)
      where += (k ? ", " : "") + places[k].second;
    rows.push_back({std::to_string(i + 1), count(lang, s.size), count(lang, s.firms),
                    count(lang, s.science), where,
                    s.has_hub ? std::string(region.name(s.hub)) : ""});
  }
  if (rows.empty()) return;
  h.table({"#", std::string(pick(lang, "Actors", "Akteure")),
           std::string(pick(lang, "Firms", "Unternehmen")),
           std::string(pick(lang, "Science", "Wissenschaft")),
           std::string(pick(lang, "Main municipalities", "Wichtigste Kommunen")),
           std::string(pick(lang, "Best-connected member", "Am besten vernetztes Mitglied"))},
          rows, "communities");
}

}  // namespace

RegionAnalysis analyse_region(const core::Region& region, const RegionReportOptions& options) {
  RegionAnalysis a;
  if (region.size() == 0) return a;
  const analysis::SimpleGraph graph(region);
  a.whole = analysis::network_metrics(region, graph);
  a.by_municipality = analysis::metrics_by(region, graph, analysis::Grouping::municipality);
  a.brokers = analysis::brokers(graph, {.top = options.brokers,
                                        .exact_betweenness_limit = options.exact_betweenness_limit,
                                        .betweenness_samples = options.betweenness_samples,
                                        .seed = options.seed});
  a.communities = analysis::detect_communities(
      graph, {.method = analysis::CommunityMethod::leiden, .seed = options.seed});
  return a;
}

std::string region_report(const core::Region& region, const RegionAnalysis& a,
                          const RegionReportOptions& o) {
  const Lang lang = o.lang;
  const std::string title(pick(lang, "Region report", "Regionalbericht"));
  if (region.size() == 0) return detail::empty_database_page(lang, title);
  Html h;
  detail::heading(h, title,
                  fill(pick(lang, "{} actors in {} municipalities, {} ties.",
                            "{} Akteure in {} Kommunen, {} Beziehungen."),
                       {count(lang, region.size()), count(lang, region.municipality_count()),
                        count(lang, region.tie_count())}));
  h.element("h2", pick(lang, "The network at a glance", "Das Netz auf einen Blick"));
  const auto& w = a.whole;
  h.table(
      {std::string(pick(lang, "Indicator", "Kennzahl")), std::string(pick(lang, "Value", "Wert"))},
      {{std::string(
            pick(lang, "Firms with a tie to science", "Unternehmen mit Wissenschaftskontakt")),
        percent(lang, w.science_share)},
       {std::string(pick(lang, "Actors in the largest connected network",
                         "Akteure im größten zusammenhängenden Netz")),
        percent(lang, w.giant_share)},
       {std::string(pick(lang, "Ties across municipal borders", "Beziehungen über Stadtgrenzen")),
        percent(lang, w.cross_municipal_share)},
       {std::string(pick(lang, "Mean number of partners", "Mittlere Zahl der Partner")),
        number(lang, w.mean_degree, 1)},
       {std::string(pick(lang, "SMEs in a joint project", "KMU in einem gemeinsamen Projekt")),
        percent(lang, w.sme_project_share)},
       {std::string(pick(lang, "Actors without any tie", "Akteure ohne Beziehung")),
        count(lang, w.isolated)}},
      "headline");
  map_section(h, region, o);
  municipality_section(h, a, lang);
  broker_section(h, region, a, o);
  community_section(h, region, a, o);
  return detail::finish(lang, title, h);
}

}  // namespace verbund::report
