#pragma once

// Setting scenario parameters by name: what sweeps vary and calibration frees. A setting is
// applied to the scenario's TOML before it is parsed, so every value passes the same checks as
// one written in the file.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "verbund/sim/scenario.hpp"

namespace verbund::sim {

/// A parameter value: a number (integral doubles are written as TOML integers, so they fit
/// whole-number fields too), a whole number, a flag or a text.
using ParameterValue = std::variant<double, std::int64_t, bool, std::string>;

/// One parameter set to a value. `key` is a dotted TOML path:
///   "horizon_months", "model.decay", "model.effects.base", "model.effects.firm.proximity",
///   "model.meetings.triadic", "model.innovation.science";
///   "intervention[NAME].FIELD" or "intervention[N].FIELD" (N 1-based, in file order), with
///   nested fields such as "intervention[AG Logistik].select.size".
struct ParameterSetting {
  std::string key;
  ParameterValue value;
};

/// The value as TOML would write it ("0.25", "3", "true", "\"Duisburg\""). O(1), no throw.
[[nodiscard]] std::string to_string(const ParameterValue& value);

/// Parses a scenario as parse_scenario does, with `settings` applied in order over what the file
/// writes (missing tables are made). O(size + settings).
/// Throws InvalidInput: for a key that does not parse or names no intervention (naming the key),
/// for a value the scenario refuses ("parameter 'model.decay' = 1.5: 'decay' must be below 1"),
/// and as parse_scenario for the file itself. Thread-safe.
[[nodiscard]] Scenario parse_scenario(std::string_view toml_text, const std::string& file,
                                      std::span<const ParameterSetting> settings);

/// The scenario's TOML text with `settings` applied, as parse_scenario with settings reads it
/// (checked by parsing it so; the file's comments are not kept): what a calibrated scenario file
/// is written from. O(size + settings). Throws as parse_scenario with settings. Thread-safe.
[[nodiscard]] std::string scenario_text(std::string_view toml_text, const std::string& file,
                                        std::span<const ParameterSetting> settings);

/// The numeric model keys a run can be given, e.g. "model.decay", "model.effects.base",
/// "model.effects.firm.base" (one per kind and coefficient), in a fixed order. No throw
/// beyond allocation.
[[nodiscard]] std::vector<std::string> model_parameter_keys();

/// The value of a numeric model key in `model` (defaults included); nullopt for a key that is
/// not one of model_parameter_keys(). O(kinds). No throw.
[[nodiscard]] std::optional<double> model_parameter(const ModelParams& model, std::string_view key);

}  // namespace verbund::sim
