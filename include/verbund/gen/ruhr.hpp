#pragma once

#include <cstddef>
#include <cstdint>

#include "verbund/core/region.hpp"
#include "verbund/core/region_data.hpp"
#include "verbund/gen/ruhr_base.hpp"

namespace verbund::gen {

struct RuhrOptions {
  std::size_t firms = 5000;
  std::uint64_t seed = 1;
  double ties_per_firm = 3.0;         ///< mean firm-to-firm ties (supply + informal) per firm
  double science_share = 0.40;        ///< target share of industrial firms with a science tie
  double other_science_share = 0.12;  ///< the same for non-industrial firms
  double cluster_join = 0.08;         ///< chance that a firm joins a cluster of a theme it offers
  int year = 2025;                    ///< the snapshot's year; no tie starts later
};

/// A synthetic but plausible firm population on top of the real institutions: municipality by
/// population, sector by municipal focus, heavy-tailed sizes, competences and needs from the
/// sector, compulsory chamber membership (IHK or HWK), cluster memberships, supply ties with
/// distance decay between complementary sectors, science ties (research for medium and large
/// firms, transfer for small ones) calibrated to `science_share`, and informal ties by triadic
/// closure and local contact. Every draw is counter-based on (seed, firm, purpose), so the output
/// is identical for any thread count. The firms are synthetic; the institutions are real.
/// No tie or membership starts before either end was founded (founding_year) or after `year`,
/// and none ends before it starts or after `year`. A science actor's load as the matching counts
/// it (transfer ties active in a year that started within match::ScoreWeights::partnership_years
/// of it) is at most its capacity in every year: where the draws exceed its real capacity (the
/// matching's default where the base gives none), the capacity becomes ceil(1.25 x peak load).
/// Throws InvalidInput if the options are out of range, the base lacks municipalities or
/// sectors, or the base has a founding, tie or membership year after `year`.
/// O(firms x (ties_per_firm + science actors)), in parallel (oneTBB). Thread-safe (reads `base`).
[[nodiscard]] core::RegionData generate_ruhr(const RuhrBase& base, const RuhrOptions& options);

/// The same region as build_region(generate_ruhr(base, options)), built directly by dense ids:
/// several times faster for large regions, for use in memory (simulation, benchmarks). Same
/// cost, throws and thread safety as generate_ruhr, plus O((n + m) log(n + m)) for the build.
[[nodiscard]] core::Region generate_ruhr_region(const RuhrBase& base, const RuhrOptions& options);

}  // namespace verbund::gen
