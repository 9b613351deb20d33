// `verbund suppliers …`: the supplier engines that are not a matchmaking of one buyer (that is
// `match suppliers`). Each subcommand lives in its own verb_suppliers_*.cpp and registers here.

#include <functional>
#include <vector>

#include "cli.hpp"

namespace verbund::cli {

Verb add_suppliers_verb(CLI::App& app, const GlobalOptions& global) {
  CLI::App* suppliers = app.add_subcommand(
      "suppliers",
      "Supplier initiatives: catalogue, sourcing plans, single-source risk, joint offers");
  suppliers->require_subcommand(1);
  // One entry per subcommand: each returns its action, which runs only if it was parsed.
  std::vector<std::function<void()>> actions{
      add_suppliers_catalog_subcommand(*suppliers, global),
      add_suppliers_risk(*suppliers, global),
      add_suppliers_offer(*suppliers, global),
      add_suppliers_plan_subcommand(*suppliers, global),
  };
  (void)global;
  return {suppliers, [actions] {
            for (const auto& action : actions) action();
          }};
}

}  // namespace verbund::cli
