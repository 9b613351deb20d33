// run: one replicate, a month at a time.
#include "verbund/sim/simulation.hpp"

#include <algorithm>

#include "sim/month.hpp"
#include "verbund/assert.hpp"

namespace verbund::sim {

struct Simulation::Impl {
  std::shared_ptr<const Model::Impl> model;
  detail::MonthContext month;
  const detail::Phase* phase = nullptr;  // the phase whose interventions' states are held
  std::vector<std::unique_ptr<detail::InterventionState>> states;
  std::vector<Indicators> series;
  Observer observer;
  const std::atomic<bool>* cancel = nullptr;
  bool interrupted = false;

  /// The month context of a new replicate, or of one saved in the model's checkpoint.
  static detail::MonthContext start(const Model::Impl& model, std::size_t replicate) {
    if (!model.resume) return {model, replicate};
    const auto& saved = model.resume->replicates;
    const auto it =
        std::lower_bound(saved.begin(), saved.end(), replicate,
                         [](const ReplicateState& s, std::size_t r) { return s.replicate < r; });
    if (it == saved.end() || it->replicate != replicate)
      throw InvalidInput("the checkpoint lacks replicate " + std::to_string(replicate));
    return {model, *it};
  }

  Impl(std::shared_ptr<const Model::Impl> m, std::size_t replicate, Observer o)
      : model(std::move(m)), month(start(*model, replicate)), observer(std::move(o)) {
    if (model->resume) {
      for (const auto& s : model->resume->replicates)
        if (s.replicate == replicate) series = s.series;
    } else {
      series.push_back(month.indicators());
    }
    enter(model->phase_of(month.month() + 1));
  }

  /// Interventions' per-replicate state starts afresh in each phase (budgets of a fork's
  /// second phase are its own).
  void enter(const detail::Phase& next) {
    phase = &next;
    states.clear();
    for (const auto& unit : next.interventions) states.push_back(unit->start());
  }
};

Simulation::Simulation(const Model& model, std::size_t replicate, Observer observer)
    : impl_(std::make_unique<Impl>(model.impl_, replicate, std::move(observer))) {}
Simulation::~Simulation() = default;
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;

void Simulation::step() {
  auto& s = *impl_;
  if (s.interrupted) return;
  VERBUND_ASSERT(!done());
  auto& month = s.month;
  const int next = month.month() + 1;
  const auto& phase = s.model->phase_of(next);
  if (&phase != s.phase) s.enter(phase);
  month.begin(phase, next);
  for (std::size_t i = 0; i < phase.interventions.size(); ++i)
    phase.interventions[i]->apply(month, s.states[i].get());
  if (!month.own_dynamics(s.cancel)) {
    s.interrupted = true;
    return;
  }
  s.series.push_back(month.indicators());
  if (s.observer) s.observer(*this);
}

void Simulation::cancel_with(const std::atomic<bool>* flag) noexcept { impl_->cancel = flag; }
bool Simulation::interrupted() const noexcept { return impl_->interrupted; }
bool Simulation::done() const noexcept { return impl_->month.month() >= impl_->model->horizon; }
int Simulation::month() const noexcept { return impl_->month.month(); }
std::size_t Simulation::replicate() const noexcept { return impl_->month.replicate(); }
const Indicators& Simulation::indicators() const& noexcept { return impl_->series.back(); }
const std::vector<Indicators>& Simulation::series() const& noexcept { return impl_->series; }
NetworkView Simulation::network() const& noexcept { return NetworkView(impl_->month.network()); }
TieEndings Simulation::tie_endings() const { return impl_->month.tie_endings(); }

ReplicateState Simulation::state() const {
  const auto& net = impl_->month.network();
  ReplicateState state;
  state.replicate = replicate();
  for (const auto& t : net.ties())
    if (t.alive) state.ties.push_back(t);
  for (std::uint32_t v = 0; v < net.size(); ++v)
    if (!net.is_open(v)) state.closed.push_back(v);
  state.innovations = impl_->month.innovations();
  state.series = impl_->series;
  return state;
}

}  // namespace verbund::sim
