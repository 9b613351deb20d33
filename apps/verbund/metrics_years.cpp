// `metrics --years A..B`: what calibration's "from the data" targets read, year by year.
#include "metrics_years.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <optional>

#include "verbund/calib/panel.hpp"
#include "verbund/calib/statistics.hpp"
#include "verbund/core/region_data.hpp"
#include "verbund/error.hpp"
#include "verbund/io/project_panel.hpp"

namespace verbund::cli {

std::pair<int, int> parse_year_range(const std::string& text, std::string_view option) {
  const auto dots = text.find("..");
  auto bad = [&] {
    return InvalidInput(std::string(option) + " '" + text +
                        "': write FIRST..LAST, e.g. 2014..2017, years " +
                        std::to_string(core::min_year) + " to " + std::to_string(core::max_year));
  };
  if (dots == std::string::npos) throw bad();
  int a = 0, b = 0;
  try {
    std::size_t used_a = 0, used_b = 0;
    a = std::stoi(text.substr(0, dots), &used_a);
    b = std::stoi(text.substr(dots + 2), &used_b);
    if (used_a != dots || used_b != text.size() - dots - 2) throw bad();
  } catch (const std::logic_error&) {
    throw bad();
  }
  if (a > b || a < core::min_year || b > core::max_year) throw bad();
  return {a, b};
}

namespace {

// The years the data name: the first and last start or end year of its ties and projects.
std::optional<std::pair<int, int>> data_years(const core::Region& region,
                                              const io::StoredProjects& stored) {
  std::optional<std::pair<int, int>> span;
  const auto see = [&span](const std::optional<int>& year) {
    if (!year) return;
    span = span ? std::pair{std::min(span->first, *year), std::max(span->second, *year)}
                : std::pair{*year, *year};
  };
  for (const auto& tie : region.ties()) {
    see(tie.start);
    see(tie.end);
  }
  for (const auto& project : stored.projects) {
    see(project.start);
    see(project.end);
  }
  return span;
}

// Refuses years wholly outside the data (a table of zeros or of copies says nothing) and notes
// years after the data's last, which repeat its network.
void check_years(const GlobalOptions& global, std::pair<int, int> years,
                 std::optional<std::pair<int, int>> data) {
  if (!data) return;  // no years in the data: every year has the same network
  const auto say = [&global](std::string_view en, std::string_view de) {
    return std::string(report::pick(global.lang, en, de));
  };
  const std::string asked = std::to_string(years.first) + ".." + std::to_string(years.second);
  const std::string held = std::to_string(data->first) + ".." + std::to_string(data->second);
  if (years.second < data->first || years.first > data->second)
    throw InvalidInput("--years " + asked +
                       say(" is outside the data, whose ties and projects name the years ",
                           " liegt außerhalb der Daten; ihre Beziehungen und Projekte nennen "
                           "die Jahre ") +
                       held + say(": ask for years in it", ": bitte Jahre darin wählen"));
  if (years.second > data->second && !global.quiet)
    std::cerr << say("verbund: note: the data end in ", "verbund: Hinweis: die Daten enden ")
              << data->second
              << say(": the rows after it repeat its network (ties without an end year stay)",
                     "; die Zeilen danach wiederholen dessen Netz (Beziehungen ohne Endjahr "
                     "bleiben)")
              << "\n";
}

}  // namespace

Table observed_series_table(const GlobalOptions& global, std::pair<int, int> years) {
  io::Store store = open_store(global, /*create=*/false);
  const core::Region region = store.load_region();
  const auto stored = io::read_stored_projects(store, region);
  check_years(global, years, data_years(region, stored));
  // One panel from the year before, so that the first year's new ties are known too.
  const auto panel = calib::observed_panel(region, stored.projects, stored.project_pairs,
                                           years.first - 1, years.second);
  using K = calib::StatisticKind;
  const std::vector<calib::Statistic> stats{{K::mean_degree},
                                            {K::new_ties},
                                            {K::triangle_closure},
                                            {K::repeat_share},
                                            {K::science_share},
                                            {K::cross_municipal_share},
                                            {.kind = K::degree_quantile, .quantile = 0.9}};
  std::vector<std::string> columns{"year", "connected pairs"};
  for (const auto& s : stats) columns.push_back(s.label());
  Table t{"observed series", columns, {}};
  std::vector<std::vector<double>> values;
  for (const auto& s : stats) values.push_back(calib::yearly(s, region, panel));
  for (std::size_t y = 1; y < panel.years.size(); ++y) {
    std::vector<Json> row{panel.years[y].year, panel.years[y].pairs.size()};
    for (const auto& v : values) row.push_back(std::isnan(v[y]) ? Json(nullptr) : Json(v[y]));
    t.rows.push_back(row);
  }
  return t;
}

}  // namespace verbund::cli
