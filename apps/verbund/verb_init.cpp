#include <iostream>

#include "cli.hpp"

namespace verbund::cli {

Verb add_init_verb(CLI::App& app, const GlobalOptions& global) {
  CLI::App* cmd =
      app.add_subcommand("init", "Create an empty verbund database (or migrate an older one)");
  return {cmd, [&global] {
            io::Store store = open_store(global, /*create=*/true);
            if (!global.quiet) {
              std::cout << "database " << global.db << " is ready (schema version "
                        << io::Store::schema_version << ")\n";
            }
          }};
}

}  // namespace verbund::cli
