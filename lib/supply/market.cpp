#include "verbund/supply/market.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>
#include <tuple>
#include <utility>

#include "../core/enum_names.hpp"
#include "verbund/error.hpp"

namespace verbund::supply {
namespace {

constexpr std::array sourcing_names{std::pair{Sourcing::region, std::string_view{"region"}},
                                    std::pair{Sourcing::germany, std::string_view{"germany"}},
                                    std::pair{Sourcing::abroad, std::string_view{"abroad"}}};
constexpr std::array criticality_names{std::pair{Criticality::low, std::string_view{"low"}},
                                       std::pair{Criticality::medium, std::string_view{"medium"}},
                                       std::pair{Criticality::high, std::string_view{"high"}}};

[[noreturn]] void fail(const core::TableOrigin& origin, std::size_t line, std::string_view column,
                       const std::string& message) {
  throw InvalidInput(origin.locate(line, column), message);
}

// Indices 0..n-1 sorted by the id each names, for binary search by id.
template <typename T>
std::vector<std::uint32_t> order_by_id(const std::vector<T>& items) {
  std::vector<std::uint32_t> order(items.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return items[a].id < items[b].id; });
  return order;
}

template <typename T>
std::optional<std::uint32_t> find_by_id(const std::vector<T>& items,
                                        const std::vector<std::uint32_t>& order,
                                        std::string_view id) {
  const auto it = std::lower_bound(
      order.begin(), order.end(), id,
      [&](std::uint32_t i, std::string_view key) { return std::string_view{items[i].id} < key; });
  if (it == order.end() || items[*it].id != id) return std::nullopt;
  return *it;
}

// CSR offsets of `keys` (each < n), with the element indices grouped by key in ascending order.
void group_by(std::size_t n, const std::vector<std::uint32_t>& keys,
              std::vector<std::uint32_t>& offsets, std::vector<std::uint32_t>& members) {
  offsets.assign(n + 1, 0);
  for (const auto k : keys) ++offsets[k + 1];
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  members.resize(keys.size());
  std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
  for (std::uint32_t i = 0; i < keys.size(); ++i) members[next[keys[i]]++] = i;
}

class Resolver {
 public:
  Resolver(const core::Region& region, Market& market) : region_(region), market_(market) {}

  core::ActorId actor(const core::TableOrigin& origin, std::size_t line, std::string_view column,
                      std::string_view id) const {
    if (id.empty()) fail(origin, line, column, "empty actor id");
    const auto a = region_.find(id);
    if (!a) fail(origin, line, column, "unknown actor '" + std::string{id} + "'");
    return *a;
  }

  CategoryId category(const core::TableOrigin& origin, std::size_t line,
                      std::string_view id) const {
    const auto c = market_.find_category(id);
    if (!c) {
      fail(origin, line, "category",
           "unknown input category '" + std::string{id} + "' (see the categories table)");
    }
    return *c;
  }

  CertificationSet certifications(const core::TableOrigin& origin, std::size_t line,
                                  const std::vector<std::string>& ids) const {
    CertificationSet set = 0;
    for (const auto& id : ids) {
      const auto c = market_.find_certification(id);
      if (!c) fail(origin, line, "certifications", "unknown certification '" + id + "'");
      set |= CertificationSet{1} << c->value;
    }
    return set;
  }

 private:
  const core::Region& region_;
  Market& market_;
};

void check_positive(const core::TableOrigin& origin, std::size_t line, std::string_view column,
                    double value, std::string_view what) {
  if (!std::isfinite(value) || value <= 0.0) {
    fail(origin, line, column,
         std::string{what} + " must be a finite number > 0, not " + std::to_string(value));
  }
}

void check_non_negative(const core::TableOrigin& origin, std::size_t line, std::string_view column,
                        const std::optional<double>& value, std::string_view what) {
  if (value && (!std::isfinite(*value) || *value < 0.0)) {
    fail(origin, line, column,
         std::string{what} + " must be a finite number >= 0, not " + std::to_string(*value));
  }
}

}  // namespace

std::string_view to_string(Sourcing source) noexcept {
  return core::detail::name_of(sourcing_names, source);
}
std::optional<Sourcing> parse_sourcing(std::string_view name) noexcept {
  return core::detail::parse_by_name(sourcing_names, name);
}
std::string_view to_string(Criticality criticality) noexcept {
  return core::detail::name_of(criticality_names, criticality);
}
std::optional<Criticality> parse_criticality(std::string_view name) noexcept {
  return core::detail::parse_by_name(criticality_names, name);
}

