// `metrics --years A..B`: what calibration's "from the data" targets read, year by year.
#include "metrics_years.hpp"

#include <cmath>

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

Table observed_series_table(const GlobalOptions& global, std::pair<int, int> years) {
  io::Store store = open_store(global, /*create=*/false);
  const core::Region region = store.load_region();
  const auto stored = io::read_stored_projects(store, region);
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
