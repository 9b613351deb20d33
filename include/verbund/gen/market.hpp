#pragma once

#include <cstddef>
#include <cstdint>

#include "verbund/core/region.hpp"
#include "verbund/gen/ruhr_base.hpp"

namespace verbund::gen {

/// A synthetic transfer market at any scale, for matchmaking tests and benchmarks: firms with
/// needs and research groups with offers over the Ruhr taxonomy, placed in the Ruhr's
/// municipalities, with a few ties and cluster memberships so that every score part is in play.
struct MarketOptions {
  std::size_t firms = 1000;
  std::size_t groups = 100;  ///< research groups (kind research_group) with offers
  std::uint64_t seed = 1;
  double firm_ties = 1.5;      ///< mean firm-to-firm ties per firm, mostly local
  double science_share = 0.2;  ///< share of firms already tied to a group
  double cluster_join = 0.2;   ///< chance that a firm or group joins its theme's cluster
};

/// Competence popularity is Zipf-like (so rarity matters); each actor's competences lie mostly
/// in one theme. Capacities: groups 1–8, firms 1–2. Counter-based draws on (seed, actor,
/// purpose): the same options give the same region. O(firms + groups) draws, plus
/// O((n + m) log(n + m)) to build the region. Throws InvalidInput without firms, groups or
/// municipalities. Thread-safe (reads `base`).
[[nodiscard]] core::Region generate_market(const RuhrBase& base, const MarketOptions& options);

}  // namespace verbund::gen
