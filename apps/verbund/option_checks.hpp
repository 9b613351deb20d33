#pragma once

// Checks of option values with plain messages, shared by every verb: "--unit must be a number
// above 0 (got 0)" instead of CLI11's "Value 0 not in range 0.000000 to 1797…(309 digits)".
// CLI11 prefixes a failed check with "NAME: "; plain_option_message turns that into one
// sentence, in English or German.

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "verbund/report/lang.hpp"

namespace verbund::cli {

/// A whole number lo..hi ("--threads must be a whole number 0..4096 (got abc)").
[[nodiscard]] CLI::Validator whole_range(long long lo, long long hi);
[[nodiscard]] inline CLI::Validator number_range(int lo, int hi) { return whole_range(lo, hi); }
/// A number lo..hi, NaN refused as not a number.
[[nodiscard]] CLI::Validator number_range(double lo, double hi);
/// A number above 0 (NaN and infinity refused).
[[nodiscard]] CLI::Validator positive_number();
/// A number of at least 0 (NaN and infinity refused).
[[nodiscard]] CLI::Validator non_negative_number();
/// One of `words` ("--format must be table, csv or json (got xml)"); `ignore_case` compares
/// ASCII letters without case.
[[nodiscard]] CLI::Validator one_of(std::vector<std::string> words, bool ignore_case = false);

/// A number in its shortest form: 1.5, 0, 1000, 1e-09; with a decimal comma in German.
[[nodiscard]] std::string short_number(double value, report::Lang lang = report::Lang::en);

/// CLI11's "NAME: must be …" as "NAME must be …" (English) or "NAME muss … sein (nicht X)"
/// (German); other messages are returned unchanged. O(length).
[[nodiscard]] std::string plain_option_message(std::string message, report::Lang lang);

}  // namespace verbund::cli
