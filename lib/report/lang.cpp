#include "verbund/report/lang.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace verbund::report {

std::string_view code(Lang lang) noexcept { return lang == Lang::de ? "de" : "en"; }

std::optional<Lang> parse_lang(std::string_view text) noexcept {
  if (text.size() != 2) return std::nullopt;
  const char a = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  const char b = static_cast<char>(std::tolower(static_cast<unsigned char>(text[1])));
  if (a == 'd' && b == 'e') return Lang::de;
  if (a == 'e' && b == 'n') return Lang::en;
  return std::nullopt;
}

Lang lang_from_locale(const char* lc_all, const char* lc_messages, const char* lang) noexcept {
  for (const char* v : {lc_all, lc_messages, lang}) {
    if (v == nullptr || *v == '\0') continue;
    return (v[0] == 'd' && v[1] == 'e') ? Lang::de : Lang::en;
  }
  return Lang::en;
}

Lang default_lang() {
  return lang_from_locale(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"), std::getenv("LANG"));
}

namespace {
struct Names {
  std::string_view en, de, en_plural, de_plural;
};
// In the order of core::ActorKind.
constexpr std::array<Names, 13> kind_names{{
    {"firm", "Unternehmen", "firms", "Unternehmen"},
    {"university", "Hochschule", "universities", "Hochschulen"},
    {"research institute", "Forschungsinstitut", "research institutes", "Forschungsinstitute"},
    {"research group", "Lehrstuhl/Forschungsgruppe", "research groups",
     "Lehrstühle/Forschungsgruppen"},
    {"chamber", "Kammer", "chambers", "Kammern"},
    {"municipality", "Kommune", "municipalities", "Kommunen"},
    {"development agency", "Wirtschaftsförderung", "development agencies",
     "Wirtschaftsförderungen"},
    {"union", "Gewerkschaft", "unions", "Gewerkschaften"},
    {"association", "Verband", "associations", "Verbände"},
    {"cluster", "Cluster/Netzwerk", "clusters", "Cluster/Netzwerke"},
    {"working group", "Arbeitskreis", "working groups", "Arbeitskreise"},
    {"transfer office", "Transferstelle", "transfer offices", "Transferstellen"},
    {"public agency", "Behörde", "public agencies", "Behörden"},
}};
// In the order of core::TieKind.
constexpr std::array<std::array<std::string_view, 2>, 6> tie_names{{
    {"supply relation", "Lieferbeziehung"},
    {"research cooperation", "Forschungskooperation"},
    {"transfer partnership", "Transferpartnerschaft"},
    {"joint project", "gemeinsames Projekt"},
    {"informal contact", "informeller Kontakt"},
    {"advisory role", "Beratung/Gremium"},
}};
// In the order of sim::indicator_names.
constexpr std::array<std::array<std::string_view, 2>, 15> indicator_names{{
    {"density", "Dichte"},
    {"mean degree", "mittlere Zahl der Partner"},
    {"transitivity", "Transitivität (geschlossene Dreiecke)"},
    {"giant component share", "Anteil im größten Netz"},
    {"science share", "Anteil Unternehmen mit Wissenschaftskontakt"},
    {"cross-municipal share", "Anteil Beziehungen über Stadtgrenzen"},
    {"innovations", "Innovationen (kumuliert)"},
    {"ties", "Beziehungen"},
    {"operating firms", "aktive Unternehmen"},
    {"regional sourcing share", "Anteil regional bezogener Vorleistungen"},
    {"buyers dual-sourced", "Abnehmer mit zwei regionalen Quellen je kritischer Vorleistung"},
    {"mean degree (participants)", "mittlere Zahl der Partner (Teilnehmende)"},
    {"mean degree (non-participants)", "mittlere Zahl der Partner (Nicht-Teilnehmende)"},
    {"science share (participants)", "Anteil mit Wissenschaftskontakt (Teilnehmende)"},
    {"science share (non-participants)", "Anteil mit Wissenschaftskontakt (Nicht-Teilnehmende)"},
}};
}  // namespace

std::string_view label(Lang lang, core::ActorKind kind) noexcept {
  const auto& n = kind_names[static_cast<std::size_t>(kind)];
  return pick(lang, n.en, n.de);
}

std::string_view plural(Lang lang, core::ActorKind kind) noexcept {
  const auto& n = kind_names[static_cast<std::size_t>(kind)];
  return pick(lang, n.en_plural, n.de_plural);
}

std::string_view label(Lang lang, core::TieKind kind) noexcept {
  const auto& n = tie_names[static_cast<std::size_t>(kind)];
  return pick(lang, n[0], n[1]);
}

std::string_view indicator_label(Lang lang, std::size_t index) noexcept {
  if (index >= indicator_names.size()) return {};
  return pick(lang, indicator_names[index][0], indicator_names[index][1]);
}

namespace {
std::string_view first_of(std::string_view a, std::string_view b, std::string_view c) {
  return !a.empty() ? a : !b.empty() ? b : c;
}
}  // namespace

std::string_view label(Lang lang, const core::Competence& c) noexcept {
  return lang == Lang::de ? first_of(c.label_de, c.label_en, c.id)
                          : first_of(c.label_en, c.label_de, c.id);
}

std::string_view label(Lang lang, const core::Theme& t) noexcept {
  return lang == Lang::de ? first_of(t.label_de, t.label_en, t.id)
                          : first_of(t.label_en, t.label_de, t.id);
}

Verdict verdict_of(double low, double high) noexcept {
  if (low > 0.0) return Verdict::higher;
  if (high < 0.0) return Verdict::lower;
  if (low == 0.0 && high == 0.0) return Verdict::unchanged;
  return Verdict::unclear;
}

std::string_view label(Lang lang, Verdict verdict) noexcept {
  switch (verdict) {
    case Verdict::higher:
      return pick(lang, "higher", "höher");
    case Verdict::lower:
      return pick(lang, "lower", "niedriger");
    case Verdict::unchanged:
      return pick(lang, "unchanged", "unverändert");
    case Verdict::unclear:
      break;
  }
  return pick(lang, "no clear change", "keine klare Veränderung");
}

std::string number(Lang lang, double value, int digits) {
  if (!std::isfinite(value)) return "–";
  if (value == 0.0) value = 0.0;  // no "-0.00"
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.*f", digits, value);
  std::string s = buffer.data();
  if (s.size() > 1 && s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos)
    s.erase(0, 1);  // "-0.00" after rounding
  if (lang == Lang::de) {
    for (auto& ch : s)
      if (ch == '.') ch = ',';
  }
  return s;
}

std::string count(Lang lang, std::size_t value) {
  const std::string digits = std::to_string(value);
  const char sep = lang == Lang::de ? '.' : ',';
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

std::string percent(Lang lang, double share) {
  return number(lang, 100.0 * share, 1) + (lang == Lang::de ? " %" : "%");
}

}  // namespace verbund::report
