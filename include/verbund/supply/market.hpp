#pragma once

// The resolved supplier market of one region: input categories and certifications by dense id,
// supplier offers, buyer demands and categorised supply flows, indexed for the supplier engines
// (search, sourcing plan, risk, joint offers, catalogue).

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/ids.hpp"
#include "verbund/core/region.hpp"
#include "verbund/supply/market_data.hpp"

namespace verbund::supply {

/// A dense index into a Market's categories (in the order they were given).
struct CategoryId {
  std::uint32_t value = 0;
  friend constexpr auto operator<=>(CategoryId, CategoryId) = default;
};
/// A dense index into a Market's certifications (in the order they were given).
struct CertificationId {
  std::uint32_t value = 0;
  friend constexpr auto operator<=>(CertificationId, CertificationId) = default;
};

/// A set of certifications as a bit mask: bit i is CertificationId{i}. A market holds at most
/// max_certifications of them, so that "holds every required one" is one AND.
using CertificationSet = std::uint64_t;
inline constexpr std::size_t max_certifications = 64;
/// Whether `held` contains every certification of `required`. O(1); does not throw.
[[nodiscard]] constexpr bool covers(CertificationSet held, CertificationSet required) noexcept {
  return (held & required) == required;
}

struct Category {
  std::string id;
  std::string label_en;
  std::string label_de;
  std::optional<core::ThemeId> theme;
  std::vector<std::string> cpa;
  std::string unit;
};

struct Certification {
  std::string id;
  std::string label_en;
  std::string label_de;
};

/// What a supplier delivers in a category. `committed` is the volume of its flows in that
/// category active in the market's year (flows of unknown volume commit nothing).
struct Offer {
  core::ActorId supplier;
  CategoryId category;
  double capacity = 0.0;
  double committed = 0.0;
  CertificationSet certifications = 0;
  std::optional<double> lead_time_weeks;
  std::optional<double> min_order;

  /// Capacity not yet committed, never negative. O(1); does not throw.
  [[nodiscard]] double free_capacity() const noexcept {
    return committed < capacity ? capacity - committed : 0.0;
  }
};

/// What a buyer needs in a category.
struct Demand {
  core::ActorId buyer;
  CategoryId category;
  double quantity = 0.0;
  CertificationSet required = 0;
  Sourcing source = Sourcing::abroad;
  Criticality criticality = Criticality::medium;
};

/// A categorised supply flow: `supplier` delivers `category` to `buyer`.
struct Flow {
  core::ActorId supplier;
  core::ActorId buyer;
  CategoryId category;
  std::optional<double> volume;
  std::optional<int> start;
  std::optional<int> end;

  /// Whether the flow runs at any time in `year` (unknown start = always did). O(1); does not
  /// throw.
  [[nodiscard]] constexpr bool active_in(int year) const noexcept {
    return (!start || *start <= year) && (!end || year <= *end);
  }
};

/// Options of Market::build.
struct MarketOptions {
  /// Flows count as current (and commit capacity) when active in this year; nullopt = every flow
  /// without an end year.
  std::optional<int> year;
};

/// What stands in for the flows of a market's suppliers when a market is read for one buyer
/// (io::load_buyer_market): the totals those flows give, aligned with MarketData::offers, so
/// that the suppliers' flows need not be read row by row. Counted for `year` as
/// MarketOptions::year counts flows as current.
struct FlowTotals {
  std::optional<int> year;
  /// Per offer: the volume of its supplier's current flows of known volume in its category,
  /// summed in the order Market::build sums them (so the same double).
  std::vector<double> committed;
  /// Per offer: the distinct buyers of its supplier's current flows, in any category.
  std::vector<std::uint32_t> customers;
};

/// An immutable, indexed supplier market over one Region. Every const member is thread-safe and
/// does not throw (ids passed in must come from this market or its region). The region must
/// outlive the market.
class Market {
 public:
  /// Resolves and checks `data` against `region`: ids unique, every actor, category, theme and
  /// certification known, suppliers are firms, quantities, capacities and volumes finite and
  /// > 0 (volumes and minimum orders >= 0, lead times >= 0), at most one offer per (supplier,
  /// category) and one demand per (buyer, category), no flow from an actor to itself, at most
  /// max_certifications certifications. Throws InvalidInput naming file, line and column of the
  /// first problem (in table order: categories, certifications, offers, demands, flows).
  /// O(R log R) for R records. Thread-safe (reads only).
  [[nodiscard]] static Market build(const core::Region& region, const MarketData& data,
                                    MarketOptions options = {});
  static Market build(core::Region&&, const MarketData&, MarketOptions = {}) = delete;
  /// As build(region, data, options), with the offers' committed capacity and their suppliers'
  /// customers taken from `totals` instead of counted from data.flows (which then need hold
  /// only the flows the caller reads, such as those to one buyer: flows_to() and flows() hold
  /// just those). Throws InvalidInput as build, and when `totals` does not have one entry per
  /// offer or was counted for another year than options.year. O(R log R). Thread-safe.
  [[nodiscard]] static Market build_with_totals(const core::Region& region, const MarketData& data,
                                                const FlowTotals& totals,
                                                MarketOptions options = {});
  static Market build_with_totals(core::Region&&, const MarketData&, const FlowTotals&,
                                  MarketOptions = {}) = delete;

