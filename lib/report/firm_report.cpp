#include "verbund/report/firm_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "page_parts.hpp"
#include "text.hpp"
#include "verbund/error.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/report/reasons.hpp"
#include "verbund/report/terms.hpp"
#include "verbund/supply/search.hpp"

namespace verbund::report {
namespace {

using detail::fill;

void profile(Html& h, const core::Region& region, core::ActorId firm, Lang lang) {
  std::vector<std::vector<std::string>> rows;
  const auto row = [&](std::string_view key, std::string value) {
    if (!value.empty()) rows.push_back({std::string(key), std::move(value)});
  };
  row(pick(lang, "Id", "Kennung"), std::string(region.external_id(firm)));
  row(pick(lang, "Kind", "Art"), std::string(label(lang, region.kind(firm))));
  row(pick(lang, "Municipality", "Kommune"), detail::place(region, firm));
  row(pick(lang, "Sector (NACE)", "Branche (NACE)"), std::string(region.sector(firm)));
  if (const auto e = region.employees(firm))
    row(pick(lang, "Employees", "Beschäftigte"), count(lang, static_cast<std::size_t>(*e)));
  if (const auto f = region.founded(firm))
    row(pick(lang, "Founded", "Gegründet"), std::to_string(*f));
  if (const auto p = region.parent(firm))
    row(pick(lang, "Part of", "Gehört zu"), std::string(region.name(*p)));
  h.element("h2", pick(lang, "Profile", "Profil"));
  h.table({pick(lang, "Field", "Merkmal").data(), pick(lang, "Value", "Wert").data()}, rows,
          "profile");
}

void competences(Html& h, const core::Region& region, core::ActorId firm, Lang lang) {
  const auto& tax = region.taxonomy();
  const auto list = [&](std::string_view title, std::span<const core::CompetenceWeight> items,
                        std::string_view none) {
    h.element("h3", title);
    if (items.empty()) {
      h.element("p", none, {{"class", "note"}});
      return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : items) {
      const auto& comp = tax.competence(c.competence);
      rows.push_back(
          {std::string(label(lang, comp)), std::string(label(lang, tax.theme(comp.theme)))});
    }
    h.table({std::string(pick(lang, "Competence", "Kompetenz")),
             std::string(pick(lang, "Theme", "Themenfeld"))},
            rows, "competences");
  };
  h.element("h2", pick(lang, "Offers and needs", "Angebot und Bedarf"));
  list(pick(lang, "Offers", "Bietet an"), region.offers(firm),
       pick(lang, "No offers recorded.", "Kein Angebot erfasst."));
  list(pick(lang, "Needs", "Sucht"), region.needs(firm),
       pick(lang, "No needs recorded.", "Kein Bedarf erfasst."));
}

// The region's present: the latest year a tie starts in. A tie that ended before it is a former
// partnership, not a current one.
std::optional<int> present_year(const core::Region& region) {
  std::optional<int> latest;
  for (const auto& t : region.ties())
    if (t.start && (!latest || *t.start > *latest)) latest = t.start;
  return latest;
}

void partners(Html& h, const core::Region& region, core::ActorId firm, Lang lang) {
  h.element("h2", pick(lang, "Current partners", "Aktuelle Partner"));
  using Rows = std::vector<std::pair<std::optional<int>, std::vector<std::string>>>;
  Rows current, former;
  const auto present = present_year(region);
  const auto ties = region.neighbours(firm);
  std::vector<core::ActorId> partners;
  for (const auto& n : ties) partners.push_back(n.actor);
  const auto names = detail::names_told_apart(region, partners);
  for (std::size_t i = 0; i < ties.size(); ++i) {
    const auto& n = ties[i];
    const auto& t = region.tie(n.tie);
    const bool ended = t.end && present && *t.end < *present;
    (ended ? former : current)
        .push_back(
            {t.start,
             {names[i], std::string(label(lang, region.kind(n.actor))),
              detail::place(region, n.actor), std::string(label(lang, t.kind)),
              t.start ? std::to_string(*t.start) : "–", t.end ? std::to_string(*t.end) : ""}});
  }
  const std::vector<std::string> header{std::string(pick(lang, "Partner", "Partner")),
                                        std::string(pick(lang, "Kind", "Art")),
                                        std::string(pick(lang, "Municipality", "Kommune")),
                                        std::string(pick(lang, "Relation", "Beziehung")),
                                        std::string(pick(lang, "Since", "Seit")),
                                        std::string(pick(lang, "Until", "Bis"))};
  auto table = [&](Rows& rows, const char* id) {
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.first.value_or(-1) < b.first.value_or(-1);
    });
    std::vector<std::vector<std::string>> cells;
    cells.reserve(rows.size());
    for (auto& r : rows) cells.push_back(std::move(r.second));
    h.table(header, cells, id);
  };
  if (current.empty()) {
    h.element("p",
              former.empty() ? pick(lang, "No ties recorded.", "Keine Beziehungen erfasst.")
                             : pick(lang, "No current ties.", "Keine laufenden Beziehungen."),
              {{"class", "note"}});
  } else {
    table(current, "partners");
  }
  if (!former.empty()) {
    h.element("h3", pick(lang, "Former partners (ties that ended)",
                         "Frühere Partner (beendete Beziehungen)"));
    table(former, "former-partners");
  }
}

