// Scenario parameters set by name: applied to the scenario's TOML, then parsed as written.
#include "verbund/sim/parameters.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "io/toml.hpp"
#include "sim/interventions/registry.hpp"
#include "verbund/core/actor_kind.hpp"

namespace verbund::sim {

namespace {

/// One step of a key: a table key, or an intervention picked by name or 1-based index.
struct Step {
  std::string key;
  std::optional<std::string> pick;  ///< the text in [...] after the key
};

/// "intervention[AG Logistik].select.size" → steps; dots inside brackets belong to the name.
std::vector<Step> split_key(const std::string& key) {
  std::vector<Step> steps;
  std::string part;
  auto bad = [&](const std::string& why) {
    return InvalidInput("parameter '" + key + "': " + why);
  };
  std::size_t i = 0;
  while (i <= key.size()) {
    if (i == key.size() || key[i] == '.') {
      if (part.empty()) throw bad("an empty part in the key");
      steps.push_back({part, std::nullopt});
      part.clear();
      ++i;
      continue;
    }
    if (key[i] == '[') {
      const auto close = key.find(']', i);
      if (close == std::string::npos) throw bad("'[' without ']'");
      if (part.empty()) throw bad("'[' must follow a key, as in intervention[NAME]");
      steps.push_back({part, key.substr(i + 1, close - i - 1)});
      part.clear();
      i = close + 1;
      if (i < key.size() && key[i] != '.') throw bad("']' must be followed by '.' or the end");
      if (i == key.size()) throw bad("the key must name a field after ']'");
      ++i;
      continue;
    }
    part += key[i++];
  }
  return steps;
}

/// The intervention table `pick` names: by its `name`, or by a 1-based index.
toml::table& pick_intervention(toml::table& root, const Step& step, const std::string& key) {
  auto* array = root[step.key].as_array();
  if (!array) throw InvalidInput("parameter '" + key + "': the scenario has no " + step.key);
  const auto& pick = *step.pick;
  if (!pick.empty() && pick.find_first_not_of("0123456789") == std::string::npos) {
    const auto n = std::stoul(pick);
    if (n >= 1 && n <= array->size())
      if (auto* t = (*array)[n - 1].as_table()) return *t;
    throw InvalidInput("parameter '" + key + "': there is no " + step.key + " #" + pick + " (" +
                       std::to_string(array->size()) + " in the scenario)");
  }
  for (auto& node : *array) {
    auto* table = node.as_table();
    if (!table) continue;
    if (const auto name = (*table)["name"].value<std::string>(); name && *name == pick)
      return *table;
  }
  throw InvalidInput("parameter '" + key + "': no " + step.key + " is named '" + pick + "'");
}

void insert_value(toml::table& table, const std::string& field, const ParameterValue& value) {
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, double>) {
          // Whole numbers go in as integers, so that whole-number fields take them; number
          // fields accept integers too.
          if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9.0e15)
            table.insert_or_assign(field, static_cast<std::int64_t>(v));
          else
            table.insert_or_assign(field, v);
        } else {
          table.insert_or_assign(field, v);
        }
      },
      value);
}

void apply(toml::table& root, const ParameterSetting& setting) {
  const auto steps = split_key(setting.key);
  toml::table* table = &root;
  for (std::size_t k = 0; k + 1 < steps.size(); ++k) {
    const auto& step = steps[k];
    if (step.pick) {
      table = &pick_intervention(*table, step, setting.key);
      continue;
    }
    auto* node = table->get(step.key);
    if (!node) {
      table->insert(step.key, toml::table{});
      node = table->get(step.key);
    }
    table = node->as_table();
    if (!table)
      throw InvalidInput("parameter '" + setting.key + "': '" + step.key + "' is not a table");
  }
  if (steps.back().pick)
    throw InvalidInput("parameter '" + setting.key + "': the key must end in a field name");
  insert_value(*table, steps.back().key, setting.value);
}

Scenario parse_with(const toml::table& text_root, const std::string& file,
                    std::span<const ParameterSetting> settings) {
  toml::table root = text_root;
  for (const auto& s : settings) apply(root, s);
  return detail::scenario_from_toml(root, file, detail::builtin_interventions());
}

}  // namespace

std::string to_string(const ParameterValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::string>) {
          return '"' + v + '"';
        } else if constexpr (std::is_same_v<V, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<V, double>) {
          std::ostringstream out;
          out.precision(std::numeric_limits<double>::max_digits10);
          out << v;
          return out.str();
        } else {
          return std::to_string(v);
        }
      },
      value);
}

