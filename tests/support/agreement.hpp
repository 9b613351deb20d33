#pragma once

// Number agreement in the engines' sentences, English and German: a test helper for every
// place that writes a count before a noun.

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace verbund::test {

// Number agreement: a count of exactly 1 is never followed by a plural form, any other count
// (0, 2, 1,5, 1.155) never by a singular one. The words are the nouns and the adjectives before
// them that the engines put after a count; a form both numbers share (Partner, Unternehmen,
// Zulieferer, Treffen, t) or that depends on the gender ("1 weitere Transferpartnerschaft", "2
// weitere Unternehmen") is in neither list. `seen` collects "1 word" / "n word" for each count
// found before a listed word, so that a test can show which forms it reached.
inline std::string disagreement(const std::string& text, std::set<std::string>* seen = nullptr) {
  static const std::set<std::string> plural{
      "partners",   "firms",        "hours",    "parts",      "orders",     "shipments",
      "pallets",    "units",        "weeks",    "categories", "suppliers",  "members",
      "SMEs",       "meetings",     "ties",     "slots",      "Aufträge",   "Stunden",
      "Teile",      "Sendungen",    "Paletten", "Einheiten",  "Wochen",     "Kategorien",
      "gemeinsame", "actors",       "Akteure",  "Akteuren",   "regionale",  "andere",
      "Mitglieder", "Beziehungen",  "Tage",     "Chargen",    "Baugruppen", "Zeitblöcke",
      "geeignete",  "qualifizierte"};
  static const std::set<std::string> singular{
      "partner",     "firm",          "hour",      "part",     "order",    "shipment",
      "pallet",      "unit",          "week",      "category", "supplier", "member",
      "SME",         "meeting",       "tie",       "slot",     "Auftrag",  "Stunde",
      "Teil",        "Sendung",       "Palette",   "Einheit",  "Woche",    "Kategorie",
      "gemeinsamen", "gemeinsamer",   "weiteres",  "actor",    "Akteur",   "regionaler",
      "anderes",     "Mitglied",      "Beziehung", "Tag",      "Charge",   "Baugruppe",
      "geeigneter",  "qualifizierter"};
  std::vector<std::string> words;
  std::string word;
  for (const char c : text + " ") {
    if (c == ' ') {
      while (!word.empty() && std::string_view(",;.):").find(word.back()) != std::string::npos)
        word.pop_back();
      if (!word.empty() && word.front() == '(') word.erase(0, 1);
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const auto& n = words[i];
    if (n.empty() || n[0] < '0' || n[0] > '9' ||
        n.find_first_not_of("0123456789.,") != std::string::npos)
      continue;
    const bool one = n == "1";
    const auto& next = words[i + 1];
    if (seen != nullptr && (plural.contains(next) || singular.contains(next)))
      seen->insert((one ? "1 " : "n ") + next);
    if (one ? plural.contains(next) : singular.contains(next)) return n + " " + next;
  }
  return {};
}

}  // namespace verbund::test
