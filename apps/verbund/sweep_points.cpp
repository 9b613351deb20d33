// The points table of a sweep.
#include "sweep_points.hpp"

#include <cmath>

#include "verbund/report/terms.hpp"
#include "verbund/sim/indicators.hpp"

namespace verbund::cli {

Table sweep_points_table(const sweep::SweepPlan& plan, std::span<const sweep::UnitResult> results,
                         report::Lang lang) {
  const auto& spec = plan.spec;
  Table t{"points", {"point"}, {}};
  for (const auto& p : spec.parameters) t.columns.push_back(p.key);
  for (const auto k : spec.indicators)
    t.columns.push_back(std::string(report::term(lang, sim::indicator_names[k])) +
                        (lang == report::Lang::de ? " (Mittel)" : " (mean)"));
  const auto means = sweep::point_means(plan, results);
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    std::vector<Json> row{p};
    for (const auto& s : plan.points[p].settings) row.push_back(sim::to_string(s.value));
    for (const double v : means[p]) row.push_back(std::isfinite(v) ? Json(v) : Json(nullptr));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace verbund::cli