Market Market::build(const core::Region& region, const MarketData& data, MarketOptions options) {
  return build_impl(region, data, nullptr, options);
}

Market Market::build_with_totals(const core::Region& region, const MarketData& data,
                                 const FlowTotals& totals, MarketOptions options) {
  if (totals.committed.size() != data.offers.size() ||
      totals.customers.size() != data.offers.size()) {
    throw InvalidInput("flow totals for " + std::to_string(totals.committed.size()) + " and " +
                       std::to_string(totals.customers.size()) + " offers given for a market of " +
                       std::to_string(data.offers.size()) + " offers");
  }
  if (totals.year != options.year)
    throw InvalidInput("flow totals counted for another year than the market's");
  return build_impl(region, data, &totals, options);
}

Market Market::build_impl(const core::Region& region, const MarketData& data,
                          const FlowTotals* totals, MarketOptions options) {
  Market m;
  m.region_ = &region;
  m.options_ = options;

  // Categories and certifications: ids unique, themes known.
  for (const auto& r : data.categories) {
    if (r.id.empty()) fail(data.categories_origin, r.line, "id", "empty category id");
    Category c{r.id, r.label_en, r.label_de, std::nullopt, r.cpa, r.unit};
    if (!r.theme.empty()) {
      c.theme = region.taxonomy().find_theme(r.theme);
      if (!c.theme) {
        fail(data.categories_origin, r.line, "theme",
             "unknown theme '" + r.theme + "' (not in the region's taxonomy)");
      }
    }
    m.categories_.push_back(std::move(c));
  }
  m.category_order_ = order_by_id(m.categories_);
  for (std::size_t i = 1; i < m.category_order_.size(); ++i) {
    const auto& a = m.categories_[m.category_order_[i - 1]];
    const auto& b = m.categories_[m.category_order_[i]];
    if (a.id == b.id) {
      const auto later = std::max(m.category_order_[i - 1], m.category_order_[i]);
      fail(data.categories_origin, data.categories[later].line, "id",
           "duplicate category id '" + a.id + "'");
    }
  }
  if (data.certifications.size() > max_certifications) {
    fail(data.certifications_origin, data.certifications[max_certifications].line, "id",
         "more than " + std::to_string(max_certifications) + " certifications");
  }
  for (const auto& r : data.certifications) {
    if (r.id.empty()) fail(data.certifications_origin, r.line, "id", "empty certification id");
    m.certifications_.push_back({r.id, r.label_en, r.label_de});
  }
  m.certification_order_ = order_by_id(m.certifications_);
  for (std::size_t i = 1; i < m.certification_order_.size(); ++i) {
    const auto& a = m.certifications_[m.certification_order_[i - 1]];
    if (a.id == m.certifications_[m.certification_order_[i]].id) {
      const auto later = std::max(m.certification_order_[i - 1], m.certification_order_[i]);
      fail(data.certifications_origin, data.certifications[later].line, "id",
           "duplicate certification id '" + a.id + "'");
    }
  }

  const Resolver resolve(region, m);

  // Offers.
  std::vector<std::size_t> offer_lines;
  for (const auto& r : data.offers) {
    const auto& o = data.offers_origin;
    Offer offer;
    offer.supplier = resolve.actor(o, r.line, "supplier", r.supplier);
    if (region.kind(offer.supplier) != core::ActorKind::firm) {
      fail(o, r.line, "supplier",
           "supplier '" + r.supplier + "' is a " +
               std::string{core::to_string(region.kind(offer.supplier))} + ", not a firm");
    }
    offer.category = resolve.category(o, r.line, r.category);
    check_positive(o, r.line, "capacity", r.capacity, "capacity");
    offer.capacity = r.capacity;
    offer.certifications = resolve.certifications(o, r.line, r.certifications);
    check_non_negative(o, r.line, "lead_time_weeks", r.lead_time_weeks, "lead time");
    check_non_negative(o, r.line, "min_order", r.min_order, "minimum order");
    offer.lead_time_weeks = r.lead_time_weeks;
    offer.min_order = r.min_order;
    m.offers_.push_back(offer);
    offer_lines.push_back(r.line);
  }
  {
    std::vector<std::uint32_t> order(m.offers_.size());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::tie(m.offers_[a].category, m.offers_[a].supplier) <
             std::tie(m.offers_[b].category, m.offers_[b].supplier);
    });
    for (std::size_t i = 1; i < order.size(); ++i) {
      const auto& a = m.offers_[order[i - 1]];
      const auto& b = m.offers_[order[i]];
      if (a.category == b.category && a.supplier == b.supplier) {
        fail(data.offers_origin, offer_lines[std::max(order[i - 1], order[i])], "category",
             "a second offer of '" + std::string{region.external_id(b.supplier)} + "' in '" +
                 m.categories_[b.category.value].id + "'");
      }
    }
    std::vector<Offer> sorted;
    sorted.reserve(order.size());
    m.customers_.assign(region.size(), 0);
    for (const auto i : order) {
      sorted.push_back(m.offers_[i]);
      if (totals != nullptr) {
        sorted.back().committed = totals->committed[i];
        m.customers_[sorted.back().supplier.value] = totals->customers[i];
      }
    }
    m.offers_ = std::move(sorted);
  }

  // Demands.
  std::vector<std::size_t> demand_lines;
  for (const auto& r : data.demands) {
    const auto& o = data.demands_origin;
    Demand d;
    d.buyer = resolve.actor(o, r.line, "buyer", r.buyer);
    d.category = resolve.category(o, r.line, r.category);
    check_positive(o, r.line, "quantity", r.quantity, "quantity");
    d.quantity = r.quantity;
    d.required = resolve.certifications(o, r.line, r.certifications);
    d.source = r.source;
    d.criticality = r.criticality;
    m.demands_.push_back(d);
    demand_lines.push_back(r.line);
  }
  {
    std::vector<std::uint32_t> order(m.demands_.size());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::tie(m.demands_[a].buyer, m.demands_[a].category) <
             std::tie(m.demands_[b].buyer, m.demands_[b].category);
    });
    for (std::size_t i = 1; i < order.size(); ++i) {
      const auto& a = m.demands_[order[i - 1]];
      const auto& b = m.demands_[order[i]];
      if (a.category == b.category && a.buyer == b.buyer) {
        fail(data.demands_origin, demand_lines[std::max(order[i - 1], order[i])], "category",
             "a second demand of '" + std::string{region.external_id(b.buyer)} + "' for '" +
                 m.categories_[b.category.value].id + "'");
      }
    }
    std::vector<Demand> sorted;
    sorted.reserve(order.size());
    for (const auto i : order) sorted.push_back(m.demands_[i]);
    m.demands_ = std::move(sorted);
  }

  // Flows.
  for (const auto& r : data.flows) {
    const auto& o = data.flows_origin;
    Flow f;
    f.supplier = resolve.actor(o, r.line, "supplier", r.supplier);
    f.buyer = resolve.actor(o, r.line, "buyer", r.buyer);
    if (f.supplier == f.buyer) fail(o, r.line, "buyer", "a flow from '" + r.buyer + "' to itself");
    f.category = resolve.category(o, r.line, r.category);
    if (r.volume) check_positive(o, r.line, "volume", *r.volume, "volume");
    if (r.start && r.end && *r.end < *r.start) {
      fail(o, r.line, "end",
           "end year " + std::to_string(*r.end) + " before start year " + std::to_string(*r.start));
    }
    f.volume = r.volume;
    f.start = r.start;
    f.end = r.end;
    m.flows_.push_back(f);
  }
  std::stable_sort(m.flows_.begin(), m.flows_.end(), [](const Flow& a, const Flow& b) {
    return std::tie(a.supplier, a.buyer, a.category, a.start) <
           std::tie(b.supplier, b.buyer, b.category, b.start);
  });

  // Indices.
  std::vector<std::uint32_t> keys(m.offers_.size());
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = m.offers_[i].category.value;
  std::vector<std::uint32_t> unused;
  group_by(m.categories_.size(), keys, m.category_offer_offsets_, unused);
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = m.offers_[i].supplier.value;
  group_by(region.size(), keys, m.supplier_offer_offsets_, m.supplier_offers_);
  keys.resize(m.demands_.size());
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = m.demands_[i].category.value;
  group_by(m.categories_.size(), keys, m.category_demand_offsets_, m.category_demands_);
  keys.resize(m.flows_.size());
  for (std::size_t i = 0; i < keys.size(); ++i) keys[i] = m.flows_[i].buyer.value;
  group_by(region.size(), keys, m.buyer_flow_offsets_, m.buyer_flows_);

  if (totals != nullptr) return m;  // committed and customers as given
  // Committed capacity: current flows of known volume, per (supplier, category).
  for (const auto& f : m.flows_) {
    if (!f.volume || !m.current(f)) continue;
    if (const auto i = m.find_offer(f.supplier, f.category)) m.offers_[*i].committed += *f.volume;
  }
  // Customers: distinct buyers of current flows (flows are sorted by supplier, then buyer).
  const Flow* last = nullptr;  // the last flow counted
  for (const auto& f : m.flows_) {
    if (!m.current(f)) continue;
    if (last == nullptr || last->supplier != f.supplier || last->buyer != f.buyer)
      ++m.customers_[f.supplier.value];
    last = &f;
  }
  return m;
}

