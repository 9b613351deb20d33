#include "verbund/event/suggest.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "verbund/match/partners.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/match/score.hpp"
#include "verbund/report/terms.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/search.hpp"

#include "../supply/words.hpp"

namespace verbund::event {

namespace {

std::string tr(report::Lang lang, std::string_view en, std::string_view de) {
  return std::string(report::pick(lang, en, de));
}

/// "%.3f", with a decimal comma in German.
std::string number(report::Lang lang, const char* format, double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, format, value);
  std::string out = buffer;
  if (lang == report::Lang::de) std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

std::string reason_of(const match::TransferScorer& scorer, core::ActorId seeker,
                      const std::vector<match::Need>& needs, core::ActorId candidate,
                      const match::ScoreParts& parts, report::Lang lang) {
  const auto& region = scorer.region();
  const auto why = scorer.explain(seeker, needs, candidate);
  std::string out;
  std::vector<std::string> met;
  for (const auto& n : why.needs) {
    if (!n.met_by || met.size() == 3) continue;
    const auto& taxonomy = region.taxonomy();
    auto name_of = [&](core::CompetenceId c) {
      const auto& competence = taxonomy.competence(c);
      return lang == report::Lang::de ? std::string(report::label(lang, competence))
                                      : competence.label_en;
    };
    // A related offer names the need it stands in for: the offer alone reads as a repeat.
    auto label = name_of(*n.met_by);
    if (n.within_theme)
      label +=
          tr(lang, " (related to the need ", " (verwandt mit dem Bedarf ") + name_of(n.need) + ")";
    if (std::find(met.begin(), met.end(), label) == met.end()) met.push_back(std::move(label));
  }
  if (!met.empty()) {
    out = std::string(region.name(candidate)) + tr(lang, " offers what ", " bietet, was ") +
          std::string(region.name(seeker)) + tr(lang, " needs: ", " braucht: ");
    for (std::size_t i = 0; i < met.size(); ++i) out += (i ? ", " : "") + met[i];
  }
  if (!why.common_partners.empty())
    out +=
        "; " + report::counted(lang, why.common_partners.size(), "partner in common",
                               "partners in common", "gemeinsamer Partner", "gemeinsame Partner");
  if (why.distance_km)
    out += "; " + report::amount_number(lang, *why.distance_km, 0) +
           tr(lang, " km apart", " km entfernt");
  return out + number(lang, tr(lang, "; score %.3f", "; Punktzahl %.3f").c_str(), parts.total);
}

/// Why the supplier search proposes `offer` for `demand`, in words, to the party that asks.
std::string supplier_reason(const supply::SupplierIndex& index, std::uint32_t demand,
                            std::uint32_t offer, report::Lang lang, supply::Perspective to) {
  const auto& market = index.market();
  const auto& region = market.region();
  const auto& d = market.demands()[demand];
  const auto& o = market.offers()[offer];
  const auto& category = market.category(o.category);
  // German: the label stands undeclined after "im Bereich" ("liefert Technischen Handel").
  // The whole sentence addresses the party that asks, as the reasons after it do.
  const auto what = supply::detail::category_name(category, lang);
  std::string out = to == supply::Perspective::buyer
                        ? std::string(region.name(o.supplier)) +
                              tr(lang, " supplies ", " liefert im Bereich ") + what +
                              tr(lang, ", which you buy", ", in dem Sie einkaufen")
                        : tr(lang, "You supply ", "Sie liefern im Bereich ") + what +
                              tr(lang, ", which ", ", in dem ") +
                              std::string(region.name(d.buyer)) + tr(lang, " buys", " einkauft");
  if (const auto why = index.explain(demand, offer, lang, to)) {
    for (const auto& r : why->reasons) out += "; " + r.text;
    out += number(lang, tr(lang, "; supplier score %.3f", "; Zulieferer-Punktzahl %.3f").c_str(),
                  why->score.total);
  }
  return out;
}

/// Why partner recommendation proposes `rec.actor` to complete `member`, in words.
std::string partner_reason(const core::Region& region, core::ActorId member,
                           const match::PartnerRecommendation& rec, report::Lang lang) {
  const bool de = lang == report::Lang::de;
  const std::string name = std::string(region.name(member));
  std::vector<std::string> parts;
  if (rec.topic > 0)
    parts.push_back(
        (de ? "bietet Ähnliches wie " + name : "offers much like " + name + "'s") +
        number(lang, tr(lang, " (similarity %.2f)", " (Ähnlichkeit %.2f)").c_str(), rec.topic));
  if (rec.needs > 0)
    parts.push_back(tr(lang, "offers ", "bietet ") + number(lang, "%.0f %%", 100.0 * rec.needs) +
                    tr(lang, " of what ", " dessen, was ") + name + tr(lang, " needs", " braucht"));
  if (rec.evidence > 0) parts.push_back(tr(lang, "partners in common", "gemeinsame Partner"));
  if (rec.ties > 0)
    parts.push_back(tr(lang, "already works with ", "arbeitet schon mit ") + name +
                    tr(lang, "", " zusammen"));
  if (rec.activity > 0)
    parts.push_back(
        report::counted(lang, region.degree(rec.actor), "tie", "ties", "Beziehung", "Beziehungen") +
        tr(lang, " in the region", " in der Region"));
  std::string out = std::string(region.name(rec.actor)) +
                    (de ? " würde " + name + " ergänzen" : " would complete " + name);
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : ": ") + parts[i];
  return out + number(lang, tr(lang, "; partner score %.3f", "; Partner-Punktzahl %.3f").c_str(),
                      rec.score);
}

/// A pair an engine proposes: `from` would ask `to`; the reason is written only when chosen.
struct Candidate {
  std::uint32_t from = 0, to = 0;
  double score = 0.0;
  std::function<std::string()> reason;
};

void by_score(std::vector<Candidate>& list) {
  std::stable_sort(list.begin(), list.end(), [](const Candidate& x, const Candidate& y) {
    if (x.score != y.score) return x.score > y.score;
    return std::pair(x.from, x.to) < std::pair(y.from, y.to);
  });
}

}  // namespace

