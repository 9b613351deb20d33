// A scenario's freed parameters, its simulated statistics, and its calibrated text.
#include "verbund/calib/calibrate.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

#include "io/toml.hpp"
#include "verbund/sim/model.hpp"

namespace verbund::calib {

namespace {

double parse_number(std::string_view text, const std::string& key) {
  std::string s(text);
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != s.size() || !std::isfinite(v))
    throw InvalidInput("parameter '" + key + "': bound '" + s + "' is not a number");
  return v;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
}

std::pair<double, double> default_bounds(const std::string& key, double v) {
  auto starts = [&](std::string_view p) { return key.starts_with(p); };
  if (starts("model.effects.") || starts("model.innovation.")) return {v - 3.0, v + 3.0};
  if (starts("model.meetings."))
    return {0.0, std::min(sim::max_meeting_rate, std::max(4.0 * v, 1.0))};
  if (key == "model.decay" || key == "model.end_probability") return {0.0, 0.5};
  if (key == "model.end_threshold") return {0.0, 0.95};
  if (key == "model.firm_exit" || key == "model.firm_entry") return {0.0, 0.1};
  if (key == "model.half_distance_km") return {1.0, 200.0};
  return {0.0, 1.0};  // model.new_supplier_share
}

}  // namespace

std::vector<FreeParameter> free_parameters(std::string_view spec, std::string_view scenario_text,
                                           const std::string& scenario_file) {
  const sim::Scenario scenario = sim::parse_scenario(scenario_text, scenario_file, {});
  const auto& keys = sim::model_parameter_keys();
  std::vector<FreeParameter> out;
  std::set<std::string> seen;
  std::size_t begin = 0;
  while (begin <= spec.size()) {
    auto end = spec.find(',', begin);
    if (end == std::string_view::npos) end = spec.size();
    const std::string item = trim(spec.substr(begin, end - begin));
    begin = end + 1;
    if (item.empty())
      throw InvalidInput("--free: an empty parameter name in '" + std::string(spec) + "'");
    FreeParameter f;
    const auto eq = item.find('=');
    f.key = trim(item.substr(0, eq));
    if (!seen.insert(f.key).second) throw InvalidInput("parameter '" + f.key + "' is freed twice");
    std::optional<std::pair<double, double>> bounds;
    if (eq != std::string::npos) {
      const auto range = item.substr(eq + 1);
      const auto colon = range.find(':', 1);  // a leading '-' is a sign, ':' separates
      if (colon == std::string::npos)
        throw InvalidInput("parameter '" + f.key + "': bounds are written LOW:HIGH, not '" + range +
                           "'");
      bounds = std::pair{parse_number(trim(range.substr(0, colon)), f.key),
                         parse_number(trim(range.substr(colon + 1)), f.key)};
      if (!(bounds->first < bounds->second))
        throw InvalidInput("parameter '" + f.key + "': the bounds " + range +
                           " are empty (LOW must be below HIGH)");
    }
    if (!f.key.starts_with("model.") && !f.key.starts_with("intervention["))
      throw InvalidInput("parameter '" + f.key +
                         "' cannot be freed: calibrate frees model.* keys and intervention "
                         "fields (intervention[NAME].FIELD)");
    if (f.key.starts_with("model.")) {
      if (std::find(keys.begin(), keys.end(), f.key) == keys.end())
        throw InvalidInput("parameter '" + f.key +
                           "' does not exist (see the model keys in the README, e.g. "
                           "model.effects.base, model.meetings.triadic)");
      f.start = *sim::model_parameter(scenario.model, f.key);
      const auto [lo, hi] = bounds.value_or(default_bounds(f.key, f.start));
      f.low = lo;
      f.high = hi;
      f.start = std::clamp(f.start, f.low, f.high);
    } else {
      if (!bounds)
        throw InvalidInput("parameter '" + f.key + "': give its bounds, as " + f.key +
                           "=LOW:HIGH (only model.* keys have default bounds)");
      f.low = bounds->first;
      f.high = bounds->second;
      f.start = 0.5 * (f.low + f.high);
    }
    out.push_back(f);
  }
  // Every key must be one the scenario takes: parse once at the starts.
  std::vector<double> starts;
  for (const auto& f : out) starts.push_back(f.start);
  (void)sim::parse_scenario(scenario_text, scenario_file, settings_of(out, starts));
  // And every value within the bounds must be one it takes, or the fit fails part-way: both
  // bounds, and a value between them that is not a whole number (a whole-number field cannot be
  // calibrated by a continuous optimiser).
  for (const auto& f : out) {
    const double inner = f.low + 0.382 * (f.high - f.low);
    for (const double v : {f.low, f.high, inner}) {
      try {
        const std::vector<sim::ParameterSetting> one{{f.key, v}};
        (void)sim::parse_scenario(scenario_text, scenario_file, one);
      } catch (const InvalidInput& e) {
        throw InvalidInput("--free " + f.key + "=" + sim::to_string(f.low) + ":" +
                           sim::to_string(f.high) + ": the scenario refuses values in these " +
                           "bounds (" + e.detail() + ")");
      }
    }
  }
  return out;
}

