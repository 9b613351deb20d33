#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "verbund/core/ids.hpp"
#include "verbund/core/region.hpp"
#include "verbund/sim/inputs.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::sim {

struct CompileOptions {
  /// Master seed: fixes the random selections made here and every draw of the run.
  std::uint64_t seed = 1;
  /// Whether the giant component share is measured each month (a union-find over every tie,
  /// O(actors + ties) a month); false leaves it 0 in the series, for runs that never read it
  /// (calibration). Every other indicator and every draw stay the same.
  bool giant_share = true;
};

/// A scenario compiled against a region: every name resolved, every selection drawn, every
/// matchmaking plan and funded consortium made, so that running it can no longer fail on input.
/// Immutable; copies share one compiled state. Safe to use from many threads. It refers to the
/// region it was compiled for, which must outlive it.
class Model {
 public:
  struct Impl;

  /// Months simulated (the scenario's horizon).
  [[nodiscard]] int horizon() const noexcept;
  [[nodiscard]] std::uint64_t seed() const noexcept;
  [[nodiscard]] const std::string& name() const& noexcept;
  [[nodiscard]] const core::Region& region() const noexcept;
  /// The year whose active ties form the starting network: the scenario's `start_year`, else its
  /// fork origin's, else the region's latest tie start year; nullopt when no tie has a year.
  [[nodiscard]] std::optional<int> start_year() const noexcept;
  /// The month a replicate starts after: the checkpoint's month when the scenario resumes one,
  /// else 0.
  [[nodiscard]] int resumes_after() const noexcept;
  /// Actors per working group as drawn (the same in every replicate), fork origin's first.
  [[nodiscard]] const std::vector<std::pair<std::string, std::vector<core::ActorId>>>& groups()
      const& noexcept;
  /// Whether the supply indicators are measured: the model was compiled with a supplier market
  /// that has demands (ScenarioInputs::market).
  [[nodiscard]] bool measures_supply() const noexcept;
  /// Whether the participant indicators are measured: the scenario has an intervention with
  /// participants (any but a shock) and is not a fork (whose first months are its origin's).
  [[nodiscard]] bool measures_participants() const noexcept;
  /// The files the scenario's inputs were read from, with their hashes.
  [[nodiscard]] const std::vector<InputFile>& input_files() const& noexcept;
  /// What compiling found worth telling the user, in words: interventions that will do nothing
  /// (e.g. a selection that matched no actor, a call that funds fewer consortia than asked) and
  /// what a shock closing firms exposes in the supply chains: for the user to see, not errors.
  [[nodiscard]] const std::vector<std::string>& notes() const& noexcept;
  // These live in the compiled state: never taken from a temporary model.
  const std::string& name() const&& = delete;
  const std::vector<std::pair<std::string, std::vector<core::ActorId>>>& groups() const&& = delete;
  const std::vector<InputFile>& input_files() const&& = delete;
  const std::vector<std::string>& notes() const&& = delete;

  /// For lib/sim: the compiled state.
  [[nodiscard]] const Impl& impl() const noexcept { return *impl_; }
  explicit Model(std::shared_ptr<const Impl> impl) noexcept : impl_(std::move(impl)) {}

 private:
  friend class Simulation;  // a replicate shares the compiled state
  std::shared_ptr<const Impl> impl_;
};

/// Compiles a scenario with the files it names (io::load_scenario_inputs reads them; a scenario
/// built in code that names none passes `{}`): resolves actors, kinds, municipalities and
/// themes, draws the selections, plans matchmaking days and transfer introductions and builds
/// the funded consortia with the inputs' weights, and checks a checkpoint to resume against the
/// region and seed. Cost: one pass over the actors per intervention, plus the matchmaking
/// engine's for offices, days and calls.
/// Throws InvalidInput at the intervention's file:line:column for an unknown actor,
/// municipality, theme or call member, a funding call whose file was not loaded, a fork whose
/// origin or checkpoint is missing from `inputs`, or a checkpoint that does not fit.
/// Thread-safe: reads `region`, `scenario` and `inputs` only.
/// \code
///   const auto loaded = io::load_scenario_inputs(path);
///   const sim::Model model = sim::compile(region, loaded.scenario, loaded.inputs, {.seed = 7});
/// \endcode
[[nodiscard]] Model compile(const core::Region& region, const Scenario& scenario,
                            const ScenarioInputs& inputs = {}, const CompileOptions& options = {});
/// A model refers to its region: compiling against a temporary would leave it dangling.
Model compile(core::Region&&, const Scenario&, const ScenarioInputs& = {},
              const CompileOptions& = {}) = delete;

}  // namespace verbund::sim
