#pragma once

// What sim::compile makes: the phases a replicate runs and where it starts. Private to lib/sim.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/phase.hpp"
#include "sim/supply_model.hpp"
#include "verbund/sim/model.hpp"
#include "verbund/supply/search.hpp"

namespace verbund::sim {

struct Model::Impl {
  const core::Region* region = nullptr;
  std::uint64_t seed = 1;
  bool giant_share = true;  ///< CompileOptions::giant_share
  std::string name;
  int horizon = 0;
  std::optional<int> year;  ///< the starting network: ties active then (all if unset)
  /// One phase, or two for a fork replayed from its origin: phases[0] runs months
  /// 1..switch_after, phases[1] the rest.
  std::vector<std::unique_ptr<detail::Phase>> phases;
  int switch_after = 0;
  /// A fork resumed from a checkpoint: every replicate starts from its saved state.
  std::optional<Checkpoint> resume;
  std::string resume_file;  ///< where the checkpoint came from, for messages
  std::vector<std::pair<std::string, std::vector<core::ActorId>>> groups;
  std::vector<std::string> notes;
  std::vector<InputFile> files;
  /// The region's supplier market (ScenarioInputs::market), its search index and what the
  /// supply indicators need; all null without a market.
  std::shared_ptr<const supply::Market> market;
  std::shared_ptr<const supply::SupplierIndex> supplier_index;
  std::shared_ptr<const detail::SupplyModel> supply;
  /// Whether any phase has interventions with participants (the participant indicators), and
  /// the participants of all phases, ascending and distinct.
  bool participants = false;
  std::vector<std::uint32_t> participant_ids;

  /// The phase that runs `month`.
  [[nodiscard]] const detail::Phase& phase_of(int month) const {
    return *phases[phases.size() > 1 && month > switch_after ? 1 : 0];
  }
};

}  // namespace verbund::sim