std::vector<sim::ParameterSetting> settings_of(std::span<const FreeParameter> parameters,
                                               std::span<const double> theta) {
  std::vector<sim::ParameterSetting> out;
  for (std::size_t i = 0; i < parameters.size(); ++i)
    out.push_back({parameters[i].key, sim::ParameterValue{theta[i]}});
  return out;
}

namespace {

/// The simulated years the statistics read (a flow's window includes the year before its first,
/// as align_windows sets it); empty = all, when a statistic reads every year.
std::vector<bool> years_read(const ScenarioMoments& m) {
  std::vector<bool> years;
  for (std::size_t k = 0; k < m.statistics.size(); ++k) {
    if (m.statistics[k].kind == StatisticKind::mean_tie_duration) continue;  // no network
    const auto window = k < m.windows.size() ? m.windows[k] : std::nullopt;
    if (!window) return {};
    if (years.size() <= static_cast<std::size_t>(window->second))
      years.resize(static_cast<std::size_t>(window->second) + 1, false);
    for (int y = window->first; y <= window->second; ++y) years[static_cast<std::size_t>(y)] = true;
  }
  if (years.empty()) years.push_back(false);  // only durations: no year at all
  return years;
}

}  // namespace

SimulatedReplicates simulate_replicates(const ScenarioMoments& m, std::span<const double> theta) {
  const auto settings = settings_of(m.parameters, theta);
  const sim::Scenario scenario = sim::parse_scenario(m.scenario_text, m.scenario_file, settings);
  // Calibration never reads the giant component share: its monthly union-find is skipped.
  const sim::Model model =
      sim::compile(*m.region, scenario, m.inputs, {.seed = m.seed, .giant_share = false});
  return simulate_panels(model, m.replicates, years_read(m));
}

std::optional<int> start_year(const core::Region& region, const sim::Scenario& scenario) {
  if (scenario.start_year) return scenario.start_year;
  std::optional<int> latest;
  for (const auto& t : region.ties())
    if (t.start && (!latest || *t.start > *latest)) latest = t.start;
  return latest;
}

void align_windows(ScenarioMoments& m, std::span<const Target> targets, std::optional<int> start,
                   int horizon_months) {
  m.windows.assign(targets.size(), std::nullopt);
  const int years = horizon_months / 12;
  for (std::size_t k = 0; k < targets.size(); ++k) {
    const auto& t = targets[k];
    if (!t.years) continue;
    if (!start)
      throw InvalidInput(t.at,
                         "targets from the data need the scenario's start_year (the "
                         "region's ties have no start years)");
    const bool flow = is_flow(t.statistic.kind) ||
                      (t.statistic.kind == StatisticKind::stationary && is_flow(t.statistic.of));
    const int first = t.years->first - *start - (flow ? 1 : 0);
    const int last = t.years->second - *start;
    if (first < 0 || last > years)
      throw InvalidInput(t.value_at.line > 0 ? t.value_at : t.at,
                         "the years " + std::to_string(t.years->first) + "-" +
                             std::to_string(t.years->second) +
                             " are not all simulated: the scenario runs from " +
                             std::to_string(*start) + " to " + std::to_string(*start + years) +
                             " (set start_year and horizon_months to cover them)");
    if (t.statistic.kind != StatisticKind::mean_tie_duration) m.windows[k] = std::pair{first, last};
  }
}

std::vector<std::vector<double>> simulate_moments(const ScenarioMoments& m,
                                                  std::span<const double> theta) {
  const auto reps = simulate_replicates(m, theta);
  std::vector<std::vector<double>> out;
  for (const auto& panel : reps.panels) out.push_back(statistics_of(m, panel));
  return out;
}

std::vector<double> statistics_of(const ScenarioMoments& m, const Panel& panel) {
  {
    std::vector<double> row;
    for (std::size_t k = 0; k < m.statistics.size(); ++k) {
      const auto window = k < m.windows.size() ? m.windows[k] : std::nullopt;
      if (!window) {
        row.push_back(compute(m.statistics[k], *m.region, panel));
        continue;
      }
      Panel part;
      part.mean_tie_duration = panel.mean_tie_duration;
      for (int y = window->first; y <= window->second && y < static_cast<int>(panel.years.size());
           ++y)
        part.years.push_back(panel.years[static_cast<std::size_t>(y)]);
      row.push_back(compute(m.statistics[k], *m.region, part));
    }
    return row;
  }
}

std::string scenario_with(std::string_view scenario_text, const std::string& file,
                          std::span<const sim::ParameterSetting> settings,
                          std::span<const std::string> header) {
  std::ostringstream out;
  for (const auto& line : header) out << "# " << line << '\n';
  out << '\n' << sim::scenario_text(scenario_text, file, settings);
  return out.str();
}

}  // namespace verbund::calib