std::string_view sourcing(Lang lang, supply::Sourcing s) {
  switch (s) {
    case supply::Sourcing::region:
      return pick(lang, "from the region today", "heute aus der Region");
    case supply::Sourcing::germany:
      return pick(lang, "from elsewhere in Germany today", "heute aus dem übrigen Deutschland");
    case supply::Sourcing::abroad:
      break;
  }
  return pick(lang, "from abroad today", "heute aus dem Ausland");
}

std::vector<std::string> supplier_reasons(const core::Region& region, const supply::Market& market,
                                          const supply::SupplierExplanation& e,
                                          const supply::Offer& offer, const std::string& unit,
                                          Lang lang) {
  std::vector<std::string> out;
  if (e.delivers_to_buyer) {
    out.emplace_back(pick(lang, "Already delivers to you.", "Beliefert Sie bereits."));
  } else if (e.tied_to_buyer) {
    out.emplace_back(pick(lang, "Already connected with you.", "Bereits mit Ihnen verbunden."));
  }
  if (e.distance_km) {
    const auto where = detail::place(region, offer.supplier);
    out.push_back(where.empty() ? fill(pick(lang, "{} km away.", "{} km entfernt."),
                                       {number(lang, *e.distance_km, 0)})
                                : fill(pick(lang, "{} km away, in {}.", "{} km entfernt, in {}."),
                                       {number(lang, *e.distance_km, 0), where}));
  }
  out.push_back(fill(pick(lang, "Free capacity: {} {} a year.", "Freie Kapazität: {} {} im Jahr."),
                     {count(lang, static_cast<std::size_t>(std::llround(offer.free_capacity()))),
                      std::string(term(lang, unit))}));
  if (e.references > 0)
    out.push_back(fill(e.references == 1 ? pick(lang, "Delivers to {} other firm of the region.",
                                                "Beliefert {} weiteres Unternehmen der Region.")
                                         : pick(lang, "Delivers to {} other firms of the region.",
                                                "Beliefert {} weitere Unternehmen der Region."),
                       {std::to_string(e.references)}));
  if (e.shared_partners > 0)
    out.push_back(
        fill(e.shared_partners == 1
                 ? pick(lang, "You share {} partner.", "Sie haben {} gemeinsamen Partner.")
                 : pick(lang, "You share {} partners.", "Sie haben {} gemeinsame Partner."),
             {std::to_string(e.shared_partners)}));
  (void)market;
  return out;
}