std::optional<CategoryId> Market::find_category(std::string_view id) const {
  const auto i = find_by_id(categories_, category_order_, id);
  if (!i) return std::nullopt;
  return CategoryId{*i};
}

std::optional<CertificationId> Market::find_certification(std::string_view id) const {
  const auto i = find_by_id(certifications_, certification_order_, id);
  if (!i) return std::nullopt;
  return CertificationId{*i};
}

std::string Market::describe(CertificationSet set) const {
  std::string out;
  for (std::size_t i = 0; i < certifications_.size(); ++i) {
    if ((set >> i & 1U) == 0) continue;
    if (!out.empty()) out += ", ";
    out += certifications_[i].id;
  }
  return out;
}

std::span<const Offer> Market::offers_in(CategoryId c) const {
  return std::span<const Offer>(offers_).subspan(
      category_offer_offsets_[c.value],
      category_offer_offsets_[c.value + 1] - category_offer_offsets_[c.value]);
}

std::optional<std::size_t> Market::find_offer(core::ActorId supplier, CategoryId category) const {
  const auto in = offers_in(category);
  const auto it = std::lower_bound(in.begin(), in.end(), supplier,
                                   [](const Offer& o, core::ActorId s) { return o.supplier < s; });
  if (it == in.end() || it->supplier != supplier) return std::nullopt;
  return static_cast<std::size_t>(&*it - offers_.data());
}

