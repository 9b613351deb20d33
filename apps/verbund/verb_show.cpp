// `verbund show ID`: everything the database knows about one actor.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <tuple>

#include "actor_lookup.hpp"
#include "cli.hpp"
#include "output.hpp"
#include "verbund/io/supply_store.hpp"

namespace verbund::cli {
namespace {

Json optional_cell(const std::optional<int>& value) { return value ? Json(*value) : Json(nullptr); }

std::string who(const core::Region& region, core::ActorId a) {
  return std::string(region.external_id(a)) + " " + std::string(region.name(a));
}

Table profile(const core::Region& region, core::ActorId a) {
  Table t{"profile", {"field", "value"}, {}};
  const auto loc = region.location(a);
  const auto size = region.size_class(a);
  const auto parent = region.parent(a);
  t.rows = {{"id", region.external_id(a)},
            {"name", region.name(a)},
            {"kind", std::string(to_string(region.kind(a)))},
            {"municipality", place_of(region, a)},
            {"sector", region.sector(a).empty() ? Json(nullptr) : Json(region.sector(a))},
            {"employees", optional_cell(region.employees(a))},
            {"size class", size ? Json(std::string(to_string(*size))) : Json(nullptr)},
            {"founded", optional_cell(region.founded(a))},
            {"capacity", optional_cell(region.capacity(a))},
            {"lat", loc ? Json(loc->lat) : Json(nullptr)},
            {"lon", loc ? Json(loc->lon) : Json(nullptr)},
            {"parent", parent ? Json(who(region, *parent)) : Json(nullptr)},
            {"ties", region.degree(a)}};
  for (const auto& attribute : region.attributes(a))
    t.rows.push_back({attribute.key, attribute.value});
  return t;
}

Table competences(const core::Region& region, std::span<const core::CompetenceWeight> list,
                  std::string title) {
  const auto& tax = region.taxonomy();
  Table t{std::move(title), {"competence", "theme", "label", "label de", "weight"}, {}};
  for (const auto& cw : list) {
    const auto& c = tax.competence(cw.competence);
    t.rows.push_back({c.id, tax.theme(c.theme).id, c.label_en, c.label_de, cw.weight});
  }
  return t;
}

Table ties(const core::Region& region, core::ActorId a) {
  Table t{"ties",
          {"partner", "name", "partner kind", "tie", "direction", "weight", "start", "end"},
          {}};
  std::vector<core::Neighbour> list(region.neighbours(a).begin(), region.neighbours(a).end());
  // Oldest first (unknown start first), then by partner id.
  std::stable_sort(list.begin(), list.end(), [&](const auto& x, const auto& y) {
    const auto& tx = region.tie(x.tie);
    const auto& ty = region.tie(y.tie);
    return std::make_tuple(tx.start.value_or(INT32_MIN), region.external_id(x.actor), x.tie) <
           std::make_tuple(ty.start.value_or(INT32_MIN), region.external_id(y.actor), y.tie);
  });
  for (const auto& nb : list) {
    const auto& tie = region.tie(nb.tie);
    const Json direction = !core::is_directed(tie.kind) ? Json(nullptr)
                           : tie.source == a            ? Json("delivers to")
                                                        : Json("buys from");
    t.rows.push_back({region.external_id(nb.actor), region.name(nb.actor),
                      std::string(to_string(region.kind(nb.actor))),
                      std::string(to_string(tie.kind)), direction, tie.weight,
                      optional_cell(tie.start), optional_cell(tie.end)});
  }
  return t;
}

Table memberships(const core::Region& region, core::ActorId a, bool as_group) {
  Table t{as_group ? "members" : "memberships",
          {as_group ? "member" : "group", "name", "kind", "start", "end"},
          {}};
  for (const auto& m : region.memberships()) {
    if ((as_group ? m.group : m.member) != a) continue;
    const auto other = as_group ? m.member : m.group;
    t.rows.push_back({region.external_id(other), region.name(other),
                      std::string(to_string(region.kind(other))), optional_cell(m.start),
                      optional_cell(m.end)});
  }
  return t;
}

Table children(const core::Region& region, core::ActorId a) {
  Table t{"children", {"id", "name", "kind", "municipality"}, {}};
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const core::ActorId c{i};
    if (region.parent(c) == a) {
      t.rows.push_back({region.external_id(c), region.name(c),
                        std::string(to_string(region.kind(c))), place_of(region, c)});
    }
  }
  return t;
}

// The supplier market's offers and demands of the actor, when the database holds a market.
std::vector<Table> market_tables(const io::Store& store, std::string_view id) {
  const auto counts = io::market_counts(store);
  if (counts.offers == 0 && counts.demands == 0) return {};
  const auto market = io::load_market(store);
  std::map<std::string, const supply::CategoryRecord*, std::less<>> categories;
  for (const auto& c : market.categories) categories[c.id] = &c;
  auto joined = [](const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ";") + item;
    return text.empty() ? Json(nullptr) : Json(text);
  };
  auto label = [&](const std::string& category, bool de) {
    const auto it = categories.find(category);
    if (it == categories.end()) return Json(nullptr);
    return Json(de ? it->second->label_de : it->second->label_en);
  };
  auto unit = [&](const std::string& category) {
    const auto it = categories.find(category);
    return it == categories.end() ? Json(nullptr) : Json(it->second->unit);
  };
  Table offers{"supply offers",
               {"category", "label", "label de", "capacity", "unit", "lead time weeks", "min order",
                "certifications"},
               {}};
  for (const auto& o : market.offers) {
    if (o.supplier != id) continue;
    offers.rows.push_back(
        {o.category, label(o.category, false), label(o.category, true), o.capacity,
         unit(o.category), o.lead_time_weeks ? Json(*o.lead_time_weeks) : Json(nullptr),
         o.min_order ? Json(*o.min_order) : Json(nullptr), joined(o.certifications)});
  }
  Table demands{"supply demands",
                {"category", "label", "label de", "quantity", "unit", "certifications"},
                {}};
  for (const auto& d : market.demands) {
    if (d.buyer != id) continue;
    demands.rows.push_back({d.category, label(d.category, false), label(d.category, true),
                            d.quantity, unit(d.category), joined(d.certifications)});
  }
  return {offers, demands};
}

}  // namespace

Verb add_show_verb(CLI::App& app, const GlobalOptions& global) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "show",
      "One actor: profile, offers and needs, ties with their years, memberships, parent and "
      "children, supply offers and demands");
  cmd->add_option("id", *id, "the actor's id (verbund find TEXT looks it up by name)")->required();
  return {cmd, [&global, id] {
            const io::Store store = open_store(global, /*create=*/false);
            const core::Region region = store.load_region();
            const auto a = require_actor(region, *id, "show");
            std::vector<Table> tables{profile(region, a),
                                      competences(region, region.offers(a), "offers"),
                                      competences(region, region.needs(a), "needs"),
                                      ties(region, a),
                                      memberships(region, a, false),
                                      memberships(region, a, true),
                                      children(region, a)};
            for (auto& t : market_tables(store, region.external_id(a)))
              tables.push_back(std::move(t));
            // JSON keeps every section (an empty array says "none"); text leaves empty ones out.
            if (global.format != Format::json) {
              std::erase_if(tables, [](const Table& t) { return t.rows.empty(); });
            }
            print_tables(std::cout, tables, global);
          }};
}

}  // namespace verbund::cli
