#pragma once
// `compare --parameter-uncertainty`: every replicate of every scenario runs with parameters drawn
// from the baseline's calibration (calib::read_calibration), the same draw for replicate r of
// each scenario, so that differences stay paired.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "verbund/calib/uncertainty.hpp"
#include "verbund/io/scenario_inputs.hpp"
#include "verbund/report/lang.hpp"

namespace verbund::cli {

class ParameterDraws {
 public:
  /// Inactive unless `active`; else reads the calibration of scenarios[0] (InvalidInput if it has
  /// none), draws the parameters and says on stderr (unless quiet) what the intervals cover,
  /// in `lang`.
  ParameterDraws(bool active, const std::vector<std::string>& scenarios, std::size_t replicates,
                 std::uint64_t seed, bool quiet, report::Lang lang = report::Lang::en);
  [[nodiscard]] bool active() const noexcept { return calibration_.has_value(); }
  /// Scenario s's replicates, each with its drawn parameters.
  [[nodiscard]] sim::Run run(const core::Region& region, std::size_t s,
                             const sim::ScenarioInputs& inputs) const;

 private:
  std::vector<std::string> files_, texts_;
  std::optional<calib::Calibration> calibration_;
  std::vector<std::vector<double>> draws_;
  std::uint64_t seed_ = 1;
};

/// `compare` without --parameter-uncertainty: when the baseline (files[0]) is calibrated, every
/// other scenario is loaded again with the baseline's estimates set, so that a difference is the
/// programme's and not the calibration's; a note on stderr (unless quiet) says so, in `lang`.
/// Throws InvalidInput as read_calibration and load_scenario_inputs do.
void set_baseline_estimates(const std::vector<std::string>& files,
                            std::vector<io::LoadedScenario>& loaded, bool quiet,
                            report::Lang lang = report::Lang::en);

}  // namespace verbund::cli
