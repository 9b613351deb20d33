#pragma once

// Meeting requests suggested to participants who asked for few: the transfer engine's best
// research partners among the event's participants, each with its reason in words.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "verbund/event/event.hpp"

namespace verbund::match {
class TransferScorer;
}

namespace verbund::event {

struct SuggestOptions {
  std::size_t fewer_than =
      3;  ///< participants with fewer live requests (not declined) get suggestions
  std::size_t per_participant = 3;  ///< at most this many each
  bool include_existing = false;    ///< also suggest pairs already tied in the region
};

struct Suggestion {
  std::uint32_t requester = 0;
  std::uint32_t requested = 0;
  double score = 0.0;
  std::string reason;
};

/// For each participant with fewer than `fewer_than` live requests that is an actor of the
/// scorer's region: as a seeker (a firm with recorded needs), the participants the transfer scorer
/// ranks highest for its needs; as a candidate (research), the seekers among the participants for
/// whose needs it scores highest. Leaves out vetoed pairs, pairs with any request already (either
/// way, declined too), pairs tied in the region unless `include_existing`, and participants not
/// in the region. By requester, then score (descending), then requested. O(L P score) for L
/// participants with few requests. Throws only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<Suggestion> suggest_requests(const Event& event,
                                                       const match::TransferScorer& scorer,
                                                       const SuggestOptions& options = {});

}  // namespace verbund::event
