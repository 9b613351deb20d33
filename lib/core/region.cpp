#include "verbund/core/region.hpp"

#include <algorithm>

namespace verbund::core {
namespace {

template <typename T>
std::span<const T> row(const std::vector<std::uint64_t>& offsets, const std::vector<T>& entries,
                       std::size_t i) {
  if (i + 1 >= offsets.size()) return {};
  return std::span<const T>(entries.data() + offsets[i], offsets[i + 1] - offsets[i]);
}

std::optional<int> maybe(std::int32_t value, std::int32_t absent) {
  if (value == absent) return std::nullopt;
  return value;
}

template <typename T>
std::size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t bytes_of(const std::vector<std::string>& v) {
  std::size_t total = v.capacity() * sizeof(std::string);
  for (const auto& s : v) {
    if (s.capacity() > 15) total += s.capacity() + 1;  // beyond the small-string buffer
  }
  return total;
}

}  // namespace

std::optional<MunicipalityId> Region::municipality(ActorId a) const {
  const auto m = municipality_[a.value];
  if (m == no_actor_) return std::nullopt;
  return MunicipalityId{m};
}

std::optional<GeoPoint> Region::location(ActorId a) const {
  if (has_location_[a.value] == 0) return std::nullopt;
  return location_[a.value];
}

std::optional<int> Region::employees(ActorId a) const {
  return maybe(employees_[a.value], absent_);
}

std::optional<FirmSize> Region::size_class(ActorId a) const {
  auto e = employees(a);
  if (!e) return std::nullopt;
  return firm_size_from_employees(*e);
}

std::optional<int> Region::founded(ActorId a) const { return maybe(founded_[a.value], absent_); }
std::optional<int> Region::capacity(ActorId a) const { return maybe(capacity_[a.value], absent_); }

std::optional<ActorId> Region::parent(ActorId a) const {
  const auto p = parent_[a.value];
  if (p == no_actor_) return std::nullopt;
  return ActorId{p};
}

std::span<const Attribute> Region::attributes(ActorId a) const {
  return row(attribute_offsets_, attributes_, a.value);
}

std::optional<std::string_view> Region::attribute(ActorId a, std::string_view key) const {
  auto attrs = attributes(a);
  auto it = std::lower_bound(attrs.begin(), attrs.end(), key,
                             [](const Attribute& x, std::string_view k) { return x.key < k; });
  if (it == attrs.end() || it->key != key) return std::nullopt;
  return std::string_view(it->value);
}

std::span<const CompetenceWeight> Region::offers(ActorId a) const {
  return row(offer_offsets_, offers_, a.value);
}

std::span<const CompetenceWeight> Region::needs(ActorId a) const {
  return row(need_offsets_, needs_, a.value);
}

std::optional<ActorId> Region::find(std::string_view id) const {
  auto it = std::lower_bound(
      id_order_.begin(), id_order_.end(), id,
      [this](std::uint32_t i, std::string_view key) { return external_ids_[i] < key; });
  if (it == id_order_.end() || external_ids_[*it] != id) return std::nullopt;
  return ActorId{*it};
}

std::span<const ActorId> Region::actors_of_kind(ActorKind kind) const {
  return row(kind_offsets_, by_kind_, static_cast<std::size_t>(kind));
}

std::span<const ActorId> Region::actors_in(MunicipalityId m) const {
  return row(municipality_offsets_, by_municipality_, m.value);
}

std::optional<MunicipalityId> Region::find_municipality(std::string_view name) const {
  auto it = std::lower_bound(municipality_names_.begin(), municipality_names_.end(), name);
  if (it == municipality_names_.end() || *it != name) return std::nullopt;
  return MunicipalityId{static_cast<std::uint32_t>(it - municipality_names_.begin())};
}

std::span<const Neighbour> Region::neighbours(ActorId a) const {
  return row(adjacency_offsets_, adjacency_, a.value);
}

bool Region::connected(ActorId a, ActorId b) const {
  auto adj = neighbours(a);
  auto it = std::lower_bound(adj.begin(), adj.end(), b,
                             [](const Neighbour& n, ActorId key) { return n.actor < key; });
  return it != adj.end() && it->actor == b;
}

std::span<const ActorId> Region::groups_of(ActorId a) const {
  return row(groups_of_offsets_, groups_of_, a.value);
}

std::span<const ActorId> Region::members_of(ActorId g) const {
  return row(members_of_offsets_, members_of_, g.value);
}

std::size_t Region::memory_bytes() const noexcept {
  std::size_t total = sizeof(Region);
  total += bytes_of(external_ids_) + bytes_of(names_) + bytes_of(sectors_) + bytes_of(kinds_);
  total += bytes_of(municipality_) + bytes_of(location_) + bytes_of(has_location_);
  total += bytes_of(employees_) + bytes_of(founded_) + bytes_of(capacity_) + bytes_of(parent_);
  total += bytes_of(attribute_offsets_) + bytes_of(attributes_);
  for (const auto& a : attributes_) total += a.key.capacity() + a.value.capacity();
  total += bytes_of(offer_offsets_) + bytes_of(offers_) + bytes_of(need_offsets_) +
           bytes_of(needs_) + bytes_of(id_order_);
  total += bytes_of(kind_offsets_) + bytes_of(by_kind_) + bytes_of(municipality_names_) +
           bytes_of(municipality_offsets_) + bytes_of(by_municipality_);
  total += bytes_of(ties_) + bytes_of(adjacency_offsets_) + bytes_of(adjacency_);
  total += bytes_of(memberships_) + bytes_of(groups_of_offsets_) + bytes_of(groups_of_) +
           bytes_of(members_of_offsets_) + bytes_of(members_of_);
  return total;
}

}  // namespace verbund::core
