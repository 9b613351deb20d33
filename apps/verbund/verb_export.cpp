#include <fstream>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "option_checks.hpp"
#include "verbund/io/geojson_export.hpp"
#include "verbund/io/graph_export.hpp"
#include "verbund/io/region_csv.hpp"
#include "verbund/io/region_json.hpp"

namespace verbund::cli {
namespace {

// Writes to standard output for "-", else to a file, reporting write errors.
template <typename Write>
void to_file_or_stdout(const std::string& out, Write write) {
  if (out == "-") {
    write(std::cout);
    return;
  }
  std::ofstream file(out, std::ios::binary);
  if (!file) throw IoError("cannot open '" + out + "' for writing");
  write(file);
  file.close();
  if (!file) throw IoError("error while writing '" + out + "'");
}

// The map leaves out actors without coordinates (and their ties): say which.
void note_left_out(const core::Region& region, const io::GeoJsonSummary& summary, bool quiet) {
  const auto& missing = summary.without_location;
  if (quiet || missing.empty()) return;
  std::string ids;
  for (std::size_t i = 0; i < missing.size() && i < 10; ++i)
    ids += (i > 0 ? ", " : "") + std::string(region.external_id(missing[i]));
  if (missing.size() > 10) ids += ", ... (all in \"actors_without_coordinates\")";
  std::cerr << "verbund: note: " << missing.size()
            << " actors without coordinates are not on the map, nor their ties: " << ids << "\n";
}

}  // namespace

Verb add_export_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    std::string out;
    std::optional<std::string> format;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write the region out: csv (a directory of the five import files, the default), "
      "json, graphml, gexf (dynamic, for Gephi's timeline), dot or geojson (a map layer for QGIS); "
      "'-' = standard output");
  cmd->add_option("-o,--out", state->out, "output directory (csv) or file")->required();
  cmd->add_option("--format", state->format, "csv, json, graphml, gexf, dot or geojson")
      ->check(one_of({"csv", "json", "graphml", "gexf", "dot", "geojson"}));
  return {cmd, [&global, state] {
            // `verbund --format json export` (global) and `verbund export --format gexf` both work.
            const std::string format =
                state->format.value_or(global.format == Format::json ? "json" : "csv");
            const io::Store store = open_store(global, /*create=*/false);
            const core::Region region = store.load_region();
            if (format == "csv") {
              if (state->out == "-")
                throw InvalidInput("--out: csv export writes a directory, not '-'");
              io::write_region_csv(region, state->out);
            } else if (format == "json") {
              to_file_or_stdout(state->out,
                                [&](std::ostream& o) { io::write_region_json(region, o); });
            } else if (format == "geojson") {
              io::GeoJsonSummary summary;
              to_file_or_stdout(state->out,
                                [&](std::ostream& o) { summary = io::write_geojson(region, o); });
              note_left_out(region, summary, global.quiet);
            } else {
              const auto graph_format = format == "graphml" ? io::GraphFormat::graphml
                                        : format == "gexf"  ? io::GraphFormat::gexf
                                                            : io::GraphFormat::dot;
              to_file_or_stdout(state->out,
                                [&](std::ostream& o) { io::write_graph(region, graph_format, o); });
            }
            if (!global.quiet && state->out != "-") {
              std::cerr << "exported " << region.size() << " actors and " << region.tie_count()
                        << " ties to " << state->out << " (" << format << ")\n";
            }
          }};
}

}  // namespace verbund::cli
