// describe -> compile: a scenario and its loaded inputs become a Model before month 1.
#include "verbund/sim/model.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>

#include "sim/interventions/registry.hpp"
#include "sim/model_impl.hpp"
#include "verbund/match/score.hpp"

namespace verbund::sim {

namespace {

using detail::Phase;

/// The model's constants and the scenario's interventions, compiled.
std::unique_ptr<Phase> compile_phase(const core::Region& region, const Scenario& scenario,
                                     const std::map<std::string, match::Call>& calls,
                                     const match::ScoreWeights& weights, std::uint64_t seed,
                                     const supply::SupplierIndex* suppliers,
                                     const detail::InterventionRegistry& registry) {
  auto phase = std::make_unique<Phase>();
  phase->model = scenario.model;
  const auto& model = phase->model;
  phase->formation = std::make_unique<Formation>(region, model);
  phase->group_of.resize(region.size());
  const auto& rates = model.meetings;
  phase->meeting_cumulative = {rates.triadic, rates.triadic + rates.focus,
                               rates.triadic + rates.focus + rates.geographic,
                               rates.triadic + rates.focus + rates.geographic + rates.stranger};
  phase->exp_minus_meeting_rate = std::exp(-phase->meeting_cumulative.back());
  for (int science = 0; science < 2; ++science) {
    for (std::size_t kinds = 0; kinds < phase->innovation_chance[0].size(); ++kinds) {
      const double eta = model.innovation_base + (science ? model.innovation_science : 0.0) +
                         model.innovation_diversity * static_cast<double>(kinds) / 5.0;
      phase->innovation_chance[science][kinds] = 1.0 / (1.0 + std::exp(-eta));
    }
  }

  std::unique_ptr<match::TransferScorer> scorer;  // built on first use
  auto shared_scorer = [&]() -> const match::TransferScorer& {
    if (!scorer) scorer = std::make_unique<match::TransferScorer>(region, weights);
    return *scorer;
  };
  std::map<std::string_view, std::uint32_t> ordinals;  // per type: how many so far
  std::vector<std::pair<int, std::unique_ptr<const detail::CompiledIntervention>>> units;
  for (std::size_t k = 0; k < scenario.interventions.size(); ++k) {
    const auto& intervention = scenario.interventions[k];
    const auto* type = registry.find(intervention.type);
    if (!type)
      throw InvalidInput(intervention.at, "unknown intervention type '" + intervention.type + "'");
    detail::CompileContext ctx{.region = region,
                               .seed = seed,
                               .index = k,
                               .ordinal = ordinals[type->name]++,
                               .at = intervention.at,
                               .calls = calls,
                               .phase = *phase,
                               .scorer = shared_scorer,
                               .suppliers = suppliers};
    units.emplace_back(type->acts, type->compile(intervention, ctx));
    phase->has_participants = phase->has_participants || type->has_participants;
  }
  std::stable_sort(units.begin(), units.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [acts, unit] : units) phase->interventions.push_back(std::move(unit));
  return phase;
}

/// The region's latest tie start year, if any tie has one.
std::optional<int> latest_start_year(const core::Region& region) {
  int latest = INT_MIN;
  for (const auto& t : region.ties())
    if (t.start) latest = std::max(latest, *t.start);
  if (latest == INT_MIN) return std::nullopt;
  return latest;
}

/// The path a message should name for an input of `role`: as opened, else as written.
std::string input_path(const ScenarioInputs& inputs, std::string_view role,
                       const std::string& written) {
  for (const auto& f : inputs.files)
    if (f.role == role) return f.path;
  return written;
}

}  // namespace

Model detail::compile(const core::Region& region, const Scenario& scenario,
                      const ScenarioInputs& inputs, const CompileOptions& options,
                      const InterventionRegistry& registry) {
  auto impl = std::make_shared<Model::Impl>();
  impl->region = &region;
  impl->seed = options.seed;
  impl->giant_share = options.giant_share;
  impl->name = scenario.name;
  impl->horizon = scenario.horizon;
  impl->files = inputs.files;
  const auto start_year = [&](const Scenario& s) {
    return s.start_year ? s.start_year : latest_start_year(region);
  };
  if (inputs.market) {  // the market of the year the network starts in
    const auto& first = scenario.fork && scenario.fork->checkpoint.empty() && inputs.origin
                            ? *inputs.origin
                            : scenario;
    auto market = std::make_shared<supply::Market>(supply::Market::build(
        region, *inputs.market,
        {.year = scenario.start_year ? scenario.start_year : start_year(first)}));
    impl->supplier_index = std::make_shared<supply::SupplierIndex>(*market);
    if (!market->demands().empty()) impl->supply = std::make_shared<detail::SupplyModel>(*market);
    impl->market = std::move(market);
  }
  const SourceLocation at{scenario.file, 0, 0};
  if (scenario.fork && !scenario.fork->checkpoint.empty()) {
    const auto& fork = *scenario.fork;
    if (!inputs.checkpoint)
      throw InvalidInput(at, "fork: the checkpoint '" + fork.checkpoint +
                                 "' was not loaded (io::load_scenario_inputs reads it)");
    impl->resume_file = input_path(inputs, "checkpoint", fork.checkpoint);
    if (inputs.origin && inputs.checkpoint->scenario != inputs.origin->name)
      throw InvalidInput(SourceLocation{impl->resume_file, 0, 0},
                         "the checkpoint was written by scenario '" + inputs.checkpoint->scenario +
                             "', the fork is from '" + inputs.origin->name + "' (" + fork.from +
                             ")");
    if (inputs.origin && inputs.origin->fork)
      throw InvalidInput(at, "fork: '" + fork.from + "' is itself a fork");
    check_checkpoint(*inputs.checkpoint, region,
                     {.month = fork.month.value_or(inputs.checkpoint->month), .seed = options.seed},
                     impl->resume_file);
    impl->resume = *inputs.checkpoint;
    std::sort(impl->resume->replicates.begin(), impl->resume->replicates.end(),
              [](const auto& a, const auto& b) { return a.replicate < b.replicate; });
    impl->year = scenario.start_year ? scenario.start_year : latest_start_year(region);
    impl->phases.push_back(compile_phase(region, scenario, inputs.calls, inputs.weights,
                                         options.seed, impl->supplier_index.get(), registry));
  } else if (scenario.fork) {
    const auto& fork = *scenario.fork;
    if (!inputs.origin)
      throw InvalidInput(at, "fork: the scenario '" + fork.from +
                                 "' was not loaded (io::load_scenario_inputs reads it)");
    Scenario origin = *inputs.origin;
    if (origin.fork) throw InvalidInput(at, "fork: '" + fork.from + "' is itself a fork");
    if (!fork.month) throw InvalidInput(at, "fork: 'month' says when to fork");
    if (*fork.month > scenario.horizon) throw InvalidInput(at, "fork: month beyond the horizon");
    if (scenario.start_year) origin.start_year = scenario.start_year;
    impl->year = origin.start_year ? origin.start_year : latest_start_year(region);
    impl->phases.push_back(compile_phase(region, origin, inputs.origin_calls, inputs.weights,
                                         options.seed, impl->supplier_index.get(), registry));
    impl->phases.push_back(compile_phase(region, scenario, inputs.calls, inputs.weights,
                                         options.seed, impl->supplier_index.get(), registry));
    impl->switch_after = *fork.month;
  } else {
    impl->year = scenario.start_year ? scenario.start_year : latest_start_year(region);
    impl->phases.push_back(compile_phase(region, scenario, inputs.calls, inputs.weights,
                                         options.seed, impl->supplier_index.get(), registry));
  }
  for (const auto& phase : impl->phases) {
    impl->participants = impl->participants || phase->has_participants;
    for (const auto a : phase->participants) impl->participant_ids.push_back(a.value);
    impl->groups.insert(impl->groups.end(), phase->drawn_groups.begin(), phase->drawn_groups.end());
    impl->notes.insert(impl->notes.end(), phase->notes.begin(), phase->notes.end());
  }
  // A fork's months before the fork are its origin's (replayed, or read from a checkpoint
  // written by the origin's run): they hold no participants of the fork to compare.
  if (scenario.fork) {
    impl->participants = false;
    impl->participant_ids.clear();
  }
  auto& ids = impl->participant_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return Model(std::move(impl));
}

Model compile(const core::Region& region, const Scenario& scenario, const ScenarioInputs& inputs,
              const CompileOptions& options) {
  return detail::compile(region, scenario, inputs, options, detail::builtin_interventions());
}

int Model::horizon() const noexcept { return impl_->horizon; }
std::uint64_t Model::seed() const noexcept { return impl_->seed; }
const std::string& Model::name() const& noexcept { return impl_->name; }
const core::Region& Model::region() const noexcept { return *impl_->region; }
std::optional<int> Model::start_year() const noexcept { return impl_->year; }
int Model::resumes_after() const noexcept { return impl_->resume ? impl_->resume->month : 0; }
const std::vector<std::pair<std::string, std::vector<core::ActorId>>>& Model::groups()
    const& noexcept {
  return impl_->groups;
}
bool Model::measures_supply() const noexcept { return impl_->supply != nullptr; }
bool Model::measures_participants() const noexcept { return impl_->participants; }
const std::vector<InputFile>& Model::input_files() const& noexcept { return impl_->files; }
const std::vector<std::string>& Model::notes() const& noexcept { return impl_->notes; }

}  // namespace verbund::sim
