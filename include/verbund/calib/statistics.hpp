#pragma once

// The statistics calibration matches, each computed the same way on a simulated replicate's
// yearly networks and on an observed panel (panel.hpp).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/calib/panel.hpp"
#include "verbund/core/region.hpp"
#include "verbund/core/tie.hpp"

namespace verbund::calib {

enum class StatisticKind {
  mean_degree,            ///< 2 x connected pairs / actors present, mean over the years
  new_ties,               ///< pairs connected this year and not the year before, per year
  mean_tie_duration,      ///< years (Panel::mean_tie_duration)
  triangle_closure,       ///< of the new pairs, the share with a common partner the year before
  repeat_share,           ///< of the new pairs, the share that were connected in an earlier year
  science_share,          ///< of the firms present, the share with a science partner
  cross_municipal_share,  ///< of the pairs with both municipalities known, the share across
  degree_quantile,        ///< the q-quantile of the degrees of the actors present
  stationary,             ///< the yearly trend (least-squares slope) of another statistic
};

/// One statistic: what it measures and its options.
struct Statistic {
  StatisticKind kind = StatisticKind::mean_degree;
  std::optional<core::TieKind> tie_kind{};  ///< new_ties: only pairs with a tie of this kind
  double quantile = 0.5;                    ///< degree_quantile: q in [0, 1]
  /// science_share: industrial firms only (NACE divisions 05-33, mining and manufacturing:
  /// the firms of the Muelheim survey "4 of 10 industrial firms cooperate with science").
  bool industrial = false;
  /// stationary: the statistic whose trend is meant (not itself stationary or a duration).
  StatisticKind of = StatisticKind::mean_degree;
  /// "mean degree", "new ties per year (project)", "trend of mean degree per year", ...
  [[nodiscard]] std::string label() const;
  friend bool operator==(const Statistic&, const Statistic&) = default;
};

/// The names used in target files ("mean_degree", "new_ties", ..., "stationary"), in the
/// order of StatisticKind. O(1), no throw.
[[nodiscard]] std::span<const std::string_view> statistic_names() noexcept;
/// The kind named `name`; nullopt if unknown. O(kinds), no throw.
[[nodiscard]] std::optional<StatisticKind> parse_statistic_kind(std::string_view name) noexcept;

/// Whether a NACE/WZ code ("25", "25.62") is of an industrial division (05-33). O(1), no throw.
[[nodiscard]] bool is_industrial_sector(std::string_view sector) noexcept;

/// Whether the statistic is a flow (new ties, triangle closure, repeat share): defined from a
/// panel's second year on, as it compares each year with the one before. O(1), no throw.
[[nodiscard]] bool is_flow(StatisticKind kind) noexcept;

/// The statistic's value on `panel`: levels are averaged over the panel's years, flows (new
/// ties, triangle closure, repeat share) over its years after the first, trends are the
/// least-squares slope per year of the yearly values. NaN when it is undefined (no years, no
/// new pair for a share of new pairs, no ended tie for the duration). `region` gives the actors'
/// kinds and municipalities (its indices are the panel's). O(years x pairs x log), plus
/// O(pairs x degree) for triangle closure. Thread-safe; no throw beyond std::bad_alloc.
[[nodiscard]] double compute(const Statistic& statistic, const core::Region& region,
                             const Panel& panel);

/// The yearly values of a level or flow statistic (NaN where undefined, e.g. a flow in the
/// first year). Same cost as compute. Throws InvalidInput for a duration or a trend.
[[nodiscard]] std::vector<double> yearly(const Statistic& statistic, const core::Region& region,
                                         const Panel& panel);

}  // namespace verbund::calib
