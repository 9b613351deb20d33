#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "verbund/match/call.hpp"
#include "verbund/match/score.hpp"

namespace verbund::match {

/// A rule of a call that a member set breaks, in words.
struct RuleViolation {
  std::string rule;    ///< "size", "quota", "municipalities", "radius", "region", "competence",
                       ///< "must-member", "excluded"
  std::string detail;  ///< e.g. "needs 2 members offering hydrogen-transport, has 1"
};

/// Every rule of `call` that `members` breaks; empty = feasible. Independent of the builder's
/// search (it is the tests' referee). Ids must exist (see check_call_against).
[[nodiscard]] std::vector<RuleViolation> check_rules(const Call& call, const core::Region& region,
                                                     std::span<const core::ActorId> members);

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
/// names unknown competences or actors, or if `exact` is asked of a too large instance.
[[nodiscard]] ConsortiumResult build_consortia(const TransferScorer& scorer, const Call& call,
                                               const ConsortiumOptions& options = {});

/// The objective of a member set (feasible or not).
[[nodiscard]] ConsortiumScore score_consortium(const TransferScorer& scorer, const Call& call,
                                               std::span<const core::ActorId> members);

}  // namespace verbund::match

namespace verbund::match {

/// Consortia for several concurrent calls with shared caps.
struct CallsResult {
  std::vector<ConsortiumResult> options;  ///< per call: its best diverse consortia
  /// Per call: the index into options[call].consortia chosen, or none.
  std::vector<std::optional<std::size_t>> chosen;
  double total = 0.0;      ///< sum of the chosen consortia's objectives
  int actor_cap = 1;       ///< consortia an actor may join: the smallest cap the calls state
  bool exhaustive = true;  ///< false if the combination was chosen greedily (too many to try)
};

/// Builds each call's top consortia (options.top per call), then picks one per call (or none)
/// maximising the total objective without any actor joining more consortia than the cap.
/// Exhaustive over the combinations when there are at most 5 million, else greedy in call order.
[[nodiscard]] CallsResult build_for_calls(const TransferScorer& scorer, std::span<const Call> calls,
                                          const ConsortiumOptions& options = {});

}  // namespace verbund::match
