// Drawing parameters from a calibration's sampling distribution, and running replicates with them.
#include "verbund/calib/uncertainty.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "verbund/calib/calibrate.hpp"
#include "verbund/core/random.hpp"
#include "verbund/sim/simulation.hpp"

namespace verbund::calib {

std::optional<Calibration> read_calibration(std::string_view text, const std::string& file) {
  constexpr std::string_view marker = "# verbund-calibration: ";
  const auto at = text.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  const auto end = text.find('\n', at);
  const auto line =
      text.substr(at + marker.size(), end == std::string_view::npos ? std::string_view::npos
                                                                    : end - at - marker.size());
  auto bad = [&](const std::string& why) {
    return InvalidInput(file + ": the calibration line (verbund-calibration) " + why);
  };
  Calibration c;
  try {
    const auto j = nlohmann::json::parse(line);
    for (const auto& p : j.at("parameters")) {
      if (p.at("standard_error").is_null())
        throw bad("has no standard error for '" + p.at("key").get<std::string>() +
                  "' (the targets did not identify it): its uncertainty is unknown");
      c.parameters.push_back({p.at("key").get<std::string>(), p.at("low").get<double>(),
                              p.at("high").get<double>(), p.at("estimate").get<double>()});
      c.standard_error.push_back(p.at("standard_error").get<double>());
    }
    for (const auto& row : j.at("correlation")) {
      std::vector<double> r;
      for (const auto& v : row) r.push_back(v.is_null() ? 0.0 : v.get<double>());
      c.correlation.push_back(r);
    }
  } catch (const nlohmann::json::exception& e) {
    throw bad(std::string("is malformed: ") + e.what());
  }
  if (c.correlation.size() != c.parameters.size()) throw bad("has a correlation of a wrong size");
  for (const auto& row : c.correlation)
    if (row.size() != c.parameters.size()) throw bad("has a correlation of a wrong size");
  return c;
}

std::vector<std::vector<double>> draw_parameters(const Calibration& c, std::size_t replicates,
                                                 std::uint64_t seed) {
  const std::size_t p = c.parameters.size();
  // Cholesky factor L of the covariance (semi-definite: zero pivots give zero columns).
  std::vector<std::vector<double>> l(p, std::vector<double>(p, 0.0));
  for (std::size_t i = 0; i < p; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      double s = c.correlation[i][j] * c.standard_error[i] * c.standard_error[j];
      for (std::size_t k = 0; k < j; ++k) s -= l[i][k] * l[j][k];
      if (i == j) {
        if (s < -1e-9 * (1 + c.standard_error[i] * c.standard_error[i]))
          throw InvalidInput("the calibration's covariance is not positive semi-definite");
        l[i][i] = std::sqrt(std::max(0.0, s));
      } else {
        l[i][j] = l[j][j] > 0 ? s / l[j][j] : 0.0;
      }
    }
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
