// A network view (or the indicators) taken from a replicate destroyed at the end of the
// statement would dangle: refused. The control keeps the replicate in a variable.
#include "verbund/sim/simulation.hpp"

std::size_t ties_at_start(const verbund::sim::Model& model);

std::size_t ties_at_start(const verbund::sim::Model& model) {
#ifdef VERBUND_COMPILE_FAIL_CONTROL
  const verbund::sim::Simulation replicate(model, 0);
  const auto view = replicate.network();
#else
  const auto view = verbund::sim::Simulation(model, 0).network();
#endif
  return view.ties();
}
