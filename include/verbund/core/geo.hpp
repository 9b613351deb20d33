#pragma once

namespace verbund::core {

/// A WGS84 position in degrees.
struct GeoPoint {
  double lat = 0.0;
  double lon = 0.0;
  friend constexpr bool operator==(GeoPoint, GeoPoint) = default;
};

/// Great-circle distance in kilometres (haversine, mean Earth radius 6371.0088 km).
/// O(1). Thread-safe; does not throw.
[[nodiscard]] double distance_km(GeoPoint a, GeoPoint b) noexcept;

/// Whether lat is in [-90, 90] and lon in [-180, 180]. O(1). Thread-safe; does not throw.
[[nodiscard]] constexpr bool is_valid(GeoPoint p) noexcept {
  return p.lat >= -90.0 && p.lat <= 90.0 && p.lon >= -180.0 && p.lon <= 180.0;
}

}  // namespace verbund::core
