#include "page_parts.hpp"

#include <map>
#include <set>

#include "verbund/report/empty_database.hpp"
#include "verbund/version.hpp"

namespace verbund::report::detail {

std::string place(const core::Region& region, core::ActorId a) {
  const auto m = region.municipality(a);
  return m ? std::string(region.municipality_name(*m)) : std::string();
}

std::vector<std::string> names_told_apart(const core::Region& region,
                                          std::span<const core::ActorId> actors) {
  std::map<std::string_view, std::set<core::ActorId>> holders;
  for (const auto a : actors) holders[region.name(a)].insert(a);
  std::vector<std::string> out;
  out.reserve(actors.size());
  for (const auto a : actors) {
    std::string name(region.name(a));
    if (holders[region.name(a)].size() > 1) name += " (" + std::string(region.external_id(a)) + ")";
    out.push_back(std::move(name));
  }
  return out;
}

std::string actor_line(const core::Region& region, core::ActorId a, Lang lang) {
  std::string s(region.name(a));
  s += " (";
  s += label(lang, region.kind(a));
  if (const auto p = place(region, a); !p.empty()) s += ", " + p;
  // A chair is named with its university, so that the reader knows whom to call.
  if (const auto parent = region.parent(a)) {
    s += pick(lang, ", part of ", ", gehört zu ");
    s += region.name(*parent);
  }
  s += ")";
  return s;
}

void heading(Html& h, std::string_view title, std::string_view lead) {
  h.element("h1", title);
  if (!lead.empty()) h.element("p", lead, {{"class", "lead"}});
}

std::string finish(Lang lang, std::string_view title, Html& body) {
  body.open("footer")
      .text(pick(lang, "Written by verbund ", "Erstellt mit verbund "))
      .text(version_string)
      .text(pick(lang, ". Self-contained: it runs no script and loads nothing from the network.",
                 ". Eigenständige Datei: sie führt kein Skript aus und lädt nichts aus dem Netz."))
      .close("footer");
  return html_page(code(lang), title, body.str());
}

std::string empty_database_page(Lang lang, std::string_view title) {
  Html h;
  heading(h, title, "");
  h.element("p",
            pick(lang,
                 "The database holds no actors yet, so there is nothing to report. Import a "
                 "region (verbund import) or generate one (verbund generate ruhr) first.",
                 "Die Datenbank enthält noch keine Akteure, daher gibt es nichts zu berichten. "
                 "Importieren Sie zuerst eine Region (verbund import) oder erzeugen Sie eine "
                 "(verbund generate ruhr)."),
            {{"class", "empty"}});
  return finish(lang, title, h);
}

}  // namespace verbund::report::detail

namespace verbund::report {
std::string empty_database_report(Lang lang, std::string_view title) {
  return detail::empty_database_page(lang, title);
}
}  // namespace verbund::report