void suppliers_section(Html& h, const supply::SupplierIndex& index, core::ActorId firm,
                       std::size_t top, Lang lang) {
  const auto& market = index.market();
  const auto& region = market.region();
  const auto demands = market.demands_of(firm);
  if (demands.empty()) return;
  h.element("h2", pick(lang, "Regional suppliers for your inputs",
                       "Regionale Zulieferer für Ihre Vorleistungen"));
  const auto found = supply::find_suppliers(index, firm, {.top_k = top});
  for (const auto& d : found) {
    const auto& demand = market.demands()[d.demand];
    const auto& cat = market.category(demand.category);
    const std::string name(lang == Lang::de ? (cat.label_de.empty() ? cat.label_en : cat.label_de)
                                            : (cat.label_en.empty() ? cat.label_de : cat.label_en));
    h.open("section", {{"class", "card demand"}});
    h.element("h3", fill(pick(lang, "{}: {} {} a year, {}", "{}: {} {} im Jahr, {}"),
                         {name.empty() ? cat.id : name,
                          count(lang, static_cast<std::size_t>(std::llround(demand.quantity))),
                          std::string(term(lang, cat.unit)), sourcing(lang, demand.source)}));
    if (d.top.empty()) {
      h.element("p",
                pick(lang,
                     "No regional supplier passes the filters (category, certifications, free "
                     "capacity, minimum order).",
                     "Kein regionaler Zulieferer erfüllt die Bedingungen (Kategorie, Zertifikate, "
                     "freie Kapazität, Mindestmenge)."),
                {{"class", "note"}});
    }
    // A fact about the demand, said once, not under every supplier.
    if (!d.top.empty()) {
      if (const auto first = index.explain(d.demand, d.top.front().offer);
          first && first->regional_sources == 0)
        h.element("p",
                  pick(lang, "You have no regional source for this input yet.",
                       "Sie haben für diese Vorleistung noch keine regionale Quelle."),
                  {{"class", "note"}});
    }
    h.open("ol", {{"class", "suppliers"}});
    for (const auto& m : d.top) {
      const auto e = index.explain(d.demand, m.offer);
      h.open("li").element("strong", detail::actor_line(region, m.supplier, lang));
      if (e) {
        h.open("ul", {{"class", "reasons"}});
        for (const auto& s :
             supplier_reasons(region, market, *e, market.offers()[m.offer], cat.unit, lang))
          h.element("li", s);
        h.close("ul");
      }
      h.close("li");
    }
    h.close("ol").close("section");
  }
}

// Candidates that meet a need (directly or by a related competence) but have no free
// capacity: why a firm with needs may get no recommendation at all. O(C) explanations.
std::size_t fully_booked_offerers(const match::TransferScorer& scorer, core::ActorId firm,
                                  std::span<const match::Need> needs) {
  std::size_t n = 0;
  for (const auto c : scorer.candidates()) {
    if (c == firm || scorer.free_capacity(c) > 0) continue;
    const auto e = scorer.explain(firm, needs, c);
    n += std::any_of(e.needs.begin(), e.needs.end(), [](const auto& m) { return m.met_by; });
  }
  return n;
}

}  // namespace

void require_firm(const core::Region& region, core::ActorId actor, Lang lang) {
  if (actor.value >= region.size())
    throw InvalidInput("no actor with index " + std::to_string(actor.value) + " in the region");
  const auto kind = region.kind(actor);
  if (kind == core::ActorKind::firm) return;
  const std::string id(region.external_id(actor));
  const std::string name(region.name(actor));
  if (lang == Lang::de)
    throw InvalidInput("report firm: '" + id + "' (" + name + ") ist kein Unternehmen (Art: " +
                       std::string(label(Lang::de, kind)) + "); `verbund show " + id +
                       "` zeigt Profil, Beziehungen und Mitgliedschaften, `verbund report "
                       "region` die Region");
  throw InvalidInput("report firm: '" + id + "' (" + name + ") is a " +
                     std::string(label(Lang::en, kind)) + ", not a firm; use `verbund show " + id +
                     "` for its profile, ties and memberships, or `verbund report region` for "
                     "the region");
}

