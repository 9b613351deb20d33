#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "verbund/match/call.hpp"
#include "verbund/match/consortium.hpp"
#include "verbund/match/score.hpp"

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
/// O(sum of build_consortia + n + product over calls of (options.top + 1) · max_size) for n
/// actors. Throws what build_consortia throws. Thread-safe; builds on oneTBB worker threads.
[[nodiscard]] CallsResult build_for_calls(const TransferScorer& scorer, std::span<const Call> calls,
                                          const ConsortiumOptions& options = {});

}  // namespace verbund::match
