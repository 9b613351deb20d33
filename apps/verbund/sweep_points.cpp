// The points table of a sweep.
#include "sweep_points.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "verbund/report/terms.hpp"
#include "verbund/sim/indicators.hpp"

namespace verbund::cli {

namespace {
// A parameter value as it reads best: doubles with 15 significant digits, which every double
// has exactly in decimal, so that a grid step's float noise goes (0.45, not 0.44999999999999996:
// 0.1 + 7 * 0.05 in binary) while a value given in the sweep file reads as written; other
// values as TOML writes them.
std::string shown(const sim::ParameterValue& value) {
  if (const auto* d = std::get_if<double>(&value)) {
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *d,
                                      std::chars_format::general, 15);
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
