#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "verbund/sim/checkpoint.hpp"
#include "verbund/sim/indicators.hpp"
#include "verbund/sim/model.hpp"
#include "verbund/sim/network_view.hpp"

namespace verbund::sim {

/// Ties that ended during a replicate, for the mean tie duration without censoring bias: open
/// ties that ended by chance or decay, and the months all open ties were at risk of ending
/// (ended ones to their end, the rest to the current month); months / ended estimates it.
/// Projects (ending by plan) and supply ties (renewed by their deliveries) are never at risk.
struct TieEndings {
  std::uint64_t ended = 0;
  std::uint64_t months_at_risk = 0;
};

/// One replicate of a model, a month at a time: the staged form of simulate().
///
/// Every random number comes from streams keyed by (seed, replicate, month, actor, purpose), so
/// a replicate's path does not depend on threads or on other replicates, and two models
/// compiled with one seed share their numbers wherever their networks agree (common random
/// numbers). A fork's replicate runs its origin's phase up to the fork month, then its own.
/// \code
///   sim::Simulation replicate(model, 0, [](const sim::Simulation& s) {
///     std::cout << s.month() << ' ' << s.indicators().science_share << '\n';
///   });
///   while (!replicate.done()) replicate.step();
/// \endcode
class Simulation {
 public:
  /// Called after every month with the replicate as it stands.
  using Observer = std::function<void(const Simulation&)>;

  /// Replicate `replicate` at its start: month 0, or the checkpoint's month when the model
  /// resumes one. The model's compiled state is shared, so a temporary model is fine.
  /// O(actors + ties). Throws InvalidInput if the model resumes a checkpoint that lacks this
  /// replicate.
  Simulation(const Model& model, std::size_t replicate, Observer observer = {});
  ~Simulation();
  Simulation(Simulation&&) noexcept;
  Simulation& operator=(Simulation&&) noexcept;
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  /// Runs the next month: interventions, meetings, decay, firm demography, innovation; then
  /// records the indicators and calls the observer. O(actors x meetings + ties) per month.
  /// Precondition: !done() (asserted). Does nothing once interrupted(): a loop that may be
  /// cancelled tests `!done() && !interrupted()`. Not thread-safe on one object;
  /// distinct replicates may step in parallel.
  void step();
  /// A flag that, once raised, stops the month being run within a few thousand actors (e.g.
  /// Ctrl-C); the replicate is then interrupted() and incomplete. nullptr = none. No throw.
  void cancel_with(const std::atomic<bool>* flag) noexcept;
  /// Whether a step was stopped half-way by the cancel flag.
  [[nodiscard]] bool interrupted() const noexcept;
  /// Whether the horizon is reached.
  [[nodiscard]] bool done() const noexcept;
  /// The last month run (0 before the first step, or the checkpoint's month).
  [[nodiscard]] int month() const noexcept;
  [[nodiscard]] std::size_t replicate() const noexcept;
  /// The indicators now. O(1).
  [[nodiscard]] const Indicators& indicators() const& noexcept;
  /// The indicators of months 0..month().
  [[nodiscard]] const std::vector<Indicators>& series() const& noexcept;
  /// The network now, read-only.
  [[nodiscard]] NetworkView network() const& noexcept;
  // What these refer to lives in the replicate: never taken from a temporary one.
  const Indicators& indicators() const&& = delete;
  const std::vector<Indicators>& series() const&& = delete;
  NetworkView network() const&& = delete;
  /// Tie endings so far, ties still open counted as at risk up to month(). O(ties).
  [[nodiscard]] TieEndings tie_endings() const;
  /// The state now, to continue it later (a checkpoint's entry). O(ties + actors).
  [[nodiscard]] ReplicateState state() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace verbund::sim
