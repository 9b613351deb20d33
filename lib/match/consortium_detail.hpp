#pragma once

// Shared between the consortium builder and partner recommendation (private to lib/match).

#include <vector>

#include "verbund/match/partners.hpp"

namespace verbund::match::detail {

/// For a call whose must-members are the partial consortium: every actor of the builder's search
/// pool scored by the gain in the penalised objective when added (score), with the objective and
/// remaining rule deficits of the enlarged consortium.
[[nodiscard]] std::vector<PartnerRecommendation> consortium_additions(const TransferScorer& scorer,
                                                                      const Call& call);

}  // namespace verbund::match::detail
