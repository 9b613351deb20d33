// `verbund suppliers risk`: single-source risk per buyer and category, and with --without the
// cascade of lost suppliers with substitutes (a subcommand of `suppliers`).
#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "supplier_market.hpp"
#include "verbund/error.hpp"
#include "verbund/report/terms.hpp"
#include "verbund/supply/risk.hpp"

namespace verbund::cli {
namespace {

struct RiskCli {
  std::vector<std::string> without;
  std::size_t tiers = 3;
  std::string buyer;
  bool explain = false;
  std::size_t limit = 50;
  double share = 1.0;
  std::size_t substitutes = 3;
  report::Lang lang = report::Lang::en;  ///< of the explanations (the global --lang)
};

using report::Lang;

std::string tr(Lang lang, std::string_view en, std::string_view de) {
  return std::string(report::pick(lang, en, de));
}

/// amount_text in `lang`: the unit's German name and a decimal comma in German.
std::string amount_in(Lang lang, double value, const std::string& unit) {
  if (lang == Lang::en) return amount_text(value, unit);
  auto s = amount_text(value, std::string(report::term(lang, unit)));
  for (auto& c : s)
    if (c == '.') c = ',';
  return s;
}

std::string category_in(Lang lang, const supply::Category& cat) {
  return lang == Lang::de && !cat.label_de.empty() ? cat.label_de : cat.label_en;
}

std::string criticality_in(Lang lang, supply::Criticality c) {
  if (lang == Lang::en) return std::string(to_string(c));
  return c == supply::Criticality::high     ? "hoch"
         : c == supply::Criticality::medium ? "mittel"
                                            : "niedrig";
}

std::string who(const core::Region& r, core::ActorId a) {
  return std::string(r.name(a)) + " (" + std::string(r.external_id(a)) + ")";
}

Json optional_number(const std::optional<double>& x) { return x ? Json(*x) : Json(nullptr); }

/// "Name of f3 buys 80 t/yr of Castings; 1 regional source (F2 GmbH, 30 t/yr) covers 38%: ..."
std::string explain_exposure(const supply::Market& m, const supply::DemandExposure& e, Lang lang) {
  const auto& r = m.region();
  const auto& d = m.demands()[e.demand];
  const auto& cat = m.category(d.category);
  const bool de = lang == Lang::de;
  const auto per_year = tr(lang, "/yr", " pro Jahr");
  std::ostringstream out;
  if (de)
    out << r.name(d.buyer) << " kauft " << amount_in(lang, d.quantity, cat.unit) << per_year << " "
        << category_in(lang, cat) << " (Kritikalität " << criticality_in(lang, d.criticality)
        << "); ";
  else
    out << r.name(d.buyer) << " buys " << amount_text(d.quantity, cat.unit) << "/yr of "
        << cat.label_en << " (" << to_string(d.criticality) << " criticality); ";
  if (e.sources == 0) {
    if (de)
      out << "keine regionale Quelle, bezogen "
          << (d.source == supply::Sourcing::region    ? "in der Region ohne erfassten Lieferfluss"
              : d.source == supply::Sourcing::germany ? "anderswo in Deutschland"
                                                      : "aus dem Ausland");
    else
      out << "no regional source, it is sourced "
          << (d.source == supply::Sourcing::region    ? "in the region without a recorded flow"
              : d.source == supply::Sourcing::germany ? "elsewhere in Germany"
                                                      : "abroad");
    return out.str();
  }
  // One entry per source; flows_to lists a supplier's flows together.
  std::vector<std::string> names;
  std::optional<core::ActorId> last;
  double volume = 0.0;
  bool known = true;
  auto flush = [&] {
    if (!last) return;
    names.push_back(std::string(r.name(*last)) +
                    (known ? ", " + amount_in(lang, volume, cat.unit) + per_year : ""));
  };
  for (const auto i : m.flows_to(d.buyer)) {
    const auto& f = m.flows()[i];
    if (f.category != d.category || !m.current(f)) continue;
    if (last != f.supplier) {
      flush();
      last = f.supplier;
      volume = 0.0;
      known = true;
    }
    volume += f.volume.value_or(0.0);
    known = known && f.volume.has_value();
  }
  flush();
  const auto share = static_cast<int>(std::lround(100.0 * e.regional_share));
  std::string list;
  for (std::size_t k = 0; k < names.size(); ++k) list += (k ? "; " : "") + names[k];
  if (de)
    out << e.sources << (e.sources == 1 ? " regionale Quelle" : " regionale Quellen") << " ("
        << list << ") " << (e.sources == 1 ? "deckt " : "decken ") << share << " % davon";
  else
    out << e.sources << " regional source" << (e.sources == 1 ? "" : "s") << " (" << list
        << ") cover" << (e.sources == 1 ? "s " : " ") << share << "% of it";
  if (e.single_sourced()) {
    out << tr(lang, "; single-sourced", "; nur eine Quelle")
        << (d.criticality == supply::Criticality::high ? tr(lang, " and critical", " und kritisch")
                                                       : "");
  } else if (e.hhi && *e.hhi > 0.5) {
    out << tr(lang, "; concentrated (HHI ", "; konzentriert (HHI ") << amount_in(lang, *e.hhi, "")
        << ")";
  }
  return out.str();
}

std::string explain_input(const supply::Market& m, const supply::LossReport& loss,
                          const supply::AffectedInput& in, Lang lang) {
  const bool de = lang == Lang::de;
  const auto& r = m.region();
  const auto& cat = m.category(in.category);
  // The suppliers it lost, from the lost flows into this input.
  std::vector<std::string> lost;
  for (const auto& l : loss.lost) {
    const auto& f = m.flows()[l.flow];
    if (f.buyer != in.buyer || f.category != in.category) continue;
    std::string n(r.name(f.supplier));
    lost.push_back(
        n + (f.volume ? ", " + amount_in(lang, *f.volume, cat.unit) + tr(lang, "/yr", " pro Jahr")
                      : ""));
  }
  std::string list;
  for (std::size_t k = 0; k < lost.size(); ++k) list += (k ? "; " : "") + lost[k];
  std::ostringstream out;
  out << r.name(in.buyer);
  const auto what = category_in(lang, cat);
  const auto lost_share = static_cast<int>(std::lround(100.0 * in.lost_share));
  if (de) {
    if (in.lost_only_source())
      out << " verliert seine einzige regionale Quelle für " << what << " (" << list << ")";
    else if (in.sources_left == 0)
      out << " verliert alle " << in.sources_before << " regionalen Quellen für " << what << " ("
          << list << ")";
    else
      out << " verliert " << (in.sources_before - in.sources_left) << " von " << in.sources_before
          << " regionalen Quellen für " << what << " (" << list << "), " << lost_share
          << " % seiner regionalen Versorgung";
    if (in.demand)
      out << "; das Vorprodukt hat die Kritikalität "
          << criticality_in(lang, m.demands()[*in.demand].criticality);
    else
      out << "; dafür ist kein Bedarf erfasst";
    return out.str();
  }
  if (in.lost_only_source()) {
    out << " loses its only regional source of " << cat.label_en << " (" << list << ")";
  } else if (in.sources_left == 0) {
    out << " loses all " << in.sources_before << " regional sources of " << cat.label_en << " ("
        << list << ")";
  } else {
    out << " loses " << (in.sources_before - in.sources_left) << " of " << in.sources_before
        << " regional sources of " << cat.label_en << " (" << list << "), "
        << static_cast<int>(std::lround(100.0 * in.lost_share)) << "% of its regional supply";
  }
  if (in.demand)
    out << "; the input is of " << to_string(m.demands()[*in.demand].criticality) << " criticality";
  else
    out << "; no demand recorded for it";
  return out.str();
}

std::vector<core::ActorId> resolve_ids(const core::Region& region,
                                       const std::vector<std::string>& ids) {
  std::vector<core::ActorId> out;
  for (const auto& id : ids) {
    const auto a = region.find(id);
    if (!a) throw InvalidInput("suppliers risk: unknown actor '" + id + "' in --without");
    out.push_back(*a);
  }
  return out;
}

void print_exposure(const supply::Market& market, const RiskCli& o,
                    std::optional<core::ActorId> buyer, std::vector<Table>& tables) {
  const auto report = supply::assess_risk(market);
  const auto& s = report.summary;
  Table summary{"single-source risk", {"indicator", "value"}, {}};
  summary.rows = {{"demands", s.demands}};
  for (const auto c :
       {supply::Criticality::high, supply::Criticality::medium, supply::Criticality::low}) {
    const auto k = static_cast<std::size_t>(c);
    const std::string name(to_string(c));
    summary.rows.push_back({"demands of " + name + " criticality", s.by_criticality[k]});
    summary.rows.push_back({"  single-sourced in the region", s.single_sourced[k]});
    summary.rows.push_back({"  without a regional source", s.without_regional[k]});
  }
  summary.rows.push_back({"buyers with a high-criticality input", s.buyers_with_high});
  summary.rows.push_back(
      {"  of them with >= 2 regional sources for every one", s.buyers_high_dual_sourced});
  tables.push_back(summary);

  // Riskiest first: criticality, then single-sourced, then concentration.
  std::vector<const supply::DemandExposure*> rows;
  for (const auto& e : report.exposures)
    if (!buyer || market.demands()[e.demand].buyer == *buyer) rows.push_back(&e);
  auto key = [&](const supply::DemandExposure* e) {
    const auto& d = market.demands()[e->demand];
    return std::tuple{-static_cast<int>(d.criticality), e->single_sourced() ? 0 : 1,
                      -e->hhi.value_or(0.0), e->demand};
  };
  std::sort(rows.begin(), rows.end(), [&](auto a, auto b) { return key(a) < key(b); });
  if (o.limit > 0 && rows.size() > o.limit) rows.resize(o.limit);
  Table t{"exposure",
          {"buyer", "name", "category", "criticality", "quantity", "unit", "sources",
           "single-sourced", "hhi", "regional share"},
          {}};
  if (o.explain) t.columns.emplace_back("explanation");
  const auto& r = market.region();
  for (const auto* e : rows) {
    const auto& d = market.demands()[e->demand];
    const auto& cat = market.category(d.category);
    std::vector<Json> row{r.external_id(d.buyer),
                          r.name(d.buyer),
                          cat.id,
                          std::string(to_string(d.criticality)),
                          d.quantity,
                          cat.unit,
                          e->sources,
                          e->single_sourced(),
                          optional_number(e->hhi),
                          e->regional_share};
    if (o.explain) row.emplace_back(explain_exposure(market, *e, o.lang));
    t.rows.push_back(std::move(row));
  }
  tables.push_back(t);
}

void print_loss(const supply::Market& market, const RiskCli& o, std::optional<core::ActorId> buyer,
                std::vector<Table>& tables) {
  const auto& r = market.region();
  const auto removed = resolve_ids(r, o.without);
  const auto loss = supply::simulate_loss(
      market, removed,
      {.tiers = o.tiers, .disruption_share = o.share, .substitutes = o.substitutes});
  auto mine = [&](core::ActorId b) { return !buyer || b == *buyer; };

  Table summary{"loss", {"indicator", "value"}, {}};
  std::string ids;
  for (const auto a : loss.removed)
    ids += (ids.empty() ? "" : ", ") + std::string(r.external_id(a));
  const auto only = std::count_if(loss.inputs.begin(), loss.inputs.end(),
                                  [](const auto& in) { return in.lost_only_source(); });
  summary.rows = {{"removed", ids},
                  {"tiers followed", o.tiers},
                  {"flows lost", loss.lost.size()},
                  {"inputs losing a regional source", loss.inputs.size()},
                  {"  of them their only one", only},
                  {"buyers disrupted", loss.disrupted.size()}};
  for (std::size_t t = 1; t <= o.tiers; ++t) {
    const auto n = std::count_if(loss.disrupted.begin(), loss.disrupted.end(),
                                 [t](const auto& d) { return d.tier == t; });
    summary.rows.push_back({tr(o.lang, "  at tier ", "  auf Stufe ") + std::to_string(t), n});
  }
  tables.push_back(summary);

  Table inputs{"lost sources",
               {"tier", "buyer", "name", "category", "criticality", "sources before",
                "sources left", "lost share", "lost volume", "only source lost"},
               {}};
  if (o.explain) inputs.columns.emplace_back("explanation");
  for (const auto& in : loss.inputs) {
    if (!mine(in.buyer)) continue;
    std::vector<Json> row{
        in.first_tier,
        r.external_id(in.buyer),
        r.name(in.buyer),
        market.category(in.category).id,
        in.demand ? Json(std::string(to_string(market.demands()[*in.demand].criticality)))
                  : Json(nullptr),
        in.sources_before,
        in.sources_left,
        in.lost_share,
        in.lost_volume,
        in.lost_only_source()};
    if (o.explain) row.emplace_back(explain_input(market, loss, in, o.lang));
    inputs.rows.push_back(std::move(row));
  }
  tables.push_back(inputs);

  Table disrupted{"disrupted buyers", {"tier", "buyer", "name", "cause"}, {}};
  if (o.explain) disrupted.columns.emplace_back("explanation");
  for (const auto& d : loss.disrupted) {
    if (!mine(d.buyer)) continue;
    const auto& cause = loss.inputs[d.cause];
    std::vector<Json> row{d.tier, r.external_id(d.buyer), r.name(d.buyer),
                          market.category(cause.category).id};
    if (o.explain) {
      row.emplace_back(tr(o.lang, "fails at tier ", "fällt auf Stufe ") + std::to_string(d.tier) +
                       tr(o.lang, ": ", " aus: ") + explain_input(market, loss, cause, o.lang) +
                       tr(o.lang, "; its own customers lose it at the next tier",
                          "; seine eigenen Kunden verlieren es auf der nächsten Stufe"));
    }
    disrupted.rows.push_back(std::move(row));
  }
  tables.push_back(disrupted);

  Table subs{"substitutes",
             {"tier", "lost supplier", "buyer", "category", "volume", "rank", "substitute", "name",
              "free capacity", "covers volume", "distance km"},
             {}};
  if (o.explain) subs.columns.emplace_back("explanation");
  for (const auto& l : loss.lost) {
    const auto& f = market.flows()[l.flow];
    if (!mine(f.buyer)) continue;
    const auto& cat = market.category(f.category);
    if (l.substitutes.empty()) {
      std::vector<Json> row{l.tier,
                            r.external_id(f.supplier),
                            r.external_id(f.buyer),
                            cat.id,
                            optional_number(f.volume),
                            nullptr,
                            nullptr,
                            nullptr,
                            nullptr,
                            nullptr,
                            nullptr};
      if (o.explain)
        row.emplace_back(o.lang == Lang::de
                             ? "kein anderer regionaler Zulieferer von " +
                                   category_in(o.lang, cat) +
                                   " mit den verlangten Zertifizierungen hat freie Kapazität"
                             : "no other regional supplier of " + cat.label_en +
                                   " with the required certifications has free capacity");
      subs.rows.push_back(std::move(row));
    }
    for (std::size_t k = 0; k < l.substitutes.size(); ++k) {
      const auto& s = l.substitutes[k];
      std::vector<Json> row{l.tier,
                            r.external_id(f.supplier),
                            r.external_id(f.buyer),
                            cat.id,
                            optional_number(f.volume),
                            k + 1,
                            r.external_id(s.supplier),
                            r.name(s.supplier),
                            s.free_capacity,
                            s.covers_volume,
                            optional_number(s.distance_km)};
      if (o.explain) {
        const auto lang = o.lang;
        std::string why = who(r, s.supplier) + tr(lang, " has ", " hat ") +
                          amount_in(lang, s.free_capacity, cat.unit) + tr(lang, " free", " frei");
        why += s.covers_volume ? tr(lang, ", enough for ", ", genug für ")
                               : tr(lang, ", not enough for ", ", nicht genug für ");
        why += f.volume ? amount_in(lang, *f.volume, cat.unit) + tr(lang, "/yr", " pro Jahr")
                        : tr(lang, "the flow (volume unknown)", "den Fluss (Menge unbekannt)");
        if (s.distance_km)
          why += ", " + amount_in(lang, *s.distance_km, "km") +
                 tr(lang, " from the buyer", " vom Abnehmer entfernt");
        row.emplace_back(why);
      }
      subs.rows.push_back(std::move(row));
    }
  }
  tables.push_back(subs);
}

}  // namespace

std::function<void()> add_suppliers_risk(CLI::App& suppliers, const GlobalOptions& global) {
  auto o = std::make_shared<RiskCli>();
  CLI::App* cmd = suppliers.add_subcommand(
      "risk",
      "Single-source risk per buyer and input category; with --without, who loses which "
      "regional source, the cascade downstream and substitutes for each lost flow");
  cmd->add_option("--without", o->without, "supplier ids to remove (comma-separated)")
      ->delimiter(',');
  cmd->add_option("--tiers", o->tiers, "how many tiers of the cascade to follow")
      ->capture_default_str()
      ->check(number_range(1, 100));
  cmd->add_option("--buyer", o->buyer, "show only this buyer's inputs");
  cmd->add_option("--disruption-share", o->share,
                  "a buyer fails when a high-criticality input loses at least this share of "
                  "its regional supply (1 = all of it)")
      ->capture_default_str()
      ->check(number_range(1e-9, 1.0));
  cmd->add_option("--substitutes", o->substitutes, "substitutes listed per lost flow")
      ->capture_default_str()
      ->check(number_range(0, 100));
  cmd->add_option("--limit", o->limit, "exposure rows to show, riskiest first (0 = all)")
      ->capture_default_str();
  cmd->add_flag("--explain", o->explain, "explain each row in words");
  return [&global, o, cmd] {
    if (!cmd->parsed()) return;
    o->lang = global.lang;
    io::Store store = open_store(global, /*create=*/false);
    const core::Region region = store.load_region();
    const auto market = supply::Market::build(region, load_market_data(store));
    std::optional<core::ActorId> buyer;
    if (!o->buyer.empty()) {
      buyer = region.find(o->buyer);
      if (!buyer) throw InvalidInput("suppliers risk: unknown actor '" + o->buyer + "' in --buyer");
    }
    std::vector<Table> tables;
    if (o->without.empty()) {
      print_exposure(market, *o, buyer, tables);
    } else {
      print_loss(market, *o, buyer, tables);
    }
    print_tables(std::cout, tables, global);
    record_reading_run(store, global, {"suppliers risk", describe_options(*cmd), std::nullopt});
  };
}

}  // namespace verbund::cli
