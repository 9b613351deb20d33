#pragma once
// `metrics --years A..B`: the observed indicator series, one row per year (calib panels).

#include <string>
#include <string_view>

#include "cli.hpp"
#include "output.hpp"

namespace verbund::cli {

/// Parses "A..B" (A <= B, years core::min_year to core::max_year); throws InvalidInput.
std::pair<int, int> parse_year_range(const std::string& text, std::string_view option = "--years");

/// The observed network's indicators in each year of `years` (ties active in the year, the
/// stored projects running in it), from the database of `global`.
Table observed_series_table(const GlobalOptions& global, std::pair<int, int> years);

}  // namespace verbund::cli