std::string_view to_string(SuggestionSource source) noexcept {
  switch (source) {
    case SuggestionSource::transfer:
      return "transfer";
    case SuggestionSource::supplier:
      return "supplier";
    case SuggestionSource::partner:
      return "partner";
  }
  return "";
}

std::vector<Suggestion> suggest_requests(const Event& event, const match::TransferScorer& scorer,
                                         const SuggestOptions& options) {
  const auto& region = scorer.region();
  const auto P = static_cast<std::uint32_t>(event.participants.size());
  std::vector<std::optional<core::ActorId>> actor(P);
  std::unordered_map<std::uint32_t, std::uint32_t> participant_of;  // actor -> first participant
  for (std::uint32_t p = 0; p < P; ++p) {
    if (!event.participants[p].actor_id.empty())
      actor[p] = region.find(event.participants[p].actor_id);
    if (actor[p]) participant_of.emplace(actor[p]->value, p);
  }
  std::vector<std::size_t> live(P, 0);
  std::set<std::pair<std::uint32_t, std::uint32_t>> asked;
  for (const auto& q : event.requests) {
    asked.insert(std::minmax(q.requester, q.requested));
    if (q.status == RequestStatus::declined) continue;
    ++live[q.requester];
    ++live[q.requested];
  }
  for (const auto& v : event.vetoes) asked.insert(std::minmax(v.a, v.b));
  const auto few = [&](std::uint32_t p) { return live[p] < options.fewer_than; };
  const auto allowed = [&](std::uint32_t a, std::uint32_t b) {
    if (a == b || asked.contains(std::minmax(a, b))) return false;
    return options.include_existing || !region.connected(*actor[a], *actor[b]);
  };
  std::array<std::vector<Candidate>, 3> found;  // by SuggestionSource

  // Transfer: every (seeker, candidate) score among the participants, once.
  std::vector<std::vector<match::Need>> needs(P);
  for (std::uint32_t s = 0; s < P; ++s) {
    if (!actor[s]) continue;
    needs[s] = match::needs_of(region, *actor[s]);
    if (needs[s].empty()) continue;
    for (std::uint32_t c = 0; c < P; ++c) {
      if (!actor[c] || !scorer.is_candidate(*actor[c]) || !allowed(s, c)) continue;
      if (!few(s) && !few(c)) continue;
      const auto parts = scorer.score(*actor[s], needs[s], *actor[c]);
      if (!parts || parts->total <= 0) continue;
      const bool seeker_asks = few(s);  // the side with few asks (the seeker when both have)
      found[0].push_back({seeker_asks ? s : c, seeker_asks ? c : s, parts->total,
                          [&scorer, &needs, &actor, s, c, got = *parts, lang = options.lang] {
                            return reason_of(scorer, *actor[s], needs[s], *actor[c], got, lang);
                          }});
    }
  }

  // Supplier: each participant buyer's demands against each participant supplier's offers.
  if (options.suppliers != nullptr) {
    const auto& index = *options.suppliers;
    const auto& market = index.market();
    const auto demands = market.demands();
    for (std::uint32_t b = 0; b < P; ++b) {
      if (!actor[b]) continue;
      for (const auto& d : market.demands_of(*actor[b])) {
        const auto demand = static_cast<std::uint32_t>(&d - demands.data());
        for (std::uint32_t s = 0; s < P; ++s) {
          if (!actor[s] || (!few(b) && !few(s)) || !allowed(b, s)) continue;
          const auto offer = market.find_offer(*actor[s], d.category);
          if (!offer) continue;
          const auto o = static_cast<std::uint32_t>(*offer);
          const auto score = index.score(demand, o);
          if (!score || score->total <= 0) continue;
          const bool buyer_asks = few(b);
          const auto to = buyer_asks ? supply::Perspective::buyer : supply::Perspective::supplier;
          found[1].push_back({buyer_asks ? b : s, buyer_asks ? s : b, score->total,
                              [&index, demand, o, to, lang = options.lang] {
                                return supplier_reason(index, demand, o, lang, to);
                              }});
        }
      }
    }
  }

  // Partner: who would complete each participant with few requests.
  if (options.partners) {
    for (std::uint32_t p = 0; p < P; ++p) {
      if (!actor[p] || !few(p)) continue;
      const std::array<core::ActorId, 1> member{*actor[p]};
      for (const auto& rec : match::recommend_partners(
               scorer, member,
               {.top = region.size(), .include_existing = options.include_existing})) {
        const auto it = participant_of.find(rec.actor.value);
        if (it == participant_of.end() || rec.score <= 0 || !allowed(p, it->second)) continue;
        found[2].push_back(
            {p, it->second, rec.score, [&region, m = *actor[p], rec, lang = options.lang] {
               return partner_reason(region, m, rec, lang);
             }});
      }
    }
  }

  // Each participant in id order takes the engines in turn, each engine's best first.
  std::array<std::vector<std::vector<std::size_t>>, 3> of;  // source -> from -> candidates
  for (std::size_t k = 0; k < found.size(); ++k) {
    by_score(found[k]);
    of[k].resize(P);
    for (std::size_t i = 0; i < found[k].size(); ++i) of[k][found[k][i].from].push_back(i);
  }
  std::set<std::pair<std::uint32_t, std::uint32_t>> taken;
  std::vector<Suggestion> out;
  for (std::uint32_t from = 0; from < P; ++from) {
    std::array<std::size_t, 3> next{};
    std::size_t given = 0;
    for (bool more = true; more && given < options.per_participant;) {
      more = false;
      for (std::size_t k = 0; k < found.size() && given < options.per_participant; ++k) {
        const auto& mine = of[k][from];
        while (next[k] < mine.size() &&
               taken.contains(std::minmax(from, found[k][mine[next[k]]].to)))
          ++next[k];
        if (next[k] == mine.size()) continue;
        const auto& x = found[k][mine[next[k]++]];
        taken.insert(std::minmax(x.from, x.to));
        out.push_back({x.from, x.to, x.score, x.reason(), static_cast<SuggestionSource>(k)});
        ++given;
        more = true;
      }
    }
  }
  return out;
}

}  // namespace verbund::event
