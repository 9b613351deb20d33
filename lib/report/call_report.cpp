#include "verbund/report/call_report.hpp"

#include <algorithm>
#include <filesystem>

#include "page_parts.hpp"
#include "text.hpp"
#include "verbund/report/reasons.hpp"

namespace verbund::report {
namespace {

using detail::fill;

std::string competence_label(const core::Region& region, const std::string& id, Lang lang) {
  const auto c = region.taxonomy().find_competence(id);
  return c ? std::string(label(lang, region.taxonomy().competence(*c))) : id;
}

std::string names(const core::Region& region, const std::vector<core::ActorId>& actors) {
  std::string out;
  for (const auto a : actors) out += (out.empty() ? "" : ", ") + std::string(region.name(a));
  return out;
}

void rules(Html& h, const core::Region& region, const match::Call& call, Lang lang) {
  h.element("h2", pick(lang, "What the call asks for", "Was der Aufruf verlangt"));
  std::vector<std::vector<std::string>> rows;
  rows.push_back({std::string(pick(lang, "Members", "Mitglieder")),
                  fill(pick(lang, "{} to {}", "{} bis {}"),
                       {std::to_string(call.min_size), std::to_string(call.max_size)})});
  for (const auto& q : call.quotas) {
    std::string kinds;
    for (const auto k : q.kinds)
      kinds += (kinds.empty() ? "" : ", ") + std::string(plural(lang, k));
    if (kinds.empty()) kinds = std::string(pick(lang, "any kind", "beliebige Art"));
    if (!q.sizes.empty()) {
      const bool smes = std::none_of(q.sizes.begin(), q.sizes.end(),
                                     [](auto z) { return z == core::FirmSize::large; });
      std::string sizes;
      for (const auto z : q.sizes)
        sizes += (sizes.empty() ? "" : ", ") + std::string(core::to_string(z));
      kinds += smes ? std::string(pick(lang, " (SMEs)", " (KMU)")) : " (" + sizes + ")";
    }
    rows.push_back(
        {fill(pick(lang, "Quota “{}”", "Quote „{}“"), {q.label}),
         fill(pick(lang, "at least {} {}", "mindestens {} {}"), {std::to_string(q.min), kinds}) +
             (q.max ? fill(pick(lang, ", at most {}", ", höchstens {}"), {std::to_string(*q.max)})
                    : std::string())});
  }
  for (const auto& r : call.required)
    rows.push_back(
        {std::string(pick(lang, "Required competence", "Geforderte Kompetenz")),
         fill(pick(lang, "{}, by at least {} members", "{}, durch mindestens {} Mitglieder"),
              {competence_label(region, r.id, lang), std::to_string(r.min_members)})});
  for (const auto& r : call.optional)
    rows.push_back({std::string(pick(lang, "Welcome competence", "Erwünschte Kompetenz")),
                    competence_label(region, r.id, lang)});
  if (call.min_municipalities > 1)
    rows.push_back({std::string(pick(lang, "Municipalities", "Kommunen")),
                    fill(pick(lang, "at least {}", "mindestens {}"),
                         {std::to_string(call.min_municipalities)})});
  if (call.radius_km)
    rows.push_back({std::string(pick(lang, "Radius", "Umkreis")),
                    fill(pick(lang, "all within {} km", "alle innerhalb von {} km"),
                         {number(lang, *call.radius_km, 0)})});
  if (!call.lead.empty())
    rows.push_back({std::string(pick(lang, "Lead applicant", "Antragsteller")), call.lead});
  h.table({std::string(pick(lang, "Rule", "Regel")), std::string(pick(lang, "Value", "Wert"))},
          rows, "rules");
}

void consortium_card(Html& h, const core::Region& region, const match::Consortium& c,
                     std::size_t rank, Lang lang) {
  h.open("section", {{"class", "card consortium"}});
  h.element("h3", fill(pick(lang, "Consortium {}: {} members (objective {})",
                            "Konsortium {}: {} Mitglieder (Zielwert {})"),
                       {std::to_string(rank), std::to_string(c.members.size()),
                        number(lang, c.score.total, 3)}));
  std::size_t pairs = 0, tied = 0, science = 0, firms = 0;
  for (std::size_t i = 0; i < c.members.size(); ++i) {
    science += core::is_science(region.kind(c.members[i])) ? 1 : 0;
    firms += region.kind(c.members[i]) == core::ActorKind::firm ? 1 : 0;
    for (std::size_t j = i + 1; j < c.members.size(); ++j) {
      ++pairs;
      tied += region.connected(c.members[i], c.members[j]) ? 1 : 0;
    }
  }
  h.element(
      "p",
      fill(pick(lang,
                "{} firms and {} research partners; {} of {} member pairs already work together.",
                "{} Unternehmen und {} Forschungspartner; {} von {} Mitgliederpaaren arbeiten "
                "bereits zusammen."),
           {std::to_string(firms), std::to_string(science), std::to_string(tied),
            std::to_string(pairs)}));
  std::vector<std::vector<std::string>> members;
  for (const auto a : c.members)
    members.push_back({std::string(region.name(a)), std::string(label(lang, region.kind(a))),
                       detail::place(region, a), std::string(region.external_id(a))});
  h.table({std::string(pick(lang, "Member", "Mitglied")), std::string(pick(lang, "Kind", "Art")),
           std::string(pick(lang, "Municipality", "Kommune")),
           std::string(pick(lang, "Id", "Kennung"))},
          members, "members");
  h.element("h4", pick(lang, "Who covers which requirement", "Wer welche Anforderung abdeckt"));
  std::vector<std::vector<std::string>> coverage;
  for (const auto& cov : c.coverage) {
    const auto what = competence_label(region, cov.competence, lang);
    std::string status;
    if (cov.required) {
      status = static_cast<int>(cov.members.size()) >= cov.needed
                   ? fill(pick(lang, "required, {} needed: met", "gefordert, {} nötig: erfüllt"),
                          {std::to_string(cov.needed)})
                   : fill(pick(lang, "required, {} needed: not met",
                               "gefordert, {} nötig: nicht erfüllt"),
                          {std::to_string(cov.needed)});
    } else {
      status = std::string(pick(lang, "welcome", "erwünscht"));
    }
    coverage.push_back({what, status, cov.members.empty() ? "–" : names(region, cov.members)});
  }
  h.table(
      {std::string(pick(lang, "Competence", "Kompetenz")), std::string(pick(lang, "Rule", "Regel")),
       std::string(pick(lang, "Covered by", "Abgedeckt durch"))},
      coverage, "coverage");
  h.element("h4", pick(lang, "What hangs on each member", "Was an jedem Mitglied hängt"));
  h.open("ul", {{"class", "reasons criticality"}});
  for (const auto& k : c.criticality) h.element("li", member_sentence(region, c, k, lang));
  h.close("ul").close("section");
}

}  // namespace

std::string call_report(const core::Region& region, const match::Call& call,
                        const match::ConsortiumResult& result, const CallReportOptions& options) {
  const Lang lang = options.lang;
  const std::string title =
      fill(pick(lang, "Call report: {}", "Bericht zum Förderaufruf: {}"), {call.name});
  if (region.size() == 0) return detail::empty_database_page(lang, title);
  Html h;
  detail::heading(h, title,
                  fill(pick(lang, "From {}: {} actors may join, {} were searched.",
                            "Aus {}: {} Akteure kommen in Frage, {} wurden durchsucht."),
                       {std::filesystem::path(call.file).filename().string(),
                        count(lang, result.eligible), count(lang, result.pool)}));
  rules(h, region, call, lang);
  h.element("h2", pick(lang, "The best consortia", "Die besten Konsortien"));
  if (result.consortia.empty()) {
    h.element("p",
              pick(lang, "No consortium meets every rule of this call. Why:",
                   "Kein Konsortium erfüllt alle Regeln dieses Aufrufs. Warum:"),
              {{"class", "empty"}});
    h.open("ul", {{"class", "reasons diagnosis"}});
    for (const auto& d : result.diagnosis) h.element("li", d);
    h.close("ul");
    if (lang == Lang::de)
      h.element("p",
                "Die Diagnose stammt aus dem Konsortium-Baukasten und ist englisch formuliert.",
                {{"class", "note"}});
    return detail::finish(lang, title, h);
  }
  h.element(
      "p", fill(pick(lang, "{} consortia meet every rule; the best {} follow, best first.",
                     "{} Konsortien erfüllen alle Regeln; die besten {} folgen, das beste zuerst."),
                {std::to_string(result.consortia.size()),
                 std::to_string(std::min(options.consortia, result.consortia.size()))}));
  for (std::size_t r = 0; r < result.consortia.size() && r < options.consortia; ++r)
    consortium_card(h, region, result.consortia[r], r + 1, lang);
  return detail::finish(lang, title, h);
}

}  // namespace verbund::report
