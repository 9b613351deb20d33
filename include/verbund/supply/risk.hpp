#pragma once

// Single-source risk of a supplier market, and what follows when suppliers are lost: which
// buyers lose their only regional source of what, the cascade downstream through the directed
// supply graph, and substitutes for each lost flow.
//
// Definitions (shared by every function here and by the oracle in tests/oracle/):
// - An *input* is a (buyer, category) pair. Its *regional sources* are the distinct suppliers with
//   a current flow (Market::current) of that category to that buyer; every supplier of the market
//   is in the region, so every current flow is regional.
// - A source's *share* of an input: its known volume over the input's known volume when every
//   current flow of the input has a volume; otherwise each source counts the same (1 / sources),
//   since a missing volume says nothing about size. HHI is the sum of squared shares.
// - Regional share of a demand: the known volume of its current flows over its quantity, capped
//   at 1 (flows without a volume add nothing, as they commit no capacity in Market).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "verbund/core/ids.hpp"
#include "verbund/supply/market.hpp"

namespace verbund::supply {

/// How a demand is sourced in the region today.
struct DemandExposure {
  std::uint32_t demand = 0;   ///< index into Market::demands()
  std::uint32_t sources = 0;  ///< distinct regional suppliers with a current flow
  double regional_volume = 0.0;
  double regional_share = 0.0;  ///< regional_volume / quantity, at most 1
  std::optional<double> hhi;    ///< over the sources' shares; nullopt without sources
  [[nodiscard]] bool single_sourced() const noexcept { return sources == 1; }
};

/// Region-wide counts, indexed by Criticality (low, medium, high).
struct RiskSummary {
  std::size_t demands = 0;
  std::array<std::size_t, 3> by_criticality{};    ///< demands
  std::array<std::size_t, 3> single_sourced{};    ///< exactly one regional source
  std::array<std::size_t, 3> without_regional{};  ///< no regional source
  std::size_t buyers_with_high = 0;  ///< buyers with at least one high-criticality demand
  /// Of those, the buyers with at least two regional sources for every high-criticality demand.
  std::size_t buyers_high_dual_sourced = 0;
};

struct RiskReport {
  std::vector<DemandExposure> exposures;  ///< one per demand, in Market::demands() order
  RiskSummary summary;
};

/// Exposure of every demand and the region-wide summary. O(D + sum over demands of the buyer's
/// incoming flows), parallel over buyers (oneTBB); the result is the same for any thread count.
/// Thread-safe (reads `market` only); throws only std::bad_alloc.
[[nodiscard]] RiskReport assess_risk(const Market& market);

/// Options of simulate_loss.
struct LossOptions {
  std::size_t tiers = 3;  ///< how far the cascade is followed (>= 1)
  /// Inputs at least this critical can disrupt their buyer.
  Criticality disrupting = Criticality::high;
  /// A buyer is disrupted when a disrupting input loses at least this share (in (0, 1]) of its
  /// regional sources' shares; 1 = all of its regional sources.
  double disruption_share = 1.0;
  std::size_t substitutes = 3;  ///< ranked substitutes per lost flow
};

/// A supplier that could take over a lost flow. Ranked by: free capacity covers the lost volume
/// (an unknown volume counts as covered), then distance to the buyer (unknown last), then
/// external id. This is not the supplier search's score: it asks only who can step in now.
struct Substitute {
  core::ActorId supplier;
  double free_capacity = 0.0;
  bool covers_volume = false;
  std::optional<double> distance_km;
};

/// A current flow lost because its supplier failed at tier - 1.
struct LostFlow {
  std::size_t tier = 0;
  std::uint32_t flow = 0;  ///< index into Market::flows()
  /// Offers in the category (suppliers that did not fail at any tier, not the buyer) holding
  /// the certifications the buyer's demand requires, with free capacity > 0; best first.
  std::vector<Substitute> substitutes;
};

/// An input that lost at least one regional source, as judged at the last tier in which it lost
/// a flow (on the failures up to the tier before; a source failing at the final tier reaches it
/// only at the next, which is not followed).
struct AffectedInput {
  core::ActorId buyer;
  CategoryId category;
  std::optional<std::uint32_t> demand;  ///< index into Market::demands(), if the buyer has one
  std::size_t first_tier = 0;           ///< the tier of its first lost source
  std::uint32_t sources_before = 0;
  std::uint32_t sources_left = 0;
  double lost_share = 0.0;   ///< shares of the failed sources (exactly 1 when none is left)
  double lost_volume = 0.0;  ///< known volume of the lost flows
  /// It had exactly one regional source, and lost it.
  [[nodiscard]] bool lost_only_source() const noexcept {
    return sources_before == 1 && sources_left == 0;
  }
};

/// A buyer that fails at `tier` because of `cause` (its first disrupting input, by category).
struct DisruptedBuyer {
  core::ActorId buyer;
  std::size_t tier = 0;
  std::uint32_t cause = 0;  ///< index into LossReport::inputs
};

/// The cascade after removing suppliers:
/// - tier 0: the removed suppliers fail;
/// - tier t = 1..tiers: every current flow from a supplier that failed at tier t - 1 to a buyer
///   that has not failed is lost; a buyer with a demand at least `disrupting` critical whose
///   input has lost (by now, over all tiers) at least `disruption_share` of its regional sources'
///   shares fails at tier t, and its own outgoing flows are lost at tier t + 1 (if t < tiers).
struct LossReport {
  std::vector<core::ActorId> removed;     ///< ascending
  std::vector<LostFlow> lost;             ///< by tier, then flow index
  std::vector<AffectedInput> inputs;      ///< by buyer, then category
  std::vector<DisruptedBuyer> disrupted;  ///< by tier, then buyer
};

/// Removes `removed` (any actors of the market's region; duplicates ignored) and follows the
/// cascade (see LossReport). Throws InvalidInput if tiers is 0 or disruption_share is not in
/// (0, 1]. O(tiers + sum over affected buyers of their incoming flows and demands + sum over
/// lost flows of the offers in their category (k log k for the top k)), parallel over buyers
/// and lost flows (oneTBB); the result is the same for any thread count. Thread-safe.
/// \code
///   const std::vector<core::ActorId> removed{*region.find("giesserei-x")};
///   const auto loss = supply::simulate_loss(market, removed, {.tiers = 2, .substitutes = 5});
/// \endcode
[[nodiscard]] LossReport simulate_loss(const Market& market, std::span<const core::ActorId> removed,
                                       const LossOptions& options = {});

}  // namespace verbund::supply
