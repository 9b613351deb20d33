#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "verbund/match/call.hpp"
#include "verbund/match/score.hpp"
#include "verbund/sim/checkpoint.hpp"
#include "verbund/sim/scenario.hpp"
#include "verbund/supply/market_data.hpp"

namespace verbund::sim {

/// A file a run read, for its provenance record.
struct InputFile {
  std::string role;  ///< "scenario", "fork origin", "checkpoint", "call", "weights"
  std::string path;  ///< as opened
  std::string hash;  ///< FNV-1a 64 of the bytes read, 16 hex digits
};

/// Everything the files a scenario names hold, already read and parsed, so that compiling and
/// running it touch no disk. io::load_scenario_inputs fills it from a scenario file; a scenario
/// built in code that names no files needs none of it.
struct ScenarioInputs {
  std::optional<Scenario> origin;        ///< the scenario of `fork.from` (replayed)
  std::optional<Checkpoint> checkpoint;  ///< `fork.checkpoint`, read (resumed)
  /// The funding calls of the scenario, by `FundingCall::call` as written there.
  std::map<std::string, match::Call> calls;
  /// The same for the fork origin's funding calls (their paths are relative to its folder).
  std::map<std::string, match::Call> origin_calls;
  /// The scenario's `weights` file, parsed; the defaults when it names none.
  match::ScoreWeights weights{};
  /// The region's supplier market (as the store holds it, io::load_market), shared by
  /// scenarios compared on one region. With it, supplier initiatives introduce buyers to their
  /// best-ranked suppliers (the supplier search) and the supply indicators are measured;
  /// without it, supplier initiatives draw suppliers from their selection at random.
  std::shared_ptr<const supply::MarketData> market;
  /// Every file read, in reading order, with its hash: the scenario first.
  std::vector<InputFile> files;
};

}  // namespace verbund::sim
