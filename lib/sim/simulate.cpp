// The replicate loop over Simulation, in parallel, and the statistics over replicates.
#include "verbund/sim/simulate.hpp"

#include <cmath>
#include <mutex>
#include <numeric>

#include "core/parallel_loops.hpp"

#include "sim/model_impl.hpp"
#include "verbund/error.hpp"

namespace verbund::sim {

namespace {

/// Two-sided 97.5 % quantile of Student's t with `df` degrees of freedom.
double t_quantile(std::size_t df) {
  static constexpr double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                     2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                     2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                     2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df == 0) return INFINITY;
  if (df <= 30) return table[df - 1];
  return 1.96 + 2.4 / static_cast<double>(df);  // close to the t quantile beyond 30
}

Estimate estimate(const std::vector<double>& xs) {
  Estimate e;
  if (xs.empty()) return e;
  const double n = static_cast<double>(xs.size());
  e.mean = std::accumulate(xs.begin(), xs.end(), 0.0) / n;
  if (xs.size() < 2) {
    e.low = e.high = e.mean;
    return e;
  }
  double ss = 0.0;
  for (const double x : xs) ss += (x - e.mean) * (x - e.mean);
  const double half = t_quantile(xs.size() - 1) * std::sqrt(ss / (n - 1.0) / n);
  e.low = e.mean - half;
  e.high = e.mean + half;
  return e;
}

}  // namespace

Run simulate(const Model& model, const RunOptions& options) {
  const auto& impl = model.impl();
  const auto& capture_at = options.checkpoint_at;
  if (capture_at && (*capture_at < 0 || *capture_at > model.horizon()))
    throw InvalidInput("checkpoint month " + std::to_string(*capture_at) +
                       " lies outside the horizon");
  if (capture_at && *capture_at < model.resumes_after())
    throw InvalidInput("checkpoint month " + std::to_string(*capture_at) +
                       " lies before the month the scenario resumes from (" +
                       std::to_string(model.resumes_after()) + ")");
  if (impl.resume)
    check_checkpoint(
        *impl.resume, model.region(),
        {.month = impl.resume->month, .seed = model.seed(), .replicates = options.replicates},
        impl.resume_file);
  Run run;
  run.requested = options.replicates;
  run.groups = model.groups();
  run.supply = model.measures_supply();
  run.participants = model.measures_participants();
  std::vector<std::vector<Indicators>> series(options.replicates);
  std::vector<TieEndings> endings(options.replicates);
  std::vector<std::uint8_t> finished(options.replicates, 0);
  std::vector<ReplicateState> captured(capture_at ? options.replicates : 0);
  std::mutex progress_mutex;
  std::size_t done = 0;
  par::parallel_for(std::size_t{0}, options.replicates, [&](std::size_t r) {
    Simulation replicate(model, r, options.observer);
    replicate.cancel_with(options.cancel);
    bool stopped = false;
    if (capture_at == replicate.month()) captured[r] = replicate.state();
    while (!replicate.done()) {
      if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
        stopped = true;
        break;
      }
      replicate.step();
      if (replicate.interrupted()) {
        stopped = true;
        break;
      }
      if (capture_at == replicate.month()) captured[r] = replicate.state();
    }
    series[r] = replicate.series();
    endings[r] = replicate.tie_endings();
    finished[r] = !stopped;
    if (options.progress && !stopped) {
      const std::lock_guard lock(progress_mutex);
      options.progress(++done, options.replicates);
    }
  });
  if (capture_at)
    run.checkpoint =
        Checkpoint{*capture_at, model.seed(), region_fingerprint(model.region()), model.name(), {}};
  for (std::size_t r = 0; r < options.replicates; ++r) {
    if (finished[r]) {
      run.series.push_back(std::move(series[r]));
      run.replicate_ids.push_back(r);
      run.tie_endings.push_back(endings[r]);
      if (run.checkpoint) run.checkpoint->replicates.push_back(std::move(captured[r]));
    } else {
      run.cancelled = true;
    }
  }
  return run;
}

void check_same_horizon(std::span<const Scenario> scenarios) {
  for (const auto& s : scenarios)
    if (s.horizon != scenarios.front().horizon)
      throw InvalidInput(SourceLocation{s.file, 0, 0},
                         "horizon " + std::to_string(s.horizon) + " differs from the baseline's " +
                             std::to_string(scenarios.front().horizon));
}

void check_same_start_year(std::span<const Model> models, std::span<const Scenario> scenarios) {
  const auto year_text = [](const std::optional<int>& y, const Scenario& s) {
    if (!y) return std::string("no year");
    return std::to_string(*y) +
           (s.start_year ? "" : " (no start_year given: the region's latest start year)");
  };
  for (std::size_t i = 1; i < models.size() && i < scenarios.size(); ++i)
    if (models[i].start_year() != models.front().start_year())
      throw InvalidInput(SourceLocation{scenarios[i].file, 0, 0},
                         "starts from the network of " +
                             year_text(models[i].start_year(), scenarios[i]) +
                             ", the baseline from that of " +
                             year_text(models.front().start_year(), scenarios.front()) +
                             ": compared scenarios must start in the same year (set start_year)");
}

Run simulate(const core::Region& region, const Scenario& scenario, const RunOptions& options,
             std::uint64_t seed) {
  return simulate(compile(region, scenario, {}, {.seed = seed}), options);
}

std::vector<std::array<Estimate, indicator_count>> summarize(const Run& run) {
  std::vector<std::array<Estimate, indicator_count>> out;
  if (run.series.empty()) return out;
  const std::size_t months = run.series.front().size();
  for (std::size_t t = 0; t < months; ++t) {
    std::array<Estimate, indicator_count> row;
    for (std::size_t k = 0; k < indicator_count; ++k) {
      std::vector<double> xs;
      for (const auto& s : run.series) xs.push_back(values(s[t])[k]);
      row[k] = estimate(xs);
    }
    out.push_back(row);
  }
  return out;
}

std::vector<std::array<Estimate, indicator_count>> compare(const Run& baseline,
                                                           const Run& scenario) {
  std::vector<std::array<Estimate, indicator_count>> out;
  if (baseline.series.empty() || scenario.series.empty()) return out;
  if (baseline.series.front().size() != scenario.series.front().size())
    throw InvalidInput("scenarios to compare need the same horizon");
  // Pair replicates by id: the same id used the same random streams.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0, j = 0;
       i < baseline.replicate_ids.size() && j < scenario.replicate_ids.size();) {
    if (baseline.replicate_ids[i] < scenario.replicate_ids[j]) {
      ++i;
    } else if (scenario.replicate_ids[j] < baseline.replicate_ids[i]) {
      ++j;
    } else {
      pairs.emplace_back(i++, j++);
    }
  }
  const std::size_t months = baseline.series.front().size();
  for (std::size_t t = 0; t < months; ++t) {
    std::array<Estimate, indicator_count> row;
    for (std::size_t k = 0; k < indicator_count; ++k) {
      std::vector<double> diffs;
      for (const auto& [i, j] : pairs)
        diffs.push_back(values(scenario.series[j][t])[k] - values(baseline.series[i][t])[k]);
      row[k] = estimate(diffs);
    }
    out.push_back(row);
  }
  return out;
}

}  // namespace verbund::sim
