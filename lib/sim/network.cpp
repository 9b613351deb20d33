#include "sim/network.hpp"

#include <algorithm>
#include <numeric>

#include "verbund/analysis/indicators.hpp"

namespace verbund::sim::detail {

namespace {
std::uint64_t key(std::uint32_t u, std::uint32_t v) { return PairIndex::key(u, v); }
}  // namespace

Network::Network(const core::Region& region, std::optional<int> year)
    : region_(&region), neighbours_(region.size()) {
  init_actors();
  for (const auto& t : region.ties()) {
    if (t.source == t.target || (year && !t.active_in(*year))) continue;
    int ends = -1;
    if (t.kind == core::TieKind::project && t.end && year) ends = (*t.end - *year + 1) * 12;
    connect(t.source.value, t.target.value, t.kind, ends);
    // A pair's ties merge into one; a supply tie among them gives it its direction.
    if (t.kind == core::TieKind::supply) mark_delivery(t.source.value, t.target.value);
  }
}

Network::Network(const core::Region& region, std::span<const SimTie> ties)
    : region_(&region), neighbours_(region.size()) {
  init_actors();
  for (const auto& t : ties) {
    connect(t.a, t.b, t.kind, t.ends);
    auto* restored = tie(t.a, t.b);
    restored->strength = t.strength;
    restored->created = t.created;
    restored->delivers = t.delivers;
  }
}

void Network::init_actors() {
  const auto& region = *region_;
  const std::size_t n = region.size();
  firm_.resize(n);
  science_.resize(n);
  municipality_.resize(n);
  kind_.resize(n);
  open_.assign(n, 1);
  operating_ = n;
  science_neighbours_.assign(n, 0);
  kind_counts_.assign(n, {});
  distinct_kinds_.assign(n, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    const core::ActorId a{v};
    firm_[v] = analysis::counts_as_firm(region.kind(a));
    science_[v] = analysis::counts_as_science(region.kind(a));
    kind_[v] = static_cast<std::uint8_t>(region.kind(a));
    const auto m = region.municipality(a);
    municipality_[v] = m ? m->value : UINT32_MAX;
    firms_ += firm_[v];
  }
}

bool Network::connected(std::uint32_t u, std::uint32_t v) const {
  // u's row only: callers pass the actor whose row is already in cache (the one meeting).
  const auto& row = neighbours_[u];
  return std::binary_search(row.begin(), row.end(), v);
}

std::size_t Network::common_neighbours(std::uint32_t u, std::uint32_t v) const {
  const auto* a = &neighbours_[u];
  const auto* b = &neighbours_[v];
  if (a->size() > b->size()) std::swap(a, b);
  std::size_t count = 0;
  if (a->size() * 8 < b->size()) {
    // A hub meets a small actor: look the few up in the many, O(d_small log d_large).
    for (const auto x : *a) count += std::binary_search(b->begin(), b->end(), x) ? 1 : 0;
    return count;
  }
  std::size_t i = 0, j = 0;
  while (i < a->size() && j < b->size()) {
    if ((*a)[i] < (*b)[j]) {
      ++i;
    } else if ((*b)[j] < (*a)[i]) {
      ++j;
    } else {
      ++count, ++i, ++j;
    }
  }
  return count;
}

SimTie* Network::tie(std::uint32_t u, std::uint32_t v) {
  const auto slot = u == v ? PairIndex::absent : index_.find(key(u, v));
  return slot == PairIndex::absent ? nullptr : &ties_[slot];
}

const SimTie* Network::tie(std::uint32_t u, std::uint32_t v) const {
  return const_cast<Network*>(this)->tie(u, v);
}

void Network::count_edge(std::uint32_t u, std::uint32_t v, int sign) {
  // Called with the edge absent from both rows: its triangles are the common neighbours, and
  // each endpoint's connected triples grow by its current degree.
  const auto common = static_cast<std::uint64_t>(common_neighbours(u, v));
  const double du = static_cast<double>(neighbours_[u].size());
  const double dv = static_cast<double>(neighbours_[v].size());
  if (sign > 0) {
    triangles_ += common;
    triples_ += du + dv;
    ++edges_;
  } else {
    triangles_ -= common;
    triples_ -= du + dv;
    --edges_;
  }
  const auto pu = place(u), pv = place(v);
  if (analysis::is_located_pair(pu, pv)) {
    located_ += sign > 0 ? 1 : static_cast<std::size_t>(-1);
    if (analysis::is_cross_municipal(pu, pv)) cross_ += sign > 0 ? 1 : static_cast<std::size_t>(-1);
  }
  auto science_count = [&](std::uint32_t x, std::uint32_t other) {
    if (!science_[other]) return;
    if (sign > 0) {
      if (science_neighbours_[x]++ == 0 && firm_[x]) ++firms_with_science_;
    } else {
      if (--science_neighbours_[x] == 0 && firm_[x]) --firms_with_science_;
    }
  };
  science_count(u, v);
  science_count(v, u);
  auto kind_count = [&](std::uint32_t x, std::uint32_t partner) {
    auto& count = kind_counts_[x][kind_[partner]];
    if (sign > 0) {
      if (count++ == 0) ++distinct_kinds_[x];
    } else {
      if (--count == 0) --distinct_kinds_[x];
    }
  };
  kind_count(u, v);
  kind_count(v, u);
}

bool Network::connect(std::uint32_t u, std::uint32_t v, core::TieKind kind, int ends) {
  if (u == v || !open_[u] || !open_[v] || connected(u, v)) return false;
  count_edge(u, v, +1);
  auto insert = [&](std::uint32_t x, std::uint32_t y) {
    auto& row = neighbours_[x];
    row.insert(std::lower_bound(row.begin(), row.end(), y), y);
  };
  insert(u, v);
  insert(v, u);
  index_.set(key(u, v), static_cast<std::uint32_t>(ties_.size()));
  ties_.push_back({std::min(u, v), std::max(u, v), kind, 1.0, ends, true, month_});
  return true;
}

void Network::mark_delivery(std::uint32_t supplier, std::uint32_t buyer) {
  if (auto* t = tie(supplier, buyer)) {
    t->delivers |= supplier < buyer ? delivers_ab : delivers_ba;
    ++supply_changes_;
  }
}

void Network::disconnect(std::uint32_t u, std::uint32_t v) {
  if (u == v) return;
  const auto slot = index_.find(key(u, v));
  if (slot == PairIndex::absent) return;
  ties_[slot].alive = false;
  if (ties_[slot].delivers != 0) ++supply_changes_;
  index_.erase(key(u, v));
  auto erase = [&](std::uint32_t x, std::uint32_t y) {
    auto& row = neighbours_[x];
    row.erase(std::lower_bound(row.begin(), row.end(), y));
  };
  erase(u, v);
  erase(v, u);
  count_edge(u, v, -1);
}

void Network::close(std::uint32_t v) {
  if (!open_[v]) return;
  while (!neighbours_[v].empty()) disconnect(v, neighbours_[v].back());
  open_[v] = 0;
  ++supply_changes_;
  --operating_;
  if (firm_[v]) --firms_;
}

void Network::reopen(std::uint32_t v) {
  if (open_[v]) return;
  open_[v] = 1;
  ++supply_changes_;
  ++operating_;
  if (firm_[v]) ++firms_;
}

void Network::compact() {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < ties_.size(); ++i) {
    if (!ties_[i].alive) continue;
    ties_[kept] = ties_[i];
    index_.set(key(ties_[kept].a, ties_[kept].b), static_cast<std::uint32_t>(kept));
    ++kept;
  }
  ties_.resize(kept);
}

std::size_t Network::giant_size() const {
  const auto n = static_cast<std::uint32_t>(size());
  if (n == 0) return 0;
  std::vector<std::uint32_t> parent(n), size_of(n, 1);
  std::iota(parent.begin(), parent.end(), 0U);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const auto& t : ties_) {  // one contiguous pass over the tie list
    if (!t.alive) continue;
    auto a = find(t.a), b = find(t.b);
    if (a == b) continue;
    if (size_of[a] < size_of[b]) std::swap(a, b);
    parent[b] = a;
    size_of[a] += size_of[b];
  }
  std::uint32_t giant = 0;
  for (std::uint32_t v = 0; v < n; ++v)
    if (parent[v] == v) giant = std::max(giant, size_of[v]);
  return giant;
}

}  // namespace verbund::sim::detail
