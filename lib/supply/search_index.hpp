#pragma once

// Internals of the supplier search (private to lib/supply): the index's cells and bounds, the
// per-demand context (the buyer's related actors) and the one pair scorer that the indexed
// search, the brute force, the explanation and the sourcing plan all use.

#include <cstdint>
#include <optional>
#include <vector>

#include "verbund/core/geo.hpp"
#include "verbund/supply/search.hpp"

namespace verbund::supply {

/// Floating-point slack between a bound (summed in another order) and an exact score.
inline constexpr double bound_slack = 1e-9;

/// A lower bound of core::distance_km without trigonometry, from latitudes and longitudes in
/// radians and the cosines of the latitudes: hav(x) = sin^2(x/2) >= ((x/2)(1 - (x/2)^2/6))^2
/// for x in [0, pi], and asin(y) >= y. Within a region it is below the haversine by a few parts
/// in a million. O(1); does not throw.
[[nodiscard]] inline double distance_lower_bound_km(double lat1, double lon1, double cos1,
                                                    double lat2, double lon2, double cos2) {
  constexpr double pi = 3.14159265358979323846;
  auto hav_below = [](double x) {
    const double y = x / 2;
    const double s = y * (1.0 - y * y / 6.0);
    return s * s;
  };
  const double dlat = lat1 > lat2 ? lat1 - lat2 : lat2 - lat1;
  double dlon = lon1 > lon2 ? lon1 - lon2 : lon2 - lon1;
  if (dlon > pi) dlon = 2 * pi - dlon > 0 ? 2 * pi - dlon : 0.0;
  double h = hav_below(dlat) + cos1 * cos2 * hav_below(dlon);
  h = h < 1.0 ? h : 1.0;
  return 2.0 * 6371.0088 * __builtin_sqrt(h) * (1.0 - 1e-9);
}

/// The unweighted parts of one pair, each in [0, 1].
struct RawParts {
  double capability = 0.0;
  double capacity = 0.0;
  double distance = 0.0;
  double trust = 0.0;
  double diversification = 0.0;
};

/// Offers of one category in one location cell, sorted by descending static bound.
struct Cell {
  std::uint32_t begin = 0, end = 0;  // into Impl::cell_offers
  double max_static = 0.0;
  CertificationSet any = 0;  // union of the offers' certifications
  bool located = true;       // false: the offers without a location
  double lat_lo = 0, lat_hi = 0, lon_lo = 0, lon_hi = 0;
  double cos_lat_min = 1.0;  // min cos(latitude) over [lat_lo, lat_hi]
};

/// The buyer-related facts of one demand, computed once and used for every candidate.
struct DemandContext {
  std::uint32_t demand = 0;
  core::ActorId buyer;
  std::optional<core::GeoPoint> location;
  double cos_lat = 1.0;  // of the buyer's location
  std::vector<core::ActorId> current_sources;  // suppliers of the category now, ascending
  double diversification_other = 0.0;          // the part for any supplier not among them
};

/// Per-thread scratch over actors: the buyer's related actors (direct ties, current suppliers
/// and partners' partners) with the number of shared partners.
struct RelationScratch {
  explicit RelationScratch(std::size_t actors)
      : stamp(actors, 0), shared(actors, 0), direct(actors, 0) {}
  std::vector<std::uint32_t> stamp;
  std::vector<std::uint32_t> shared;
  std::vector<std::uint8_t> direct;
  std::vector<core::ActorId> touched;
  std::uint32_t epoch = 0;

  [[nodiscard]] bool related(core::ActorId a) const { return stamp[a.value] == epoch; }
};

struct SupplierIndex::Impl {
  const Market* market = nullptr;
  SearchSettings settings;
  std::vector<std::uint32_t> references;    // by actor: distinct current customers
  std::vector<double> static_bound;         // by offer: bound of its weighted parts, no distance
  std::vector<std::uint32_t> cell_offsets;  // cells of category c: [o[c], o[c+1])
  std::vector<Cell> cells;
  std::vector<std::uint32_t> cell_offers;  // offer indices
  std::vector<double> cell_static;         // static bound, parallel to cell_offers
  // Parallel to cell_offers too: what the filters and the capacity bound read, kept contiguous
  // so that a scan skips ineligible offers without touching the offers themselves.
  std::vector<CertificationSet> cell_certifications;
  std::vector<double> cell_free;
  std::vector<double> cell_min_order;                // 0 where none
  std::vector<double> cell_lat, cell_lon, cell_cos;  // radians, cos(lat); 0 where unknown
  std::vector<double> fit_without_certifications;    // by offer: specialisation + lead-time parts

  /// The unweighted distance part for a distance (or the unknown distance). O(1).
  [[nodiscard]] double distance_part(std::optional<double> km) const {
    const double d = km ? *km : settings.unknown_distance_km;
    return settings.distance_scale_km / (settings.distance_scale_km + d);
  }
  /// Whether the pair passes the hard filters. O(1).
  [[nodiscard]] bool eligible(const Demand& d, const Offer& o) const noexcept;
  /// The buyer-side facts of demand `demand`. O(flows into the buyer).
  [[nodiscard]] DemandContext context(std::uint32_t demand) const;
  /// Fills `scratch` with the buyer's related actors. O(sum of its partners' degrees).
  void relate(core::ActorId buyer, RelationScratch& scratch) const;
  /// The raw parts of an eligible pair, the relation read from `scratch` (filled by `relate`
  /// for this buyer). O(1) plus the haversine.
  [[nodiscard]] RawParts parts(const DemandContext& ctx, const Offer& offer,
                               const RelationScratch& scratch) const;
  [[nodiscard]] SupplierScore weigh(const RawParts& raw) const;
  /// An upper bound of the distance part for any offer in `cell`. O(1).
  [[nodiscard]] double distance_bound(const DemandContext& ctx, const Cell& cell) const;
};

}  // namespace verbund::supply