std::span<const std::uint32_t> Market::offers_of(core::ActorId supplier) const {
  if (supplier.value + 1 >= supplier_offer_offsets_.size()) return {};
  return std::span<const std::uint32_t>(supplier_offers_)
      .subspan(
          supplier_offer_offsets_[supplier.value],
          supplier_offer_offsets_[supplier.value + 1] - supplier_offer_offsets_[supplier.value]);
}

std::span<const Demand> Market::demands_of(core::ActorId buyer) const {
  const auto lo = std::lower_bound(demands_.begin(), demands_.end(), buyer,
                                   [](const Demand& d, core::ActorId b) { return d.buyer < b; });
  const auto hi = std::upper_bound(lo, demands_.end(), buyer,
                                   [](core::ActorId b, const Demand& d) { return b < d.buyer; });
  return {lo, hi};
}

std::span<const std::uint32_t> Market::demands_in(CategoryId c) const {
  return std::span<const std::uint32_t>(category_demands_)
      .subspan(category_demand_offsets_[c.value],
               category_demand_offsets_[c.value + 1] - category_demand_offsets_[c.value]);
}

std::span<const Flow> Market::flows_from(core::ActorId supplier) const {
  const auto lo = std::lower_bound(flows_.begin(), flows_.end(), supplier,
                                   [](const Flow& f, core::ActorId s) { return f.supplier < s; });
  const auto hi = std::upper_bound(lo, flows_.end(), supplier,
                                   [](core::ActorId s, const Flow& f) { return s < f.supplier; });
  return {lo, hi};
}

std::span<const std::uint32_t> Market::flows_to(core::ActorId buyer) const {
  if (buyer.value + 1 >= buyer_flow_offsets_.size()) return {};
  return std::span<const std::uint32_t>(buyer_flows_)
      .subspan(buyer_flow_offsets_[buyer.value],
               buyer_flow_offsets_[buyer.value + 1] - buyer_flow_offsets_[buyer.value]);
}

bool Market::current(const Flow& flow) const noexcept {
  return options_.year ? flow.active_in(*options_.year) : !flow.end.has_value();
}

std::uint32_t Market::customers(core::ActorId supplier) const noexcept {
  return supplier.value < customers_.size() ? customers_[supplier.value] : 0;
}

}  // namespace verbund::supply
