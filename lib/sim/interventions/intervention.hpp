#pragma once

// The unit every intervention is: a type (its TOML reader and its compiler, registered once in
// registry.cpp), and what its compiler returns, an immutable object whose apply() does its part
// of a month. Adding an intervention means one file in this folder, one line in registry.cpp,
// and its TOML reader in that file. Private to lib/sim.

#include <any>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/toml_reader.hpp"
#include "sim/selection.hpp"
#include "verbund/core/region.hpp"
#include "verbund/match/call.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::match {
class TransferScorer;
}
namespace verbund::supply {
class SupplierIndex;
}

namespace verbund::sim::detail {

class MonthContext;
struct Phase;

/// What an intervention remembers within one replicate and phase (e.g. the budget left); made
/// anew when the replicate enters the phase.
class InterventionState {
 public:
  virtual ~InterventionState() = default;
};

/// A compiled intervention: immutable, shared by every replicate (and thread).
class CompiledIntervention {
 public:
  virtual ~CompiledIntervention() = default;
  /// Fresh per-replicate state; nullptr when it needs none.
  [[nodiscard]] virtual std::unique_ptr<InterventionState> start() const { return nullptr; }
  /// Its part of the month `month.month()`; `state` is what start() made.
  virtual void apply(MonthContext& month, InterventionState* state) const = 0;
};

/// A budget of meetings or introductions: unlimited, or a count that runs down to 0.
class Budget : public InterventionState {
 public:
  explicit Budget(std::optional<long> total) : left_(total.value_or(-1)) {}
  /// Takes one unit; false when none is left.
  bool take() noexcept {
    if (left_ == 0) return false;
    if (left_ > 0) --left_;
    return true;
  }

 private:
  long left_;  // -1 = unlimited
};

/// Where an [[intervention]] table is read from.
struct ReadContext {
  const std::string& file;
  int horizon = 0;
  std::size_t index = 0;  ///< among the scenario's interventions
  std::string name;       ///< its `name`, or "TYPE #N"
};

/// What compiling an intervention reads and adds to.
class CompileContext {
 public:
  const core::Region& region;
  std::uint64_t seed = 0;
  std::size_t index = 0;      ///< among the scenario's interventions: keys its selections
  std::uint32_t ordinal = 0;  ///< among the scenario's interventions of its type: keys its streams
  SourceLocation at;          ///< its table in the scenario, for messages
  const std::map<std::string, match::Call>& calls;  ///< the scenario's funding calls, loaded
  Phase& phase;
  /// The transfer matchmaking engine on the starting region, with the scenario's weights; made
  /// on first use and shared by the phase's interventions.
  std::function<const match::TransferScorer&()> scorer;
  /// The supplier search over the region's market on the starting network; null without a
  /// market (ScenarioInputs::market).
  const supply::SupplierIndex* suppliers = nullptr;

  /// resolve_selection() for this intervention.
  [[nodiscard]] std::vector<core::ActorId> select(
      const Selection& selection, const std::vector<std::string>& listed, const std::string& name,
      SelectionRole role = SelectionRole::targets,
      std::span<const SourceLocation> listed_at = {}) const {
    return resolve_selection(region, selection, listed, seed, {at, name, index, role}, listed_at);
  }
};

/// An intervention type.
struct InterventionType {
  std::string_view name;  ///< the TOML `type`
  /// When in a month it acts: interventions act by ascending rank (and in scenario order within
  /// a rank), before the actors' own meetings.
  int acts = 0;
  /// Reads the table's fields (the reader has consumed `type` and `name`; call r.finish()).
  /// Throws InvalidInput at the offending key.
  std::any (*read)(io::TomlReader& r, const ReadContext& where) = nullptr;
  /// Compiles the parsed fields. Throws InvalidInput at ctx.at.
  std::unique_ptr<const CompiledIntervention> (*compile)(const Intervention& intervention,
                                                         CompileContext& ctx) = nullptr;
  /// Whether the actors it targets take part in it (Phase::participants): a programme,
  /// not an event like a shock.
  bool has_participants = true;
};

// The built-in types, one per file of this folder.
extern const InterventionType working_group_type;
extern const InterventionType shock_type;
extern const InterventionType transfer_office_type;
extern const InterventionType matchmaking_event_type;
extern const InterventionType funding_call_type;
extern const InterventionType supplier_initiative_type;

}  // namespace verbund::sim::detail
