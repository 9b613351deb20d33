#include "verbund/sim/network_view.hpp"

#include "sim/network.hpp"

namespace verbund::sim {

std::size_t NetworkView::size() const noexcept { return network_->size(); }
std::size_t NetworkView::ties() const noexcept { return network_->edges(); }
std::span<const std::uint32_t> NetworkView::neighbours(std::uint32_t v) const {
  return network_->neighbours(v);
}
std::optional<SimTie> NetworkView::tie(std::uint32_t u, std::uint32_t v) const {
  if (const auto* t = network_->tie(u, v)) return *t;
  return std::nullopt;
}
bool NetworkView::is_open(std::uint32_t v) const { return network_->is_open(v); }
bool NetworkView::has_science_partner(std::uint32_t v) const {
  return network_->has_science_partner(v);
}
std::uint64_t NetworkView::triangles() const noexcept { return network_->triangles(); }

}  // namespace verbund::sim