Scenario parse_scenario(std::string_view toml_text, const std::string& file,
                        std::span<const ParameterSetting> settings) {
  const toml::table root = io::parse_toml(toml_text, file);
  if (settings.empty())
    return detail::scenario_from_toml(root, file, detail::builtin_interventions());
  try {
    return parse_with(root, file, settings);
  } catch (const InvalidInput&) {
    // Name the setting the scenario refuses: the file alone must parse (else its own error
    // stands), then the settings are added one at a time.
    static_cast<void>(detail::scenario_from_toml(root, file, detail::builtin_interventions()));
    for (std::size_t k = 1; k <= settings.size(); ++k) {
      try {
        static_cast<void>(parse_with(root, file, settings.first(k)));
      } catch (const InvalidInput& e) {
        const auto& s = settings[k - 1];
        const bool own = e.detail().rfind("parameter '", 0) == 0;
        throw InvalidInput(own ? e.detail()
                               : "parameter '" + s.key + "' = " + to_string(s.value) + ": " +
                                     e.detail());
      }
    }
    throw;
  }
}

std::string scenario_text(std::string_view toml_text, const std::string& file,
                          std::span<const ParameterSetting> settings) {
  static_cast<void>(parse_scenario(toml_text, file, settings));  // refuses what it would refuse
  toml::table root = io::parse_toml(toml_text, file);
  for (const auto& s : settings) apply(root, s);
  std::ostringstream out;
  out << root << '\n';
  return out.str();
}

std::vector<std::string> model_parameter_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out{"model.half_distance_km",  "model.decay",
                                 "model.end_threshold",     "model.end_probability",
                                 "model.firm_exit",         "model.firm_entry",
                                 "model.new_supplier_share"};
    for (const char* k : {"base", "science", "diversity"})
      out.push_back(std::string("model.innovation.") + k);
    for (const char* k : {"triadic", "focus", "geographic", "stranger"})
      out.push_back(std::string("model.meetings.") + k);
    const char* effects[] = {"base",       "same_kind",        "complementarity",
                             "proximity",  "common_partners",  "shared_focus",
                             "popularity", "science_affinity", "industrial_science"};
    for (const char* e : effects) out.push_back(std::string("model.effects.") + e);
    for (const auto kind : core::all_actor_kinds)
      for (const char* e : effects)
        out.push_back("model.effects." + std::string(core::to_string(kind)) + "." + e);
    return out;
  }();
  return keys;
}

std::optional<double> model_parameter(const ModelParams& m, std::string_view key) {
  constexpr std::string_view model = "model.";
  if (!key.starts_with(model)) return std::nullopt;
  key.remove_prefix(model.size());
  if (key == "half_distance_km") return m.half_distance_km;
  if (key == "decay") return m.decay;
  if (key == "end_threshold") return m.end_threshold;
  if (key == "end_probability") return m.end_probability;
  if (key == "firm_exit") return m.firm_exit;
  if (key == "firm_entry") return m.firm_entry;
  if (key == "new_supplier_share") return m.new_supplier_share;
  if (key == "innovation.base") return m.innovation_base;
  if (key == "innovation.science") return m.innovation_science;
  if (key == "innovation.diversity") return m.innovation_diversity;
  if (key == "meetings.triadic") return m.meetings.triadic;
  if (key == "meetings.focus") return m.meetings.focus;
  if (key == "meetings.geographic") return m.meetings.geographic;
  if (key == "meetings.stranger") return m.meetings.stranger;
  constexpr std::string_view effects = "effects.";
  if (!key.starts_with(effects)) return std::nullopt;
  key.remove_prefix(effects.size());
  const Effects* e = &m.effects;
  if (const auto dot = key.find('.'); dot != std::string_view::npos) {
    const auto kind = core::parse_actor_kind(key.substr(0, dot));
    if (!kind) return std::nullopt;
    e = &m.effects_of(*kind);
    key.remove_prefix(dot + 1);
  }
  if (key == "base") return e->base;
  if (key == "same_kind") return e->same_kind;
  if (key == "complementarity") return e->complementarity;
  if (key == "proximity") return e->proximity;
  if (key == "common_partners") return e->common_partners;
  if (key == "shared_focus") return e->shared_focus;
  if (key == "popularity") return e->popularity;
  if (key == "science_affinity") return e->science_affinity;
  if (key == "industrial_science") return e->industrial_science;
  return std::nullopt;
}

}  // namespace verbund::sim
