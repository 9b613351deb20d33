#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "verbund/match/call.hpp"
#include "verbund/match/consortium_rules.hpp"
#include "verbund/match/score.hpp"

namespace verbund::match {

/// The consortium objective's parts (see ConsortiumWeights) and their weighted total.
struct ConsortiumScore {
  double coverage = 0.0;
  double optional = 0.0;
  double fit = 0.0;
  double cohesion = 0.0;
  double distance = 0.0;
  double novelty = 0.0;
  double balance = 0.0;
  double total = 0.0;
};

struct Consortium {
  std::vector<core::ActorId> members;  ///< ascending
  ConsortiumScore score;
  /// Per required or optional competence: the members offering it.
  struct Coverage {
    std::string competence;
    bool required = false;
    int needed = 0;
    std::vector<core::ActorId> members;
  };
  std::vector<Coverage> coverage;
  /// What hangs on each member: the consortium without it, and its best replacement.
  struct Criticality {
    core::ActorId member;
    bool must = false;
    bool feasible_without = false;
    double total_without = 0.0;  ///< objective without it (if feasible, else of the set anyway)
    std::optional<core::ActorId> replacement;
    double total_with_replacement = 0.0;
  };
  std::vector<Criticality> criticality;
};

struct ConsortiumOptions {
  std::size_t top = 5;
  std::size_t restarts = 64;
  std::uint64_t seed = 1;
  /// Diversity: no two returned consortia share more than this many members (default: half the
  /// maximum size, rounded down; must-members are not counted).
  std::optional<std::size_t> max_shared{};
  bool exact = false;                    ///< enumerate instead of searching (small instances only)
  std::size_t pool_per_competence = 40;  ///< search pool: best offerers per competence / quota
  /// Actors to leave out in addition to the call's exclusions (e.g. caps used up elsewhere).
  std::vector<core::ActorId> unavailable{};
};

struct ConsortiumResult {
  std::vector<Consortium> consortia;   ///< best first; empty when infeasible
  std::vector<std::string> diagnosis;  ///< why nothing feasible was found
  std::size_t eligible = 0;            ///< actors that may join
  std::size_t pool = 0;                ///< actors the search considered
  bool exact = false;
};

/// Builds the best consortia for a call: parallel randomised greedy construction plus local
/// search (add, drop, swap) over `restarts` restarts (oneTBB), restart r on its own counter-based
/// stream (seed, r), so that the result is the same for any thread count; or, with `exact`,
/// enumeration with pruning. Every returned consortium satisfies check_rules. When none is
/// found, `diagnosis` names the rule that cannot be met and why. Throws InvalidInput if the call
/// names unknown competences or actors or more than 64 competences, or if `exact` is asked of a
/// too large instance. O(n o + E) to resolve the call for n actors with o offers each and E
/// ties, O(p^2) transfer scores for a search pool of p actors, then per restart at most 100
/// passes of O(m p) moves, each evaluated in O(m^2) for consortia of up to m members; `exact`
/// visits every subset of the eligible actors up to the maximum size (refused above 2e7).
/// Thread-safe; runs on oneTBB worker threads.
[[nodiscard]] ConsortiumResult build_consortia(const TransferScorer& scorer, const Call& call,
                                               const ConsortiumOptions& options = {});

/// The objective of a member set (feasible or not). O(n o + E) to resolve the call (see
/// build_consortia), then O(m^2) transfer scores for m members. Throws InvalidInput as
/// build_consortia does for the call. Thread-safe.
[[nodiscard]] ConsortiumScore score_consortium(const TransferScorer& scorer, const Call& call,
                                               std::span<const core::ActorId> members);

}  // namespace verbund::match
