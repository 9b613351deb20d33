#pragma once

// Fields several intervention types read the same way: months, shares, selections. Private to
// lib/sim.

#include <string>
#include <string_view>

#include "io/toml_reader.hpp"
#include "verbund/sim/scenario.hpp"

namespace verbund::sim::detail {

/// A month of the scenario: a whole number from 1 to the horizon, `fallback` when absent.
/// Throws InvalidInput at the value when it is not one.
[[nodiscard]] int read_month(io::TomlReader& r, std::string_view key, int horizon, int fallback);
/// A share in [0, 1], `fallback` when absent. Throws InvalidInput naming `name` and the key.
[[nodiscard]] double read_share(io::TomlReader& r, std::string_view key, double fallback,
                                const std::string& name);
/// An inline table of who is targeted (kinds, municipality, theme, sector, size); empty when
/// absent. Throws InvalidInput at an unknown kind or key.
[[nodiscard]] Selection read_selection(io::TomlReader& r, const std::string& file,
                                       const std::string& key = "select");

}  // namespace verbund::sim::detail
