// Reading a sweep file strictly: every key known, every value checked, errors at file:line:column.
#include <bit>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "io/read_text.hpp"
#include "io/toml.hpp"
#include "io/toml_reader.hpp"
#include "verbund/error.hpp"
#include "verbund/sim/indicators.hpp"
#include "verbund/sweep/sweep.hpp"

namespace verbund::sweep {

std::string_view design_name(Design design) noexcept {
  switch (design) {
    case Design::grid:
      return "grid";
    case Design::lhs:
      return "lhs";
    case Design::sobol:
      return "sobol";
    case Design::morris:
      return "morris";
    case Design::saltelli:
      return "saltelli";
  }
  return "grid";
}

namespace {

Design read_design(io::TomlReader& r) {
  const auto* node = r.get("design");
  if (!node) return Design::grid;
  const auto name = node->value<std::string>();
  for (const Design d :
       {Design::grid, Design::lhs, Design::sobol, Design::morris, Design::saltelli})
    if (name && *name == design_name(d)) return d;
  r.fail(*node, "'design' must be one of grid, lhs, sobol, morris, saltelli");
}

sim::ParameterValue level_value(io::TomlReader& r, const toml::node& item) {
  if (const auto i = item.value_exact<std::int64_t>()) return *i;
  if (item.is_floating_point()) {
    const double v = *item.value<double>();
    if (!std::isfinite(v)) r.fail(item, "a level must be a finite number");
    return v;
  }
  if (item.is_boolean()) return *item.value<bool>();
  if (item.is_string()) return *item.value<std::string>();
  r.fail(item, "a level must be a number, true/false or a string");
}

Parameter read_parameter(const toml::table& table, const std::string& file, Design design,
                         std::set<std::string>& keys) {
  io::TomlReader r(table, file, "[[parameter]]");
  Parameter p;
  const auto* key_node = r.get("key");
  if (!key_node || !key_node->is_string()) r.fail(table, "[[parameter]] needs key = \"...\"");
  p.key = *key_node->value<std::string>();
  if (p.key.empty()) r.fail(*key_node, "'key' must not be empty");
  if (!keys.insert(p.key).second) r.fail(*key_node, "parameter '" + p.key + "' is varied twice");
  p.integer = r.boolean("integer").value_or(false);
  const auto* range = r.get("range");
  const auto* levels = r.get("levels");
  if ((range != nullptr) == (levels != nullptr))
    r.fail(table, "parameter '" + p.key + "' needs either range = [low, high] or levels = [...]");
  if (range) {
    const auto* a = range->as_array();
    if (!a || a->size() != 2 || !(*a)[0].is_number() || !(*a)[1].is_number())
      r.fail(*range, "'range' must be [low, high], two numbers");
    p.low = *(*a)[0].value<double>();
    p.high = *(*a)[1].value<double>();
    if (!std::isfinite(p.low) || !std::isfinite(p.high))
      r.fail(*range, "range of '" + p.key +
                         "' must have finite ends: a sweep samples between them, and no "
                         "parameter takes inf or nan");
    if (!(p.high > p.low))
      r.fail(*range, "range of '" + p.key + "' is empty: high must be above low");
    if (p.integer && (p.low != std::floor(p.low) || p.high != std::floor(p.high)))
      r.fail(*range, "range of whole-number parameter '" + p.key + "' must have whole ends");
  } else {
    const auto* a = levels->as_array();
    if (!a) r.fail(*levels, "'levels' must be an array");
    if (a->empty()) r.fail(*levels, "levels of '" + p.key + "' are empty");
    for (const auto& item : *a) p.levels.push_back(level_value(r, item));
    if (p.integer) r.fail(*levels, "'integer' applies to ranges; write whole-number levels");
  }
  p.at = r.where(range ? *range : *levels);
  if (const auto steps = r.integer("steps", 2, 100000)) {
    if (design != Design::grid || !range)
      r.fail(*r.get("steps"), "'steps' applies to a range in a grid design");
    p.steps = static_cast<std::size_t>(*steps);
  } else if (design == Design::grid && range) {
    if (!p.integer) r.fail(*range, "a range in a grid design needs 'steps' (2 or more)");
    p.steps = static_cast<std::size_t>(p.high - p.low) + 1;  // every whole number
  }
  r.finish();
  return p;
}

}  // namespace

SweepSpec parse_sweep(std::string_view text, const std::string& file) {
  const toml::table root = io::parse_toml(text, file);
  io::TomlReader r(root, file, "the sweep file");
  SweepSpec spec;
  spec.file = file;
  const auto scenario = r.string("scenario");
  if (!scenario) r.fail(root, "the sweep needs scenario = \"BASE.toml\"");
  spec.scenario = std::filesystem::path(file).parent_path() / *scenario;
  spec.design = read_design(r);
  const auto samples = r.integer("samples", 1, 1'000'000);
  const bool needs_samples = spec.design != Design::grid;
  if (samples && !needs_samples) r.fail(*r.get("samples"), "'samples' does not apply to a grid");
  if (!samples && needs_samples)
    r.fail(root, "a " + std::string(design_name(spec.design)) +
                     " design needs 'samples' (points, or trajectories for morris, or base "
                     "rows for saltelli)");
  spec.samples = samples ? static_cast<std::size_t>(*samples) : 0;
  if ((spec.design == Design::sobol || spec.design == Design::saltelli) &&
      !std::has_single_bit(spec.samples))
    r.fail(*r.get("samples"), "a " + std::string(design_name(spec.design)) +
                                  " design needs 'samples' to be a power of two (the Sobol "
                                  "sequence is balanced only then), not " +
                                  std::to_string(spec.samples));
  if (const auto levels = r.integer("levels", 2, 1000)) {
    if (spec.design != Design::morris || *levels % 2 != 0)
      r.fail(*r.get("levels"), "'levels' (an even number) applies to a morris design");
    spec.morris_levels = static_cast<std::size_t>(*levels);
  }
  spec.replicates = static_cast<std::size_t>(r.integer("replicates", 1, 100000).value_or(10));
  if (const auto* seed = r.get("seed")) {
    const auto v = seed->value_exact<std::int64_t>();
    if (!v || *v < 0) r.fail(*seed, "'seed' must be a whole number >= 0");
    spec.seed = static_cast<std::uint64_t>(*v);
  }
  if (const auto month = r.integer("month", 0, 100000)) {
    spec.month = static_cast<int>(*month);
    spec.month_at = r.where(*r.get("month"));
  }
  const auto names = r.strings("indicators");
  const auto places = r.places_of_strings("indicators");
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::size_t k = 0;
    while (k < sim::indicator_count && sim::indicator_names[k] != names[i]) ++k;
    if (k == sim::indicator_count)
      throw InvalidInput(places[i], "unknown indicator '" + names[i] +
                                        "' (e.g. \"science share\", \"ties\", \"innovations\")");
    if (std::find(spec.indicators.begin(), spec.indicators.end(), k) != spec.indicators.end())
      throw InvalidInput(places[i], "indicator '" + names[i] + "' is named twice");
    spec.indicators.push_back(k);
  }
  std::sort(spec.indicators.begin(), spec.indicators.end());
  if (spec.indicators.empty())
    for (std::size_t k = 0; k < sim::first_supply_indicator; ++k) spec.indicators.push_back(k);
  const auto* params = r.get("parameter");
  if (!params) r.fail(root, "the sweep varies nothing: add [[parameter]] tables");
  const auto* array = params->as_array();
  if (!array || array->empty()) r.fail(*params, "'parameter' must be [[parameter]] tables");
  std::set<std::string> keys;
  for (const auto& item : *array) {
    if (!item.is_table()) r.fail(item, "'parameter' must be [[parameter]] tables");
    spec.parameters.push_back(read_parameter(*item.as_table(), file, spec.design, keys));
  }
  r.finish();
  return spec;
}

