// Single-source risk (exposure of every demand) and the loss cascade with substitutes.
#include "verbund/supply/risk.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>

#include "core/parallel_loops.hpp"

#include "risk_sources.hpp"
#include "verbund/core/geo.hpp"
#include "verbund/error.hpp"

namespace verbund::supply {

using core::ActorId;
using detail::SourceShare;

namespace {

constexpr std::size_t index_of(Criticality c) { return static_cast<std::size_t>(c); }

/// The buyer's demand in a category, if any. O(log demands of buyer).
std::optional<std::uint32_t> find_demand(const Market& market, ActorId buyer, CategoryId c) {
  const auto mine = market.demands_of(buyer);
  const auto it = std::lower_bound(mine.begin(), mine.end(), c,
                                   [](const Demand& d, CategoryId k) { return d.category < k; });
  if (it == mine.end() || it->category != c) return std::nullopt;
  return static_cast<std::uint32_t>(&*it - market.demands().data());
}

}  // namespace

RiskReport assess_risk(const Market& market) {
  const auto demands = market.demands();
  RiskReport report;
  report.exposures.resize(demands.size());
  par::parallel_for(par::Range<std::size_t>(0, demands.size(), 256), [&](const auto& r) {
    std::vector<SourceShare> sources;
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      const Demand& d = demands[i];
      detail::sources_of(market, d.buyer, d.category, sources);
      DemandExposure e;
      e.demand = static_cast<std::uint32_t>(i);
      e.sources = static_cast<std::uint32_t>(sources.size());
      for (const auto& s : sources) e.regional_volume += s.volume;
      e.regional_share = std::min(1.0, e.regional_volume / d.quantity);
      if (!sources.empty()) {
        double hhi = 0.0;
        for (const auto& s : sources) hhi += s.share * s.share;
        e.hhi = hhi;
      }
      report.exposures[i] = e;
    }
  });

  auto& s = report.summary;
  s.demands = demands.size();
  // Demands are sorted by buyer: one pass sees each buyer's demands together.
  for (std::size_t i = 0; i < demands.size();) {
    std::size_t j = i;
    bool has_high = false, all_dual = true;
    for (; j < demands.size() && demands[j].buyer == demands[i].buyer; ++j) {
      const auto c = index_of(demands[j].criticality);
      const auto sources = report.exposures[j].sources;
      ++s.by_criticality[c];
      s.single_sourced[c] += sources == 1;
      s.without_regional[c] += sources == 0;
      if (demands[j].criticality == Criticality::high) {
        has_high = true;
        all_dual = all_dual && sources >= 2;
      }
    }
    s.buyers_with_high += has_high;
    s.buyers_high_dual_sourced += has_high && all_dual;
    i = j;
  }
  return report;
}

namespace {

/// What one tier's evaluation of one buyer found.
struct BuyerVerdict {
  std::vector<AffectedInput> inputs;      // per affected category, ascending
  std::optional<std::size_t> disrupting;  // index into inputs
};

BuyerVerdict evaluate_buyer(const Market& market, ActorId buyer,
                            std::span<const CategoryId> categories,
                            const std::vector<int>& failed_tier, std::size_t tier,
                            const LossOptions& options) {
  BuyerVerdict v;
  std::vector<SourceShare> sources;
  for (const auto c : categories) {
    detail::sources_of(market, buyer, c, sources);
    AffectedInput in;
    in.buyer = buyer;
    in.category = c;
    in.demand = find_demand(market, buyer, c);
    in.first_tier = tier;
    in.sources_before = static_cast<std::uint32_t>(sources.size());
    for (const auto& s : sources) {
      if (failed_tier[s.supplier.value] >= 0) {
        in.lost_share += s.share;
        in.lost_volume += s.volume;
      } else {
        ++in.sources_left;
      }
    }
    if (in.sources_left == 0) in.lost_share = 1.0;  // exact, whatever the rounding of the sum
    const bool critical =
        in.demand && market.demands()[*in.demand].criticality >= options.disrupting;
    if (critical && in.sources_before > 0 && in.lost_share >= options.disruption_share &&
        !v.disrupting)
      v.disrupting = v.inputs.size();
    v.inputs.push_back(in);
  }
  return v;
}

std::vector<Substitute> rank_substitutes(const Market& market, const Flow& lost,
                                         const std::vector<int>& failed_tier, std::size_t k) {
  const auto& region = market.region();
  CertificationSet required = 0;
  if (const auto d = find_demand(market, lost.buyer, lost.category))
    required = market.demands()[*d].required;
  const auto at = region.location(lost.buyer);
  std::vector<Substitute> out;
  for (const auto& o : market.offers_in(lost.category)) {
    if (failed_tier[o.supplier.value] >= 0 || o.supplier == lost.buyer) continue;
    if (!covers(o.certifications, required) || o.free_capacity() <= 0.0) continue;
    Substitute s;
    s.supplier = o.supplier;
    s.free_capacity = o.free_capacity();
    s.covers_volume = !lost.volume || s.free_capacity >= *lost.volume;
    if (const auto l = region.location(o.supplier); l && at)
      s.distance_km = core::distance_km(*at, *l);
    out.push_back(s);
  }
  auto better = [&](const Substitute& a, const Substitute& b) {
    if (a.covers_volume != b.covers_volume) return a.covers_volume;
    if (a.distance_km.has_value() != b.distance_km.has_value()) return a.distance_km.has_value();
    if (a.distance_km && *a.distance_km != *b.distance_km) return *a.distance_km < *b.distance_km;
    return region.external_id(a.supplier) < region.external_id(b.supplier);
  };
  const auto keep = std::min(k, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(keep), out.end(),
                    better);
  out.resize(keep);
  return out;
}

}  // namespace

