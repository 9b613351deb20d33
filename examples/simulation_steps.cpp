// One replicate of a scenario, driven a month at a time: load the scenario and every file it
// names, compile it against a region, then step and watch.
//
// usage: simulation_steps RUHR_DATA_DIR SCENARIO.toml
#include <cstdio>
#include <exception>

#include "verbund/gen/ruhr.hpp"
#include "verbund/io/scenario_inputs.hpp"
#include "verbund/sim/simulate.hpp"

int main(int argc, char** argv) {
  using namespace verbund;
  if (argc != 3) {
    std::fprintf(stderr, "usage: simulation_steps RUHR_DATA_DIR SCENARIO.toml\n");
    return 2;
  }
  try {
    const core::Region region =
        gen::generate_ruhr_region(gen::load_ruhr_base(argv[1]), {.firms = 1000, .seed = 1});
    // describe: the scenario and its fork origin, calls, checkpoint and weights, read and hashed
    const auto loaded = io::load_scenario_inputs(argv[2]);
    for (const auto& file : loaded.inputs.files)
      std::printf("read %-12s %s (%s)\n", file.role.c_str(), file.path.c_str(), file.hash.c_str());
    // compile: every name resolved and every plan made; mistakes surface here, not in month 7
    const sim::Model model = sim::compile(region, loaded.scenario, loaded.inputs, {.seed = 7});
    // run: one replicate, a month at a time, observed after each month
    sim::Simulation replicate(model, 0, [](const sim::Simulation& s) {
      const auto& now = s.indicators();
      std::printf("month %3d  ties %6.0f  science share %.3f  cross-municipal %.3f\n", s.month(),
                  now.ties, now.science_share, now.cross_municipal_share);
    });
    while (!replicate.done()) replicate.step();
    // simulate() is this loop over replicates, in parallel, bit-identical for any thread count
    const auto run = sim::simulate(model, {.replicates = 4});
    std::printf("replicate 0 again: %s\n",
                sim::values(run.series[0].back()) == sim::values(replicate.indicators())
                    ? "identical"
                    : "DIFFERENT");
    return sim::values(run.series[0].back()) == sim::values(replicate.indicators()) ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "simulation_steps: %s\n", e.what());
    return 1;
  }
}
