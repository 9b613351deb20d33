// Reading and checking target files.
#include "verbund/calib/targets.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "io/toml.hpp"
#include "io/toml_reader.hpp"
#include "verbund/core/region_data.hpp"

namespace verbund::calib {

namespace {

// The value as a target file writes it: 0.4, not "0.400000"; 100000, not "1e+05".
std::string shortest(double value) {
  if (value == std::floor(value) && std::abs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

std::string known_statistics() {
  std::string out;
  for (const auto name : statistic_names()) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

Target read_one(const toml::table& table, const std::string& file, std::size_t n) {
  io::TomlReader r(table, file, "target #" + std::to_string(n));
  Target t;
  t.at = r.where();
  const auto* stat_node = r.get("statistic");
  if (!stat_node) {
    // A misspelt 'statistic' is reported as the unknown key it is.
    for (const auto* key : {"kind", "quantile", "firms", "of", "value", "from_data", "weight"})
      (void)r.get(key);
    r.finish();
    throw InvalidInput(t.at, "target #" + std::to_string(n) + " names no statistic");
  }
  const auto name = r.string("statistic");
  const auto kind = parse_statistic_kind(*name);
  if (!kind)
    r.fail(*stat_node, "unknown statistic '" + *name + "' (known: " + known_statistics() + ")");
  t.statistic.kind = *kind;
  if (const auto* node = r.get("kind")) {
    if (*kind != StatisticKind::new_ties)
      r.fail(*node, "'kind' belongs to statistic new_ties only");
    const auto k = r.string("kind");
    t.statistic.tie_kind = core::parse_tie_kind(*k);
    if (!t.statistic.tie_kind) r.fail(*node, "unknown tie kind '" + *k + "'");
  }
  if (const auto* node = r.get("quantile")) {
    if (*kind != StatisticKind::degree_quantile)
      r.fail(*node, "'quantile' belongs to statistic degree_quantile only");
    const auto q = node->value<double>();
    if (!q || !(*q >= 0.0 && *q <= 1.0)) r.fail(*node, "'quantile' must be from 0 to 1");
    t.statistic.quantile = *q;
  }
  if (const auto* node = r.get("firms")) {
    if (*kind != StatisticKind::science_share)
      r.fail(*node, "'firms' belongs to statistic science_share only");
    const auto which = r.string("firms");
    if (*which != "all" && *which != "industrial")
      r.fail(*node, "'firms' must be \"all\" or \"industrial\" (NACE divisions 05-33)");
    t.statistic.industrial = *which == "industrial";
  }
  if (const auto* node = r.get("of")) {
    if (*kind != StatisticKind::stationary)
      r.fail(*node, "'of' belongs to statistic stationary only");
    const auto inner = parse_statistic_kind(*r.string("of"));
    if (!inner || *inner == StatisticKind::stationary || *inner == StatisticKind::mean_tie_duration)
      r.fail(*node,
             "'of' must name a yearly statistic (mean_degree, new_ties, triangle_closure, "
             "repeat_share, science_share, cross_municipal_share, degree_quantile)");
    t.statistic.of = *inner;
  } else if (*kind == StatisticKind::stationary) {
    throw InvalidInput(t.at, "a stationary target names the statistic with 'of'");
  }
  if (const auto* node = r.get("value")) {
    const auto v = node->value<double>();
    if (!v || !std::isfinite(*v)) r.fail(*node, "'value' must be a finite number");
    t.value = *v;
    t.value_at = r.where(*node);
  }
  if (const auto* node = r.get("from_data")) {
    const auto* array = node->as_array();
    if (!array || array->size() != 2 || !(*array)[0].is_integer() || !(*array)[1].is_integer())
      r.fail(*node, "'from_data' must be [first year, last year]");
    const auto a = static_cast<int>(*(*array)[0].value<std::int64_t>());
    const auto b = static_cast<int>(*(*array)[1].value<std::int64_t>());
    if (a > b || a < core::min_year || b > core::max_year)
      r.fail(*node, "'from_data' years must be in order, from " + std::to_string(core::min_year) +
                        " to " + std::to_string(core::max_year));
    t.years = std::pair{a, b};
    t.value_at = r.where(*node);
  }
  if (const auto* node = r.get("weight")) {  // one message for zero, negative and non-numbers
    const auto w = node->value<double>();
    if (!w || !std::isfinite(*w) || *w <= 0.0)
      r.fail(*node, "'weight' must be a finite number above 0");
    t.weight = *w;
  }
  // A misspelt key first: a misspelt 'value' should be named as such, not as a missing one.
  r.finish();
  if (t.value && t.years)
    throw InvalidInput(
        t.at, "target #" + std::to_string(n) + " has both 'value' and 'from_data': give one");
  if (!t.value && !t.years) {
    if (*kind != StatisticKind::stationary)
      throw InvalidInput(t.at, "target #" + std::to_string(n) + " (" + t.statistic.label() +
                                   ") needs 'value' or 'from_data'");
    t.value = 0.0;
  }
  return t;
}

}  // namespace

std::vector<Target> read_targets(std::string_view text, const std::string& file) {
  const toml::table root = io::parse_toml(text, file);
  io::TomlReader top(root, file, "the target file");
  std::vector<Target> out;
  if (const auto* node = top.get("target")) {
    const auto* array = node->as_array();
    if (!array) top.fail(*node, "'target' must be written as [[target]] tables");
    for (const auto& item : *array) {
      if (!item.is_table()) top.fail(item, "'target' must be written as [[target]] tables");
      out.push_back(read_one(*item.as_table(), file, out.size() + 1));
    }
  }
  top.finish();
  if (out.empty())
    throw InvalidInput(SourceLocation{file, 1, 1}, "the target file names no [[target]]");
  return out;
}

void check_targets(std::span<const Target> targets, std::size_t actors) {
  const double most = actors > 0 ? static_cast<double>(actors - 1) : 0.0;
  const double pairs = static_cast<double>(actors) * most / 2.0;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const auto& t = targets[i];
    if (!t.value) continue;
    const double v = *t.value;
    const auto bad = [&](const std::string& why) {
      throw InvalidInput(t.value_at.line > 0 ? t.value_at : t.at,
                         t.statistic.label() + " = " + shortest(v) + ": " + why);
    };
    switch (t.statistic.kind) {
      case StatisticKind::mean_degree:
      case StatisticKind::degree_quantile:
        if (v < 0 || v > most)
          bad("a degree must be from 0 to " + std::to_string(actors) +
              " actors - 1 = " + std::to_string(static_cast<long long>(most)));
        break;
      case StatisticKind::new_ties:
        if (v < 0 || v > pairs) bad("more new ties a year than pairs of actors");
        break;
      case StatisticKind::mean_tie_duration:
        if (v <= 0) bad("a duration must be above 0 years");
        break;
      case StatisticKind::triangle_closure:
      case StatisticKind::repeat_share:
      case StatisticKind::science_share:
      case StatisticKind::cross_municipal_share:
        if (v < 0 || v > 1) bad("a share must be from 0 to 1");
        break;
      case StatisticKind::stationary:
        break;
    }
    for (std::size_t j = 0; j < i; ++j)
      if (targets[j].statistic == t.statistic && targets[j].value && *targets[j].value != v)
        bad("contradicts the same statistic at line " +
            std::to_string(
                (targets[j].value_at.line > 0 ? targets[j].value_at : targets[j].at).line) +
            " (" + shortest(*targets[j].value) + ")");
  }
}

}  // namespace verbund::calib
