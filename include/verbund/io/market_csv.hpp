#pragma once

#include <filesystem>
#include <optional>

#include "verbund/supply/market_data.hpp"

namespace verbund::io {

/// The CSV files of a supplier market; any subset may be given.
///
/// Columns (a header row is required; columns marked optional may be left out; lists are
/// `;`-separated within a field):
/// - categories:     id,label_en,label_de  optional: theme (a theme id of the taxonomy),
///                   cpa (list of CPA/NACE codes), unit (empty = "units")
/// - certifications: id,label_en,label_de
/// - offers:         supplier,category,capacity  optional: certifications (list),
///                   lead_time_weeks, min_order  (capacity and min_order in the category's
///                   unit per year)
/// - demands:        buyer,category,quantity  optional: certifications (list, all required),
///                   source (region|germany|abroad, empty = abroad),
///                   criticality (low|medium|high, empty = medium)
/// - flows:          supplier,buyer,category  optional: volume (unit per year), start, end
/// An empty label_de is the label_en.
struct MarketCsvFiles {
  std::optional<std::filesystem::path> categories;
  std::optional<std::filesystem::path> certifications;
  std::optional<std::filesystem::path> offers;
  std::optional<std::filesystem::path> demands;
  std::optional<std::filesystem::path> flows;

  /// categories.csv, certifications.csv, offers.csv, demands.csv and flows.csv in `directory`,
  /// each only if it exists. O(1) file checks. Thread-safe; throws only std::bad_alloc and
  /// std::filesystem::filesystem_error.
  [[nodiscard]] static MarketCsvFiles in_directory(const std::filesystem::path& directory);
  /// Whether no file is given. O(1); does not throw.
  [[nodiscard]] bool empty() const noexcept {
    return !categories && !certifications && !offers && !demands && !flows;
  }
};

/// Parses the files into market records, checking every cell's format (numbers, years in
/// [core::min_year, core::max_year], sourcing and criticality names, no control characters in
/// ids and labels, no empty list items). References and ranges (known actors and categories,
/// capacities > 0, ...) are checked later by supply::Market::build or io::append_market.
/// Throws InvalidInput naming file, line and column; IoError if a file cannot be read.
/// O(total file size). Thread-safe (for distinct calls; the files are only read).
[[nodiscard]] supply::MarketData read_market_csv(const MarketCsvFiles& files);

}  // namespace verbund::io
