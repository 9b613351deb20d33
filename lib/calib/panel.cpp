// Observed yearly networks from the store's ties and projects.
#include "verbund/calib/panel.hpp"

#include <algorithm>
#include <set>

namespace verbund::calib {

std::uint8_t kind_bit(core::TieKind kind) noexcept {
  return static_cast<std::uint8_t>(1U << static_cast<unsigned>(kind));
}

void normalise(std::vector<Pair>& pairs) {
  std::sort(pairs.begin(), pairs.end(),
            [](const Pair& x, const Pair& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
  std::size_t out = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (out > 0 && pairs[out - 1].a == pairs[i].a && pairs[out - 1].b == pairs[i].b) {
      pairs[out - 1].kinds |= pairs[i].kinds;
    } else {
      pairs[out++] = pairs[i];
    }
  }
  pairs.resize(out);
}

namespace {

bool runs_in(const ObservedProject& p, int year) {
  return (!p.start || *p.start <= year) && (!p.end || year <= *p.end);
}

}  // namespace

Panel observed_panel(const core::Region& region, std::span<const ObservedProject> projects,
                     std::span<const Pair> project_pairs, int first, int last) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> from_projects;
  for (const auto& p : project_pairs) from_projects.emplace(p.a, p.b);
  const bool by_project = !projects.empty();
  Panel panel;
  const std::uint8_t project_bit = kind_bit(core::TieKind::project);
  for (int year = first; year <= last; ++year) {
    YearNetwork net{year, {}, std::vector<bool>(region.size(), true)};
    for (const auto& t : region.ties()) {
      if (!t.active_in(year) || t.source == t.target) continue;
      const auto a = std::min(t.source.value, t.target.value);
      const auto b = std::max(t.source.value, t.target.value);
      // The merged project ties lose the waves: the projects give them back.
      if (by_project && t.kind == core::TieKind::project && from_projects.contains({a, b}))
        continue;
      net.pairs.push_back({a, b, kind_bit(t.kind)});
    }
    for (const auto& p : projects) {
      if (!runs_in(p, year)) continue;
      for (std::size_t i = 0; i < p.members.size(); ++i)
        for (std::size_t j = i + 1; j < p.members.size(); ++j) {
          const auto a = std::min(p.members[i], p.members[j]);
          const auto b = std::max(p.members[i], p.members[j]);
          if (a != b) net.pairs.push_back({a, b, project_bit});
        }
    }
    normalise(net.pairs);
    panel.years.push_back(std::move(net));
  }
  double total = 0.0;
  std::size_t ended = 0;
  for (const auto& t : region.ties()) {
    if (!t.start || !t.end || *t.end < first || *t.end > last || *t.end < *t.start) continue;
    if (by_project && t.kind == core::TieKind::project &&
        from_projects.contains(
            {std::min(t.source.value, t.target.value), std::max(t.source.value, t.target.value)}))
      continue;  // counted by its projects below
    total += *t.end - *t.start + 1;
    ++ended;
  }
  for (const auto& p : projects) {
    if (!p.start || !p.end || *p.end < first || *p.end > last || *p.end < *p.start) continue;
    total += *p.end - *p.start + 1;
    ++ended;
  }
  if (ended > 0) panel.mean_tie_duration = total / static_cast<double>(ended);
  return panel;
}

}  // namespace verbund::calib
