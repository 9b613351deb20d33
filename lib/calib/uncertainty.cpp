// Drawing parameters from a calibration's sampling distribution, and running replicates with them.
#include "verbund/calib/uncertainty.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "verbund/calib/calibrate.hpp"
#include "verbund/core/random.hpp"
#include "verbund/sim/simulation.hpp"

namespace verbund::calib {

namespace {

/// A standard error above this many times its parameter's range is refused (see below).
constexpr double max_relative_standard_error = 1000.0;

/// The Cholesky factor L of the covariance with these standard errors and correlation; nullopt
/// when it is not positive semi-definite (zero pivots give zero columns). O(p^3).
std::optional<std::vector<std::vector<double>>> cholesky(
    const std::vector<std::vector<double>>& correlation, const std::vector<double>& se) {
  const std::size_t p = se.size();
  std::vector<std::vector<double>> l(p, std::vector<double>(p, 0.0));
  for (std::size_t i = 0; i < p; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      double s = correlation[i][j] * se[i] * se[j];
      for (std::size_t k = 0; k < j; ++k) s -= l[i][k] * l[j][k];
      if (i == j) {
        if (s < -1e-9 * (1 + se[i] * se[i])) return std::nullopt;
        l[i][i] = std::sqrt(std::max(0.0, s));
      } else {
        l[i][j] = l[j][j] > 0 ? s / l[j][j] : 0.0;
      }
    }
  return l;
}

/// A number for a message, 6 significant digits.
std::string brief(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

/// Where `at` (an offset into `text`) is: line and column, 1-based.
SourceLocation location_of(std::string_view text, std::size_t at, const std::string& file) {
  const auto line_start = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
  const std::size_t column = at - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return {file, static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n')) + 1,
          column};
}

}  // namespace

std::optional<Calibration> read_calibration(std::string_view text, const std::string& file) {
  constexpr std::string_view marker = "# verbund-calibration: ";
  const auto at = text.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  if (const auto again = text.find(marker, at + marker.size()); again != std::string_view::npos)
    throw InvalidInput(location_of(text, again, file),
                       "a second calibration line (verbund-calibration; the first is at line " +
                           std::to_string(location_of(text, at, file).line) +
                           "): a scenario holds one calibration; write it anew with "
                           "`verbund calibrate --out`");
  const auto end = text.find('\n', at);
  const auto line =
      text.substr(at + marker.size(), end == std::string_view::npos ? std::string_view::npos
                                                                    : end - at - marker.size());
  const auto line_start = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
  const std::size_t column =
      at - (line_start == std::string_view::npos ? 0 : line_start + 1) + marker.size() + 1;
  const SourceLocation where{
      file, static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n')) + 1,
      column};
  auto bad = [&](const std::string& why) {
    return InvalidInput(where, "the calibration line (verbund-calibration) " + why +
                                   "; write it anew with `verbund calibrate --out`");
  };
  // One clear message for any shape the line may have been edited into, never the JSON
  // library's own text.
  const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw bad("is not valid JSON");
  if (!j.is_object() || !j.contains("parameters") || !j["parameters"].is_array() ||
      !j.contains("correlation") || !j["correlation"].is_array())
    throw bad("needs \"parameters\" and \"correlation\" arrays");
  Calibration c;
  auto number = [&](const nlohmann::json& p, const char* name, const std::string& key) {
    if (!p.contains(name) || !p[name].is_number() || !std::isfinite(p[name].get<double>()))
      throw bad("has no finite \"" + std::string(name) + "\" for '" + key + "'");
    return p[name].get<double>();
  };
  for (const auto& p : j["parameters"]) {
    if (!p.is_object() || !p.contains("key") || !p["key"].is_string())
      throw bad("has a parameter without a \"key\"");
    const auto key = p["key"].get<std::string>();
    for (const auto& earlier : c.parameters)
      if (earlier.key == key) throw bad("names the parameter '" + key + "' twice");
    if (p.contains("standard_error") && p["standard_error"].is_null())
      throw bad("has no standard error for '" + key +
                "' (the targets did not identify it): its uncertainty is unknown");
    const double se = number(p, "standard_error", key);
    if (se < 0) throw bad("has a negative standard error for '" + key + "'");
    const double low = number(p, "low", key), high = number(p, "high", key);
    const double estimate = number(p, "estimate", key);
    if (!(low < high) || estimate < low || estimate > high)
      throw bad("has an estimate of '" + key + "' outside its bounds, or empty bounds");
    // Beyond this every draw lands on a bound: such a standard error says nothing and is a
    // typing error or an edit, not a fit.
    if (se > max_relative_standard_error * (high - low))
      throw bad("has a standard error of '" + key + "' (" + brief(se) + ") above " +
                brief(max_relative_standard_error) + " x the width of its bounds");
    try {  // a key the scenario does not have fails here, not after the comparison started
      (void)free_parameters(key + "=" + sim::to_string(low) + ":" + sim::to_string(high), text,
                            file);
    } catch (const InvalidInput& e) {
      throw bad("names the parameter '" + key + "', which the scenario cannot set (" + e.detail() +
                ")");
    }
    c.parameters.push_back({key, low, high, estimate});
    c.standard_error.push_back(se);
  }
  if (c.parameters.empty()) throw bad("names no parameter: there is nothing to draw");
  const std::size_t n = c.parameters.size();
  for (const auto& row : j["correlation"]) {
    if (!row.is_array() || row.size() != n) throw bad("has a correlation of a wrong size");
    std::vector<double> r;
    for (const auto& v : row) {
      if (!v.is_null() && !v.is_number()) throw bad("has a correlation that is not a number");
      const double x = v.is_null() ? 0.0 : v.get<double>();
      if (!(x >= -1.0 - 1e-12 && x <= 1.0 + 1e-12)) throw bad("has a correlation outside [-1, 1]");
      r.push_back(x);
    }
    c.correlation.push_back(std::move(r));
  }
  if (c.correlation.size() != n) throw bad("has a correlation of a wrong size");
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < n; ++k)
      if (std::abs(c.correlation[i][k] - c.correlation[k][i]) > 1e-9)
        throw bad("has an asymmetric correlation (" + c.parameters[i].key + ", " +
                  c.parameters[k].key + ")");
  if (!cholesky(c.correlation, c.standard_error))
    throw bad("has a correlation that is not positive semi-definite (no covariance has it)");
  return c;
}

std::vector<std::vector<double>> draw_parameters(const Calibration& c, std::size_t replicates,
                                                 std::uint64_t seed) {
  const std::size_t p = c.parameters.size();
  const auto factor = cholesky(c.correlation, c.standard_error);
  if (!factor) throw InvalidInput("the calibration's covariance is not positive semi-definite");
  const auto& l = *factor;
  std::vector<std::vector<double>> out(replicates, std::vector<double>(p));
  for (std::size_t r = 0; r < replicates; ++r) {
    core::RandomStream rng(seed, r, 0x63616c69U);  // "cali"
    std::vector<double> z(p);
    for (auto& v : z) v = rng.normal();
    for (std::size_t i = 0; i < p; ++i) {
      double v = c.parameters[i].start;
      for (std::size_t k = 0; k <= i; ++k) v += l[i][k] * z[k];
      out[r][i] = std::clamp(v, c.parameters[i].low, c.parameters[i].high);
    }
  }
  return out;
}

sim::Run simulate_with_draws(const core::Region& region, std::string_view text,
                             const std::string& file, const sim::ScenarioInputs& inputs,
                             std::span<const FreeParameter> parameters,
                             const std::vector<std::vector<double>>& draws, std::uint64_t seed) {
  const std::string owned(text);
  sim::Run run;
  run.requested = draws.size();
  run.series.resize(draws.size());
  run.tie_endings.resize(draws.size());
  std::vector<sim::Model> models;
  for (const auto& d : draws) {  // compiled first, in order: a bad setting fails before any run
    const auto scenario = sim::parse_scenario(owned, file, settings_of(parameters, d));
    models.push_back(sim::compile(region, scenario, inputs, {.seed = seed}));
  }
  tbb::parallel_for(std::size_t{0}, draws.size(), [&](std::size_t r) {
    sim::Simulation replicate(models[r], r);
    while (!replicate.done()) replicate.step();
    run.series[r] = replicate.series();
    run.tie_endings[r] = replicate.tie_endings();
  });
  for (std::size_t r = 0; r < draws.size(); ++r) run.replicate_ids.push_back(r);
  if (!models.empty()) {
    run.supply = models.front().measures_supply();
    run.participants = models.front().measures_participants();
    run.groups = models.front().groups();
  }
  return run;
}

}  // namespace verbund::calib
