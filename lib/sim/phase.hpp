#pragma once

// One scenario compiled: what a replicate runs between the start (or a fork) and the horizon.
// Private to lib/sim.

#include <array>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "sim/formation.hpp"
#include "sim/interventions/intervention.hpp"
#include "verbund/core/actor_kind.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::sim::detail {

/// A working group as a meeting focus: its members meet each other while it runs.
struct FocusGroup {
  int start = 1, end = 1;
  std::vector<core::ActorId> members;  ///< ascending

  [[nodiscard]] bool active(int month) const noexcept { return month >= start && month <= end; }
};

struct Phase {
  ModelParams model;
  std::unique_ptr<Formation> formation;        // the tie-formation effects and per-actor facts
  std::array<double, 4> meeting_cumulative{};  // running sums of the four mechanisms' rates
  double exp_minus_meeting_rate = 1.0;         // e^-(sum of the rates)
  // A firm's monthly chance to innovate by [has a science partner][distinct partner kinds].
  std::array<std::array<double, core::all_actor_kinds.size() + 1>, 2> innovation_chance{};
  std::vector<FocusGroup> groups;                    // working groups, as meeting foci
  std::vector<std::vector<std::uint32_t>> group_of;  // per actor: the groups it is in
  /// What compiling found worth telling the user: interventions that will do nothing.
  std::vector<std::string> notes;
  /// Working groups' members as drawn, by name, for the report.
  std::vector<std::pair<std::string, std::vector<core::ActorId>>> drawn_groups;
  /// Whether an intervention of the phase has participants (InterventionType::has_participants),
  /// and who they are: the actors its interventions target (working group members, firms a
  /// transfer office serves, matchmaking participants, funded consortia, supplier initiative
  /// buyers), as compiled, the same in every replicate.
  bool has_participants = false;
  std::vector<core::ActorId> participants;
  /// In acting order (InterventionType::acts, then scenario order).
  std::vector<std::unique_ptr<const CompiledIntervention>> interventions;

  /// Adds a working group's members (ascending, distinct) as a focus; returns its index.
  std::uint32_t add_focus_group(int start, int end, std::vector<core::ActorId> members) {
    const auto g = static_cast<std::uint32_t>(groups.size());
    for (const auto a : members) group_of[a.value].push_back(g);
    groups.push_back({start, end, std::move(members)});
    return g;
  }

  /// Whether a and b are both in a working group active in `month`.
  [[nodiscard]] bool in_active_group(std::uint32_t a, std::uint32_t b, int month) const {
    for (const auto g : group_of[a]) {
      const auto& group = groups[g];
      if (!group.active(month)) continue;
      if (std::binary_search(group.members.begin(), group.members.end(), core::ActorId{b}))
        return true;
    }
    return false;
  }
};

}  // namespace verbund::sim::detail
