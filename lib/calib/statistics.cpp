// The calibration statistics on yearly networks.
#include "verbund/calib/statistics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>

#include "verbund/analysis/indicators.hpp"
#include "verbund/core/quantile.hpp"
#include "verbund/error.hpp"
#include "verbund/sim/sectors.hpp"

namespace verbund::calib {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

constexpr std::array<std::string_view, 9> names{
    "mean_degree",           "new_ties",        "mean_tie_duration",
    "triangle_closure",      "repeat_share",    "science_share",
    "cross_municipal_share", "degree_quantile", "stationary"};

std::string plain_label(StatisticKind kind) {
  switch (kind) {
    case StatisticKind::mean_degree:
      return "mean degree";
    case StatisticKind::new_ties:
      return "new ties per year";
    case StatisticKind::mean_tie_duration:
      return "mean tie duration (years)";
    case StatisticKind::triangle_closure:
      return "share of new ties closing a triangle";
    case StatisticKind::repeat_share:
      return "share of new ties repeating a collaboration";
    case StatisticKind::science_share:
      return "science share of firms";
    case StatisticKind::cross_municipal_share:
      return "cross-municipal share";
    case StatisticKind::degree_quantile:
      return "degree quantile";
    case StatisticKind::stationary:
      return "trend";
  }
  return "?";
}

using Adjacency = std::vector<std::vector<std::uint32_t>>;

Adjacency adjacency(const YearNetwork& net) {
  Adjacency adj(net.present.size());
  for (const auto& p : net.pairs) {
    adj[p.a].push_back(p.b);
    adj[p.b].push_back(p.a);
  }
  for (auto& row : adj) std::sort(row.begin(), row.end());
  return adj;
}

bool common_partner(const Adjacency& adj, std::uint32_t a, std::uint32_t b) {
  const auto& x = adj[a];
  const auto& y = adj[b];
  std::size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] == y[j]) return true;
    x[i] < y[j] ? ++i : ++j;
  }
  return false;
}

double level(const Statistic& s, const core::Region& region, const YearNetwork& net) {
  std::size_t present = 0;
  for (const bool p : net.present) present += p ? 1 : 0;
  switch (s.kind) {
    case StatisticKind::mean_degree:
      return present > 0
                 ? 2.0 * static_cast<double>(net.pairs.size()) / static_cast<double>(present)
                 : 0.0;
    case StatisticKind::science_share: {
      std::vector<bool> with_science(net.present.size(), false);
      auto science = [&](std::uint32_t v) {
        return analysis::counts_as_science(region.kind(core::ActorId{v}));
      };
      for (const auto& p : net.pairs) {
        if (science(p.b)) with_science[p.a] = true;
        if (science(p.a)) with_science[p.b] = true;
      }
      std::size_t firms = 0, linked = 0;
      for (std::uint32_t v = 0; v < net.present.size(); ++v) {
        if (!net.present[v] || !analysis::counts_as_firm(region.kind(core::ActorId{v}))) continue;
        if (s.industrial && !is_industrial_sector(region.sector(core::ActorId{v}))) continue;
        ++firms;
        linked += with_science[v] ? 1 : 0;
      }
      return analysis::science_share(linked, firms);
    }
    case StatisticKind::cross_municipal_share: {
      std::size_t located = 0, cross = 0;
      for (const auto& p : net.pairs) {
        const auto ma = region.municipality(core::ActorId{p.a});
        const auto mb = region.municipality(core::ActorId{p.b});
        located += analysis::is_located_pair(ma, mb) ? 1 : 0;
        cross += analysis::is_cross_municipal(ma, mb) ? 1 : 0;
      }
      return analysis::cross_municipal_share(cross, located);
    }
    case StatisticKind::degree_quantile: {
      std::vector<double> degrees(net.present.size(), 0.0);
      for (const auto& p : net.pairs) {
        degrees[p.a] += 1.0;
        degrees[p.b] += 1.0;
      }
      std::vector<double> d;
      for (std::uint32_t v = 0; v < net.present.size(); ++v)
        if (net.present[v]) d.push_back(degrees[v]);
      if (d.empty()) return nan;
      return core::quantile(std::move(d), s.quantile);  // R's type 7
    }
    default:
      return nan;
  }
}

}  // namespace

std::span<const std::string_view> statistic_names() noexcept { return names; }

bool is_industrial_sector(std::string_view sector) noexcept {
  return sim::is_industrial_sector(sector);
}

