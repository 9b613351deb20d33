// The method of simulated moments with NLopt's bounded derivative-free optimisers.
#include "verbund/calib/msm.hpp"

#include <nlopt.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "verbund/error.hpp"

namespace verbund::calib {

namespace {
// A number in its shortest form for messages (1.5, not std::to_string's 1.500000).
std::string shortest(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

using Matrix = std::vector<std::vector<double>>;

struct Moments {
  std::vector<double> mean, sd;
  Matrix covariance;
  bool defined = true;  ///< every statistic defined in some replicate
};

// Means and covariance over replicates; a replicate's undefined statistic takes the others'
// mean, so that it neither counts nor moves the mean.
Moments summarise(const Matrix& draws, std::size_t k) {
  Moments m;
  m.mean.assign(k, 0.0);
  std::vector<std::size_t> n(k, 0);
  for (const auto& row : draws) {
    if (row.size() != k) throw InvalidInput("the simulator gave a wrong number of statistics");
    for (std::size_t j = 0; j < k; ++j)
      if (!std::isnan(row[j])) {
        m.mean[j] += row[j];
        ++n[j];
      }
  }
  for (std::size_t j = 0; j < k; ++j) {
    if (n[j] == 0) m.defined = false;
    m.mean[j] = n[j] > 0 ? m.mean[j] / static_cast<double>(n[j]) : 0.0;
  }
  m.covariance.assign(k, std::vector<double>(k, 0.0));
  const auto r = static_cast<double>(draws.size());
  for (const auto& row : draws)
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j < k; ++j) {
        const double di = std::isnan(row[i]) ? 0.0 : row[i] - m.mean[i];
        const double dj = std::isnan(row[j]) ? 0.0 : row[j] - m.mean[j];
        m.covariance[i][j] += di * dj / std::max(1.0, r - 1.0);
      }
  m.sd.resize(k);
  for (std::size_t j = 0; j < k; ++j) m.sd[j] = std::sqrt(m.covariance[j][j]);
  return m;
}

nlopt::algorithm algorithm_named(const std::string& name) {
  if (name == "bobyqa") return nlopt::LN_BOBYQA;
  if (name == "sbplx") return nlopt::LN_SBPLX;
  if (name == "neldermead") return nlopt::LN_NELDERMEAD;
  throw InvalidInput("unknown optimiser '" + name + "' (known: bobyqa, sbplx, neldermead)");
}

StopKind kind_of(nlopt::result r) {
  switch (r) {
    case nlopt::SUCCESS:
    case nlopt::FTOL_REACHED:
    case nlopt::XTOL_REACHED:
      return StopKind::tolerance;
    case nlopt::MAXEVAL_REACHED:
      return StopKind::evaluation_limit;
    default:
      return StopKind::other;
  }
}

std::string reason(nlopt::result r) {
  switch (r) {
    case nlopt::SUCCESS:  // NLopt's own tolerance, not the targets: the t-ratios tell that
      return "tolerance reached";
    case nlopt::STOPVAL_REACHED:
      return "objective reached its floor";
    case nlopt::FTOL_REACHED:
      return "tolerance reached (objective stopped improving)";
    case nlopt::XTOL_REACHED:
      return "tolerance reached (parameters stopped moving)";
    case nlopt::MAXEVAL_REACHED:
      return "evaluation limit reached";
    case nlopt::MAXTIME_REACHED:
      return "time limit reached";
    default:
      return "stopped (" + std::to_string(static_cast<int>(r)) + ")";
  }
}

}  // namespace

double MsmResult::max_abs_t() const noexcept {
  double m = 0.0;
  for (const double t : t_ratio) m = std::max(m, std::abs(t));
  return m;
}

Matrix invert(Matrix a) {
  const std::size_t n = a.size();
  Matrix inv(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1.0;
  double scale = 0.0;
  for (const auto& row : a)
    for (const double v : row) scale = std::max(scale, std::abs(v));
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t p = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[p][c])) p = r;
    if (!(std::abs(a[p][c]) > 1e-12 * scale)) return {};
    std::swap(a[p], a[c]);
    std::swap(inv[p], inv[c]);
    const double d = a[c][c];
    for (std::size_t j = 0; j < n; ++j) {
      a[c][j] /= d;
      inv[c][j] /= d;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c || a[r][c] == 0.0) continue;
      const double f = a[r][c];
      for (std::size_t j = 0; j < n; ++j) {
        a[r][j] -= f * a[c][j];
        inv[r][j] -= f * inv[c][j];
      }
    }
  }
  return inv;
}

