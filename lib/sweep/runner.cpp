// Running a sweep's units in parallel, batch by batch of points.
#include "verbund/sweep/runner.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/parallel_loops.hpp"
#include "io/read_text.hpp"
#include "verbund/error.hpp"
#include "verbund/sim/checkpoint.hpp"
#include "verbund/sim/model.hpp"
#include "verbund/sim/simulation.hpp"

namespace verbund::sweep {

namespace {

// A point's values for messages: six significant digits (a Latin hypercube's 0.7345118204811553
// reads as 0.734512), whole numbers and texts as they are.
std::string describe(const Point& point) {
  std::string text;
  for (const auto& s : point.settings) {
    if (!text.empty()) text += ", ";
    text += s.key + " = ";
    if (const auto* d = std::get_if<double>(&s.value)) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.6g", *d);
      text += buffer;
    } else {
      text += sim::to_string(s.value);
    }
  }
  return text;
}

// A point the scenario refuses is blamed on the sweep file: the [[parameter]] whose key the
// message names, else where the sweep names its scenario (the scenario file's own location is
// kept when the message has one).
InvalidInput point_error(const SweepSpec& spec, const Point& point, std::size_t p,
                         const InvalidInput& e) {
  SourceLocation at = e.where();
  for (const auto& parameter : spec.parameters)
    if (e.detail().find("'" + parameter.key + "'") != std::string::npos) {
      at = parameter.at;
      break;
    }
  if (at.line == 0)
    at = spec.parameters.empty() ? SourceLocation{spec.file, 0, 0} : spec.parameters.front().at;
  return InvalidInput(
      at, "sweep point " + std::to_string(p) + " (" + describe(point) + "): " + e.detail());
}

std::string hex16(std::uint64_t v) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(v));
  return buffer;
}

}  // namespace

SweepPlan plan_sweep(SweepSpec spec, const core::Region& region,
                     std::shared_ptr<const supply::MarketData> market, const PlanOptions& options) {
  SweepPlan plan;
  plan.points = design_points(spec);
  plan.scenarios.resize(plan.points.size());
  plan.months.resize(plan.points.size());
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    try {
      plan.scenarios[p] = io::load_scenario_inputs(spec.scenario, plan.points[p].settings);
    } catch (const InvalidInput& e) {
      throw point_error(spec, plan.points[p], p, e);
    }
    plan.scenarios[p].inputs.market = market;
    const int horizon = plan.scenarios[p].scenario.horizon;
    plan.months[p] = spec.month.value_or(horizon);
    if (plan.months[p] > horizon)
      throw InvalidInput(spec.month_at.line > 0 ? spec.month_at : SourceLocation{spec.file, 0, 0},
                         "month " + std::to_string(plan.months[p]) + " lies beyond the horizon (" +
                             std::to_string(horizon) + ") of sweep point " + std::to_string(p) +
                             " (" + describe(plan.points[p]) + ")");
  }
  plan.spec = std::move(spec);
  // Every point compiles before any unit runs: a setting that fails costs no stored results.
  std::vector<std::optional<InvalidInput>> errors(plan.points.size());
  par::parallel_for(std::size_t{0}, options.compile_all ? plan.points.size() : 0,
                    [&](std::size_t p) {
                      try {
                        check_point(plan, region, p);
                      } catch (const InvalidInput& e) {
                        errors[p] = e;
                      }
                    });
  for (const auto& e : errors)
    if (e) throw *e;
  nlohmann::ordered_json id{{"sweep", nlohmann::ordered_json::parse(canonical_json(plan.spec))},
                            {"region", hex16(sim::region_fingerprint(region))},
                            {"scenario_files", nlohmann::ordered_json::array()}};
  if (!plan.scenarios.empty())
    for (const auto& f : plan.scenarios.front().inputs.files)
      id["scenario_files"].push_back(f.hash);
  plan.definition = id.dump();
  plan.key = io::content_hash(plan.definition);
  return plan;
}

std::vector<Unit> all_units(const SweepPlan& plan) {
  std::vector<Unit> units;
  units.reserve(plan.points.size() * plan.spec.replicates);
  for (std::size_t p = 0; p < plan.points.size(); ++p)
    for (std::size_t r = 0; r < plan.spec.replicates; ++r)
      units.push_back({static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(r)});
  return units;
}

void check_point(const SweepPlan& plan, const core::Region& region, std::size_t point) {
  try {
    static_cast<void>(compile_point(plan, region, point));
  } catch (const InvalidInput& e) {
    throw point_error(plan.spec, plan.points[point], point, e);
  }
}

sim::Model compile_point(const SweepPlan& plan, const core::Region& region, std::size_t point) {
  const auto& loaded = plan.scenarios[point];
  return sim::compile(region, loaded.scenario, loaded.inputs, {.seed = plan.spec.seed});
}

UnitResult run_unit(const SweepPlan& plan, const sim::Model& model, Unit unit) {
  sim::Simulation replicate(model, unit.replicate);
  const int month = plan.months[unit.point];
  while (replicate.month() < month && !replicate.done()) replicate.step();
  const auto all = sim::values(replicate.series()[static_cast<std::size_t>(month)]);
  UnitResult result{unit, {}};
  for (const auto k : plan.spec.indicators) result.values.push_back(all[k]);
  return result;
}

bool run_units(const SweepPlan& plan, const core::Region& region, std::span<const Unit> units,
               const RunUnitsOptions& options) {
  std::size_t begin = 0;
  while (begin < units.size()) {
    if (options.cancel && options.cancel->load()) return false;
    // The batch: units of the next points_per_batch distinct points.
    std::vector<std::uint32_t> points;
    std::size_t end = begin;
    while (end < units.size()) {
      const auto p = units[end].point;
      if (points.empty() || points.back() != p) {
        if (points.size() == std::max<std::size_t>(1, options.points_per_batch)) break;
        points.push_back(p);
      }
      ++end;
    }
    std::vector<std::optional<sim::Model>> models(points.size());
    par::parallel_for(std::size_t{0}, points.size(),
                      [&](std::size_t i) { models[i] = compile_point(plan, region, points[i]); });
    std::vector<UnitResult> results(end - begin);
    par::parallel_for(begin, end, [&](std::size_t u) {
      const auto i = static_cast<std::size_t>(
          std::lower_bound(points.begin(), points.end(), units[u].point) - points.begin());
      results[u - begin] = run_unit(plan, *models[i], units[u]);
    });
    if (options.on_batch) options.on_batch(results);
    begin = end;
  }
  return true;
}

}  // namespace verbund::sweep
