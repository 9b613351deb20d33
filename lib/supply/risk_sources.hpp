#pragma once

// The regional sources of one input and their shares, as defined in verbund/supply/risk.hpp.
// Private to lib/supply.

#include <vector>

#include "verbund/supply/market.hpp"

namespace verbund::supply::detail {

struct SourceShare {
  core::ActorId supplier;
  double volume = 0.0;  ///< known volume of its current flows in the input
  double share = 0.0;
};

/// Fills `out` with the distinct suppliers of current flows of `category` to `buyer`, ascending,
/// with their shares (by volume when every flow has one, else equal). O(incoming flows of buyer).
inline void sources_of(const Market& market, core::ActorId buyer, CategoryId category,
                       std::vector<SourceShare>& out) {
  out.clear();
  bool all_known = true;
  double total = 0.0;
  const auto flows = market.flows();
  // flows_to lists flow indices ascending, and flows are sorted by supplier first, so one
  // supplier's flows to this buyer in one category are adjacent.
  for (const auto i : market.flows_to(buyer)) {
    const Flow& f = flows[i];
    if (f.category != category || !market.current(f)) continue;
    if (out.empty() || out.back().supplier != f.supplier) out.push_back({f.supplier, 0.0, 0.0});
    if (f.volume) {
      out.back().volume += *f.volume;
      total += *f.volume;
    } else {
      all_known = false;
    }
  }
  const bool by_volume = all_known && total > 0.0;
  for (auto& s : out) {
    s.share = by_volume ? s.volume / total : 1.0 / static_cast<double>(out.size());
  }
}

}  // namespace verbund::supply::detail
