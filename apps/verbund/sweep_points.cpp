// The points table of a sweep.
#include "sweep_points.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "verbund/report/terms.hpp"
#include "verbund/sim/indicators.hpp"

namespace verbund::cli {

namespace {
// A parameter value as it reads best: doubles in their shortest exact form (0.1, not
// 0.10000000000000001), other values as TOML writes them.
std::string shown(const sim::ParameterValue& value) {
  if (const auto* d = std::get_if<double>(&value)) {
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *d);
    return {buffer.data(), result.ptr};
  }
  return sim::to_string(value);
}
}  // namespace

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
    for (const auto& s : plan.points[p].settings) row.push_back(shown(s.value));
    for (const double v : means[p]) row.push_back(std::isfinite(v) ? Json(v) : Json(nullptr));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace verbund::cli
