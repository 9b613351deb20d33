// A scenario file: read with every file it names (io::load_scenario_inputs) and compiled against
// the small region (sim::compile), as `simulate` does before its first month. The input is
// written as scenarios/fuzz.toml in a scratch copy of data/'s scenarios, calls and weights, so
// that `from = "baseline.toml"` or `call = "../calls/efre-hydrogen.toml"` find real files.
// The run itself is not fuzzed: its cost grows with the horizon and rates a file may set.

#include "fuzz_support.hpp"
#include "verbund/io/scenario_inputs.hpp"
#include "verbund/sim/model.hpp"

namespace {

const std::filesystem::path& scenario_dir() {
  static const std::filesystem::path dir = [] {
    const auto root = verbund::fuzz::scratch_dir();
    for (const char* sub : {"scenarios", "calls", "match"}) {
      std::filesystem::copy(verbund::fuzz::data_dir() / sub, root / sub,
                            std::filesystem::copy_options::recursive);
    }
    return root / "scenarios";
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verbund;
  const auto path = scenario_dir() / "fuzz.toml";
  fuzz::write_file(path, fuzz::as_text(data, size));
  fuzz::accept_or_refuse([&] {
    const io::LoadedScenario loaded = io::load_scenario_inputs(path);
    const sim::Model model =
        sim::compile(fuzz::small_region(), loaded.scenario, loaded.inputs, {.seed = 1});
    (void)model;
  });
  return 0;
}
