#pragma once

// Joint offers: groups of regional suppliers that together meet a customer's requirement
// (supply/requirement.hpp) with their free capacity and certifications.
//
// A group is feasible when:
// - it has min_partners to max_partners members, none excluded;
// - every member holds a *qualified* offer for at least one input: an offer in its category
//   with every certification the requirement asks for that input (overall and per input), free
//   capacity > 0 and a minimum order no larger than the input's quantity;
// - for every input, the members' qualified free capacity adds up to its quantity;
// - at least min_smes members are SMEs (micro, small, medium), at most max_per_municipality
//   share a municipality (actors without one are not counted), and, with lead_sizes, a member
//   of those size classes can lead.
// Offers are per category, so inputs do not compete for a member's capacity. Each input is
// allocated to the qualified members in proportion to their free capacity (all equally loaded).
//
// Groups are ranked by: fewer partners (a simpler offer), then the larger *capacity ratio*
// (the smallest, over inputs, of qualified free capacity / quantity: how much the tightest
// input could grow), then the smaller *spread* (largest distance between two members with a
// location), then the members' external ids.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "verbund/core/ids.hpp"
#include "verbund/report/lang.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/requirement.hpp"

namespace verbund::supply {

/// Who delivers how much of one input.
struct InputCover {
  CategoryId category;
  double quantity = 0.0;
  double capacity = 0.0;  ///< the group's qualified free capacity
  struct Share {
    core::ActorId supplier;
    double volume = 0.0;
    double free_capacity = 0.0;
  };
  std::vector<Share> shares;  ///< by supplier
};

/// Whether the offer survives without a member, and who could take its place.
struct MemberCriticality {
  core::ActorId member;
  bool critical = false;            ///< the group without it is not feasible
  std::vector<std::string> broken;  ///< what the group without it breaks (check_joint_offer)
  /// For a critical member: suppliers whose entry in its place makes the group feasible again,
  /// best group first.
  std::vector<core::ActorId> replacements;
};

struct JointOffer {
  std::vector<core::ActorId> members;  ///< ascending
  /// Of the lead sizes if asked; the largest share of the requirement (sum over inputs of its
  /// volume / quantity), then the lowest actor id.
  core::ActorId lead;
  double capacity_ratio = 0.0;
  double spread_km = 0.0;
  std::vector<InputCover> inputs;              ///< in the requirement's order
  std::vector<MemberCriticality> criticality;  ///< by member
};

struct JointOfferOptions {
  std::size_t top = 5;
  /// The search considers, per input, this many qualified suppliers with the most free capacity
  /// in it and, when the rules ask for SMEs or a lead size, as many of those with the most
  /// capacity relative to the quantities; 0 = every candidate. Exact within that pool.
  std::size_t pool_per_input = 40;
  std::size_t replacements = 3;  ///< per critical member
  /// Language of the diagnosis and of MemberCriticality::broken.
  report::Lang lang = report::Lang::en;
};

struct JointOfferResult {
  std::vector<JointOffer> offers;      ///< best first; empty when infeasible
  std::vector<std::string> diagnosis;  ///< why nothing feasible exists, in sentences
  std::size_t candidates = 0;          ///< suppliers with a qualified offer
  std::size_t pool = 0;                ///< of them, those the search considered
};

/// Checks the requirement's ids against the market: unknown categories, certifications and
/// excluded actors. Throws InvalidInput at the place the file names them. O(ids log n).
/// Thread-safe.
void check_requirement_against(const Requirement& requirement, const Market& market);

/// Why `member` matters to `offer`, in one sentence of `lang`: what it delivers, whether the
/// others cover the requirement without it (else the rules they break) and who could take its
/// place ("Stahlguss GmbH liefert 40 t Gussteile; ohne dieses Mitglied scheitert das Angebot
/// (…); Eisenwerk AG (s7) könnte seinen Platz einnehmen"). O(inputs + shares + broken rules).
/// Throws only std::bad_alloc. Thread-safe.
[[nodiscard]] std::string member_explanation(const Market& market, const JointOffer& offer,
                                             const MemberCriticality& member,
                                             report::Lang lang = report::Lang::en);

/// Every rule of the requirement that `members` break, in words of `lang`; empty = feasible.
/// Independent of the search (the tests' referee). O(m (o + i) + m^2) for m members with o offers,
/// i inputs. Throws InvalidInput as check_requirement_against. Thread-safe.
[[nodiscard]] std::vector<std::string> check_joint_offer(const Market& market,
                                                         const Requirement& requirement,
                                                         std::span<const core::ActorId> members,
                                                         report::Lang lang = report::Lang::en);

/// The best `top` feasible groups by the ranking above, found by depth-first search over
/// member sets of growing size with bounds on capacity and rules (exact within the pool), each
/// with its allocation and criticality; or, when none is feasible, a diagnosis. Throws
/// InvalidInput as check_requirement_against. O(C o) to qualify C candidates, then exponential
/// in max_partners over the pool in the worst case (the bounds cut most of it), plus O(m C) per
/// returned group for criticality. Thread-safe (single-threaded, deterministic).
/// \code
///   const auto req = supply::load_requirement("data/supply/requirements/oem-ingolstadt.toml");
///   const auto result = supply::find_joint_offers(market, req, {.top = 3});
/// \endcode
[[nodiscard]] JointOfferResult find_joint_offers(const Market& market,
                                                 const Requirement& requirement,
                                                 const JointOfferOptions& options = {});

}  // namespace verbund::supply