  [[nodiscard]] const core::Region& region() const noexcept { return *region_; }

  [[nodiscard]] std::span<const Category> categories() const noexcept { return categories_; }
  [[nodiscard]] const Category& category(CategoryId c) const { return categories_[c.value]; }
  /// The category with this id. O(log C); does not throw.
  [[nodiscard]] std::optional<CategoryId> find_category(std::string_view id) const;

  [[nodiscard]] std::span<const Certification> certifications() const noexcept {
    return certifications_;
  }
  [[nodiscard]] const Certification& certification(CertificationId c) const {
    return certifications_[c.value];
  }
  /// The certification with this id. O(log K); does not throw.
  [[nodiscard]] std::optional<CertificationId> find_certification(std::string_view id) const;
  /// The ids of the certifications in `set`, joined by ", " ("iso-9001, iatf-16949"). O(K).
  /// Throws only std::bad_alloc.
  [[nodiscard]] std::string describe(CertificationSet set) const;

  /// Every offer, sorted by (category, supplier). O(1).
  [[nodiscard]] std::span<const Offer> offers() const noexcept { return offers_; }
  /// The offers in one category, sorted by supplier. O(1).
  [[nodiscard]] std::span<const Offer> offers_in(CategoryId c) const;
  /// The index in offers() of `supplier`'s offer in `category`. O(log n); does not throw.
  [[nodiscard]] std::optional<std::size_t> find_offer(core::ActorId supplier,
                                                      CategoryId category) const;
  /// Indices into offers() of one supplier's offers, by category. O(1).
  [[nodiscard]] std::span<const std::uint32_t> offers_of(core::ActorId supplier) const;

  /// Every demand, sorted by (buyer, category). O(1).
  [[nodiscard]] std::span<const Demand> demands() const noexcept { return demands_; }
  /// One buyer's demands, sorted by category. O(log n).
  [[nodiscard]] std::span<const Demand> demands_of(core::ActorId buyer) const;
  /// Indices into demands() of the demands in one category, ascending. O(1).
  [[nodiscard]] std::span<const std::uint32_t> demands_in(CategoryId c) const;

  /// Every flow, sorted by (supplier, buyer, category, start). O(1).
  [[nodiscard]] std::span<const Flow> flows() const noexcept { return flows_; }
  /// The flows out of one supplier. O(log n).
  [[nodiscard]] std::span<const Flow> flows_from(core::ActorId supplier) const;
  /// Indices into flows() of the flows into one buyer, ascending. O(1).
  [[nodiscard]] std::span<const std::uint32_t> flows_to(core::ActorId buyer) const;
  /// Whether a flow counts as current (MarketOptions::year). O(1).
  [[nodiscard]] bool current(const Flow& flow) const noexcept;
  /// The distinct buyers of `supplier`'s current flows (in a market built from FlowTotals: of
  /// an actor with an offer; 0 for others). O(1); does not throw.
  [[nodiscard]] std::uint32_t customers(core::ActorId supplier) const noexcept;

 private:
  const core::Region* region_ = nullptr;
  MarketOptions options_;
  std::vector<Category> categories_;
  std::vector<std::uint32_t> category_order_;  // category indices sorted by id
  std::vector<Certification> certifications_;
  std::vector<std::uint32_t> certification_order_;
  std::vector<Offer> offers_;
  std::vector<std::uint32_t> category_offer_offsets_;  // offers_ of category c: [o[c], o[c+1])
  std::vector<std::uint32_t> supplier_offer_offsets_;  // by actor, into supplier_offers_
  std::vector<std::uint32_t> supplier_offers_;
  std::vector<Demand> demands_;
  std::vector<std::uint32_t> category_demand_offsets_;
  std::vector<std::uint32_t> category_demands_;
  std::vector<Flow> flows_;
  std::vector<std::uint32_t> buyer_flow_offsets_;
  std::vector<std::uint32_t> buyer_flows_;
  std::vector<std::uint32_t> customers_;  // by actor

  static Market build_impl(const core::Region& region, const MarketData& data,
                           const FlowTotals* totals, MarketOptions options);
};

}  // namespace verbund::supply
