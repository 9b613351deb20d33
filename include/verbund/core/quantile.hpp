#pragma once

#include <span>
#include <vector>

namespace verbund::core {

/// The q-quantile (q in [0, 1]) of `sorted`, which must be sorted ascending, by linear
/// interpolation between order statistics: R's `quantile(type = 7)` and numpy's default.
/// NaN for an empty span; q is clamped to [0, 1]. O(1). Thread-safe; does not throw.
[[nodiscard]] double quantile_sorted(std::span<const double> sorted, double q) noexcept;

/// The q-quantile of `values` (any order; sorted on a copy), as quantile_sorted.
/// O(n log n). Thread-safe; does not throw except std::bad_alloc.
[[nodiscard]] double quantile(std::vector<double> values, double q);

}  // namespace verbund::core
