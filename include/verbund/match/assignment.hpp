#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace verbund::match {

/// A many-to-many assignment problem between "left" parties (seekers, e.g. firms) and "right"
/// parties (candidates, e.g. research groups): each has a capacity, and each listed pair a
/// score. Each pair can be used at most once.
struct AssignmentProblem {
  struct Pair {
    std::uint32_t left = 0;
    std::uint32_t right = 0;
    double score = 0.0;
  };
  std::vector<int> left_capacity;
  std::vector<int> right_capacity;
  std::vector<Pair> pairs;

  /// Throws InvalidInput on a negative capacity, an index out of range, a non-finite score or
  /// a pair listed twice, naming it. O(L + R + P log P) for L left and R right parties and P
  /// pairs. Thread-safe.
  void validate() const;
};

/// Chosen pairs (indices into `pairs`, ascending), their total score and each party's load.
struct Assignment {
  std::vector<std::uint32_t> chosen;
  double total = 0.0;
  std::vector<int> left_load;
  std::vector<int> right_load;
};

/// The welfare-optimal assignment with its certificate.
struct OptimalAssignment : Assignment {
  /// LP dual prices (>= 0) of every party's capacity. For any such prices,
  /// dual_bound = sum cap * price + sum over pairs of max(0, score - price_l - price_r) bounds
  /// every assignment's total from above (weak duality); at the optimum it meets the total.
  std::vector<double> left_price;
  std::vector<double> right_price;
  double dual_bound = 0.0;
  double gap = 0.0;  ///< dual_bound - total: 0 up to the rounding of scores to 1e-6
};

/// Maximum-total-score capacitated assignment (max-weight bipartite b-matching), as a
/// min-cost circulation solved by cost scaling (Goldberg 1997) on scores rounded to 1e-6 (coarser
/// only if the instance is too large for 64-bit prices); pairs with score <= 0 are never chosen.
/// Exact dual prices come from shortest paths in the final residual network. Deterministic. O(n^2 m
/// log(n C)) worst case, near-linear in practice. Throws InvalidInput if the problem fails
/// `validate`. Thread-safe (a pure function of `problem`).
[[nodiscard]] OptimalAssignment optimal_assignment(const AssignmentProblem& problem);

/// The dual bound of the given prices (see OptimalAssignment::dual_bound), one price per party.
/// O(L + R + P). Does not throw. Thread-safe.
[[nodiscard]] double dual_bound(const AssignmentProblem& problem,
                                std::span<const double> left_price,
                                std::span<const double> right_price);

/// Pairs by descending score (ties by pair index), each taken while both parties have room.
/// O(L + R + P log P). Throws InvalidInput if the problem fails `validate`. Thread-safe.
[[nodiscard]] Assignment greedy_assignment(const AssignmentProblem& problem);

/// Deferred acceptance with capacities, left side proposing (Gale–Shapley, Roth's many-to-many
/// extension). Left parties rank their pairs by score; right parties rank proposals by
/// `right_priority` (one value per pair; empty = the score). Ties: lower index first. Only
/// pairs with score > 0 are acceptable. O(L + R + P log P): each pair is proposed at most
/// once. Throws InvalidInput if the problem fails `validate` or `right_priority` is neither
/// empty nor one value per pair. Thread-safe.
[[nodiscard]] Assignment stable_assignment(const AssignmentProblem& problem,
                                           std::span<const double> right_priority = {});

/// Pairs of an assignment's problem that block it: not chosen, acceptable to both, and each side
/// has room or prefers the other to its worst current partner (same rankings as above).
/// `assignment` must be one of `problem` and `right_priority` empty or one value per pair (not
/// checked). O(L + R + P). Throws only std::bad_alloc. Thread-safe.
[[nodiscard]] std::vector<std::uint32_t> blocking_pairs(
    const AssignmentProblem& problem, const Assignment& assignment,
    std::span<const double> right_priority = {});

}  // namespace verbund::match
