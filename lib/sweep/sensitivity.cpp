// Morris elementary effects and Sobol indices with bootstrap intervals.
#include "verbund/sweep/sensitivity.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel_loops.hpp"
#include "sweep/streams.hpp"
#include "verbund/core/quantile.hpp"
#include "verbund/core/random.hpp"
#include "verbund/error.hpp"

namespace verbund::sweep {

namespace {

/// The percentile interval of `draws` around `value`.
Interval percentile(double value, std::vector<double> draws, double level) {
  std::sort(draws.begin(), draws.end());
  return {value, core::quantile_sorted(draws, (1.0 - level) / 2.0),
          core::quantile_sorted(draws, (1.0 + level) / 2.0)};
}

/// Resample b's rows: n indices drawn with replacement from its own stream.
std::vector<std::size_t> resample(std::uint64_t seed, std::size_t b, std::size_t n) {
  core::RandomStream rng(seed, b, detail::purpose(detail::Purpose::bootstrap));
  std::vector<std::size_t> rows(n);
  for (auto& r : rows) r = rng.below(n);
  return rows;
}

}  // namespace

std::vector<MorrisIndex> morris_indices(std::span<const Point> points, std::span<const double> y,
                                        std::size_t k, const SensitivityOptions& options) {
  if (k == 0 || points.size() != y.size() || points.size() % (k + 1) != 0 || points.empty())
    throw InvalidInput("Morris: " + std::to_string(points.size()) +
                       " points do not form trajectories of " + std::to_string(k + 1));
  const auto trajectories = points.size() / (k + 1);
  // effects[t][i]: trajectory t's elementary effect of parameter i.
  std::vector<std::vector<double>> effects(trajectories, std::vector<double>(k, 0.0));
  for (std::size_t t = 0; t < trajectories; ++t)
    for (std::size_t j = 0; j < k; ++j) {
      const auto a = t * (k + 1) + j;
      const auto& u0 = points[a].unit;
      const auto& u1 = points[a + 1].unit;
      std::size_t changed = k, count = 0;
      for (std::size_t i = 0; i < k; ++i)
        if (u0[i] != u1[i]) {
          changed = i;
          ++count;
        }
      if (count != 1)
        throw InvalidInput("Morris: step " + std::to_string(j) + " of trajectory " +
                           std::to_string(t) + " changes " + std::to_string(count) +
                           " parameters, not one");
      effects[t][changed] = (y[a + 1] - y[a]) / (u1[changed] - u0[changed]);
    }
  const auto mu_star_of = [&](std::size_t i, std::span<const std::size_t> rows) {
    double s = 0.0;
    for (const auto t : rows) s += std::abs(effects[t][i]);
    return s / static_cast<double>(rows.size());
  };
  std::vector<std::size_t> all(trajectories);
  for (std::size_t t = 0; t < trajectories; ++t) all[t] = t;
  std::vector<std::vector<double>> draws(k, std::vector<double>(options.resamples));
  par::parallel_for(std::size_t{0}, options.resamples, [&](std::size_t b) {
    const auto rows = resample(options.seed, b, trajectories);
    for (std::size_t i = 0; i < k; ++i) draws[i][b] = mu_star_of(i, rows);
  });
  std::vector<MorrisIndex> out(k);
  for (std::size_t i = 0; i < k; ++i) {
    double mean = 0.0;
    for (std::size_t t = 0; t < trajectories; ++t) mean += effects[t][i];
    mean /= static_cast<double>(trajectories);
    double ss = 0.0;
    for (std::size_t t = 0; t < trajectories; ++t) ss += std::pow(effects[t][i] - mean, 2);
    out[i].mu = mean;
    out[i].sigma = trajectories > 1 ? std::sqrt(ss / static_cast<double>(trajectories - 1)) : 0.0;
    out[i].mu_star = percentile(mu_star_of(i, all), draws[i], options.level);
  }
  return out;
}

std::vector<SobolIndex> sobol_indices(std::span<const double> y, std::size_t k,
                                      const SensitivityOptions& options) {
  const auto width = k + 2;
  if (k == 0 || y.empty() || y.size() % width != 0)
    throw InvalidInput("Sobol: " + std::to_string(y.size()) +
                       " values do not form Saltelli rows of " + std::to_string(width));
  const auto n = y.size() / width;
  const auto fa = [&](std::size_t j) { return y[j * width]; };
  const auto fb = [&](std::size_t j) { return y[j * width + 1]; };
  const auto fab = [&](std::size_t j, std::size_t i) { return y[j * width + 2 + i]; };
  // Estimates over the rows `rows`: S_i (Saltelli 2010, eq. b) and S_Ti (Jansen).
  const auto estimate = [&](std::span<const std::size_t> rows, std::vector<double>& first,
                            std::vector<double>& total) {
    double sum = 0.0, sum2 = 0.0;
    for (const auto j : rows)
      for (const double v : {fa(j), fb(j)}) {
        sum += v;
        sum2 += v * v;
      }
    const double m = 2.0 * static_cast<double>(rows.size());
    const double variance = (sum2 - sum * sum / m) / (m - 1.0);
    for (std::size_t i = 0; i < k; ++i) {
      double s = 0.0, t = 0.0;
      for (const auto j : rows) {
        s += fb(j) * (fab(j, i) - fa(j));
        t += (fa(j) - fab(j, i)) * (fa(j) - fab(j, i));
      }
      const auto r = static_cast<double>(rows.size());
      first[i] = variance > 0.0 ? s / r / variance : std::nan("");
      total[i] = variance > 0.0 ? t / (2.0 * r) / variance : std::nan("");
    }
    return variance;
  };
  std::vector<std::size_t> all(n);
  for (std::size_t j = 0; j < n; ++j) all[j] = j;
  std::vector<double> first(k), total(k);
  if (!(estimate(all, first, total) > 0.0))
    throw InvalidInput("Sobol: the output does not vary over the design; no index is defined");
  std::vector<std::vector<double>> first_draws(k, std::vector<double>(options.resamples)),
      total_draws = first_draws;
  par::parallel_for(std::size_t{0}, options.resamples, [&](std::size_t b) {
    const auto rows = resample(options.seed, b, n);
    std::vector<double> f(k), t(k);
    estimate(rows, f, t);
    for (std::size_t i = 0; i < k; ++i) {
      first_draws[i][b] = f[i];
      total_draws[i][b] = t[i];
    }
  });
  std::vector<SobolIndex> out(k);
  for (std::size_t i = 0; i < k; ++i) {
    out[i].first = percentile(first[i], first_draws[i], options.level);
    out[i].total = percentile(total[i], total_draws[i], options.level);
  }
  return out;
}

}  // namespace verbund::sweep
