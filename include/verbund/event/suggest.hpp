#pragma once

// Meeting requests suggested to participants who asked for few, from three engines: the transfer
// engine (research partners for a firm's needs), the supplier search (suppliers for a buyer's
// demands, when the region has a market) and partner recommendation (who would complete a
// participant); each with its source and its reason in words.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/event/event.hpp"
#include "verbund/report/lang.hpp"

namespace verbund::match {
class TransferScorer;
}
namespace verbund::supply {
class SupplierIndex;
}

namespace verbund::event {

struct SuggestOptions {
  std::size_t fewer_than =
      3;  ///< participants with fewer live requests (not declined) get suggestions
  std::size_t per_participant = 3;  ///< at most this many each
  bool include_existing = false;    ///< also suggest pairs already tied in the region
  /// The supplier search over the region's market (buyers' demands to suppliers' offers); null =
  /// no supplier suggestions. Must be built on the scorer's region.
  const supply::SupplierIndex* suppliers = nullptr;
  bool partners = true;  ///< also ask partner recommendation (match::recommend_partners)
  /// Language of Suggestion::reason.
  report::Lang lang = report::Lang::en;
};

/// Which engine proposed a suggestion.
enum class SuggestionSource : std::uint8_t { transfer, supplier, partner };

/// "transfer", "supplier" or "partner". O(1); does not throw.
[[nodiscard]] std::string_view to_string(SuggestionSource source) noexcept;

struct Suggestion {
  std::uint32_t requester = 0;
  std::uint32_t requested = 0;
  double score = 0.0;  ///< the proposing engine's own score (not comparable across sources)
  std::string reason;
  SuggestionSource source = SuggestionSource::transfer;
};

/// For each participant with fewer than `fewer_than` live requests that is an actor of the
/// scorer's region, candidates among the other participants from each engine:
/// - transfer: as a seeker (a firm with recorded needs), the participants the transfer scorer
///   ranks highest for its needs; as a candidate (research), the seekers for whose needs it
///   scores highest;
/// - supplier (with `suppliers`): as a buyer, the participants whose offers the supplier search
///   scores highest for its demands; as a supplier, the buyers among the participants whose
///   demands it serves best (eligible pairs only: category, certifications, capacity);
/// - partner (with `partners`): the participants match::recommend_partners ranks highest to
///   complete it.
/// A pair is proposed once, by the side with few requests (the seeker or buyer when both have
/// few). Each participant's suggestions take the engines in turn (transfer, supplier, partner),
/// each engine's best first, up to `per_participant`; participants are served in id order.
/// Leaves out vetoed pairs, pairs with any request already (either way, declined too), pairs
/// tied in the region unless `include_existing`, and participants not in the region. By
/// requester, then the order chosen. O(L P score + L recommend_partners + D O supplier scores)
/// for L participants with few requests and D demands and O offers of participants. Throws only
/// std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<Suggestion> suggest_requests(const Event& event,
                                                       const match::TransferScorer& scorer,
                                                       const SuggestOptions& options = {});

}  // namespace verbund::event
