// The drawn working groups live in the compiled model: a reference taken from a temporary model
// would dangle, refused. The control keeps the model in a variable.
#include "verbund/sim/model.hpp"

std::size_t group_count(const verbund::core::Region& region,
                        const verbund::sim::Scenario& scenario);

std::size_t group_count(const verbund::core::Region& region,
                        const verbund::sim::Scenario& scenario) {
#ifdef VERBUND_COMPILE_FAIL_CONTROL
  const auto model = verbund::sim::compile(region, scenario);
  const auto& groups = model.groups();
#else
  const auto& groups = verbund::sim::compile(region, scenario).groups();
#endif
  return groups.size();
}
