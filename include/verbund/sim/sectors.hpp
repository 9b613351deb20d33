#pragma once

// Which firms are industrial: the sector test shared by the model (Effects::industrial_science)
// and calibration's statistics (science share of industrial firms), so that both mean the same
// firms.

#include <string_view>

namespace verbund::sim {

/// Whether a NACE/WZ code ("25", "25.62") is of an industrial division (05-33, mining and
/// manufacturing: the firms of the Muelheim survey). O(1), no throw, thread-safe.
[[nodiscard]] constexpr bool is_industrial_sector(std::string_view sector) noexcept {
  if (sector.size() < 2 || sector[0] < '0' || sector[0] > '9' || sector[1] < '0' ||
      sector[1] > '9' || (sector.size() > 2 && sector[2] != '.'))
    return false;
  const int division = (sector[0] - '0') * 10 + (sector[1] - '0');
  return division >= 5 && division <= 33;
}

}  // namespace verbund::sim
