// `verbund match suppliers`: regional suppliers for a buyer's demands (ranked, explained) or for
// every buyer (a subcommand of `match`, registered by verb_match.cpp).
#include <array>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "market_load.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/supply/search.hpp"

namespace verbund::cli {
namespace {

struct SuppliersCli {
  std::string buyer;
  bool all = false;
  std::string category;
  std::size_t top = 10;
  bool explain = false;
  std::vector<std::string> exclude;
  bool new_only = false;
  std::string out;
};

constexpr std::array parts{supply::ScorePart::capability, supply::ScorePart::capacity,
                           supply::ScorePart::distance, supply::ScorePart::trust,
                           supply::ScorePart::diversification};

std::vector<std::string> with_parts(std::vector<std::string> columns) {
  columns.emplace_back("score");
  for (const auto p : parts) columns.emplace_back(supply::to_string(p));
  return columns;
}

void append_parts(std::vector<Json>& row, const supply::SupplierScore& s) {
  for (const double v : {s.total, s.capability, s.capacity, s.distance, s.trust, s.diversification})
    row.emplace_back(v);
}

std::vector<Table> one_buyer(const supply::SupplierIndex& index, core::ActorId buyer,
                             const supply::SearchOptions& options, bool explain,
                             bool& some_unserved, report::Lang lang, Format format) {
  const auto& market = index.market();
  const auto& region = market.region();
  const auto found = supply::find_suppliers(index, buyer, options);
  Table ranked{"suppliers",
               with_parts({"category", "rank", "id", "name", "municipality", "distance km",
                           "free capacity", "unit"}),
               {}};
  // JSON and CSV name each part in both languages (`part`, `Teil`); the text table once, in the
  // language of --lang.
  const bool text = format == Format::table;
  Table why{"reasons", {"category", "rank", "id", "part", "Teil", "reason"}, {}};
  if (text) why.columns.erase(why.columns.begin() + 4);
  Table diagnosis{"diagnosis",
                  {"category", "offers", "lacking certifications", "without free capacity",
                   "minimum order too high", "eligible", "required"},
                  {}};
  for (const auto& dm : found) {
    const auto& demand = market.demands()[dm.demand];
    const auto& category = market.category(demand.category);
    if (dm.top.empty()) {
      some_unserved = true;
      const auto d = index.diagnose(dm.demand);
      diagnosis.rows.push_back({category.id, d.offers, d.lacking_certifications,
                                d.without_free_capacity, d.above_minimum_order, d.eligible,
                                market.describe(demand.required)});
    }
    for (std::size_t r = 0; r < dm.top.size(); ++r) {
      const auto& m = dm.top[r];
      const auto e = index.explain(dm.demand, m.offer, lang);
      std::vector<Json> row{category.id,
                            r + 1,
                            region.external_id(m.supplier),
                            region.name(m.supplier),
                            place_of(region, m.supplier),
                            e && e->distance_km ? Json(*e->distance_km) : Json(nullptr),
                            market.offers()[m.offer].free_capacity(),
                            category.unit};
      append_parts(row, m.score);
      ranked.rows.push_back(std::move(row));
      if (!explain || !e) continue;
      for (const auto& reason : e->reasons) {
        std::vector<Json> line{category.id, r + 1, region.external_id(m.supplier)};
        if (text) {
          line.emplace_back(lang == report::Lang::de ? supply::label_de(reason.part)
                                                     : supply::label_en(reason.part));
        } else {
          line.emplace_back(supply::label_en(reason.part));
          line.emplace_back(supply::label_de(reason.part));
        }
        line.emplace_back(reason.text);
        why.rows.push_back(std::move(line));
      }
    }
  }
  std::vector<Table> tables{ranked};
  if (explain) tables.push_back(why);
  if (!diagnosis.rows.empty()) tables.push_back(diagnosis);
  return tables;
}

Table every_buyer(const supply::SupplierIndex& index, const supply::SearchOptions& options) {
  const auto& market = index.market();
  const auto& region = market.region();
  Table t{"suppliers", with_parts({"buyer", "category", "rank", "id", "name"}), {}};
  for (const auto& dm : supply::find_suppliers_all(index, options)) {
    const auto& demand = market.demands()[dm.demand];
    for (std::size_t r = 0; r < dm.top.size(); ++r) {
      const auto& m = dm.top[r];
      std::vector<Json> row{region.external_id(demand.buyer), market.category(demand.category).id,
                            r + 1, region.external_id(m.supplier), region.name(m.supplier)};
      append_parts(row, m.score);
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

}  // namespace

std::function<void()> add_match_suppliers_subcommand(CLI::App& match, const GlobalOptions& global) {
  auto o = std::make_shared<SuppliersCli>();
  CLI::App* cmd = match.add_subcommand(
      "suppliers",
      "Regional suppliers for a buyer's demands, ranked and explained, or for every buyer");
  auto* buyer = cmd->add_option("--buyer", o->buyer, "the buyer's id");
  auto* all = cmd->add_flag("--all", o->all, "every buyer with demands");
  buyer->excludes(all);
  all->excludes(buyer);
  cmd->add_option("--category", o->category, "only the demand in this input category");
  cmd->add_option("--top", o->top, "suppliers per demand")
      ->capture_default_str()
      ->check(number_range(1, 1000));
  cmd->add_flag("--explain", o->explain, "the reasons behind every candidate, in sentences")
      ->needs(buyer);
  cmd->add_option("--exclude", o->exclude, "supplier ids never to propose")->delimiter(',');
  cmd->add_flag("--new-only", o->new_only, "leave out the buyer's current suppliers");
  cmd->add_option("--out", o->out, "write the result to this file instead of stdout");
  return [&global, o, cmd] {
    if (!cmd->parsed()) return;
    if (o->buyer.empty() && !o->all)
      throw InvalidInput("match suppliers: give --buyer ID or --all");
    io::Store store = open_store(global, /*create=*/false);
    const core::Region region = store.load_region();
    const supply::Market market = load_market(store, region);
    supply::SearchOptions options{.top_k = o->top, .exclude_current = o->new_only};
    if (!o->category.empty()) {
      options.category = market.find_category(o->category);
      if (!options.category)
        throw InvalidInput("--category: unknown input category '" + o->category + "'");
    }
    for (const auto& id : o->exclude) {
      const auto a = region.find(id);
      if (!a) throw InvalidInput("--exclude: unknown actor '" + id + "'");
      options.exclude.push_back(*a);
    }
    const supply::SupplierIndex index(market);
    std::vector<Table> tables;
    bool some_unserved = false;
    if (o->all) {
      tables = {every_buyer(index, options)};
    } else {
      const auto b = region.find(o->buyer);
      if (!b) throw InvalidInput("--buyer: unknown actor '" + o->buyer + "'");
      tables = one_buyer(index, *b, options, o->explain, some_unserved, global.lang, global.format);
    }
    if (o->out.empty()) {
      print_tables(std::cout, tables, global);
    } else {
      write_tables(o->out, tables, global.format);
    }
    record_reading_run(store, global, {"match suppliers", describe_options(*cmd), global.seed});
    // A demand no regional supplier can serve got its diagnosis: no complete answer.
    if (some_unserved) throw NoSolution{};
  };
}

}  // namespace verbund::cli
