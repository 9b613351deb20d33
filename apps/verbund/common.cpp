#include <filesystem>

#include "cli.hpp"
#include "output.hpp"
#include "verbund/error.hpp"

namespace verbund::cli {

io::Store open_store(const GlobalOptions& global, bool create) {
  if (!create && !std::filesystem::exists(global.db)) {
    throw InvalidInput(
        SourceLocation{global.db, 0, 0},
        "database does not exist (create it with `verbund init`, `verbund import` or "
        "`verbund generate`)");
  }
  return io::Store::open(global.db,
                         create ? io::OpenMode::create_if_missing : io::OpenMode::open_existing);
}

std::string describe_options(const CLI::App& command) {
  Json options = Json::object();
  for (const CLI::Option* option : command.get_options()) {
    if (option->count() == 0 || option->get_name() == "--help") continue;
    const auto results = option->results();
    options[option->get_name()] = results.size() == 1 ? Json(results[0]) : Json(results);
  }
  return options.dump();
}

}  // namespace verbund::cli
