// `verbund suppliers catalog`: the supplier catalogue (Zulieferkatalog) by theme and category.
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/io/supply_store.hpp"
#include "verbund/report/terms.hpp"
#include "verbund/supply/catalogue.hpp"

namespace verbund::cli {
namespace {

// Whole quantities as integers, so that tables show 478100 rather than 4.781e+05.
Json quantity(double x) {
  if (x == std::floor(x) && std::abs(x) < 1e15) return static_cast<long long>(x);
  return x;
}

}  // namespace

std::function<void()> add_suppliers_catalog_subcommand(CLI::App& suppliers,
                                                       const GlobalOptions& global) {
  struct State {
    std::optional<std::string> category;
    std::optional<std::string> theme;
    std::optional<int> year;
  };
  auto o = std::make_shared<State>();
  CLI::App* cmd = suppliers.add_subcommand(
      "catalog",
      "The supplier catalogue: regional suppliers by theme and input category, with capacity "
      "(free/total), certifications and municipality");
  cmd->add_option("--category", o->category, "only this input category (id)");
  cmd->add_option("--theme", o->theme, "only categories under this theme (id)");
  // Labels follow the global --lang (given after the verb too, as `catalog --lang de`).
  cmd->add_option("--year", o->year,
                  "capacity is committed by the flows running in this year (default: the flows "
                  "without an end year)")
      ->check(number_range(1000, 2200));
  return [&global, o, cmd] {
    if (!cmd->parsed()) return;
    io::Store store = open_store(global, /*create=*/false);
    const core::Region region = store.load_region();
    const supply::Market market =
        supply::Market::build(region, io::load_market(store), {.year = o->year});
    supply::CatalogueOptions options;
    if (o->category) {
      options.category = market.find_category(*o->category);
      if (!options.category) {
        throw InvalidInput("--category: unknown input category '" + *o->category +
                           "' (`verbund suppliers catalog` lists them all)");
      }
    }
    if (o->theme) {
      options.theme = region.taxonomy().find_theme(*o->theme);
      if (!options.theme) throw InvalidInput("--theme: unknown theme '" + *o->theme + "'");
    }
    const bool de = global.lang == report::Lang::de;
    const auto sections = supply::catalogue(market, options);

    auto theme_label = [&](const std::optional<core::ThemeId>& t) -> Json {
      if (!t) return nullptr;
      const auto& theme = region.taxonomy().theme(*t);
      return de ? theme.label_de : theme.label_en;
    };
    const std::vector<std::string> columns{
        "theme", "theme_label",  "category", "category_label", "unit",           "supplier",
        "name",  "municipality", "capacity", "free_capacity",  "certifications", "lead_time_weeks"};
    auto row_of = [&](const supply::CatalogueSection& s, const supply::CatalogueEntry& e) {
      const auto& c = market.category(s.category);
      return std::vector<Json>{s.theme ? Json(region.taxonomy().theme(*s.theme).id) : Json(),
                               theme_label(s.theme),
                               c.id,
                               de ? c.label_de : c.label_en,
                               c.unit,
                               region.external_id(e.supplier),
                               region.name(e.supplier),
                               place_of(region, e.supplier),
                               quantity(e.offer->capacity),
                               quantity(e.offer->free_capacity()),
                               market.describe(e.offer->certifications),
                               e.offer->lead_time_weeks ? Json(*e.offer->lead_time_weeks) : Json()};
    };
    std::vector<Table> tables;
    std::size_t listed = 0;
    if (global.format == Format::table) {
      // One table a category, titled by theme and category, for reading.
      for (const auto& s : sections) {
        if (s.entries.empty()) continue;
        const auto& c = market.category(s.category);
        const Json theme = theme_label(s.theme);
        Table t{(theme.is_null() ? std::string() : theme.get<std::string>() + " / ") +
                    (de ? c.label_de : c.label_en) + " (" +
                    std::string(report::term(global.lang, c.unit)) +
                    (de ? " je Jahr)" : " a year)"),
                {"supplier", "name", "municipality", "capacity", "free_capacity", "certifications",
                 "lead_time_weeks"},
                {}};
        for (const auto& e : s.entries) {
          auto row = row_of(s, e);
          t.rows.emplace_back(row.begin() + 5, row.end());
        }
        listed += s.entries.size();
        tables.push_back(std::move(t));
      }
    } else {
      Table t{"catalogue", columns, {}};
      for (const auto& s : sections) {
        for (const auto& e : s.entries) t.rows.push_back(row_of(s, e));
        listed += s.entries.size();
      }
      tables.push_back(std::move(t));
    }
    if (!tables.empty()) print_tables(std::cout, tables, global);
    if (listed == 0 && !global.quiet) {
      const auto lang = global.lang;
      std::cerr << report::pick(lang, "verbund: note: no supplier offers ",
                                "verbund: Hinweis: kein Zulieferer bietet ")
                << (o->category ? std::string(report::pick(lang, "category '", "Kategorie '")) +
                                      *o->category + "'"
                                : std::string(report::pick(lang, "anything", "etwas an")))
                << (o->theme
                        ? std::string(report::pick(lang, " under theme '", " im Themenfeld '")) +
                              *o->theme + "'"
                        : std::string())
                << report::pick(lang, " (import offers with `verbund import suppliers DIR`)",
                                " (Angebote importieren mit `verbund import suppliers DIR`)")
                << "\n";
    }
    record_reading_run(store, global, {"suppliers catalog", describe_options(*cmd), std::nullopt});
  };
}

}  // namespace verbund::cli
