// Writing a sweep's results: shortest exact numbers, fixed column order.
#include "verbund/sweep/results.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <ostream>

#include "verbund/sim/indicators.hpp"

namespace verbund::sweep {

namespace {

std::string number(double v) {
  if (!std::isfinite(v)) return "";
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  return std::string(buffer, end);
}

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string plain(const sim::ParameterValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* d = std::get_if<double>(&v)) return number(*d);
  return sim::to_string(v);
}

}  // namespace

void write_results_csv(std::ostream& out, const SweepPlan& plan,
                       std::span<const UnitResult> results) {
  out << "point";
  for (const auto& p : plan.spec.parameters) out << ',' << csv_cell(p.key);
  out << ",replicate";
  for (const auto k : plan.spec.indicators)
    out << ',' << csv_cell(std::string(sim::indicator_names[k]));
  out << '\n';
  for (const auto& r : results) {
    out << r.unit.point;
    for (const auto& s : plan.points[r.unit.point].settings) out << ',' << csv_cell(plain(s.value));
    out << ',' << r.unit.replicate;
    for (const double v : r.values) out << ',' << number(v);
    out << '\n';
  }
}

void write_results_json(std::ostream& out, const SweepPlan& plan,
                        std::span<const UnitResult> results) {
  // Numbers go through to_chars as well: nlohmann's own output is exact too, but one
  // formatter for both files keeps them comparable.
  out << "[";
  bool first = true;
  for (const auto& r : results) {
    out << (first ? "\n" : ",\n") << "{\"point\":" << r.unit.point << ",\"parameters\":{";
    first = false;
    bool f = true;
    for (const auto& s : plan.points[r.unit.point].settings) {
      out << (f ? "" : ",") << nlohmann::json(s.key).dump() << ':';
      f = false;
      if (const auto* t = std::get_if<std::string>(&s.value)) {
        out << nlohmann::json(*t).dump();
      } else if (const auto* b = std::get_if<bool>(&s.value)) {
        out << (*b ? "true" : "false");
      } else {
        out << plain(s.value);
      }
    }
    out << "},\"replicate\":" << r.unit.replicate << ",\"values\":{";
    for (std::size_t i = 0; i < r.values.size(); ++i) {
      const auto text = number(r.values[i]);
      out << (i ? "," : "") << nlohmann::json(sim::indicator_names[plan.spec.indicators[i]]).dump()
          << ':' << (text.empty() ? "null" : text);
    }
    out << "}}";
  }
  out << "\n]\n";
}

std::vector<std::vector<double>> point_means(const SweepPlan& plan,
                                             std::span<const UnitResult> results) {
  const auto n = plan.spec.indicators.size();
  std::vector<std::vector<double>> sum(plan.points.size(), std::vector<double>(n, 0.0));
  std::vector<std::size_t> count(plan.points.size(), 0);
  for (const auto& r : results) {
    for (std::size_t i = 0; i < n; ++i) sum[r.unit.point][i] += r.values[i];
    ++count[r.unit.point];
  }
  for (std::size_t p = 0; p < sum.size(); ++p)
    for (auto& v : sum[p])
      v = count[p] ? v / static_cast<double>(count[p]) : std::numeric_limits<double>::quiet_NaN();
  return sum;
}

}  // namespace verbund::sweep
