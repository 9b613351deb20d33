// `verbund import suppliers DIR`: a supplier market's CSV files (io/market_csv.hpp), checked
// against the stored region and market and appended in one transaction.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbund/gen/ruhr_base.hpp"
#include "verbund/io/market_csv.hpp"
#include "verbund/io/supply_store.hpp"

namespace verbund::cli {
namespace {

// The bundled categories and certifications (data/supply) for a database that has none and an
// import that brings none: most users map their data onto the shipped taxonomy. A bundled
// category whose theme the stored taxonomy lacks keeps no theme.
void add_bundled_reference(supply::MarketData& data, const io::MarketCsvFiles& files,
                           const io::Store& store, const GlobalOptions& global) {
  const auto stored = io::market_counts(store);
  const bool categories = !files.categories && stored.categories == 0;
  const bool certifications = !files.certifications && stored.certifications == 0;
  if (!categories && !certifications) return;
  const auto dir = gen::bundled_supply_dir();
  io::MarketCsvFiles bundled;
  if (categories) bundled.categories = dir / "categories.csv";
  if (certifications) bundled.certifications = dir / "certifications.csv";
  supply::MarketData reference = io::read_market_csv(bundled);
  if (categories) {
    for (auto& c : reference.categories) {
      if (c.theme.empty() || store.has_taxonomy_id(c.theme)) continue;
      if (!global.quiet) {
        std::cerr << report::pick(global.lang, "verbund: note: bundled category '",
                                  "verbund: Hinweis: mitgelieferte Kategorie '")
                  << c.id
                  << report::pick(global.lang,
                                  "' keeps no theme: the database's taxonomy has no theme '",
                                  "' bleibt ohne Themenfeld: die Taxonomie der Datenbank hat "
                                  "kein Themenfeld '")
                  << c.theme << "'\n";
      }
      c.theme.clear();
    }
    data.categories = std::move(reference.categories);
    data.categories_origin = std::move(reference.categories_origin);
  }
  if (certifications) {
    data.certifications = std::move(reference.certifications);
    data.certifications_origin = std::move(reference.certifications_origin);
  }
}

}  // namespace

std::function<bool()> add_import_suppliers_subcommand(CLI::App& import,
                                                      const GlobalOptions& global) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = import.add_subcommand(
      "suppliers",
      "Import a supplier market from a folder: categories.csv, certifications.csv, offers.csv, "
      "demands.csv, flows.csv (each optional; see the README). Without categories or "
      "certifications in the folder or the database, the bundled ones (data/supply) are added");
  cmd->add_option("DIR", *dir, "folder of the CSV files")
      ->required()
      ->check(CLI::ExistingDirectory);
  return [&global, dir, cmd] {
    if (!cmd->parsed()) return false;
    const auto files = io::MarketCsvFiles::in_directory(*dir);
    if (files.empty()) {
      throw InvalidInput(SourceLocation{*dir, 0, 0},
                         "nothing to import: the folder holds none of categories.csv, "
                         "certifications.csv, offers.csv, demands.csv, flows.csv");
    }
    supply::MarketData data = io::read_market_csv(files);
    io::Store store = open_store(global, /*create=*/false);
    add_bundled_reference(data, files, store, global);
    const io::RunRecord run{"import suppliers", describe_options(*cmd), std::nullopt};
    const io::MarketCounts added =
        global.no_record ? io::append_market(store, data) : io::append_market(store, data, run);
    if (!global.quiet) {
      Table t{"imported", {"table", "rows"}, {}};
      t.rows = {{"categories", added.categories},
                {"certifications", added.certifications},
                {"offers", added.offers},
                {"demands", added.demands},
                {"flows", added.flows}};
      print_tables(std::cout, {t}, global);
    }
    return true;
  };
}

}  // namespace verbund::cli
