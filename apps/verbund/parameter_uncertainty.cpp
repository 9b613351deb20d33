// `compare --parameter-uncertainty`: replicates with parameters drawn from the calibration.
#include "parameter_uncertainty.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "verbund/error.hpp"

namespace verbund::cli {

ParameterDraws::ParameterDraws(bool active, const std::vector<std::string>& scenarios,
                               std::size_t replicates, std::uint64_t seed, bool quiet,
                               report::Lang lang)
    : files_(scenarios), seed_(seed) {
  if (!active) return;
  for (const auto& f : files_) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    texts_.push_back(s.str());
  }
  calibration_ = calib::read_calibration(texts_.front(), files_.front());
  if (!calibration_)
    throw InvalidInput(SourceLocation{files_.front(), 0, 0},
                       "--parameter-uncertainty needs a calibrated baseline (written by "
                       "`verbund calibrate --out`), whose provenance holds the estimates");
  draws_ = calib::draw_parameters(*calibration_, replicates, seed);
  if (!quiet && lang == report::Lang::de) {
    std::cerr << "Parameterunsicherheit: jede Wiederholung zieht";
    for (const auto& p : calibration_->parameters) std::cerr << ' ' << p.key;
    std::cerr << " aus der Kalibrierung von " << files_.front()
              << "; die Intervalle umfassen das Monte-Carlo-Rauschen und die Unsicherheit der "
                 "Schätzungen.\n";
  } else if (!quiet) {
    std::cerr << "Parameter uncertainty: each replicate draws";
    for (const auto& p : calibration_->parameters) std::cerr << ' ' << p.key;
    std::cerr << " from the calibration of " << files_.front()
              << "; the intervals cover both Monte Carlo noise and the uncertainty of the "
                 "estimates.\n";
  }
}

void set_baseline_estimates(const std::vector<std::string>& files,
                            std::vector<io::LoadedScenario>& loaded, bool quiet,
                            report::Lang lang) {
  std::ifstream in(files.front(), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const auto calibration = calib::read_calibration(text.str(), files.front());
  if (!calibration || files.size() < 2) return;
  std::vector<sim::ParameterSetting> settings;
  for (const auto& p : calibration->parameters) settings.push_back({p.key, p.start});
  for (std::size_t s = 1; s < files.size(); ++s) {
    const auto market = loaded[s].inputs.market;
    loaded[s] = io::load_scenario_inputs(files[s], settings);
    loaded[s].inputs.market = market;
  }
  if (quiet) return;
  if (lang == report::Lang::de) {
    std::cerr << "Kalibrierte Basis: jedes Szenario läuft mit ihren Schätzungen";
    for (const auto& p : calibration->parameters) std::cerr << ' ' << p.key << " = " << p.start;
    std::cerr << " (--parameter-uncertainty zieht sie stattdessen).\n";
    return;
  }
  std::cerr << "Calibrated baseline: every scenario runs with its estimates";
  for (const auto& p : calibration->parameters) std::cerr << ' ' << p.key << " = " << p.start;
  std::cerr << " (--parameter-uncertainty draws them instead).\n";
}

sim::Run ParameterDraws::run(const core::Region& region, std::size_t s,
                             const sim::ScenarioInputs& inputs) const {
  return calib::simulate_with_draws(region, texts_[s], files_[s], inputs, calibration_->parameters,
                                    draws_, seed_);
}

}  // namespace verbund::cli
