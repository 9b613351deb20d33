// The supply indicators of a replicate, derived each month from its directed supply ties.
#include "sim/supply_model.hpp"

#include <algorithm>

namespace verbund::sim::detail {

namespace {

std::uint64_t pair_key(std::uint32_t supplier, std::uint32_t buyer) {
  return (static_cast<std::uint64_t>(supplier) << 32) | buyer;
}

/// offsets[v] .. offsets[v+1] for records sorted by actor index `of(record)`.
template <class Records, class Of>
std::vector<std::uint32_t> offsets_by_actor(const Records& records, std::size_t actors, Of of) {
  std::vector<std::uint32_t> offsets(actors + 1, 0);
  for (const auto& r : records) ++offsets[of(r) + 1];
  for (std::size_t v = 0; v < actors; ++v) offsets[v + 1] += offsets[v];
  return offsets;
}

}  // namespace

SupplyModel::SupplyModel(const supply::Market& market) {
  const std::size_t actors = market.region().size();
  for (const auto& d : market.demands())  // sorted by (buyer, category)
    demands_.push_back({d.buyer.value, d.category.value, d.quantity, d.required,
                        d.criticality == supply::Criticality::high});
  buyer_demand_offset_ = offsets_by_actor(demands_, actors, [](const auto& d) { return d.buyer; });
  for (std::uint32_t v = 0; v < actors; ++v) {
    for (auto k = buyer_demand_offset_[v]; k < buyer_demand_offset_[v + 1]; ++k)
      if (demands_[k].critical) {
        buyers_with_high_.push_back(v);
        break;
      }
  }

  std::vector<std::pair<std::uint32_t, OfferFacts>> offers;  // (supplier, facts)
  for (const auto& o : market.offers())
    offers.push_back({o.supplier.value, {o.category.value, o.capacity, o.certifications}});
  std::sort(offers.begin(), offers.end(), [](const auto& a, const auto& b) {
    return std::pair(a.first, a.second.category) < std::pair(b.first, b.second.category);
  });
  for (const auto& [supplier, facts] : offers) offers_.push_back(facts);
  supplier_offer_offset_ = offsets_by_actor(offers, actors, [](const auto& o) { return o.first; });

  auto find_demand = [&](std::uint32_t buyer, std::uint32_t category) -> std::int64_t {
    const auto first = demands_.begin() + buyer_demand_offset_[buyer];
    const auto last = demands_.begin() + buyer_demand_offset_[buyer + 1];
    const auto it = std::lower_bound(first, last, category,
                                     [](const auto& d, std::uint32_t c) { return d.category < c; });
    return it != last && it->category == category ? it - demands_.begin() : -1;
  };
  auto find_offer = [&](std::uint32_t supplier, std::uint32_t category) -> std::int64_t {
    const auto first = offers_.begin() + supplier_offer_offset_[supplier];
    const auto last = offers_.begin() + supplier_offer_offset_[supplier + 1];
    const auto it = std::lower_bound(first, last, category,
                                     [](const auto& o, std::uint32_t c) { return o.category < c; });
    return it != last && it->category == category ? it - offers_.begin() : -1;
  };
  // Flows are sorted by (supplier, buyer, category, start): one base flow per (supplier,
  // buyer, category), volumes of its current flows summed.
  for (const auto& f : market.flows()) {
    if (!market.current(f)) continue;
    const auto s = f.supplier.value, b = f.buyer.value, c = f.category.value;
    const double volume = f.volume.value_or(0.0);
    if (!base_.empty() && base_.back().supplier == s && base_.back().buyer == b &&
        base_.back().category == c) {
      base_.back().volume += volume;
      continue;
    }
    base_.push_back({s, b, c, find_demand(b, c), find_offer(s, c), volume});
    base_pairs_.push_back(pair_key(s, b));
  }
  base_pairs_.erase(std::unique(base_pairs_.begin(), base_pairs_.end()), base_pairs_.end());
}

bool SupplyModel::base_pair(std::uint32_t supplier, std::uint32_t buyer) const {
  return std::binary_search(base_pairs_.begin(), base_pairs_.end(), pair_key(supplier, buyer));
}

void SupplyModel::add_new_source(std::uint32_t supplier, std::uint32_t buyer, double share,
                                 SupplyScratch& scratch) const {
  const auto offers_begin = supplier_offer_offset_[supplier];
  const auto offers_end = supplier_offer_offset_[supplier + 1];
  if (offers_begin == offers_end) return;
  auto o = offers_begin;
  // Both lists are sorted by category: one merge.
  for (auto d = buyer_demand_offset_[buyer]; d < buyer_demand_offset_[buyer + 1]; ++d) {
    const auto& demand = demands_[d];
    while (o < offers_end && offers_[o].category < demand.category) ++o;
    if (o == offers_end) return;
    const auto& offer = offers_[o];
    if (offer.category != demand.category || !supply::covers(offer.certifications, demand.required))
      continue;
    ++scratch.sources[d];
    const double outside = std::max(0.0, demand.quantity - scratch.volume[d]);
    const double free = std::max(0.0, offer.capacity - scratch.used[o]);
    const double take = std::min({share * demand.quantity, outside, free});
    scratch.volume[d] += take;
    scratch.used[o] += take;
  }
}

SupplyIndicators SupplyModel::measure(const Network& network, double new_supplier_share,
                                      SupplyScratch& scratch) const {
  scratch.volume.assign(demands_.size(), 0.0);
  scratch.sources.assign(demands_.size(), 0);
  scratch.used.assign(offers_.size(), 0.0);
  // A base flow runs along a live tie on which the supplier delivers: a pair that parted and
  // met again as mere acquaintances does not trade again.
  auto runs = [&](std::uint32_t supplier, std::uint32_t buyer) {
    if (!network.is_open(supplier) || !network.is_open(buyer)) return false;
    const auto* t = network.tie(supplier, buyer);
    return t && (t->delivers & (supplier < buyer ? delivers_ab : delivers_ba)) != 0;
  };
  for (const auto& f : base_) {
    if (!runs(f.supplier, f.buyer)) continue;
    if (f.demand >= 0) {
      scratch.volume[static_cast<std::size_t>(f.demand)] += f.volume;
      ++scratch.sources[static_cast<std::size_t>(f.demand)];
    }
    if (f.offer >= 0) scratch.used[static_cast<std::size_t>(f.offer)] += f.volume;
  }
  for (const auto& t : network.ties()) {  // creation order
    if (!t.alive || t.created == 0 || t.delivers == 0) continue;
    if ((t.delivers & delivers_ab) && !base_pair(t.a, t.b))
      add_new_source(t.a, t.b, new_supplier_share, scratch);
    if ((t.delivers & delivers_ba) && !base_pair(t.b, t.a))
      add_new_source(t.b, t.a, new_supplier_share, scratch);
  }

  SupplyIndicators out;
  // Each open buyer's demand counts once, as its share sourced in the region: demands come in
  // tonnes, MWh, hours and parts, which cannot be added up.
  double regional = 0.0, counted = 0.0;
  for (std::size_t d = 0; d < demands_.size(); ++d) {
    if (!network.is_open(demands_[d].buyer)) continue;
    regional += std::min(1.0, scratch.volume[d] / demands_[d].quantity);
    counted += 1.0;
  }
  out.regional_sourcing_share = counted > 0.0 ? regional / counted : 0.0;
  std::size_t buyers = 0, dual = 0;
  for (const auto b : buyers_with_high_) {
    if (!network.is_open(b)) continue;
    ++buyers;
    bool all = true;
    for (auto d = buyer_demand_offset_[b]; d < buyer_demand_offset_[b + 1] && all; ++d)
      all = !demands_[d].critical || scratch.sources[d] >= 2;
    dual += all ? 1 : 0;
  }
  out.buyers_dual_sourced =
      buyers > 0 ? static_cast<double>(dual) / static_cast<double>(buyers) : 0.0;
  return out;
}

}  // namespace verbund::sim::detail
