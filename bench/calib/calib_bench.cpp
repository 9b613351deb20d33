// Calibration's cost: one evaluation of the objective (compile, replicates, yearly statistics)
// on a generated region, and the full 6-parameter calibration of the target
// (5,000 firms, 60 months, 20 replicates per evaluation: <= 10 minutes on 2 cores).
//   verbund_calib_bench --benchmark_filter=Evaluation       evaluations per second
//   verbund_calib_bench --benchmark_filter=Calibration      the whole calibration, once
#include <benchmark/benchmark.h>

#include <cmath>
#include <map>

#include "verbund/calib/calibrate.hpp"
#include "verbund/calib/simulated.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/sim/model.hpp"

using namespace verbund;

namespace {

const core::Region& region(std::size_t firms) {
  static std::map<std::size_t, core::Region> cache;
  auto it = cache.find(firms);
  if (it == cache.end())
    it = cache
             .emplace(firms, gen::generate_ruhr_region(gen::load_ruhr_base(gen::bundled_ruhr_dir()),
                                                       {.firms = firms, .seed = 1}))
             .first;
  return it->second;
}

const char* six =
    "model.effects.base,model.effects.common_partners,model.effects.science_affinity,"
    "model.meetings.triadic,model.meetings.stranger,model.decay";

calib::ScenarioMoments problem(std::size_t firms, std::size_t replicates, const char* free) {
  calib::ScenarioMoments m;
  m.region = &region(firms);
  m.scenario_text = "name = \"bench\"\nhorizon_months = 60\n";
  m.scenario_file = "bench.toml";
  using K = calib::StatisticKind;
  m.statistics = {{K::mean_degree},          {K::new_ties},
                  {K::triangle_closure},     {K::science_share},
                  {K::mean_tie_duration},    {.kind = K::stationary, .of = K::mean_degree},
                  {K::cross_municipal_share}};
  m.parameters = calib::free_parameters(free, m.scenario_text, m.scenario_file);
  m.replicates = replicates;
  m.seed = 1;
  return m;
}

void BM_CalibEvaluation(benchmark::State& state) {
  const auto m = problem(static_cast<std::size_t>(state.range(0)), 20, six);
  std::vector<double> theta;
  for (const auto& f : m.parameters) theta.push_back(f.start);
  for (auto _ : state) benchmark::DoNotOptimize(calib::simulate_moments(m, theta));
  state.counters["evaluations/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CalibEvaluation)->Arg(1000)->Arg(5000)->Unit(benchmark::kSecond)->UseRealTime();

// The same evaluation with the giant component share measured every month (second argument 1),
// as before calibration skipped it, against without (0, what simulate_moments does): run them
// in alternation on a loaded machine.
void BM_CalibEvaluationGiant(benchmark::State& state) {
  const auto m = problem(static_cast<std::size_t>(state.range(0)), 20, six);
  std::vector<double> theta;
  for (const auto& f : m.parameters) theta.push_back(f.start);
  const auto scenario = sim::parse_scenario(m.scenario_text, m.scenario_file,
                                            calib::settings_of(m.parameters, theta));
  const auto model = sim::compile(*m.region, scenario, m.inputs,
                                  {.seed = m.seed, .giant_share = state.range(1) != 0});
  for (auto _ : state) {
    const auto reps = calib::simulate_panels(model, m.replicates);
    for (const auto& panel : reps.panels) benchmark::DoNotOptimize(calib::statistics_of(m, panel));
  }
  state.counters["evaluations/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CalibEvaluationGiant)
    ->Args({5000, 0})
    ->Args({5000, 1})
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

// The target: six parameters on the 5,000-firm region, 20 replicates per evaluation,
// within 10 minutes on 2 cores. Recovery: the targets are the model's own statistics at known
// values (the truth, 5 % of each range from the start; the same seed, so the truth meets them
// exactly and a converged fit has every |t| <= 0.1). Six parameters each with a statistic of
// its own, so that none is a combination of the others (the old six, with decay, stranger
// meetings and common partners, stopped at |t| 36: decay barely acts within five years at
// end_probability 0.03, and base, triadic meetings and common partners all move the same
// statistics):
//   base -> mean degree, new ties;  end_probability -> mean tie duration;
//   science_affinity -> science share;  meetings.triadic -> triangle closure;
//   meetings.geographic -> cross-municipal share;  popularity -> 90 % degree quantile.
const char* identifiable =
    "model.effects.base,model.end_probability=0:0.1,model.effects.science_affinity,"
    "model.meetings.triadic,model.meetings.geographic,model.effects.popularity";

void BM_CalibCalibration(benchmark::State& state) {
  auto m = problem(static_cast<std::size_t>(state.range(0)), 20, identifiable);
  using K = calib::StatisticKind;
  m.statistics = {{K::mean_degree},
                  {K::new_ties},
                  {K::triangle_closure},
                  {K::science_share},
                  {K::mean_tie_duration},
                  {K::cross_municipal_share},
                  {.kind = K::degree_quantile, .quantile = 0.9}};
  std::vector<double> truth;
  for (const auto& f : m.parameters) truth.push_back(f.start + 0.05 * (f.high - f.low));
  std::vector<double> targets(m.statistics.size(), 0.0);
  const auto draws = calib::simulate_moments(m, truth);
  for (const auto& row : draws)
    for (std::size_t k = 0; k < row.size(); ++k)
      targets[k] += row[k] / static_cast<double>(draws.size());
  calib::MsmResult r;
  calib::MsmOptions options;
  options.max_evaluations = 200;
  options.xtol_rel = 1e-5;  // the truth meets the targets exactly: let the steps get small
  // Second argument: 0 BOBYQA, 1 Subplex, 2 BOBYQA restarted once from its estimate (a new
  // trust region and new weights), 3 BOBYQA then up to 8 Gauss-Newton steps.
  if (state.range(1) == 1) options.algorithm = "sbplx";
  if (state.range(1) == 3) options.newton_steps = 8;
  int evaluations = 0;
  for (auto _ : state) {
    auto free = m.parameters;
    r = calib::estimate([&](auto theta) { return calib::simulate_moments(m, theta); }, targets,
                        std::vector<double>(targets.size(), 1.0), free, options);
    evaluations = r.evaluations;
    if (state.range(1) == 2) {
      for (std::size_t i = 0; i < free.size(); ++i) free[i].start = r.estimate[i];
      r = calib::estimate([&](auto theta) { return calib::simulate_moments(m, theta); }, targets,
                          std::vector<double>(targets.size(), 1.0), free, options);
      evaluations += r.evaluations;
    }
  }
  state.counters["evaluations"] = evaluations;
  state.counters["max |t|"] = r.max_abs_t();
  state.counters["newton steps"] = r.newton_steps;
  for (std::size_t k = 0; k < r.t_ratio.size(); ++k)
    state.counters["t" + std::to_string(k)] = r.t_ratio[k];
  for (std::size_t i = 0; i < truth.size(); ++i)
    state.counters["err" + std::to_string(i) + "/se"] =
        (r.estimate[i] - truth[i]) / r.standard_error[i];
  state.SetLabel(r.stop_reason);
}
BENCHMARK(BM_CalibCalibration)
    ->Args({1000, 0})
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->Args({1000, 3})
    ->Args({5000, 0})
    ->Args({5000, 3})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

// Parameter recovery, the full version of the unit test: 20 seeds, the share of estimates
// within 2 standard errors of the truth (the issue asks >= 90 %).
void BM_CalibRecovery(benchmark::State& state) {
  int covered = 0;
  for (auto _ : state) {
    covered = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      auto observed = problem(150, 1, "model.effects.base=-9:-3");
      observed.scenario_text = "name = \"recovery\"\nhorizon_months = 24\n";
      observed.statistics = {{calib::StatisticKind::mean_degree}, {calib::StatisticKind::new_ties}};
      observed.seed = 1000 + seed;
      const std::vector<double> truth{-5.0};
      const auto data = calib::simulate_moments(observed, truth).front();
      auto m = observed;
      m.seed = seed;
      m.replicates = 12;
      const auto r = calib::estimate([&](auto theta) { return calib::simulate_moments(m, theta); },
                                     data, std::vector<double>{1.0, 1.0}, m.parameters);
      covered += std::abs(r.estimate[0] - truth[0]) <= 2 * r.standard_error[0] ? 1 : 0;
    }
  }
  state.counters["covered of 20"] = covered;
}
BENCHMARK(BM_CalibRecovery)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
