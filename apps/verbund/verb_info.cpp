// `verbund info`: counts by kind, municipality and tie kind, and the headline indicators.
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/analysis/region_summary.hpp"
#include "verbund/io/supply_store.hpp"

namespace verbund::cli {
namespace {

std::vector<Table> summary_tables(const analysis::RegionSummary& s, std::size_t municipality_limit,
                                  report::Lang lang) {
  auto share = [](std::size_t part, std::size_t whole) {
    return whole == 0 ? Json(nullptr)
                      : Json(static_cast<double>(part) / static_cast<double>(whole));
  };
  Table overview{"region", {"indicator", "value"}, {}};
  overview.rows = {
      {"actors", s.actors},
      {"ties", s.ties},
      {"memberships", s.memberships},
      {"themes", s.themes},
      {"competences", s.competences},
      {"municipalities", s.actors_by_municipality.size() - s.actors_by_municipality.count("")},
      {"connected pairs", s.connected_pairs},
      {"density", s.density},
      {"components", s.components},
      {"giant component share", s.giant_component_share},
      {"firms", s.firms},
      {"firms with a science tie", s.firms_with_science_tie},
      {"share of firms with a science tie", s.science_tie_share},
      {"cross-municipal share of ties", s.cross_municipal_share}};

  Table kinds{"actors by kind", {"kind", "actors", "share"}, {}};
  for (const auto& [kind, count] : s.actors_by_kind) {
    kinds.rows.push_back({std::string(to_string(kind)), count, share(count, s.actors)});
  }
  Table sizes{"firms by size class", {"size class", "firms", "share"}, {}};
  for (const auto& [size, count] : s.firms_by_size) {
    sizes.rows.push_back({std::string(to_string(size)), count, share(count, s.firms)});
  }
  Table ties{"ties by kind", {"kind", "ties", "share"}, {}};
  for (const auto& [kind, count] : s.ties_by_kind) {
    ties.rows.push_back({std::string(to_string(kind)), count, share(count, s.ties)});
  }
  // Largest first; ties broken by name.
  std::vector<std::pair<std::string, std::size_t>> places(s.actors_by_municipality.begin(),
                                                          s.actors_by_municipality.end());
  std::stable_sort(places.begin(), places.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  Table municipalities{"actors by municipality", {"municipality", "actors", "share"}, {}};
  std::size_t rest = 0, rest_places = 0;
  for (std::size_t i = 0; i < places.size(); ++i) {
    const auto& [name, count] = places[i];
    if (i < municipality_limit) {
      municipalities.rows.push_back(
          {name.empty() ? "(unknown)" : name, count, share(count, s.actors)});
    } else {
      rest += count;
      ++rest_places;
    }
  }
  if (rest_places > 0) {
    municipalities.rows.push_back({"(" + std::to_string(rest_places) +
                                       std::string(report::pick(lang, " more; --all lists them)",
                                                                " weitere; --all nennt alle)")),
                                   rest, share(rest, s.actors)});
  }
  std::vector<Table> tables{overview, kinds, sizes, ties, municipalities};
  std::erase_if(tables, [](const Table& t) { return t.rows.empty(); });
  return tables;
}

// CSV wants one table: the long form section,key,value.
Table long_form(const std::vector<Table>& tables) {
  Table out{"info", {"section", "key", "value"}, {}};
  for (const auto& t : tables) {
    for (const auto& row : t.rows) out.rows.push_back({t.title, row[0], row[1]});
  }
  return out;
}

}  // namespace

Verb add_info_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    bool all = false;
    std::optional<int> year;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand(
      "info",
      "Counts by kind, municipality and tie kind; density; share of firms with a science tie");
  cmd->add_flag("--all", state->all, "list every municipality (table output shows the largest 25)");
  cmd->add_option("--year", state->year,
                  "count only ties active in this year (as `metrics --year` and the simulation's "
                  "start do)")
      ->check(number_range(1000, 2200));
  return {cmd, [&global, state] {
            const io::Store store = open_store(global, /*create=*/false);
            const core::Region region = store.load_region();
            const auto summary = analysis::summarize(region, {.kinds = {}, .year = state->year});
            const bool every = state->all || global.format != Format::table;
            auto tables = summary_tables(summary, every ? SIZE_MAX : 25, global.lang);
            const auto market = io::market_counts(store);
            if (market.offers + market.demands > 0) {
              Table t{"supplier market", {"table", "rows"}, {}};
              t.rows = {{"input categories", market.categories},
                        {"certifications", market.certifications},
                        {"supplier offers", market.offers},
                        {"buyer demands", market.demands},
                        {"supply flows", market.flows}};
              tables.push_back(t);
            }
            if (global.format == Format::csv) tables = {long_form(tables)};
            print_tables(std::cout, tables, global);
          }};
}

}  // namespace verbund::cli
