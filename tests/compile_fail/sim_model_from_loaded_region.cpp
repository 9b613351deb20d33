// A model compiled against the region a Store returns would point into a region destroyed at
// the end of the statement: refused. The control keeps the region in a variable.
#include "verbund/io/store.hpp"
#include "verbund/sim/model.hpp"

int horizon_of(const verbund::io::Store& store, const verbund::sim::Scenario& scenario);

int horizon_of(const verbund::io::Store& store, const verbund::sim::Scenario& scenario) {
#ifdef VERBUND_COMPILE_FAIL_CONTROL
  const auto region = store.load_region();
  const auto model = verbund::sim::compile(region, scenario);
#else
  const auto model = verbund::sim::compile(store.load_region(), scenario);
#endif
  return model.horizon();
}
