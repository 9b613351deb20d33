#include "verbund/supply/search.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel_loops.hpp"

#include "search_index.hpp"
#include "verbund/error.hpp"

namespace verbund::supply {

using core::ActorId;

namespace {

bool ranks_before(const SupplierMatch& a, const SupplierMatch& b) {
  if (a.score.total != b.score.total) return a.score.total > b.score.total;
  return a.supplier < b.supplier;
}

/// The k best seen so far, worst on top of a heap.
class TopK {
 public:
  explicit TopK(std::size_t k) : k_(k) { heap_.reserve(k + 1); }
  void offer(const SupplierMatch& m) {
    if (k_ == 0) return;
    if (heap_.size() < k_) {
      heap_.push_back(m);
      std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    } else if (ranks_before(m, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
      heap_.back() = m;
      std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    }
  }
  /// The score a candidate must reach to enter; -inf while not full.
  [[nodiscard]] double threshold() const {
    return heap_.size() < k_ ? -INFINITY : heap_.front().score.total;
  }
  std::vector<SupplierMatch> take() && {
    std::sort(heap_.begin(), heap_.end(), ranks_before);
    return std::move(heap_);
  }

 private:
  std::size_t k_;
  std::vector<SupplierMatch> heap_;
};

/// Per-thread scratch: the buyer's relations and which offers a query has scored.
struct Workspace {
  explicit Workspace(const SupplierIndex::Impl& index)
      : relations(index.market->region().size()), seen(index.market->offers().size(), 0) {}
  RelationScratch relations;
  std::vector<std::uint32_t> seen;
  std::uint32_t round = 0;
  struct CellBound {
    double key;       // the cell's bound: best static bound + distance bound
    double distance;  // the weighted distance bound
    std::uint32_t cell;
  };
  std::vector<CellBound> cells;
};

struct Query {
  const SupplierIndex::Impl& index;
  const SearchOptions& options;  // options.exclude sorted

  [[nodiscard]] bool excluded(const DemandContext& ctx, ActorId supplier) const {
    if (std::binary_search(options.exclude.begin(), options.exclude.end(), supplier)) return true;
    return options.exclude_current &&
           std::binary_search(ctx.current_sources.begin(), ctx.current_sources.end(), supplier);
  }

  void consider(const DemandContext& ctx, std::uint32_t offer, const Workspace& ws,
                TopK& top) const {
    const auto& market = *index.market;
    const auto& o = market.offers()[offer];
    if (!index.eligible(market.demands()[ctx.demand], o) || excluded(ctx, o.supplier)) return;
    top.offer({o.supplier, offer, index.weigh(index.parts(ctx, o, ws.relations))});
  }

  // Exact top-k: first the related suppliers (the only ones with a relation part), then the
  // cells by descending bound; within a cell, offers by descending static bound. Every skip is
  // justified: an unrelated offer's score is at most its static bound + the cell's distance
  // bound + the demand's diversification part for a new source.
  std::vector<SupplierMatch> indexed(std::uint32_t demand, Workspace& ws) const {
    const auto& market = *index.market;
    const auto& d = market.demands()[demand];
    const auto ctx = index.context(demand);
    const auto& w = index.settings.weights;
    TopK top(options.top_k);
    if (options.top_k == 0) return {};
    ++ws.round;
    for (const auto a : ws.relations.touched) {
      const auto o = market.find_offer(a, d.category);
      if (!o) continue;
      ws.seen[*o] = ws.round;
      consider(ctx, static_cast<std::uint32_t>(*o), ws, top);
    }
    const double fresh = w.diversification * ctx.diversification_other;
    ws.cells.clear();
    for (auto c = index.cell_offsets[d.category.value];
         c < index.cell_offsets[d.category.value + 1]; ++c) {
      const auto& cell = index.cells[c];
      if (!covers(cell.any, d.required)) continue;
      const double distance = w.distance * index.distance_bound(ctx, cell);
      ws.cells.push_back({distance + cell.max_static, distance, c});
    }
    // Cells by descending bound, popped from a heap: the search usually stops after a few.
    const auto later = [](const Workspace::CellBound& a, const Workspace::CellBound& b) {
      return a.key != b.key ? a.key < b.key : a.cell > b.cell;
    };
    std::make_heap(ws.cells.begin(), ws.cells.end(), later);
    constexpr double to_rad = 3.14159265358979323846 / 180.0;
    const double lat = ctx.location ? ctx.location->lat * to_rad : 0.0;
    const double lon = ctx.location ? ctx.location->lon * to_rad : 0.0;
    const double cos_lat = ctx.cos_lat;
    for (auto end = ws.cells.end(); end != ws.cells.begin(); --end) {
      std::pop_heap(ws.cells.begin(), end, later);
      const double distance = (end - 1)->distance;
      const auto c = (end - 1)->cell;
      const auto& cell = index.cells[c];
      const bool located = ctx.location.has_value() && cell.located;
      const double rest = distance + fresh + bound_slack;
      if (cell.max_static + rest < top.threshold()) break;
      for (auto j = cell.begin; j < cell.end; ++j) {
        if (index.cell_static[j] + rest < top.threshold()) break;
        // The filters, then the bound with the offer's own capacity part, before scoring.
        const double free = index.cell_free[j];
        if (!covers(index.cell_certifications[j], d.required) ||
            index.cell_min_order[j] > d.quantity || index.cell_min_order[j] > free)
          continue;
        const double short_of = 1.0 - std::min(1.0, free / d.quantity);
        const double own_static = index.cell_static[j] - w.capacity * short_of;
        if (own_static + rest < top.threshold()) continue;
        double own = rest;  // the offer's own distance bound where both locations are known
        if (located) {
          own = w.distance * index.distance_part(
                                 distance_lower_bound_km(lat, lon, cos_lat, index.cell_lat[j],
                                                         index.cell_lon[j], index.cell_cos[j])) +
                fresh + bound_slack;
        }
        if (own_static + own < top.threshold()) continue;
        const auto offer = index.cell_offers[j];
        if (ws.seen[offer] == ws.round) continue;
        consider(ctx, offer, ws, top);
      }
    }
    return std::move(top).take();
  }

