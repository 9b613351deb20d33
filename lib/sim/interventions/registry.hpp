#pragma once

// The intervention types a scenario may use: the built-in ones, registered in registry.cpp, and
// any an extension (or a test) adds. Private to lib/sim.

#include <string>
#include <string_view>
#include <vector>

#include "sim/interventions/intervention.hpp"
#include "verbund/sim/inputs.hpp"
#include "verbund/sim/model.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::sim::detail {

/// The intervention types a scenario may use.
class InterventionRegistry {
 public:
  InterventionRegistry(std::initializer_list<InterventionType> types) : types_(types) {}
  /// Adds a type (a library extension, or a test's). Throws std::logic_error on a taken name.
  void add(const InterventionType& type);
  [[nodiscard]] const InterventionType* find(std::string_view name) const noexcept;
  /// "working_group, shock, ...", for messages.
  [[nodiscard]] std::string names() const;

 private:
  std::vector<InterventionType> types_;
};

/// The types verbund ships (registry.cpp).
[[nodiscard]] const InterventionRegistry& builtin_interventions();

/// parse_scenario() and compile() with another registry (sim/scenario.cpp, sim/model.cpp).
[[nodiscard]] Scenario parse_scenario(std::string_view toml_text, const std::string& file,
                                      const InterventionRegistry& registry);
/// parse_scenario() of a TOML document already parsed (sim/parameters.cpp edits it first).
[[nodiscard]] Scenario scenario_from_toml(const toml::table& root, const std::string& file,
                                          const InterventionRegistry& registry);
[[nodiscard]] Model compile(const core::Region& region, const Scenario& scenario,
                            const ScenarioInputs& inputs, const CompileOptions& options,
                            const InterventionRegistry& registry);

}  // namespace verbund::sim::detail
