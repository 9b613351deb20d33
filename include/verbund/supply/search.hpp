#pragma once

// Regional supplier search: for a buyer's demands, the k best regional suppliers that pass the
// hard filters, ranked by named score parts that are explained in words.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/ids.hpp"
#include "verbund/report/lang.hpp"
#include "verbund/supply/market.hpp"

namespace verbund::supply {

/// The named parts of a supplier's score.
enum class ScorePart : unsigned char {
  capability,       ///< Fähigkeit: certifications beyond the required, specialisation, lead time
  capacity,         ///< freie Kapazität: free capacity relative to the demand
  distance,         ///< Entfernung: km between the two locations
  trust,            ///< Referenzen/Vertrauen: other regional customers, ties with the buyer
  diversification,  ///< Diversifizierung: relief of a single (or missing) regional source
};
inline constexpr std::size_t score_part_count = 5;
/// "capability", "capacity", ... (the names of the CLI's columns). O(1). Does not throw.
[[nodiscard]] std::string_view to_string(ScorePart part) noexcept;
/// English label ("free capacity"). O(1). Does not throw.
[[nodiscard]] std::string_view label_en(ScorePart part) noexcept;
/// German label ("freie Kapazität"). O(1). Does not throw.
[[nodiscard]] std::string_view label_de(ScorePart part) noexcept;

/// Weights of the score parts; each part lies in [0, 1], so the total lies in [0, sum of
/// weights]. Weights must be finite and >= 0.
struct SearchWeights {
  double capability = 0.25;
  double capacity = 0.20;
  double distance = 0.25;
  double trust = 0.15;
  double diversification = 0.15;
};

/// What the search's index is built for (the bounds it prunes with depend on it).
struct SearchSettings {
  SearchWeights weights{};
  /// A supplier this far away gets half the distance part: part = s / (s + km).
  double distance_scale_km = 20.0;
  /// The distance counted when the buyer's or the supplier's location is unknown (neither
  /// near nor ruled out).
  double unknown_distance_km = 50.0;
};

/// A candidate's score: the weighted parts and their sum (in this order: capability, capacity,
/// distance, trust, diversification).
struct SupplierScore {
  double total = 0.0;
  double capability = 0.0;
  double capacity = 0.0;
  double distance = 0.0;
  double trust = 0.0;
  double diversification = 0.0;
};

/// One ranked supplier for one demand: the supplier, its offer (index into Market::offers())
/// and its score.
struct SupplierMatch {
  core::ActorId supplier;
  std::uint32_t offer = 0;
  SupplierScore score;
};

/// The ranked suppliers of one demand (index into Market::demands()), best first; ties in the
/// total are broken by ascending supplier id.
struct DemandMatches {
  std::uint32_t demand = 0;
  std::vector<SupplierMatch> top;
};

/// What a search asks for.
struct SearchOptions {
  std::size_t top_k = 10;
  /// Only the buyer's demand in this category; nullopt = all its demands.
  std::optional<CategoryId> category{};
  /// Suppliers never proposed (besides the buyer itself, which never is).
  std::vector<core::ActorId> exclude{};
  /// Leave out the buyer's current suppliers of the category (look for new ones only).
  bool exclude_current = false;
};

/// One reason behind a candidate's score, as a sentence.
struct Reason {
  ScorePart part = ScorePart::capability;
  std::string text;  ///< e.g. "12 km away in Bochum"
};

/// Whom an explanation's sentences speak to: the buyer ("free capacity of 800 hours covers your
/// 695 hours") or the supplier ("your free capacity of 800 hours covers the buyer's 695 hours").
enum class Perspective : unsigned char { buyer, supplier };

/// Why a supplier scores as it does for a demand: the facts and one sentence per fact.
struct SupplierExplanation {
  SupplierScore score;
  std::optional<double> distance_km;  ///< nullopt = a location is unknown
  std::size_t references = 0;         ///< other regional firms it delivers to now
  bool delivers_to_buyer = false;     ///< a current flow to the buyer, any category
  bool tied_to_buyer = false;         ///< any tie with the buyer in the region
  std::size_t shared_partners = 0;    ///< actors tied to both
  std::size_t regional_sources = 0;   ///< the buyer's current regional sources of the category
  std::vector<Reason> reasons;
};

/// Why a demand has no (or few) candidates: how many offers of its category fail each filter.
struct DemandDiagnosis {
  std::size_t offers = 0;  ///< offers in the category, by other firms
  std::size_t lacking_certifications = 0;
  std::size_t without_free_capacity = 0;
  std::size_t above_minimum_order = 0;  ///< min order above the quantity or the free capacity
  std::size_t eligible = 0;             ///< pass every filter
};

/// The search's index over one market: per category and location cell, offers sorted by an
/// upper bound of their buyer-independent score parts, with the cell's bounding box and
/// certification mask, so that a query scores exactly only the candidates that can still enter
/// its top k. Immutable; every const member is thread-safe. The market must outlive it.
class SupplierIndex {
 public:
  /// Builds the index. O(S log S + F) for S offers and F flows. Throws InvalidInput on a
  /// negative or non-finite weight or a non-positive distance scale. Thread-safe (reads only).
  explicit SupplierIndex(const Market& market, SearchSettings settings = {});
  SupplierIndex(Market&&, SearchSettings = {}) = delete;
  ~SupplierIndex();
  SupplierIndex(SupplierIndex&&) noexcept;
  SupplierIndex& operator=(SupplierIndex&&) noexcept;