SweepSpec load_sweep(const std::filesystem::path& path) {
  return parse_sweep(io::read_text_file(path, "sweep file"), path.string());
}

std::string canonical_json(const SweepSpec& spec) {
  nlohmann::ordered_json j;
  j["scenario"] = spec.scenario.filename().string();
  j["design"] = std::string(design_name(spec.design));
  j["samples"] = spec.samples;
  j["morris_levels"] = spec.morris_levels;
  j["replicates"] = spec.replicates;
  j["seed"] = spec.seed;
  j["month"] = spec.month ? nlohmann::ordered_json(*spec.month) : nlohmann::ordered_json();
  auto& ind = j["indicators"] = nlohmann::ordered_json::array();
  for (const auto k : spec.indicators) ind.push_back(std::string(sim::indicator_names[k]));
  auto& ps = j["parameters"] = nlohmann::ordered_json::array();
  for (const auto& p : spec.parameters) {
    nlohmann::ordered_json q{{"key", p.key}, {"integer", p.integer}, {"steps", p.steps}};
    if (p.levels.empty()) {
      q["range"] = {p.low, p.high};
    } else {
      auto& l = q["levels"] = nlohmann::ordered_json::array();
      for (const auto& v : p.levels) l.push_back(sim::to_string(v));
    }
    ps.push_back(q);
  }
  return j.dump();
}

}  // namespace verbund::sweep
