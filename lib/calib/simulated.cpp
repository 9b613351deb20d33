// Yearly snapshots of simulated replicates.
#include "verbund/calib/simulated.hpp"

#include <tbb/parallel_for.h>

#include "verbund/sim/simulation.hpp"

namespace verbund::calib {

namespace {

YearNetwork snapshot(const sim::NetworkView& net, int year) {
  YearNetwork out{year, {}, std::vector<bool>(net.size(), false)};
  for (std::uint32_t v = 0; v < net.size(); ++v) {
    out.present[v] = net.is_open(v);
    for (const auto u : net.neighbours(v)) {
      if (u <= v) continue;
      const auto tie = net.tie(v, u);
      out.pairs.push_back({v, u, tie ? kind_bit(tie->kind) : std::uint8_t{0}});
    }
  }
  normalise(out.pairs);  // neighbours are ascending, so this only checks the order
  return out;
}

}  // namespace

SimulatedReplicates simulate_panels(const sim::Model& model, std::size_t replicates,
                                    const std::vector<bool>& years) {
  // A year no statistic reads keeps only its number: the snapshot costs O(ties log degree).
  auto needed = [&](int year) {
    return years.empty() || (static_cast<std::size_t>(year) < years.size() && years[year]);
  };
  auto take = [&](const sim::NetworkView& net, int year) {
    return needed(year) ? snapshot(net, year) : YearNetwork{year, {}, {}};
  };
  SimulatedReplicates out;
  out.panels.resize(replicates);
  out.series.resize(replicates);
  tbb::parallel_for(std::size_t{0}, replicates, [&](std::size_t r) {
    sim::Simulation replicate(model, r);
    Panel& panel = out.panels[r];
    panel.years.push_back(take(replicate.network(), 0));
    while (!replicate.done()) {
      replicate.step();
      if (replicate.month() % 12 == 0)
        panel.years.push_back(take(replicate.network(), replicate.month() / 12));
    }
    const auto endings = replicate.tie_endings();
    if (endings.ended > 0)
      panel.mean_tie_duration =
          static_cast<double>(endings.months_at_risk) / static_cast<double>(endings.ended) / 12.0;
    out.series[r] = replicate.series();
  });
  return out;
}

}  // namespace verbund::calib
