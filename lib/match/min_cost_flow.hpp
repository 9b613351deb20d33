#pragma once

// Min-cost circulation by cost scaling with push–relabel (Goldberg 1997), on integer costs.
// Private to lib/match; used by optimal_assignment.

#include <cstdint>
#include <vector>

namespace verbund::match::detail {

class CostScalingCirculation {
 public:
  explicit CostScalingCirculation(std::uint32_t nodes) : nodes_(nodes) {}

  /// Adds arc from -> to with capacity >= 0 and integer cost; returns its index.
  std::uint32_t add_arc(std::uint32_t from, std::uint32_t to, std::int64_t capacity,
                        std::int64_t cost);

  /// Finds a minimum-cost circulation. Throws std::overflow_error if costs are too large for
  /// 64-bit prices at this size.
  void solve();

  [[nodiscard]] std::int64_t flow(std::uint32_t arc) const;
  /// Node potentials y with cost(u,v) + y(u) - y(v) >= 0 on every residual arc (exact, in the
  /// original cost units): the optimality certificate.
  [[nodiscard]] const std::vector<std::int64_t>& potentials() const noexcept { return potential_; }

 private:
  void build();
  void refine(std::int64_t epsilon);
  void exact_potentials();

  std::uint32_t nodes_;
  struct InputArc {
    std::uint32_t from, to;
    std::int64_t capacity, cost;
  };
  std::vector<InputArc> input_;
  // Residual network in CSR: each input arc k has a forward and a reverse entry.
  std::vector<std::uint64_t> first_;
  std::vector<std::uint32_t> head_, reverse_;
  std::vector<std::int64_t> residual_, cost_;
  std::vector<std::uint64_t> forward_of_;  // input arc -> its forward entry
  std::vector<std::int64_t> price_, excess_, potential_;
  std::int64_t scale_ = 1;
};

}  // namespace verbund::match::detail
