#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "verbund/match/call.hpp"
#include "verbund/match/consortium.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/match/score.hpp"

namespace verbund::match {

/// Weights of the partner score (without a call): who would best complete these members.
struct PartnerWeights {
  double ties = 1.0;      ///< share of the members the actor already works with
  double evidence = 0.5;  ///< Adamic–Adar over common partners with the members, e/(1+e)
  double topic = 0.5;     ///< cosine of its offers with the members' pooled offers
  double needs = 0.3;     ///< share of the members' needs it offers
  double activity = 0.2;  ///< log(1 + degree) / log(1 + largest degree)
};

struct PartnerOptions {
  std::size_t top = 10;
  PartnerWeights weights{};
  /// With a call: rank by the gain in the call's objective (rule deficits counted as in the
  /// builder) instead, over the actors the call admits.
  const Call* call = nullptr;
  /// false: actors already tied to any member are left out (the CLI's default); the library
  /// keeps them, as before.
  bool include_existing = true;
  /// true: an actor and its own parent (a chair and its university) never both appear; the
  /// better-scored one stays (see match::one_per_family).
  bool one_per_family = false;
};

struct PartnerRecommendation {
  core::ActorId actor;
  double score = 0.0;
  // The parts (without a call), each in [0, 1] before weighting.
  double ties = 0.0;
  double evidence = 0.0;
  double topic = 0.0;
  double needs = 0.0;
  double activity = 0.0;
  // With a call: the objective with the actor added, and how many rule deficits remain.
  double objective = 0.0;
  double deficits = 0.0;
};

/// The actors who would best complete a partial consortium, best first (ties by actor id).
/// Members themselves are never proposed, nor (with include_existing false) actors tied to a
/// member. Throws InvalidInput on an empty member list, and with
/// a call as build_consortia does for it (unknown ids). Without a call O(n o + E + T + n log top)
/// for n actors with o offers each, E ties and T actors within two ties of the members, in
/// parallel over actors; with one, O(n o + E) and O(p^2) transfer scores for the builder's
/// search pool of p actors, then one evaluation per pool actor. Thread-safe.
[[nodiscard]] std::vector<PartnerRecommendation> recommend_partners(
    const TransferScorer& scorer, std::span<const core::ActorId> members,
    const PartnerOptions& options = {});

}  // namespace verbund::match
