#include "verbund/analysis/actor_selection.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <set>
#include <tuple>

namespace verbund::analysis {

namespace {

// Folds as fold_for_matching; with `spell_out` false, ä ö ü become a o u (for suggestions only:
// "Mulheim" is close to "Mülheim" but does not select it).
std::string fold(std::string_view text, bool spell_out) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if (c == 0xC3 && i + 1 < text.size()) {
      // Latin-1 letters in UTF-8: capitals are 0x80-0x9E (0x97 is the multiplication sign),
      // their small letters 0x20 above.
      auto b = static_cast<unsigned char>(text[++i]);
      if (b >= 0x80 && b <= 0x9E && b != 0x97) b = static_cast<unsigned char>(b + 0x20);
      if (b == 0xA4) {  // ä
        out += spell_out ? "ae" : "a";
      } else if (b == 0xB6) {  // ö
        out += spell_out ? "oe" : "o";
      } else if (b == 0xBC) {  // ü
        out += spell_out ? "ue" : "u";
      } else if (b == 0x9F) {  // ß
        out += "ss";
      } else {
        out.push_back(static_cast<char>(c));
        out.push_back(static_cast<char>(b));
      }
    } else if (text.substr(i, 3) == "\xE1\xBA\x9E") {  // capital ẞ
      out += "ss";
      i += 2;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace

std::string fold_for_matching(std::string_view text) { return fold(text, true); }
std::string fold_loosely(std::string_view text) { return fold(text, false); }

std::string_view actor_value(const core::Region& region, core::ActorId a, std::string_view key) {
  if (key == "kind") return to_string(region.kind(a));
  if (key == "municipality") {
    const auto m = region.municipality(a);
    return m ? region.municipality_name(*m) : std::string_view{};
  }
  if (key == "sector") return region.sector(a);
  return region.attribute(a, key).value_or(std::string_view{});
}

namespace {

// `theme` holds for an actor offering a competence of that theme, as `metrics --by theme`
// groups actors; "" holds for an actor that offers nothing.
bool offers_theme(const core::Region& region, core::ActorId a, std::string_view exact,
                  std::string_view folded) {
  const auto offers = region.offers(a);
  if (exact.empty()) return offers.empty();
  const auto& taxonomy = region.taxonomy();
  return std::any_of(offers.begin(), offers.end(), [&](const core::CompetenceWeight& o) {
    const auto& id = taxonomy.theme(taxonomy.competence(o.competence).theme).id;
    return id == exact || fold_for_matching(id) == folded;
  });
}

}  // namespace

std::vector<core::ActorId> select_actors(const core::Region& region,
                                         std::span<const core::ActorCondition> conditions) {
  std::vector<std::string> wanted;
  for (const auto& c : conditions) wanted.push_back(fold_for_matching(c.value));
  std::vector<core::ActorId> selected;
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const core::ActorId a{i};
    bool all = true;
    for (std::size_t k = 0; k < conditions.size() && all; ++k) {
      if (conditions[k].key == "theme") {
        all = offers_theme(region, a, conditions[k].value, wanted[k]);
        continue;
      }
      const auto value = actor_value(region, a, conditions[k].key);
      all = value == conditions[k].value || fold_for_matching(value) == wanted[k];
    }
    if (all) selected.push_back(a);
  }
  return selected;
}

std::vector<std::string> selection_keys(const core::Region& region) {
  std::set<std::string, std::less<>> attributes;
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    for (const auto& attribute : region.attributes(core::ActorId{i})) {
      attributes.insert(attribute.key);
    }
  }
  attributes.erase("theme");  // `theme` selects by offered competences (offers_theme)
  std::vector<std::string> keys{"kind", "municipality", "sector", "theme"};
  keys.insert(keys.end(), attributes.begin(), attributes.end());
  return keys;
}

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> closest(std::span<const std::string> candidates, std::string_view text,
                                 std::size_t limit) {
  // Compared in both foldings, so that "Muelheim" and "Mulheim" both come close to "Mülheim".
  const std::array<std::string, 2> wanted{fold(text, true), fold(text, false)};
  using Rank = std::tuple<bool, std::size_t, std::string_view>;  // not containing, distance, name
  std::vector<Rank> ranked;
  for (const auto& c : candidates) {
    bool contains = false;
    std::size_t distance = SIZE_MAX;
    for (std::size_t k = 0; k < 2; ++k) {
      const std::string other = fold(c, k == 0);
      contains = contains || (!wanted[k].empty() && other.find(wanted[k]) != std::string::npos);
      distance = std::min(distance, edit_distance(wanted[k], other));
    }
    ranked.emplace_back(!contains, distance, c);
  }
  const auto n = std::min(limit, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n), ranked.end());
  std::vector<std::string> best;
  for (std::size_t i = 0; i < n; ++i) best.emplace_back(std::get<2>(ranked[i]));
  return best;
}

std::vector<std::string> values_of(const core::Region& region, std::string_view key) {
  std::set<std::string, std::less<>> values;
  if (key == "theme") {
    const auto& taxonomy = region.taxonomy();
    for (std::uint32_t i = 0; i < region.size(); ++i)
      for (const auto& o : region.offers(core::ActorId{i}))
        values.emplace(taxonomy.theme(taxonomy.competence(o.competence).theme).id);
    return {values.begin(), values.end()};
  }
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const auto value = actor_value(region, core::ActorId{i}, key);
    if (!value.empty() && values.find(value) == values.end()) values.emplace(value);
  }
  return {values.begin(), values.end()};
}

}  // namespace verbund::analysis
