#pragma once

// Loading less than the whole region when a verb needs one actor's view of it.

#include <string_view>

#include "verbund/core/region.hpp"
#include "verbund/io/store.hpp"

namespace verbund::io {

/// The stored region as a report on one actor (`verbund report firm`) reads it: every actor and
/// tie as Store::load_region gives them (ids, components, loads, partners' partners and the
/// supplier market stay those of the whole region), but
/// - competences (offers and needs) only of `actor` (external id) and of the science kinds
///   (university, research institute, research group): the candidates of a
///   match::TransferScorer with the default CandidatePool, the only other actors whose
///   competences its scores and the report's reasons read;
/// - memberships only of the groups `actor` belongs to (all their members, so that group sizes
///   and shared groups stay those of the whole region).
/// Every other actor has no offers, no needs and no groups in the result, so the result is only
/// fit for that scorer and for `actor`'s own report. An unknown `actor` is no error (the caller's
/// look-up of it fails as on the whole region). O(N + T + M + c + m) for N actors, T ties, M
/// membership rows scanned, c competence and m membership rows kept; on a 100,000-firm region it
/// skips about a third of load_region's work. Throws as Store::load_region. Not thread-safe (as
/// Store).
[[nodiscard]] core::Region load_region_for_actor(const Store& store, std::string_view actor);

}  // namespace verbund::io