  [[nodiscard]] const Market& market() const noexcept;
  [[nodiscard]] const SearchSettings& settings() const noexcept;

  /// Whether `offer` passes the hard filters for `demand`: same category, every required
  /// certification held, free capacity > 0, a minimum order (if any) at most the quantity and
  /// the free capacity, and not the buyer itself. O(1). Does not throw.
  [[nodiscard]] bool eligible(std::uint32_t demand, std::uint32_t offer) const noexcept;
  /// The exact score of an eligible pair; nullopt if it is not eligible. O(d log d) for the
  /// degrees d of buyer and supplier (shared partners). Throws only std::bad_alloc.
  [[nodiscard]] std::optional<SupplierScore> score(std::uint32_t demand, std::uint32_t offer) const;
  /// The facts and sentences behind an eligible pair's score (as `score`; nullopt if not
  /// eligible). O(d log d). Throws only std::bad_alloc.
  /// `lang` is the language of the reasons' sentences, `to` whom they address (the facts and
  /// the score do not depend on either).
  [[nodiscard]] std::optional<SupplierExplanation> explain(
      std::uint32_t demand, std::uint32_t offer, report::Lang lang = report::Lang::en,
      Perspective to = Perspective::buyer) const;
  /// How the offers of the demand's category fare against its filters. O(offers in category).
  /// Throws only std::bad_alloc.
  [[nodiscard]] DemandDiagnosis diagnose(std::uint32_t demand) const;

  /// Private: the internals of the search (lib/supply/search_index.hpp).
  struct Impl;
  [[nodiscard]] const Impl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// The top-k suppliers for each of `buyer`'s demands (or the one in `options.category`), in
/// the buyer's demand order. Exact: equal entry for entry to `find_suppliers_brute_force`.
/// Indexed: scores exactly the buyer's related suppliers (ties, shared partners, current
/// flows), then the cells of the category in order of their bound, and in each cell the
/// offers while their bound can still reach the k-th best. O(R + B log B + scored) per demand
/// for R related actors, B cells; at worst all offers of the category, as the brute force.
/// Throws InvalidInput if `buyer` has no demand (in the category). Thread-safe.
/// \code
/// const supply::SupplierIndex index(market);
/// auto found = supply::find_suppliers(index, buyer, {.top_k = 5, .category = castings});
/// \endcode
[[nodiscard]] std::vector<DemandMatches> find_suppliers(const SupplierIndex& index,
                                                        core::ActorId buyer,
                                                        const SearchOptions& options = {});
/// The reference: scores every offer of the category. O(offers in category) scores per demand.
/// Throws as `find_suppliers`. Thread-safe.
[[nodiscard]] std::vector<DemandMatches> find_suppliers_brute_force(
    const SupplierIndex& index, core::ActorId buyer, const SearchOptions& options = {});

/// `find_suppliers` for each of `buyers` (those without a demand, in the category if given, are
/// skipped), in the given order and each buyer's demand order, in parallel over buyers (oneTBB);
/// the result does not depend on the thread count. Scratch of O(actors + offers) once per
/// worker thread. Throws only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<DemandMatches> find_suppliers_many(const SupplierIndex& index,
                                                             std::span<const core::ActorId> buyers,
                                                             const SearchOptions& options = {});
/// The same by brute force, in parallel over buyers. Thread-safe.
[[nodiscard]] std::vector<DemandMatches> find_suppliers_many_brute_force(
    const SupplierIndex& index, std::span<const core::ActorId> buyers,
    const SearchOptions& options = {});

/// `find_suppliers` for every buyer with demands (those in `options.category` if given), in
/// Market::demands() order, in parallel over buyers (oneTBB); the result does not depend on the
/// thread count. Scratch of O(actors + offers) once per worker thread. Throws only
/// std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<DemandMatches> find_suppliers_all(const SupplierIndex& index,
                                                            const SearchOptions& options = {});
/// The same by brute force, in parallel over buyers. Thread-safe.
[[nodiscard]] std::vector<DemandMatches> find_suppliers_all_brute_force(
    const SupplierIndex& index, const SearchOptions& options = {});

/// The buyers with demands (in `category` if given), ascending. O(D). Throws only
/// std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<core::ActorId> buyers_of(const Market& market,
                                                   std::optional<CategoryId> category = {});

}  // namespace verbund::supply