LossReport simulate_loss(const Market& market, std::span<const ActorId> removed,
                         const LossOptions& options) {
  if (options.tiers == 0) throw InvalidInput("risk: --tiers must be at least 1");
  if (!(options.disruption_share > 0.0 && options.disruption_share <= 1.0))
    throw InvalidInput("risk: the disruption share must lie in (0, 1]");
  const auto& region = market.region();
  const auto flows = market.flows();
  LossReport report;
  report.removed.assign(removed.begin(), removed.end());
  std::sort(report.removed.begin(), report.removed.end());
  report.removed.erase(std::unique(report.removed.begin(), report.removed.end()),
                       report.removed.end());

  std::vector<int> failed_tier(region.size(), -1);  // tier at which an actor failed; -1 = never
  for (const auto a : report.removed) failed_tier[a.value] = 0;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> input_at;  // (buyer, category)
  std::vector<AffectedInput> inputs;
  std::vector<std::pair<std::size_t, ActorId>> disrupted;  // (tier, buyer), with cause below
  std::vector<std::pair<std::uint32_t, std::uint32_t>> disrupted_cause;

  std::vector<ActorId> frontier = report.removed;
  for (std::size_t tier = 1; tier <= options.tiers && !frontier.empty(); ++tier) {
    // Flows lost at this tier, and the (buyer, category) pairs they hit.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> hit;
    for (const auto a : frontier) {
      for (const auto& f : market.flows_from(a)) {
        if (!market.current(f) || failed_tier[f.buyer.value] >= 0) continue;
        report.lost.push_back({tier, static_cast<std::uint32_t>(&f - flows.data()), {}});
        hit.emplace_back(f.buyer.value, f.category.value);
      }
    }
    std::sort(hit.begin(), hit.end());
    hit.erase(std::unique(hit.begin(), hit.end()), hit.end());
    std::vector<ActorId> buyers;
    std::vector<std::size_t> offsets;
    std::vector<CategoryId> categories;
    for (const auto& [b, c] : hit) {
      if (buyers.empty() || buyers.back().value != b) {
        buyers.push_back(ActorId{b});
        offsets.push_back(categories.size());
      }
      categories.push_back(CategoryId{c});
    }
    offsets.push_back(categories.size());

    // Every buyer is judged on the failures up to tier - 1, so the order does not matter.
    std::vector<BuyerVerdict> verdicts(buyers.size());
    par::parallel_for(std::size_t{0}, buyers.size(), [&](std::size_t i) {
      const std::span<const CategoryId> mine(categories.data() + offsets[i],
                                             offsets[i + 1] - offsets[i]);
      verdicts[i] = evaluate_buyer(market, buyers[i], mine, failed_tier, tier, options);
    });

    std::vector<ActorId> next;
    for (std::size_t i = 0; i < buyers.size(); ++i) {
      for (const auto& in : verdicts[i].inputs) {
        const auto key = std::pair{in.buyer.value, in.category.value};
        const auto [it, fresh] = input_at.emplace(key, inputs.size());
        if (fresh) {
          inputs.push_back(in);
        } else {
          auto& old = inputs[it->second];
          const auto first = old.first_tier;
          old = in;
          old.first_tier = first;
        }
      }
      if (verdicts[i].disrupting) {
        const auto& cause = verdicts[i].inputs[*verdicts[i].disrupting];
        disrupted.emplace_back(tier, buyers[i]);
        disrupted_cause.emplace_back(cause.buyer.value, cause.category.value);
        next.push_back(buyers[i]);
      }
    }
    for (const auto b : next) failed_tier[b.value] = static_cast<int>(tier);
    frontier = std::move(next);
  }

  // Inputs by (buyer, category): the map's order.
  std::vector<std::size_t> order_of(inputs.size());
  std::size_t k = 0;
  for (const auto& [key, at] : input_at) {
    order_of[at] = k++;
    report.inputs.push_back(inputs[at]);
  }
  for (std::size_t i = 0; i < disrupted.size(); ++i) {
    const auto at = input_at.at(disrupted_cause[i]);
    report.disrupted.push_back(
        {disrupted[i].second, disrupted[i].first, static_cast<std::uint32_t>(order_of[at])});
  }

  par::parallel_for(std::size_t{0}, report.lost.size(), [&](std::size_t i) {
    auto& lost = report.lost[i];
    lost.substitutes = rank_substitutes(market, flows[lost.flow], failed_tier, options.substitutes);
  });
  return report;
}

}  // namespace verbund::supply