  std::vector<SupplierMatch> brute_force(std::uint32_t demand, Workspace& ws) const {
    const auto& market = *index.market;
    const auto ctx = index.context(demand);
    TopK top(options.top_k);
    const auto in = market.offers_in(market.demands()[demand].category);
    const auto first = static_cast<std::uint32_t>(in.data() - market.offers().data());
    for (std::uint32_t i = 0; i < in.size(); ++i) consider(ctx, first + i, ws, top);
    return std::move(top).take();
  }
};

SearchOptions sorted(SearchOptions options) {
  std::sort(options.exclude.begin(), options.exclude.end());
  return options;
}

/// The demands of `buyer` the options select, as indices into Market::demands().
std::vector<std::uint32_t> selected_demands(const Market& market, ActorId buyer,
                                            const SearchOptions& options) {
  const auto mine = market.demands_of(buyer);
  std::vector<std::uint32_t> out;
  for (const auto& d : mine) {
    if (options.category && d.category != *options.category) continue;
    out.push_back(static_cast<std::uint32_t>(&d - market.demands().data()));
  }
  return out;
}

template <bool brute>
std::vector<DemandMatches> one_buyer(const SupplierIndex& index, ActorId buyer,
                                     const SearchOptions& raw) {
  const auto& market = index.market();
  const auto options = sorted(raw);
  const auto demands = selected_demands(market, buyer, options);
  if (demands.empty()) {
    const std::string who(market.region().external_id(buyer));
    throw InvalidInput(options.category ? "buyer '" + who + "' has no demand for '" +
                                              market.category(*options.category).id + "'"
                                        : "buyer '" + who + "' has no demands recorded");
  }
  Workspace ws(index.impl());
  index.impl().relate(buyer, ws.relations);
  const Query query{index.impl(), options};
  std::vector<DemandMatches> out;
  for (const auto d : demands)
    out.push_back({d, brute ? query.brute_force(d, ws) : query.indexed(d, ws)});
  return out;
}

template <bool brute>
std::vector<DemandMatches> many_buyers(const SupplierIndex& index, std::span<const ActorId> buyers,
                                       const SearchOptions& raw) {
  const auto& market = index.market();
  const auto options = sorted(raw);
  // The selected demands, grouped by buyer in the given order.
  std::vector<std::uint32_t> demands;
  std::vector<std::size_t> starts;
  for (const auto buyer : buyers) {
    const auto mine = selected_demands(market, buyer, options);
    if (mine.empty()) continue;
    starts.push_back(demands.size());
    demands.insert(demands.end(), mine.begin(), mine.end());
  }
  starts.push_back(demands.size());
  std::vector<DemandMatches> out(demands.size());
  const Query query{index.impl(), options};
  par::ThreadLocal<Workspace> local([&] { return Workspace(index.impl()); });
  par::parallel_for(par::Range<std::size_t>(0, starts.size() - 1, 64), [&](const auto& r) {
    auto& ws = local.local();
    for (std::size_t b = r.begin(); b != r.end(); ++b) {
      index.impl().relate(market.demands()[demands[starts[b]]].buyer, ws.relations);
      for (auto i = starts[b]; i < starts[b + 1]; ++i) {
        out[i] = {demands[i],
                  brute ? query.brute_force(demands[i], ws) : query.indexed(demands[i], ws)};
      }
    }
  });
  return out;
}

}  // namespace

std::vector<DemandMatches> find_suppliers(const SupplierIndex& index, ActorId buyer,
                                          const SearchOptions& options) {
  return one_buyer<false>(index, buyer, options);
}

std::vector<DemandMatches> find_suppliers_brute_force(const SupplierIndex& index, ActorId buyer,
                                                      const SearchOptions& options) {
  return one_buyer<true>(index, buyer, options);
}

std::vector<DemandMatches> find_suppliers_many(const SupplierIndex& index,
                                               std::span<const ActorId> buyers,
                                               const SearchOptions& options) {
  return many_buyers<false>(index, buyers, options);
}

std::vector<DemandMatches> find_suppliers_many_brute_force(const SupplierIndex& index,
                                                           std::span<const ActorId> buyers,
                                                           const SearchOptions& options) {
  return many_buyers<true>(index, buyers, options);
}

std::vector<DemandMatches> find_suppliers_all(const SupplierIndex& index,
                                              const SearchOptions& options) {
  return many_buyers<false>(index, buyers_of(index.market(), options.category), options);
}

std::vector<DemandMatches> find_suppliers_all_brute_force(const SupplierIndex& index,
                                                          const SearchOptions& options) {
  return many_buyers<true>(index, buyers_of(index.market(), options.category), options);
}

std::vector<ActorId> buyers_of(const Market& market, std::optional<CategoryId> category) {
  std::vector<ActorId> out;
  for (const auto& d : market.demands()) {
    if (category && d.category != *category) continue;
    if (out.empty() || out.back() != d.buyer) out.push_back(d.buyer);
  }
  return out;
}

}  // namespace verbund::supply
