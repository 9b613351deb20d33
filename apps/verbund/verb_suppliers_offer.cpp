// `verbund suppliers offer REQUIREMENT.toml`: groups of regional suppliers that jointly meet a
// customer's requirement (a subcommand of `suppliers`).
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "supplier_market.hpp"
#include "verbund/error.hpp"
#include "verbund/report/terms.hpp"
#include "verbund/supply/joint_offer.hpp"

namespace verbund::cli {
namespace {

struct OfferCli {
  std::string requirement;
  std::size_t top = 5;
  std::size_t pool = 40;
  bool explain = false;
};

std::string join_ids(const core::Region& region, const std::vector<core::ActorId>& actors) {
  std::string out;
  for (const auto a : actors) out += (out.empty() ? "" : " ") + std::string(region.external_id(a));
  return out;
}

}  // namespace

std::function<void()> add_suppliers_offer(CLI::App& suppliers, const GlobalOptions& global) {
  auto o = std::make_shared<OfferCli>();
  CLI::App* cmd = suppliers.add_subcommand(
      "offer",
      "Groups of regional suppliers that together meet a customer's requirement (TOML, see "
      "data/supply/requirements/): who covers which input with how much, who is critical");
  cmd->add_option("requirement", o->requirement, "the requirement file")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--top", o->top, "groups to return")
      ->capture_default_str()
      ->check(number_range(1, 100));
  cmd->add_option("--pool", o->pool,
                  "suppliers searched per input, those with the most free capacity (0 = all)")
      ->capture_default_str();
  cmd->add_flag("--explain", o->explain,
                "per member: what it delivers, whether the offer survives without it, and who "
                "could replace it");
  return [&global, o, cmd] {
    if (!cmd->parsed()) return;
    const auto requirement = supply::load_requirement(o->requirement);
    io::Store store = open_store(global, /*create=*/false);
    const core::Region region = store.load_region();
    const auto market = supply::Market::build(region, load_market_data(store));
    const auto result = supply::find_joint_offers(
        market, requirement, {.top = o->top, .pool_per_input = o->pool, .lang = global.lang});
    std::vector<Table> tables;
    Table summary{"requirement", {"indicator", "value"}, {}};
    summary.rows = {{"requirement", requirement.name},
                    {"customer", requirement.customer},
                    {"partners", std::to_string(requirement.min_partners) +
                                     (global.lang == report::Lang::de ? " bis " : " to ") +
                                     std::to_string(requirement.max_partners)},
                    {"qualified suppliers", result.candidates},
                    {"suppliers searched", result.pool},
                    {"groups found", result.offers.size()}};
    tables.push_back(summary);
    if (result.offers.empty()) {
      Table why{"diagnosis", {"reason"}, {}};
      for (const auto& d : result.diagnosis) why.rows.push_back({d});
      tables.push_back(why);
      print_tables(std::cout, tables, global);
      record_reading_run(store, global, {"suppliers offer", describe_options(*cmd), std::nullopt});
      throw NoSolution{};
    }
    Table groups{
        "joint offers", {"rank", "partners", "capacity ratio", "spread km", "lead", "members"}, {}};
    Table cover{
        "who delivers what",
        {"rank", "category", "quantity", "unit", "supplier", "name", "volume", "free capacity"},
        {}};
    Table members{"critical members", {"rank", "member", "name", "critical", "replacements"}, {}};
    if (o->explain) members.columns.emplace_back("explanation");
    for (std::size_t k = 0; k < result.offers.size(); ++k) {
      const auto& offer = result.offers[k];
      groups.rows.push_back({k + 1, offer.members.size(), offer.capacity_ratio, offer.spread_km,
                             region.external_id(offer.lead), join_ids(region, offer.members)});
      for (const auto& in : offer.inputs) {
        const auto& cat = market.category(in.category);
        for (const auto& s : in.shares) {
          cover.rows.push_back({k + 1, cat.id, in.quantity, cat.unit,
                                region.external_id(s.supplier), region.name(s.supplier), s.volume,
                                s.free_capacity});
        }
      }
      for (const auto& c : offer.criticality) {
        std::vector<Json> row{k + 1, region.external_id(c.member), region.name(c.member),
                              c.critical, join_ids(region, c.replacements)};
        if (o->explain) row.emplace_back(supply::member_explanation(market, offer, c, global.lang));
        members.rows.push_back(std::move(row));
      }
    }
    tables.push_back(groups);
    tables.push_back(cover);
    tables.push_back(members);
    print_tables(std::cout, tables, global);
    record_reading_run(store, global, {"suppliers offer", describe_options(*cmd), std::nullopt});
  };
}

}  // namespace verbund::cli
