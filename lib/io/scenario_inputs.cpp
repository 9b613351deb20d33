// Reads a scenario and every file it names, before anything is compiled or run.
#include "verbund/io/scenario_inputs.hpp"

#include "io/read_text.hpp"
#include "verbund/error.hpp"
#include "verbund/match/call.hpp"
#include "verbund/match/weights_file.hpp"

namespace verbund::io {

namespace {

namespace fs = std::filesystem;

/// A path as written in `from`, taken from the folder of `from` when relative.
fs::path beside(const std::string& from, const std::string& written) {
  const fs::path path(written);
  return path.is_relative() ? fs::path(from).parent_path() / path : path;
}

class Reader {
 public:
  explicit Reader(sim::ScenarioInputs& inputs) : inputs_(inputs) {}

  /// The file's text, recorded with its hash.
  std::string read(const fs::path& path, const std::string& role, std::string_view what) {
    auto text = read_text_file(path, what);
    inputs_.files.push_back({role, path.string(), content_hash(text)});
    return text;
  }

  /// The funding calls `scenario` names, by the path as written.
  std::map<std::string, match::Call> calls_of(const sim::Scenario& scenario) {
    std::map<std::string, match::Call> calls;
    for (const auto& intervention : scenario.interventions) {
      const auto* f = intervention.spec_if<sim::FundingCall>();
      if (!f || calls.contains(f->call)) continue;
      const auto path = beside(scenario.file, f->call);
      try {
        calls.emplace(f->call, match::parse_call(read(path, "call", "call file"), path.string()));
      } catch (const InvalidInput& e) {
        if (e.where().line != 0) throw;  // a mistake inside the call file names its own place
        throw InvalidInput(intervention.at, f->name + ": " + e.what());
      }
    }
    return calls;
  }

 private:
  sim::ScenarioInputs& inputs_;
};

}  // namespace

LoadedScenario load_scenario_inputs(const fs::path& path) { return load_scenario_inputs(path, {}); }

LoadedScenario load_scenario_inputs(const fs::path& path,
                                    std::span<const sim::ParameterSetting> settings) {
  LoadedScenario out;
  Reader reader(out.inputs);
  out.scenario =
      sim::parse_scenario(reader.read(path, "scenario", "scenario file"), path.string(), settings);
  const auto& scenario = out.scenario;
  if (scenario.fork) {
    // The origin is read either way: replayed, or (with a checkpoint) the scenario the
    // checkpoint must have been written by.
    const auto& fork = *scenario.fork;
    const auto at = SourceLocation{scenario.file, 0, 0};
    const auto origin_path = beside(scenario.file, fork.from);
    out.inputs.origin =
        sim::parse_scenario(reader.read(origin_path, "fork origin", "scenario file to fork from"),
                            origin_path.string());
    if (out.inputs.origin->fork)
      throw InvalidInput(at, "fork: '" + origin_path.string() + "' is itself a fork");
    if (fork.checkpoint.empty()) {
      out.inputs.origin_calls = reader.calls_of(*out.inputs.origin);
    } else {
      const auto checkpoint_path = beside(scenario.file, fork.checkpoint);
      out.inputs.checkpoint = sim::parse_checkpoint(
          reader.read(checkpoint_path, "checkpoint", "checkpoint"), checkpoint_path.string());
    }
  }
  out.inputs.calls = reader.calls_of(scenario);
  if (!scenario.weights.empty()) {
    const auto weights_path = beside(scenario.file, scenario.weights);
    out.inputs.weights = match::parse_score_weights(
        reader.read(weights_path, "weights", "weights file"), weights_path.string());
  }
  return out;
}

}  // namespace verbund::io
