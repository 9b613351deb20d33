#include <fstream>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "verbund/io/region_csv.hpp"
#include "verbund/io/region_json.hpp"

namespace verbund::cli {

Verb add_export_verb(CLI::App& app, const GlobalOptions& global) {
  auto out = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write the region out: --format csv (a directory of the five import files, the "
      "default) or json (one file; '-' for standard output)");
  cmd->add_option("-o,--out", *out, "output directory (csv) or file (json)")->required();
  return {cmd, [&global, out] {
            const io::Store store = open_store(global, /*create=*/false);
            const core::Region region = store.load_region();
            if (global.format == Format::json) {
              if (*out == "-") {
                io::write_region_json(region, std::cout);
                return;
              }
              std::ofstream file(*out, std::ios::binary);
              if (!file) throw IoError("cannot open '" + *out + "' for writing");
              io::write_region_json(region, file);
              file.close();
              if (!file) throw IoError("error while writing '" + *out + "'");
            } else {
              io::write_region_csv(region, *out);
            }
            if (!global.quiet && *out != "-") {
              std::cerr << "exported " << region.size() << " actors and " << region.tie_count()
                        << " ties to " << *out << "\n";
            }
          }};
}

}  // namespace verbund::cli
