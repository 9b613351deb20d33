#pragma once

// Names of the market's categories and certifications inside sentences, in the reader's
// language: the label, never the id ("Gussteile", not "castings"; "IATF 16949", not
// "iatf-16949"), falling back to the other language's label and then to the id.

#include <bit>
#include <cctype>
#include <string>

#include "verbund/report/lang.hpp"
#include "verbund/supply/market.hpp"

namespace verbund::supply::detail {

/// "Castings" -> "castings" inside an English sentence; "CNC machining" stays.
inline std::string lower_first(std::string s) {
  if (s.size() > 1 && std::isupper(static_cast<unsigned char>(s[0])) &&
      std::islower(static_cast<unsigned char>(s[1])))
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

/// A category's label as written ("Castings", "Gussteile"): at the start of a sentence or as a
/// name. O(label).
inline std::string category_label(const Category& c, report::Lang lang) {
  if (lang == report::Lang::de)
    return !c.label_de.empty() ? c.label_de : !c.label_en.empty() ? c.label_en : c.id;
  return !c.label_en.empty() ? c.label_en : !c.label_de.empty() ? c.label_de : c.id;
}

/// A category inside a sentence: "castings" in English, "Gussteile" in German. O(label).
inline std::string category_name(const Category& c, report::Lang lang) {
  return lang == report::Lang::de ? category_label(c, lang) : lower_first(category_label(c, lang));
}

/// The certifications of `set` by label: "ISO 9001, ISO 14001 and IATF 16949". O(certifications).
inline std::string certification_names(const Market& market, CertificationSet set,
                                       report::Lang lang) {
  std::string out;
  std::size_t n = 0;
  const auto count = static_cast<std::size_t>(std::popcount(set));
  for (std::uint32_t i = 0; i < market.certifications().size(); ++i) {
    if ((set >> i & 1U) == 0) continue;
    const auto& c = market.certification(CertificationId{i});
    if (n > 0) out += n + 1 == count ? report::pick(lang, " and ", " und ") : ", ";
    const auto& first = lang == report::Lang::de ? c.label_de : c.label_en;
    const auto& second = lang == report::Lang::de ? c.label_en : c.label_de;
    out += !first.empty() ? first : !second.empty() ? second : c.id;
    ++n;
  }
  return out;
}

}  // namespace verbund::supply::detail