bool is_flow(StatisticKind k) noexcept {
  return k == StatisticKind::new_ties || k == StatisticKind::triangle_closure ||
         k == StatisticKind::repeat_share;
}

std::optional<StatisticKind> parse_statistic_kind(std::string_view name) noexcept {
  for (std::size_t k = 0; k < names.size(); ++k)
    if (names[k] == name) return static_cast<StatisticKind>(k);
  return std::nullopt;
}

std::string Statistic::label() const {
  switch (kind) {
    case StatisticKind::new_ties:
      return tie_kind ? "new ties per year (" + std::string(core::to_string(*tie_kind)) + ")"
                      : plain_label(kind);
    case StatisticKind::science_share:
      return industrial ? "science share of industrial firms" : plain_label(kind);
    case StatisticKind::degree_quantile: {
      const auto pct = static_cast<int>(std::lround(quantile * 100.0));
      return "degree quantile " + std::to_string(pct) + " %";
    }
    case StatisticKind::stationary: {
      Statistic inner = *this;
      inner.kind = of;
      return "trend of " + inner.label() + " per year";
    }
    default:
      return plain_label(kind);
  }
}

std::vector<double> yearly(const Statistic& s, const core::Region& region, const Panel& panel) {
  if (s.kind == StatisticKind::mean_tie_duration || s.kind == StatisticKind::stationary)
    throw InvalidInput("'" + s.label() + "' has no yearly values");
  std::vector<double> out(panel.years.size(), nan);
  if (!is_flow(s.kind)) {
    for (std::size_t y = 0; y < panel.years.size(); ++y) out[y] = level(s, region, panel.years[y]);
    return out;
  }
  const std::uint8_t mask = s.tie_kind ? kind_bit(*s.tie_kind) : std::uint8_t{0xff};
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;  // pairs of earlier years
  for (std::size_t y = 0; y < panel.years.size(); ++y) {
    const auto& now = panel.years[y];
    if (y > 0) {
      const auto& before = panel.years[y - 1];
      const Adjacency adj =
          s.kind == StatisticKind::triangle_closure ? adjacency(before) : Adjacency{};
      std::size_t fresh = 0, hits = 0;
      // Both years' pairs are sorted: one merge walk finds the pairs of the year before.
      auto last = before.pairs.begin();
      const auto less = [](const Pair& u, const Pair& w) {
        return u.a != w.a ? u.a < w.a : u.b < w.b;
      };
      for (const auto& p : now.pairs) {
        while (last != before.pairs.end() && less(*last, p)) ++last;
        const bool old = last != before.pairs.end() && last->a == p.a && last->b == p.b;
        if ((p.kinds & mask) == 0 || old) continue;
        ++fresh;
        if (s.kind == StatisticKind::triangle_closure && common_partner(adj, p.a, p.b)) ++hits;
        if (s.kind == StatisticKind::repeat_share && seen.contains({p.a, p.b})) ++hits;
      }
      if (s.kind == StatisticKind::new_ties)
        out[y] = static_cast<double>(fresh);
      else
        out[y] = fresh > 0 ? static_cast<double>(hits) / static_cast<double>(fresh) : nan;
    }
    if (s.kind == StatisticKind::repeat_share)
      for (const auto& p : now.pairs) seen.emplace(p.a, p.b);
  }
  return out;
}

double compute(const Statistic& s, const core::Region& region, const Panel& panel) {
  if (s.kind == StatisticKind::mean_tie_duration) return panel.mean_tie_duration.value_or(nan);
  if (s.kind == StatisticKind::stationary) {
    Statistic inner = s;
    inner.kind = s.of;
    const auto values = yearly(inner, region, panel);
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t y = 0; y < values.size(); ++y) {
      if (std::isnan(values[y])) continue;
      const auto x = static_cast<double>(y);
      n += 1;
      sx += x;
      sy += values[y];
      sxx += x * x;
      sxy += x * values[y];
    }
    const double den = n * sxx - sx * sx;
    return n >= 2 && den > 0 ? (n * sxy - sx * sy) / den : nan;
  }
  const auto values = yearly(s, region, panel);
  double sum = 0;
  std::size_t n = 0;
  for (const double v : values)
    if (!std::isnan(v)) {
      sum += v;
      ++n;
    }
  return n > 0 ? sum / static_cast<double>(n) : nan;
}

}  // namespace verbund::calib
