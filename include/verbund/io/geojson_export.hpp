#pragma once

// The region as a map layer: GeoJSON (RFC 7946) for QGIS and web maps.

#include <cstddef>
#include <ostream>
#include <vector>

#include "verbund/core/region.hpp"

namespace verbund::io {

/// What write_geojson wrote and what it had to leave out.
struct GeoJsonSummary {
  std::size_t actors = 0;  ///< Point features
  std::size_t ties = 0;    ///< LineString features
  /// Actors without coordinates, ascending: no feature, nor any tie of theirs.
  std::vector<core::ActorId> without_location;
};

/// Writes one FeatureCollection (RFC 7946: WGS 84, positions as [longitude, latitude]): every
/// actor with coordinates a Point with properties id, name, kind, municipality, sector,
/// employees, size_class, founded, capacity, parent and group memberships (semicolon-joined
/// group ids); then every tie between two such actors a LineString from source to target with
/// properties kind, weight, start, end, source and target. Absent values are null. The ids of
/// the actors left out are listed in the foreign member "actors_without_coordinates". Text that
/// is not UTF-8 becomes U+FFFD. Output is deterministic. O(n + m + M) for n actors, m ties and M
/// memberships. Thread-safe (reads `region`; `out` is the caller's). Throws only
/// std::bad_alloc; write errors are left in `out`'s state.
GeoJsonSummary write_geojson(const core::Region& region, std::ostream& out);

}  // namespace verbund::io
