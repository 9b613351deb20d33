#pragma once

// The method of simulated moments: parameters that bring simulated statistics closest to their
// targets, with standard errors, convergence t-ratios and the estimates' correlation.

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace verbund::calib {

/// A parameter to estimate, within [low, high], starting at `start`.
struct FreeParameter {
  std::string key;
  double low = 0.0, high = 1.0, start = 0.5;
};

/// The statistics of every replicate at parameters theta: result[r][k] for replicate r and
/// statistic k (NaN where a replicate leaves a statistic undefined). It must use the same random
/// numbers for every theta (common random numbers), so that the objective is smooth.
using MomentSimulator =
    std::function<std::vector<std::vector<double>>(std::span<const double> theta)>;

struct MsmOptions {
  /// NLopt's derivative-free local algorithm with bounds: "bobyqa" (default), "sbplx" or
  /// "neldermead" (NLopt's, with bounds).
  std::string algorithm = "bobyqa";
  int max_evaluations = 150;  ///< of the optimiser; the start and the Jacobian come on top
  double xtol_rel = 1e-3;     ///< stop when a step changes every parameter by less than this share
  /// Finite-difference step of the Jacobian, as a share of each parameter's range: wide enough
  /// to see through the discreteness of a simulation, narrow enough to stay local.
  double jacobian_step = 0.02;
  /// After the optimiser, at most this many Gauss-Newton steps with the Jacobian while some
  /// |t-ratio| > 0.1, each kept only if the objective falls (1 + 2 x parameters evaluations
  /// each). 0 = off.
  int newton_steps = 0;
  /// Called after every evaluation with its number and objective (serial).
  std::function<void(int evaluation, double objective)> progress{};
};

/// Why the optimiser stopped, for what to advise when the targets are not met.
enum class StopKind {
  tolerance,         ///< its steps or improvements fell below tolerance: a local optimum
  evaluation_limit,  ///< MsmOptions::max_evaluations spent: it may not have finished
  rounding,          ///< the objective's differences vanished in rounding (flat or noisy)
  other,             ///< a time limit, an objective floor, a failure
};

struct MsmResult {
  std::vector<double> estimate;
  /// Sandwich standard errors: sqrt of the diagonal of
  /// (1 + 1/R) (G'WG)^-1 G'W S W G (G'WG)^-1, with G the Jacobian of the mean statistics
  /// (central differences), W the weights and S the replicates' covariance of the statistics
  /// (one replicate stands for the one observed region). NaN where G'WG is singular (a
  /// parameter the targets do not identify).
  std::vector<double> standard_error;
  std::vector<std::vector<double>> correlation;  ///< of the estimates, from the same matrix
  std::vector<double> simulated;  ///< mean statistic over the replicates at the estimate
  std::vector<double> sd;         ///< replicates' standard deviation at the estimate
  std::vector<double> t_ratio;    ///< (simulated - target) / sd: converged when all |t| <= 0.1
  std::vector<double> weight;     ///< of each statistic: its weight / sd at the start squared
  std::vector<std::vector<double>> jacobian;      ///< [statistic][parameter]
  std::vector<bool> at_bound;                     ///< estimate within 0.1 % of the range of a bound
  double objective_start = 0.0, objective = 0.0;  ///< sum of weight x (simulated - target)^2
  int evaluations = 0;                            ///< simulator calls, Jacobian included
  /// The optimiser's calls (at most MsmOptions::max_evaluations); `evaluations` adds the start,
  /// the estimate and the Jacobian's 2 x parameters.
  int optimiser_evaluations = 0;
  int newton_steps = 0;  ///< Gauss-Newton steps kept after the optimiser (MsmOptions)
  /// Why NLopt stopped ("tolerance reached", "evaluation limit reached", ...): the optimiser's
  /// criterion, not whether the targets are met (the t-ratios say that).
  std::string stop_reason;
  StopKind stop = StopKind::other;  ///< the same, as a kind
  std::size_t replicates = 0;
  [[nodiscard]] double max_abs_t() const noexcept;
};

/// Minimises sum_k w_k (mean_r m_rk(theta) - target_k)^2 over the box of `parameters` with
/// NLopt, w_k = weights[k] / sd_k^2 with sd_k the replicates' standard deviation at the start
/// (fixed, so that the objective does not move under the optimiser; floored at 0.1 % of
/// max(1, |target|)). Then the Jacobian (2 x parameters more calls), MsmOptions::newton_steps
/// Gauss-Newton steps (each 1 to 3 tries and a new Jacobian), and the sandwich.
/// Cost: (evaluations + 2 p + steps x (3 + 2 p)) simulator calls at most. Throws InvalidInput
/// for empty bounds, a start outside them, mismatched sizes or an unknown algorithm; what the
/// simulator throws.
[[nodiscard]] MsmResult estimate(const MomentSimulator& simulate, std::span<const double> targets,
                                 std::span<const double> weights,
                                 std::span<const FreeParameter> parameters,
                                 const MsmOptions& options = {});

/// The inverse of a small dense symmetric matrix (Gauss-Jordan with partial pivoting); empty if
/// it is singular. O(n^3). No throw beyond std::bad_alloc.
[[nodiscard]] std::vector<std::vector<double>> invert(std::vector<std::vector<double>> a);

}  // namespace verbund::calib
