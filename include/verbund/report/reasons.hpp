#pragma once

// Reasons in sentences, in German or English: why a research partner is recommended to a firm,
// and what hangs on each member of a consortium. The reports and `--explain` of the CLI share
// them, so that a transfer officer reads the same words in both.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "verbund/core/ids.hpp"
#include "verbund/match/consortium.hpp"
#include "verbund/match/partners.hpp"
#include "verbund/match/score.hpp"
#include "verbund/report/lang.hpp"

namespace verbund::report {

/// How many candidates offer each competence: the "3 of 50" of a reason, counted once per need
/// and kept between calls of transfer_reasons.
using OfferCounts = std::map<core::CompetenceId, std::size_t>;

/// Why `candidate` suits `seeker`, in sentences built from `explanation` (TransferScorer::explain
/// of the pair), worded so that candidates for the same need read differently: "Already your
/// partner since 2022.", "Matches 2 of your 3 needs: fit 78.0% (rarer needs count more).", per
/// need how directly it is met ("Covers your need for AI (a main field there): 3 of 50 research
/// partners offer it." from the offer's weight: main field >= 0.8, one among others >= 0.5, else
/// a side field; "Partly covers your need for AI with Machine learning, a fairly related field."
/// from the taxonomy's strength: closely >= 0.7, fairly >= 0.45, else loosely), distance or same
/// municipality, free capacity, how many actors it works with, shared partners and groups.
/// O(C o) for a need not yet in `counts` (C candidates, o offers each), else O(n log o + p) over
/// needs, offers and partners. Thread-safe for distinct `counts`; throws only std::bad_alloc.
[[nodiscard]] std::vector<std::string> transfer_reasons(const match::TransferScorer& scorer,
                                                        core::ActorId seeker,
                                                        core::ActorId candidate,
                                                        const match::Explanation& explanation,
                                                        Lang lang, OfferCounts& counts);

/// What hangs on one member of `consortium`, in one or two sentences: named by the call, can
/// leave (objective without it), or critical; and its best replacement. O(1); thread-safe;
/// throws only std::bad_alloc.
[[nodiscard]] std::string member_sentence(const core::Region& region,
                                          const match::Consortium& consortium,
                                          const match::Consortium::Criticality& member, Lang lang);

/// Why `partner` would complete a consortium, in sentences from its score parts (see
/// match::PartnerWeights): "Already works with 50 % of the members.", "Offers 30 % of what the
/// members need.", ...; with a call (`with_call`), its objective and the rule gaps left. Parts
/// that are zero say nothing. O(1); thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::vector<std::string> partner_reasons(const match::PartnerRecommendation& partner,
                                                       bool with_call, Lang lang);

}  // namespace verbund::report
