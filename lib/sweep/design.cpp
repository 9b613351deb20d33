// The designs that place a sweep's points in the unit cube, and the map to parameter values.
#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <numeric>

#include "sweep/streams.hpp"
#include "verbund/core/random.hpp"
#include "verbund/sweep/sweep.hpp"

namespace verbund::sweep {

sim::ParameterValue value_at(const Parameter& parameter, double u) {
  u = std::clamp(u, 0.0, 1.0);
  const auto share = [u](std::size_t n) {
    return std::min(n - 1, static_cast<std::size_t>(std::floor(u * static_cast<double>(n))));
  };
  if (!parameter.levels.empty()) return parameter.levels[share(parameter.levels.size())];
  if (parameter.integer) {
    const auto n = static_cast<std::size_t>(parameter.high - parameter.low) + 1;
    return static_cast<std::int64_t>(parameter.low) + static_cast<std::int64_t>(share(n));
  }
  return parameter.low + u * (parameter.high - parameter.low);
}

namespace {

Point point_at(const SweepSpec& spec, std::vector<double> unit) {
  Point p;
  for (std::size_t j = 0; j < spec.parameters.size(); ++j)
    p.settings.push_back({spec.parameters[j].key, value_at(spec.parameters[j], unit[j])});
  p.unit = std::move(unit);
  return p;
}

std::vector<Point> grid(const SweepSpec& spec) {
  const auto k = spec.parameters.size();
  std::vector<std::size_t> sizes(k);
  std::size_t total = 1;
  for (std::size_t j = 0; j < k; ++j) {
    const auto& p = spec.parameters[j];
    sizes[j] = p.levels.empty() ? p.steps : p.levels.size();
    total *= sizes[j];
  }
  std::vector<Point> points;
  for (std::size_t n = 0; n < total; ++n) {
    Point point;
    std::size_t rest = n;
    std::vector<std::size_t> index(k);
    for (std::size_t j = k; j-- > 0;) {  // the first parameter varies slowest
      index[j] = rest % sizes[j];
      rest /= sizes[j];
    }
    for (std::size_t j = 0; j < k; ++j) {
      const auto& p = spec.parameters[j];
      const double u =
          sizes[j] > 1 ? static_cast<double>(index[j]) / static_cast<double>(sizes[j] - 1) : 0.0;
      point.unit.push_back(u);
      sim::ParameterValue v;
      if (!p.levels.empty()) {
        v = p.levels[index[j]];
      } else if (p.integer) {
        v = static_cast<std::int64_t>(std::llround(p.low + u * (p.high - p.low)));
      } else {
        v = p.low + u * (p.high - p.low);
      }
      point.settings.push_back({p.key, v});
    }
    points.push_back(std::move(point));
  }
  return points;
}

std::vector<Point> latin_hypercube(const SweepSpec& spec) {
  const auto n = spec.samples, k = spec.parameters.size();
  std::vector<std::vector<double>> unit(n, std::vector<double>(k));
  for (std::size_t j = 0; j < k; ++j) {
    core::RandomStream rng(spec.seed, j, detail::purpose(detail::Purpose::lhs_strata));
    std::vector<std::size_t> strata(n);
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[rng.below(i)]);
    for (std::size_t i = 0; i < n; ++i)
      unit[i][j] = (static_cast<double>(strata[i]) + rng.uniform()) / static_cast<double>(n);
  }
  std::vector<Point> points;
  for (auto& u : unit) points.push_back(point_at(spec, std::move(u)));
  return points;
}

/// The first n points of the d-dimensional Sobol sequence, the origin included: for n a power of
/// two they are a (t, m, d)-net, each coordinate hitting every 1/n stratum once. Boost's
/// generator starts after the origin (at 1/2, ..., 1/2), and without the origin the first n
/// points lose that balance, so the origin is put first.
std::vector<std::vector<double>> sobol_rows(std::size_t n, std::size_t d) {
  boost::random::sobol gen(d);
  std::vector<std::vector<double>> rows(n, std::vector<double>(d, 0.0));
  for (std::size_t i = 1; i < n; ++i)
    for (auto& u : rows[i]) u = static_cast<double>(gen()) * 0x1.0p-64;
  return rows;
}

std::vector<Point> sobol(const SweepSpec& spec) {
  std::vector<Point> points;
  for (auto& u : sobol_rows(spec.samples, spec.parameters.size()))
    points.push_back(point_at(spec, std::move(u)));
  return points;
}

std::vector<Point> saltelli(const SweepSpec& spec) {
  const auto k = spec.parameters.size();
  std::vector<Point> points;
  for (const auto& row : sobol_rows(spec.samples, 2 * k)) {
    const std::vector<double> a(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(k));
    const std::vector<double> b(row.begin() + static_cast<std::ptrdiff_t>(k), row.end());
    points.push_back(point_at(spec, a));
    points.push_back(point_at(spec, b));
    for (std::size_t i = 0; i < k; ++i) {
      auto ab = a;
      ab[i] = b[i];
      points.push_back(point_at(spec, std::move(ab)));
    }
  }
  return points;
}

std::vector<Point> morris(const SweepSpec& spec) {
  const auto k = spec.parameters.size();
  const auto p = spec.morris_levels;
  const double step = 1.0 / static_cast<double>(p - 1);
  const double delta = static_cast<double>(p) / (2.0 * static_cast<double>(p - 1));
  std::vector<Point> points;
  for (std::size_t t = 0; t < spec.samples; ++t) {
    core::RandomStream rng(spec.seed, t, detail::purpose(detail::Purpose::morris_path));
    std::vector<double> base(k), x(k);
    std::vector<bool> up(k);
    for (std::size_t i = 0; i < k; ++i) {
      base[i] = static_cast<double>(rng.below(p / 2)) * step;
      up[i] = rng.bernoulli(0.5);
      x[i] = up[i] ? base[i] : base[i] + delta;
    }
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = k; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    points.push_back(point_at(spec, x));
    for (const auto i : order) {
      x[i] = up[i] ? base[i] + delta : base[i];
      points.push_back(point_at(spec, x));
    }
  }
  return points;
}

}  // namespace

std::vector<Point> design_points(const SweepSpec& spec) {
  switch (spec.design) {
    case Design::grid:
      return grid(spec);
    case Design::lhs:
      return latin_hypercube(spec);
    case Design::sobol:
      return sobol(spec);
    case Design::saltelli:
      return saltelli(spec);
    case Design::morris:
      return morris(spec);
  }
  return {};
}

}  // namespace verbund::sweep
