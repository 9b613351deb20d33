#pragma once

// A replicate's mutable state as the model's processes and the interventions see it during a
// month: the network, the meeting rule, tie endings, firm closures and the counters. Private to
// lib/sim.

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/model_impl.hpp"
#include "sim/network.hpp"
#include "sim/phase.hpp"
#include "sim/streams.hpp"
#include "sim/supply_model.hpp"
#include "verbund/core/random.hpp"
#include "verbund/sim/simulation.hpp"

namespace verbund::sim::detail {

class MonthContext {
 public:
  /// Month 0 of a new replicate: the region's ties active in the model's year.
  MonthContext(const Model::Impl& model, std::size_t replicate);
  /// A replicate continued from a checkpoint's state.
  MonthContext(const Model::Impl& model, const ReplicateState& state);

  /// Enters `month` under `phase`.
  void begin(const Phase& phase, int month) {
    phase_ = &phase;
    month_ = month;
    net_.set_month(month);
  }

  // --- for interventions ----------------------------------------------------------------
  [[nodiscard]] int month() const noexcept { return month_; }
  [[nodiscard]] std::size_t replicate() const noexcept { return replicate_; }
  [[nodiscard]] const core::Region& region() const noexcept { return *model_->region; }
  [[nodiscard]] const Phase& phase() const noexcept { return *phase_; }
  [[nodiscard]] Network& network() noexcept { return net_; }
  [[nodiscard]] const Network& network() const noexcept { return net_; }
  /// The draws of `unit` (an actor, an intervention's ordinal, whole_network) this month.
  [[nodiscard]] core::RandomStream stream(std::uint32_t unit, std::uint32_t purpose) const {
    return {model_->seed, detail::stream(replicate_, month_, unit), purpose};
  }
  /// a meets b: an existing tie is renewed, otherwise one forms with the model's probability,
  /// of `kind` (else the kind the two actors' kinds imply). `focus`: they met through a shared
  /// group; `bonus` adds to the log-odds. Returns whether a new tie formed.
  bool meet(std::uint32_t a, std::uint32_t b, core::RandomStream& rng, bool focus,
            double bonus = 0.0, std::optional<core::TieKind> kind = std::nullopt);
  /// The kind of a tie a and b form: transfer (small firm and science), research, informal.
  [[nodiscard]] core::TieKind new_tie_kind(core::ActorId a, core::ActorId b) const;
  /// Ends the tie of a and b before its time (a shock): censored in the duration statistics.
  void cut(std::uint32_t a, std::uint32_t b);
  /// Closes firm `firm`: its ties end (censored) and it meets nobody until a start-up reopens it.
  void close_firm(std::uint32_t firm);

  // --- the model's own processes ---------------------------------------------------------
  /// The month's own dynamics after the interventions: every actor's meetings, then decay, firm
  /// demography and innovation. (One call, so that the hot loop is compiled as one piece.)
  /// Returns false, leaving the month half done, when `cancel` is raised meanwhile (looked at
  /// every few thousand actors).
  bool own_dynamics(const std::atomic<bool>* cancel);
  [[nodiscard]] Indicators indicators() const;
  [[nodiscard]] TieEndings tie_endings() const;
  [[nodiscard]] std::uint64_t innovations() const noexcept { return innovations_; }

 private:
  bool share_group(std::uint32_t a, std::uint32_t b) const {
    return phase_->formation->share_static_group(a, b) || phase_->in_active_group(a, b, month_);
  }
  /// a's own meetings: one Poisson count over the four mechanisms.
  void meetings(std::uint32_t a);
  void decay();
  void demography();
  void innovate();
  void meet_partners_partner(std::uint32_t a, core::RandomStream& rng);
  void meet_co_member(std::uint32_t a, core::RandomStream& rng);
  /// Whether a tie can end by chance or decay and so counts in the duration statistics:
  /// projects end by plan, supply relations are renewed by their deliveries.
  static bool at_risk(const SimTie& t) noexcept { return t.ends < 0 && t.delivers == 0; }
  void censor(const SimTie& t);
  void end_tie(const SimTie& t);

  const Model::Impl* model_;
  const Phase* phase_ = nullptr;
  std::size_t replicate_;
  Network net_;
  int month_ = 0;
  std::uint64_t innovations_ = 0;
  std::uint64_t ended_ = 0, ended_months_ = 0;
  // The supply indicators are measured again only when the network's supply changed.
  mutable SupplyScratch supply_scratch_;
  mutable std::optional<std::pair<std::uint64_t, SupplyIndicators>> supply_measured_;
  mutable double supply_share_ = 0.0;  // the new_supplier_share it was measured with
};

}  // namespace verbund::sim::detail
