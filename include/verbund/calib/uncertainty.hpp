#pragma once

// Parameter uncertainty in comparisons: each replicate runs with parameters drawn from the
// calibration's sampling distribution (the estimates and their covariance, as `calibrate`
// writes them in the calibrated scenario's provenance).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/calib/msm.hpp"
#include "verbund/core/region.hpp"
#include "verbund/sim/inputs.hpp"
#include "verbund/sim/simulate.hpp"

namespace verbund::calib {

/// The estimates of a calibration: parameters (start = the estimate), standard errors and
/// correlation.
struct Calibration {
  std::vector<FreeParameter> parameters;
  std::vector<double> standard_error;
  std::vector<std::vector<double>> correlation;
};

/// The calibration in a calibrated scenario's text (the "# verbund-calibration: {...}" line
/// calibrate writes); nullopt if it has none. O(size + p^3 + p x scenario parse). Throws
/// InvalidInput at the line's file:line:column if it is malformed, a standard error is missing
/// (a parameter the targets did not identify), negative or above 1000 x its bounds' width, a
/// key is one the scenario cannot set, a key comes twice, the correlation is not a symmetric
/// positive semi-definite one in [-1, 1]; and at the second line if there are two.
[[nodiscard]] std::optional<Calibration> read_calibration(std::string_view text,
                                                          const std::string& file);

/// `replicates` parameter vectors drawn from N(estimate, covariance), each kept within its bounds
/// (clamped), draw r from its own counter-based stream of (seed, r): the same for any thread
/// count. O(replicates x p^2 + p^3). Throws InvalidInput if the covariance is not positive
/// semi-definite.
[[nodiscard]] std::vector<std::vector<double>> draw_parameters(const Calibration& c,
                                                               std::size_t replicates,
                                                               std::uint64_t seed);

/// Replicate r of the scenario (its text and inputs) with the parameters draws[r] set, for r =
/// 0..draws.size()-1: what sim::simulate gives, each replicate compiled with its own parameters
/// and run on the common random numbers of `seed`. Cost: one compile and one replicate per
/// draw, in parallel. Throws as parse_scenario and compile do.
[[nodiscard]] sim::Run simulate_with_draws(const core::Region& region, std::string_view text,
                                           const std::string& file,
                                           const sim::ScenarioInputs& inputs,
                                           std::span<const FreeParameter> parameters,
                                           const std::vector<std::vector<double>>& draws,
                                           std::uint64_t seed);

}  // namespace verbund::calib
