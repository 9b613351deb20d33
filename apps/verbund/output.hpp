#pragma once

// Rendering of results as an aligned table, CSV or JSON, so that every verb prints alike.

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "verbund/core/region.hpp"

namespace verbund::cli {

using Json = nlohmann::ordered_json;

/// A titled table whose cells are JSON values (strings, numbers, null).
struct Table {
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<Json>> rows;
};

/// Prints tables: as aligned text under their titles; as CSV (several tables each after a
/// `# title` line); or as one JSON object keyed by title, each holding an array of row objects.
void print_tables(std::ostream& out, const std::vector<Table>& tables, Format format);
/// Writes the tables to the file `path` (created or replaced): a file that cannot be opened is
/// bad input naming it, a failed write an IoError.
void write_tables(const std::string& path, const std::vector<Table>& tables, Format format);

/// As print_tables and write_tables, in the language of --lang: with --lang de the text table
/// shows German titles, headers, row labels and vocabulary (kinds, indicators, verdicts, yes/no);
/// CSV and JSON keep the English keys and values, which scripts rely on.
void print_tables(std::ostream& out, const std::vector<Table>& tables, const GlobalOptions& global);
void write_tables(const std::string& path, const std::vector<Table>& tables,
                  const GlobalOptions& global);

/// The table as the text output shows it in `lang`: title, headers and the vocabulary cells
/// (columns such as kind, indicator, verdict) through report::term, booleans as ja/nein.
[[nodiscard]] Table localized(const Table& table, report::Lang lang);

/// Text of one cell as the table and CSV renderers show it.
[[nodiscard]] std::string cell_text(const Json& cell);

/// An actor's name, with its parent's beside it for a chair or group ("Lehrstuhl X (Universität
/// Duisburg-Essen)"), so that a recommended chair says whose it is.
[[nodiscard]] std::string name_with_parent(const core::Region& region, core::ActorId a);

/// The cell for an actor's municipality: its name, or null when unknown.
[[nodiscard]] Json place_of(const core::Region& region, core::ActorId a);

}  // namespace verbund::cli