std::string firm_report(const match::TransferScorer& scorer, core::ActorId firm,
                        const FirmReportOptions& options) {
  const auto& region = scorer.region();
  const Lang lang = options.lang;
  if (region.size() == 0)
    return detail::empty_database_page(lang, pick(lang, "Firm report", "Unternehmensbericht"));
  require_firm(region, firm);
  if (options.suppliers && &options.suppliers->market().region() != &region)
    throw InvalidInput("firm report: the supplier market belongs to another region");
  const std::string title =
      fill(pick(lang, "Firm report: {}", "Unternehmensbericht: {}"), {region.name(firm)});
  Html h;
  detail::heading(h, title,
                  fill(pick(lang, "{}: profile, partners and recommended research partners.",
                            "{}: Profil, Partner und empfohlene Forschungspartner."),
                       {detail::actor_line(region, firm, lang)}));
  profile(h, region, firm, lang);
  competences(h, region, firm, lang);
  partners(h, region, firm, lang);

  h.element("h2", pick(lang, "Recommended research partners", "Empfohlene Forschungspartner"));
  const auto needs = match::needs_of(region, firm);
  if (needs.empty()) {
    h.element("p",
              pick(lang, "No needs are recorded for this actor, so there is nothing to match.",
                   "Für diesen Akteur ist kein Bedarf erfasst, daher gibt es keine Empfehlung."),
              {{"class", "note"}});
    if (options.suppliers)
      suppliers_section(h, *options.suppliers, firm, options.top_suppliers, lang);
    return detail::finish(lang, title, h);
  }
  // Ask for enough to fill `top` after leaving out current partners.
  std::size_t current = 0;
  for (const auto& n : region.neighbours(firm)) current += scorer.is_candidate(n.actor) ? 1 : 0;
  const auto found =
      match::recommend(scorer, firm, needs, options.top + (options.include_existing ? 0 : current));
  OfferCounts offer_counts;
  std::size_t shown = 0, left_out = 0;
  h.open("ol", {{"class", "recommendations"}});
  for (const auto& r : found) {
    if (shown == options.top) break;
    const auto c = r.candidate;
    if (!options.include_existing && region.connected(firm, c)) {
      ++left_out;
      continue;
    }
    ++shown;
    const auto e = scorer.explain(firm, needs, c);
    h.open("li").open("section", {{"class", "card recommendation"}});
    h.element("h3", detail::actor_line(region, c, lang));
    h.open("ul", {{"class", "reasons"}});
    for (const auto& s : transfer_reasons(scorer, firm, c, e, lang, offer_counts))
      h.element("li", s);
    h.close("ul").close("section").close("li");
  }
  h.close("ol");
  if (shown == 0 && left_out == 0) {
    // Nobody listed: say whether nobody offers it or those who do are fully booked.
    const auto booked = fully_booked_offerers(scorer, firm, needs);
    h.element(
        "p",
        booked == 0
            ? std::string(pick(
                  lang,
                  "No research partner offers what this actor needs, not even a related "
                  "competence.",
                  "Kein Forschungspartner bietet, was dieser Akteur sucht, auch keine verwandte "
                  "Kompetenz."))
            : fill(booked == 1
                       ? pick(lang,
                              "{} research partner offers what this actor needs (or a related "
                              "competence), but it is fully booked at present.",
                              "{} Forschungspartner bietet, was dieser Akteur sucht (oder "
                              "Verwandtes), ist derzeit aber ausgelastet.")
                       : pick(lang,
                              "{} research partners offer what this actor needs (or a related "
                              "competence), but all of them are fully booked at present.",
                              "{} Forschungspartner bieten, was dieser Akteur sucht (oder "
                              "Verwandtes), sind derzeit aber alle ausgelastet."),
                   {count(lang, booked)}),
        {{"class", "note"}});
  } else if (shown == 0) {
    h.element("p",
              pick(lang, "Apart from current partners, no research partner is free to take it on.",
                   "Außer den aktuellen Partnern ist kein Forschungspartner dafür frei."),
              {{"class", "note"}});
  }
  if (left_out > 0) {
    h.element(
        "p",
        fill(left_out == 1
                 ? pick(lang,
                        "{} current partner would also rank high; it is listed under current "
                        "partners.",
                        "{} aktueller Partner stünde ebenfalls weit oben; er steht unter den "
                        "aktuellen Partnern.")
                 : pick(lang,
                        "{} current partners would also rank high; they are listed under current "
                        "partners.",
                        "{} aktuelle Partner stünden ebenfalls weit oben; sie stehen unter den "
                        "aktuellen Partnern."),
             {std::to_string(left_out)}),
        {{"class", "note"}});
  }
  if (options.suppliers)
    suppliers_section(h, *options.suppliers, firm, options.top_suppliers, lang);
  return detail::finish(lang, title, h);
}

}  // namespace verbund::report
