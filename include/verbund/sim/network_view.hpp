#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "verbund/sim/checkpoint.hpp"

namespace verbund::sim {

namespace detail {
class Network;
}

/// A read-only look at a replicate's network as it stands: valid until the replicate's next
/// step. All queries are O(1) unless stated; none throws. Not thread-safe against step().
class NetworkView {
 public:
  explicit NetworkView(const detail::Network& network) noexcept : network_(&network) {}

  /// Actors (the region's, closed firms included).
  [[nodiscard]] std::size_t size() const noexcept;
  /// Live ties.
  [[nodiscard]] std::size_t ties() const noexcept;
  /// v's partners, ascending.
  [[nodiscard]] std::span<const std::uint32_t> neighbours(std::uint32_t v) const;
  /// The live tie between u and v, if any (a copy). O(log degree).
  [[nodiscard]] std::optional<SimTie> tie(std::uint32_t u, std::uint32_t v) const;
  /// Whether v operates (a closed firm does not).
  [[nodiscard]] bool is_open(std::uint32_t v) const;
  /// Whether v has a partner in science (university, institute, research group).
  [[nodiscard]] bool has_science_partner(std::uint32_t v) const;
  /// Triangles among live ties.
  [[nodiscard]] std::uint64_t triangles() const noexcept;

 private:
  const detail::Network* network_;
};

}  // namespace verbund::sim
