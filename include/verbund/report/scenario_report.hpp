#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "verbund/report/lang.hpp"
#include "verbund/sim/indicators.hpp"
#include "verbund/sim/scenario.hpp"
#include "verbund/sim/simulate.hpp"

namespace verbund::report {

/// One further monthly series (month 0..horizon) by indicator name, e.g. "science share
/// (participants)": series whose names end in " (participants)" and " (non-participants)" fill
/// the report's section on who took part.
struct NamedSeries {
  std::string indicator;
  std::vector<sim::Estimate> months;
};

/// What one scenario's run gives the report.
struct ScenarioOutcome {
  std::string name;
  /// Per month: the means with 95 % intervals (sim::summarize).
  std::vector<std::array<sim::Estimate, sim::indicator_count>> summary;
  /// Per month: minus the baseline, paired by replicate (sim::compare); empty for the baseline.
  std::vector<std::array<sim::Estimate, sim::indicator_count>> difference;
  /// The last month any intervention of the scenario acts (programme_end); none = no programme.
  std::optional<int> programme_end;
  std::vector<NamedSeries> extra;
  std::size_t replicates = 0;
  /// Whether the supply indicators were measured (sim::Run::supply): shown only then.
  bool supply = false;
};

struct ScenarioReportOptions {
  Lang lang = Lang::en;
};

/// The last month an intervention of `scenario` acts: the end of working groups, transfer
/// offices and supplier initiatives, the month of shocks and matchmaking days, a funding call's
/// month plus its projects' duration (capped at the horizon); none without interventions of
/// these types. O(interventions), thread-safe, does not throw.
[[nodiscard]] std::optional<int> programme_end(const sim::Scenario& scenario) noexcept;

/// The scenario report: for each indicator a time chart with the baseline and every scenario
/// (means and 95 % bands by month) and the verdict at the horizon as a sentence; the fade-out
/// after the programme ends (the difference at its end against the horizon, in words); and
/// participants versus non-participants where the outcomes carry such series, else a sentence
/// that this scenario records none. `scenarios[0]` is the baseline. Throws InvalidInput if there
/// is no scenario or the series' lengths differ. O(scenarios x months x indicators).
/// Thread-safe.
[[nodiscard]] std::string scenario_report(const std::vector<ScenarioOutcome>& scenarios,
                                          const ScenarioReportOptions& options);

}  // namespace verbund::report
