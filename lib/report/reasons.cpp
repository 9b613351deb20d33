#include "verbund/report/reasons.hpp"

#include <algorithm>

#include "page_parts.hpp"
#include "text.hpp"

namespace verbund::report {
namespace {

using detail::fill;

// The year the oldest tie between a and b began (nullopt: tied, start unknown or not tied).
struct PartnerSince {
  bool tied = false;
  std::optional<int> since;
};
PartnerSince partner_since(const core::Region& region, core::ActorId a, core::ActorId b) {
  PartnerSince r;
  for (const auto& n : region.neighbours(a)) {
    if (n.actor != b) continue;
    r.tied = true;
    const auto start = region.tie(n.tie).start;
    if (start && (!r.since || *start < *r.since)) r.since = start;
  }
  return r;
}

std::string competence_name(const core::Region& region, core::CompetenceId c, Lang lang) {
  return std::string(label(lang, region.taxonomy().competence(c)));
}

// How many candidates offer competence c: the "3 of 50" of a reason.
std::size_t offerers(const match::TransferScorer& scorer, core::CompetenceId c) {
  std::size_t n = 0;
  for (const auto a : scorer.candidates()) {
    const auto offers = scorer.region().offers(a);
    n += static_cast<std::size_t>(std::any_of(offers.begin(), offers.end(),
                                              [&](const auto& o) { return o.competence == c; }));
  }
  return n;
}

// The weight an actor gives an offered competence, in (0, 1]; 0 if it does not offer it.
float offer_weight(const core::Region& region, core::ActorId a, core::CompetenceId c) {
  const auto offers = region.offers(a);  // sorted by competence
  const auto it = std::lower_bound(
      offers.begin(), offers.end(), c,
      [](const core::CompetenceWeight& o, core::CompetenceId x) { return o.competence < x; });
  return it != offers.end() && it->competence == c ? it->weight : 0.0F;
}

// How much of its work an offer is, from its weight: what tells two offerers of a need apart.
std::string_view field_words(float weight, Lang lang) {
  if (weight >= 0.8F) return pick(lang, "a main field there", "dort ein Schwerpunkt");
  if (weight >= 0.5F)
    return pick(lang, "one field among others there", "dort ein Arbeitsgebiet unter anderen");
  return pick(lang, "a side field there", "dort ein Nebengebiet");
}

// How close a related competence is to the need, from the taxonomy's strength: "a closely
// related field" in English, the adjective of "mit dem eng verwandten Gebiet …" in German.
std::string_view relation_words(float strength, Lang lang) {
  if (strength >= 0.7F) return pick(lang, "a closely related field", "eng verwandten");
  if (strength >= 0.45F) return pick(lang, "a fairly related field", "mäßig verwandten");
  return pick(lang, "a loosely related field", "entfernt verwandten");
}

// Distinct actors tied to `a`.
std::size_t partner_count(const core::Region& region, core::ActorId a) {
  std::size_t n = 0;
  const auto list = region.neighbours(a);  // sorted by actor
  for (std::size_t i = 0; i < list.size(); ++i)
    n += i == 0 || list[i].actor != list[i - 1].actor ? 1 : 0;
  return n;
}

}  // namespace

std::vector<std::string> transfer_reasons(const match::TransferScorer& scorer, core::ActorId firm,
                                          core::ActorId c, const match::Explanation& e, Lang lang,
                                          OfferCounts& offer_counts) {
  const auto& region = scorer.region();
  const auto total = count(lang, scorer.candidates().size());
  std::vector<std::string> out;
  if (const auto p = partner_since(region, firm, c); p.tied) {
    out.push_back(
        p.since ? fill(pick(lang, "Already your partner since {}.", "Bereits Ihr Partner seit {}."),
                       {std::to_string(*p.since)})
                : std::string(pick(lang, "Already your partner.", "Bereits Ihr Partner.")));
  }
  // First how well it matches as a whole (what ranks it), then each need: how directly it is
  // met, so that two candidates for the same need read differently.
  std::size_t met = 0;
  double fit = 0.0;
  for (const auto& n : e.needs) {
    met += n.met_by ? 1 : 0;
    fit += n.contribution;
  }
  if (met > 0) {
    out.push_back(
        e.needs.size() == 1
            ? fill(pick(lang, "Matches your one need: fit {}.",
                        "Passt zu Ihrem einzigen Bedarf: Passung {}."),
                   {percent(lang, fit)})
            : fill(pick(lang, "Matches {} of your {} needs: fit {} (rarer needs count more).",
                        "Passt zu {} von {} Ihrer Bedarfe: Passung {} (seltenere Bedarfe zählen "
                        "mehr)."),
                   {std::to_string(met), std::to_string(e.needs.size()), percent(lang, fit)}));
  }
  for (const auto& n : e.needs) {
    const auto need = competence_name(region, n.need, lang);
    if (!n.met_by) continue;
    if (!n.within_theme) {
      auto [it, fresh] = offer_counts.try_emplace(n.need, 0);
      if (fresh) it->second = offerers(scorer, n.need);
      out.push_back(
          fill(pick(lang, "Covers your need for {} ({}): {} of {} research partners offer it.",
                    // A taxonomy label cannot be declined: it stands as a name after "Bereich".
                    "Deckt Ihren Bedarf im Bereich {} ({}): {} von {} Forschungspartnern bieten "
                    "das an."),
               {need, field_words(offer_weight(region, c, n.need), lang), count(lang, it->second),
                total}));
    } else {
      const auto related = relation_words(static_cast<float>(n.similarity), lang);
      const auto with = competence_name(region, *n.met_by, lang);
      out.push_back(
          lang == Lang::de
              ? fill("Deckt Ihren Bedarf im Bereich {} teilweise, mit dem {} Gebiet {}.",
                     {need, related, with})
              : fill("Partly covers your need for {} with {}, {}.", {need, with, related}));
    }
  }
  const auto firm_place = region.municipality(firm);
  if (firm_place && firm_place == region.municipality(c)) {
    out.push_back(fill(pick(lang, "In your municipality, {}.", "In Ihrer Kommune, {}."),
                       {region.municipality_name(*firm_place)}));
  } else if (e.distance_km) {
    out.push_back(
        fill(pick(lang, "{} km away.", "{} km entfernt."), {number(lang, *e.distance_km, 0)}));
  }
  const int free = e.capacity - e.load;
  if (free > 0) {
    out.push_back(
        fill(free == 1
                 ? pick(lang, "Has room for {} more transfer partnership ({} of {} in use).",
                        "Hat Kapazität für {} weitere Transferpartnerschaft ({} von {} belegt).")
                 : pick(lang, "Has room for {} more transfer partnerships ({} of {} in use).",
                        "Hat Kapazität für {} weitere Transferpartnerschaften ({} von {} belegt)."),
             {std::to_string(free), std::to_string(e.load), std::to_string(e.capacity)}));
  } else {
    out.push_back(fill(pick(lang, "Fully booked at present ({} of {} partnerships in use).",
                            "Derzeit ausgelastet ({} von {} Partnerschaften belegt)."),
                       {std::to_string(e.load), std::to_string(e.capacity)}));
  }
  if (const auto partners = partner_count(region, c); partners > 0) {
    out.push_back(fill(partners == 1 ? pick(lang, "Works with {} actor of the region.",
                                            "Arbeitet mit {} Akteur der Region zusammen.")
                                     : pick(lang, "Works with {} actors of the region.",
                                            "Arbeitet mit {} Akteuren der Region zusammen."),
                       {count(lang, partners)}));
  }
  // The bridge bonus can put a weaker fit first: say so where it applies.
  if (e.bridges && scorer.weights().bridge > 0) {
    out.push_back(fill(pick(lang,
                            "Not yet connected to your part of the network: a bridge to a new "
                            "part (bonus {}).",
                            "Noch nicht mit Ihrem Teil des Netzwerks verbunden: eine Brücke in "
                            "einen neuen Teil (Bonus {})."),
                       {number(lang, scorer.weights().bridge, 2)}));
  }
  if (!e.common_partners.empty()) {
    std::string names;
    const auto told_apart = detail::names_told_apart(region, e.common_partners);
    for (std::size_t i = 0; i < told_apart.size() && i < 3; ++i)
      names += (i ? ", " : "") + told_apart[i];
    if (e.common_partners.size() > 3) names += ", …";
    out.push_back(
        fill(e.common_partners.size() == 1
                 ? pick(lang, "You share {} partner: {}.", "Sie haben {} gemeinsamen Partner: {}.")
                 : pick(lang, "You share {} partners: {}.", "Sie haben {} gemeinsame Partner: {}."),
             {std::to_string(e.common_partners.size()), names}));
  }
  for (const auto g : e.shared_groups) {
    out.push_back(fill(pick(lang, "Both of you are members of {}.", "Beide sind Mitglied in {}."),
                       {region.name(g)}));
  }
  return out;
}

std::string member_sentence(const core::Region& region, const match::Consortium& c,
                            const match::Consortium::Criticality& k, Lang lang) {
  const std::string who(region.name(k.member));
  std::string s;
  if (k.must) {
    s = fill(pick(lang, "{} is named by the call and must stay.",
                  "{} ist im Aufruf gesetzt und bleibt."),
             {who});
  } else if (k.feasible_without) {
    s = fill(
        pick(lang, "Without {} the consortium still meets every rule (objective {} instead of {}).",
             "Ohne {} erfüllt das Konsortium weiterhin alle Regeln (Zielwert {} statt {})."),
        {who, number(lang, k.total_without, 3), number(lang, c.score.total, 3)});
  } else {
    s = fill(pick(lang, "{} is critical: without it the consortium breaks a rule.",
                  "{} ist kritisch: ohne dieses Mitglied verletzt das Konsortium eine Regel."),
             {who});
  }
  if (!k.must) {
    if (k.replacement) {
      s += ' ' + fill(pick(lang, "Best replacement: {} (objective {}).",
                           "Bester Ersatz: {} (Zielwert {})."),
                      {detail::actor_line(region, *k.replacement, lang),
                       number(lang, k.total_with_replacement, 3)});
    } else {
      s += ' ' + std::string(pick(lang, "No replacement keeps the consortium within the rules.",
                                  "Kein Ersatz hält das Konsortium innerhalb der Regeln."));
    }
  }
  return s;
}

std::vector<std::string> partner_reasons(const match::PartnerRecommendation& p, bool with_call,
                                         Lang lang) {
  std::vector<std::string> out;
  if (with_call) {
    out.push_back(fill(pick(lang, "With it the call's objective is {}.",
                            "Mit ihm erreicht das Konsortium den Zielwert {}."),
                       {number(lang, p.objective, 3)}));
    out.push_back(
        p.deficits > 0.0
            ? fill(pick(lang, "Rule gaps left to close: {}.", "Noch offene Regellücken: {}."),
                   {number(lang, p.deficits, 1)})
            : std::string(pick(lang, "With it the consortium meets every rule.",
                               "Mit ihm erfüllt das Konsortium alle Regeln.")));
    return out;
  }
  if (p.ties > 0.0)
    out.push_back(fill(pick(lang, "Already works with {} of the members.",
                            "Arbeitet schon mit {} der Mitglieder."),
                       {percent(lang, p.ties)}));
  if (p.evidence > 0.0)
    out.emplace_back(pick(lang, "Shares partners with the members.",
                          "Hat gemeinsame Partner mit den Mitgliedern."));
  if (p.topic > 0.0)
    out.push_back(fill(pick(lang, "Its offers match the members' offers to {}.",
                            "Sein Angebot gleicht dem der Mitglieder zu {}."),
                       {percent(lang, p.topic)}));
  if (p.needs > 0.0)
    out.push_back(fill(pick(lang, "Offers {} of what the members need.",
                            "Bietet {} dessen an, was die Mitglieder suchen."),
                       {percent(lang, p.needs)}));
  if (p.activity > 0.0)
    out.push_back(fill(pick(lang, "Well connected: {} of the best-connected actor's reach.",
                            "Gut vernetzt: {} der Reichweite des am besten vernetzten Akteurs."),
                       {percent(lang, p.activity)}));
  return out;
}

}  // namespace verbund::report
