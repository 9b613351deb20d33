// A checkpoint's text (`simulate --checkpoint-at` writes it, a fork resumes from it): parsed
// (parse_checkpoint), then resumed as a fork would resume it: a scenario forked at the
// checkpoint's month from the scenario it names, compiled against the small region with the
// checkpoint's seed (which runs check_checkpoint) and run for one more month with every
// replicate it holds. A fuzzed file that keeps the region's fingerprint (the seeds do) gets past
// the checks to the resumed network.

#include "fuzz_support.hpp"
#include "verbund/sim/checkpoint.hpp"
#include "verbund/sim/inputs.hpp"
#include "verbund/sim/model.hpp"
#include "verbund/sim/simulate.hpp"

namespace {

// A run of one month per replicate stays cheap for checkpoints up to this size.
constexpr std::size_t max_replicates_run = 8;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verbund;
  fuzz::accept_or_refuse([&] {
    const sim::Checkpoint checkpoint =
        sim::parse_checkpoint(fuzz::as_text(data, size), "fuzz.checkpoint");
    sim::check_checkpoint(checkpoint, fuzz::small_region(),
                          {.month = checkpoint.month,
                           .seed = checkpoint.seed,
                           .replicates = checkpoint.replicates.size()},
                          "fuzz.checkpoint");
    if (checkpoint.month < 0 || checkpoint.month >= 1200) return;
    if (checkpoint.replicates.empty() || checkpoint.replicates.size() > max_replicates_run) return;
    sim::Scenario origin;
    origin.name = checkpoint.scenario;
    origin.file = "origin.toml";
    sim::Scenario fork;
    fork.name = "fork";
    fork.file = "fork.toml";
    fork.horizon = checkpoint.month + 1;
    fork.fork = sim::Fork{.from = "origin.toml", .month = checkpoint.month,
                          .checkpoint = "fuzz.checkpoint"};
    sim::ScenarioInputs inputs;
    inputs.origin = origin;
    inputs.checkpoint = checkpoint;
    const sim::Model model =
        sim::compile(fuzz::small_region(), fork, inputs, {.seed = checkpoint.seed});
    (void)sim::simulate(model, {.replicates = checkpoint.replicates.size()});
  });
  return 0;
}
