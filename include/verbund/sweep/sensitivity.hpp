#pragma once

// Sensitivity analysis of a model output y over a sweep's design points: Morris elementary
// effects (screening) and Sobol first-order and total indices (Saltelli's design), each with a
// bootstrap confidence interval. Pure functions of (points, y, options): no model is run here.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "verbund/sweep/sweep.hpp"

namespace verbund::sweep {

/// An estimate with its bootstrap percentile interval.
struct Interval {
  double value = 0.0, low = 0.0, high = 0.0;
};

struct SensitivityOptions {
  std::size_t resamples = 1000;  ///< bootstrap resamples (of trajectories or base rows)
  std::uint64_t seed = 1;        ///< the resampling's seed
  double level = 0.95;           ///< the intervals' coverage
};

/// Morris screening of one parameter: mu* (mean absolute elementary effect, with its interval),
/// mu (mean effect) and sigma (the effects' standard deviation: interaction or non-linearity).
/// Effects are per unit of the parameter's range (the unit cube).
struct MorrisIndex {
  Interval mu_star;
  double mu = 0.0;
  double sigma = 0.0;
};

/// Morris indices per parameter from design_points of a morris design (trajectories of k + 1
/// points, in order) and y per point. O(trajectories x k x resamples).
/// Throws InvalidInput if the sizes do not fit or a step changes not exactly one coordinate.
/// Thread-safe.
[[nodiscard]] std::vector<MorrisIndex> morris_indices(std::span<const Point> points,
                                                      std::span<const double> y, std::size_t k,
                                                      const SensitivityOptions& options = {});

/// Sobol indices of one parameter: first order S_i (Saltelli 2010) and total S_Ti (Jansen 1999).
struct SobolIndex {
  Interval first;
  Interval total;
};

/// Sobol indices per parameter from y over a saltelli design (per base row: A, B, AB_1..AB_k).
/// V is the variance of y over A and B together. O(rows x k x resamples).
/// Throws InvalidInput if y.size() is not a multiple of k + 2 or y has no variance.
/// Thread-safe.
[[nodiscard]] std::vector<SobolIndex> sobol_indices(std::span<const double> y, std::size_t k,
                                                    const SensitivityOptions& options = {});

}  // namespace verbund::sweep
