#include "min_cost_flow.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace verbund::match::detail {

std::uint32_t CostScalingCirculation::add_arc(std::uint32_t from, std::uint32_t to,
                                              std::int64_t capacity, std::int64_t cost) {
  input_.push_back({from, to, capacity, cost});
  return static_cast<std::uint32_t>(input_.size() - 1);
}

void CostScalingCirculation::build() {
  first_.assign(nodes_ + 1, 0);
  for (const auto& a : input_) {
    ++first_[a.from + 1];
    ++first_[a.to + 1];
  }
  for (std::uint32_t v = 0; v < nodes_; ++v) first_[v + 1] += first_[v];
  const std::size_t entries = first_[nodes_];
  head_.resize(entries);
  reverse_.resize(entries);
  residual_.resize(entries);
  cost_.resize(entries);
  forward_of_.resize(input_.size());
  std::vector<std::uint64_t> at(first_.begin(), first_.end() - 1);
  for (std::size_t k = 0; k < input_.size(); ++k) {
    const auto& a = input_[k];
    const auto f = at[a.from]++, r = at[a.to]++;
    head_[f] = a.to;
    head_[r] = a.from;
    reverse_[f] = static_cast<std::uint32_t>(r);
    reverse_[r] = static_cast<std::uint32_t>(f);
    residual_[f] = a.capacity;
    residual_[r] = 0;
    cost_[f] = a.cost * scale_;
    cost_[r] = -a.cost * scale_;
    forward_of_[k] = f;
  }
}

void CostScalingCirculation::refine(std::int64_t epsilon) {
  // Make the current flow epsilon-optimal for the prices by saturating every arc that violates
  // it, then push the created excesses back along admissible arcs (reduced cost < 0).
  for (std::uint32_t u = 0; u < nodes_; ++u) {
    for (auto e = first_[u]; e < first_[u + 1]; ++e) {
      const auto r = residual_[e];
      if (r > 0 && cost_[e] + price_[u] - price_[head_[e]] < 0) {
        excess_[u] -= r;
        excess_[head_[e]] += r;
        residual_[reverse_[e]] += r;
        residual_[e] = 0;
      }
    }
  }
  std::vector<std::uint32_t> queue;
  std::vector<std::uint64_t> current(first_.begin(), first_.end() - 1);
  for (std::uint32_t v = 0; v < nodes_; ++v) {
    if (excess_[v] > 0) queue.push_back(v);
  }
  for (std::size_t q = 0; q < queue.size(); ++q) {  // FIFO: deterministic
    const std::uint32_t u = queue[q];
    while (excess_[u] > 0) {
      if (current[u] == first_[u + 1]) {
        // Relabel: lower the price just enough for an admissible arc to appear.
        std::int64_t best = std::numeric_limits<std::int64_t>::min();
        for (auto e = first_[u]; e < first_[u + 1]; ++e) {
          if (residual_[e] > 0) best = std::max(best, price_[head_[e]] - cost_[e]);
        }
        price_[u] = best - epsilon;
        current[u] = first_[u];
      }
      const auto e = current[u];
      const auto v = head_[e];
      if (residual_[e] > 0 && cost_[e] + price_[u] - price_[v] < 0) {
        const auto delta = std::min(excess_[u], residual_[e]);
        const bool was_active = excess_[v] > 0;
        excess_[u] -= delta;
        excess_[v] += delta;
        residual_[e] -= delta;
        residual_[reverse_[e]] += delta;
        if (!was_active && excess_[v] > 0) queue.push_back(v);
      } else {
        ++current[u];
      }
    }
    if (queue.size() > (std::size_t{1} << 20) && q > queue.size() / 2) {
      queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(q + 1));
      q = static_cast<std::size_t>(-1);
    }
  }
}

void CostScalingCirculation::exact_potentials() {
  // Prices / scale are within 1/(n+1) of a feasible potential; label-correcting shortest paths
  // on the residual network make them exact (no negative cycle exists at the optimum).
  potential_.resize(nodes_);
  for (std::uint32_t v = 0; v < nodes_; ++v) {
    const auto p = price_[v];
    potential_[v] = p >= 0 ? p / scale_ : -((-p + scale_ - 1) / scale_);
  }
  std::vector<std::uint32_t> queue(nodes_);
  std::vector<std::uint8_t> queued(nodes_, 1);
  for (std::uint32_t v = 0; v < nodes_; ++v) queue[v] = v;
  std::uint64_t relaxations = 0;
  const std::uint64_t limit = std::uint64_t{nodes_} * (first_[nodes_] + 1) + 1;
  for (std::size_t q = 0; q < queue.size(); ++q) {
    const auto u = queue[q];
    queued[u] = 0;
    for (auto e = first_[u]; e < first_[u + 1]; ++e) {
      if (residual_[e] <= 0) continue;
      const auto v = head_[e];
      const auto through = potential_[u] + cost_[e] / scale_;
      if (potential_[v] > through) {
        potential_[v] = through;
        if (++relaxations > limit) throw std::logic_error("min-cost flow: negative cycle left");
        if (!queued[v]) {
          queued[v] = 1;
          queue.push_back(v);
        }
      }
    }
    if (q > (std::size_t{1} << 20) && q > queue.size() / 2) {
      queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(q + 1));
      q = static_cast<std::size_t>(-1);
    }
  }
}

void CostScalingCirculation::solve() {
  scale_ = static_cast<std::int64_t>(nodes_) + 1;
  std::int64_t max_cost = 0;
  for (const auto& a : input_) max_cost = std::max(max_cost, a.cost < 0 ? -a.cost : a.cost);
  // Prices stay within about 3 n epsilon_0 of 0 (Goldberg); keep a margin below 2^63.
  const long double reach = static_cast<long double>(max_cost) * scale_ * 4.0L * (nodes_ + 1);
  if (reach > static_cast<long double>(std::numeric_limits<std::int64_t>::max() / 4)) {
    throw std::overflow_error("min-cost flow: costs too large for 64-bit prices");
  }
  build();
  price_.assign(nodes_, 0);
  excess_.assign(nodes_, 0);
  std::int64_t epsilon = max_cost * scale_;
  while (epsilon > 1) {
    epsilon = std::max<std::int64_t>(1, epsilon / 8);
    refine(epsilon);
  }
  exact_potentials();
}

std::int64_t CostScalingCirculation::flow(std::uint32_t arc) const {
  return residual_[reverse_[forward_of_[arc]]];
}

}  // namespace verbund::match::detail