MsmResult estimate(const MomentSimulator& simulate, std::span<const double> targets,
                   std::span<const double> weights, std::span<const FreeParameter> parameters,
                   const MsmOptions& options) {
  const std::size_t k = targets.size(), p = parameters.size();
  if (weights.size() != k) throw InvalidInput("one weight per target is needed");
  if (p == 0) throw InvalidInput("no parameter to estimate");
  for (const auto& f : parameters) {
    if (!(f.low < f.high))
      throw InvalidInput("parameter '" + f.key + "': the bounds [" + shortest(f.low) + ", " +
                         shortest(f.high) + "] are empty");
    if (!(f.start >= f.low && f.start <= f.high))
      throw InvalidInput("parameter '" + f.key + "': the start " + std::to_string(f.start) +
                         " lies outside its bounds");
  }
  const auto algorithm = algorithm_named(options.algorithm);

  MsmResult out;
  std::vector<double> theta(p), low(p), high(p), step(p);
  for (std::size_t j = 0; j < p; ++j) {
    theta[j] = parameters[j].start;
    low[j] = parameters[j].low;
    high[j] = parameters[j].high;
    step[j] = 0.1 * (high[j] - low[j]);
  }
  auto moments = [&](std::span<const double> at) {
    ++out.evaluations;
    const auto draws = simulate(at);
    out.replicates = draws.size();
    return summarise(draws, k);
  };

  // Weights from the spread at the start, then fixed.
  const Moments start = moments(theta);
  out.weight.resize(k);
  for (std::size_t j = 0; j < k; ++j) {
    const double floor = 1e-3 * std::max(1.0, std::abs(targets[j]));
    const double sd = std::max(start.sd[j], floor);
    out.weight[j] = weights[j] / (sd * sd);
  }
  auto distance = [&](const Moments& m) {
    if (!m.defined) return 1e12;  // a statistic no replicate defines: far from any target
    double d = 0.0;
    for (std::size_t j = 0; j < k; ++j) d += out.weight[j] * std::pow(m.mean[j] - targets[j], 2);
    return d;
  };
  out.objective_start = distance(start);

  nlopt::opt opt(algorithm, static_cast<unsigned>(p));
  opt.set_lower_bounds(low);
  opt.set_upper_bounds(high);
  opt.set_initial_step(step);
  opt.set_xtol_rel(options.xtol_rel);
  opt.set_maxeval(std::max(1, options.max_evaluations));
  // The best point evaluated, the start included: NLopt returns the best of its own evaluations
  // only, and a first step from a start near a bound can land far worse than the start.
  std::vector<double> best_x = theta;
  double best_f = out.objective_start;
  struct Context {
    std::function<double(std::span<const double>)> objective;
    std::exception_ptr error;
  } context{[&](std::span<const double> x) {
              const double d = distance(moments(x));
              if (options.progress) options.progress(out.evaluations, d);
              if (d < best_f) {
                best_f = d;
                best_x.assign(x.begin(), x.end());
              }
              return d;
            },
            nullptr};
  opt.set_min_objective(
      [](unsigned n, const double* x, double*, void* data) -> double {
        auto& c = *static_cast<Context*>(data);
        try {
          return c.objective(std::span<const double>(x, n));
        } catch (...) {
          c.error = std::current_exception();
          throw nlopt::forced_stop();
        }
      },
      &context);
  double best = out.objective_start;
  try {
    const auto result = opt.optimize(theta, best);
    out.stop_reason = reason(result);
    out.stop = kind_of(result);
  } catch (const nlopt::forced_stop&) {
    if (context.error) std::rethrow_exception(context.error);
    throw;
  } catch (const nlopt::roundoff_limited&) {
    out.stop_reason = "stopped at the limit of rounding";
    out.stop = StopKind::rounding;
  }
  if (context.error) std::rethrow_exception(context.error);
  out.optimiser_evaluations = out.evaluations - 1;  // less the start, which sets the weights
  theta = best_x;  // the objective is deterministic (common random numbers): best is best
  out.estimate = theta;
  out.objective = best_f;

  // At the estimate: its statistics, their spread, and the Jacobian by central differences
  // (one-sided at a bound).
  Moments at;
  auto assess = [&](const Moments& m) {
    at = m;
    out.objective = distance(at);
    out.simulated = at.mean;
    out.sd = at.sd;
    out.t_ratio.resize(k);
    for (std::size_t j = 0; j < k; ++j)
      out.t_ratio[j] = at.sd[j] > 0               ? (at.mean[j] - targets[j]) / at.sd[j]
                       : at.mean[j] == targets[j] ? 0.0
                                                  : std::numeric_limits<double>::infinity();
    out.jacobian.assign(k, std::vector<double>(p, 0.0));
    out.at_bound.assign(p, false);
    for (std::size_t i = 0; i < p; ++i) {
      const double range = high[i] - low[i];
      out.at_bound[i] = theta[i] - low[i] < 1e-3 * range || high[i] - theta[i] < 1e-3 * range;
      const double h = options.jacobian_step * range;
      auto up = theta, down = theta;
      up[i] = std::min(high[i], theta[i] + h);
      down[i] = std::max(low[i], theta[i] - h);
      const auto mu = moments(up).mean;
      const auto md = moments(down).mean;
      for (std::size_t j = 0; j < k; ++j) out.jacobian[j][i] = (mu[j] - md[j]) / (up[i] - down[i]);
    }
  };
  assess(moments(theta));

  // Gauss-Newton steps with that Jacobian, as RSiena's phase 2 steps by its derivative matrix:
  // theta - (G'WG)^-1 G'W (m - t), or a half or a quarter of it, kept only where the objective
  // falls. A derivative-free optimiser stalls on a simulation's rounding before |t| <= 0.1; the
  // Jacobian's wide differences see through it.
  for (int n = 0; n < options.newton_steps && out.max_abs_t() > 0.1; ++n) {
    Matrix gwg(p, std::vector<double>(p, 0.0));
    std::vector<double> gwr(p, 0.0);
    for (std::size_t a = 0; a < p; ++a)
      for (std::size_t j = 0; j < k; ++j) {
        gwr[a] += out.jacobian[j][a] * out.weight[j] * (at.mean[j] - targets[j]);
        for (std::size_t c = 0; c < p; ++c)
          gwg[a][c] += out.jacobian[j][a] * out.weight[j] * out.jacobian[j][c];
      }
    const Matrix inverse = invert(gwg);
    if (inverse.empty()) break;
    bool moved = false;
    for (const double share : {1.0, 0.5, 0.25}) {
      auto next = theta;
      for (std::size_t a = 0; a < p; ++a) {
        double d = 0.0;
        for (std::size_t c = 0; c < p; ++c) d -= inverse[a][c] * gwr[c];
        next[a] = std::clamp(theta[a] + share * d, low[a], high[a]);
      }
      const Moments tried = moments(next);
      if (distance(tried) < out.objective) {
        theta = next;
        out.estimate = theta;
        ++out.newton_steps;
        assess(tried);
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }

  // Sandwich: (1 + 1/R) B^-1 G'W S W G B^-1 with B = G'WG.
  Matrix b(p, std::vector<double>(p, 0.0)), meat(p, std::vector<double>(p, 0.0));
  for (std::size_t a = 0; a < p; ++a)
    for (std::size_t c = 0; c < p; ++c)
      for (std::size_t j = 0; j < k; ++j) {
        b[a][c] += out.jacobian[j][a] * out.weight[j] * out.jacobian[j][c];
        for (std::size_t l = 0; l < k; ++l)
          meat[a][c] += out.jacobian[j][a] * out.weight[j] * at.covariance[j][l] * out.weight[l] *
                        out.jacobian[l][c];
      }
  const Matrix binv = invert(b);
  out.standard_error.assign(p, std::numeric_limits<double>::quiet_NaN());
  out.correlation.assign(p, std::vector<double>(p, std::numeric_limits<double>::quiet_NaN()));
  if (!binv.empty()) {
    const double factor = 1.0 + 1.0 / static_cast<double>(std::max<std::size_t>(1, out.replicates));
    Matrix v(p, std::vector<double>(p, 0.0));
    for (std::size_t a = 0; a < p; ++a)
      for (std::size_t c = 0; c < p; ++c)
        for (std::size_t x = 0; x < p; ++x)
          for (std::size_t y = 0; y < p; ++y) v[a][c] += binv[a][x] * meat[x][y] * binv[y][c];
    for (std::size_t a = 0; a < p; ++a) out.standard_error[a] = std::sqrt(factor * v[a][a]);
    for (std::size_t a = 0; a < p; ++a)
      for (std::size_t c = 0; c < p; ++c)
        out.correlation[a][c] = v[a][a] > 0 && v[c][c] > 0 ? v[a][c] / std::sqrt(v[a][a] * v[c][c])
                                                           : (a == c ? 1.0 : 0.0);
  }
  return out;
}

}  // namespace verbund::calib
