#include "verbund/analysis/actor_search.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <tuple>

#include "verbund/analysis/actor_selection.hpp"

namespace verbund::analysis {
namespace {

// Words are separated by anything that is not a letter or digit of the folded text (bytes of
// UTF-8 sequences count as letters, so that "é" stays inside its word).
bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b >= 0x80 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z');
}

std::vector<std::string> words_of(std::string_view folded) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : folded) {
    if (is_word_byte(c)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool starts_a_word(std::string_view haystack, std::string_view needle) {
  for (auto at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + 1)) {
    if (at == 0 || !is_word_byte(haystack[at - 1])) return true;
  }
  return false;
}

std::optional<MatchRank> rank_of(std::string_view name, std::string_view id,
                                 std::string_view wanted, const std::vector<std::string>& words) {
  if (name == wanted || id == wanted) return MatchRank::exact;
  if (name.starts_with(wanted)) return MatchRank::prefix;
  if (starts_a_word(name, wanted)) return MatchRank::word_start;
  if (name.find(wanted) != std::string_view::npos || id.find(wanted) != std::string_view::npos)
    return MatchRank::substring;
  if (words.size() > 1 && std::all_of(words.begin(), words.end(), [&](const std::string& w) {
        return name.find(w) != std::string_view::npos;
      }))
    return MatchRank::all_tokens;
  return std::nullopt;
}

std::string trimmed(std::string text) {
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  return text;
}

}  // namespace

std::vector<ActorHit> find_actors(const core::Region& region, std::string_view text,
                                  const ActorSearchOptions& options) {
  // Both foldings: "Muelheim" (spelt out) and "Mulheim" (umlauts dropped) find "Mülheim".
  using Fold = std::string (*)(std::string_view);
  const std::array<Fold, 2> folds{fold_for_matching, fold_loosely};
  std::array<std::string, 2> wanted;
  std::array<std::vector<std::string>, 2> words;
  for (std::size_t k = 0; k < 2; ++k) {
    wanted[k] = trimmed(folds[k](text));
    words[k] = words_of(wanted[k]);
  }
  if (wanted[0].empty() || options.limit == 0) return {};
  std::vector<ActorHit> hits;
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const core::ActorId a{i};
    if (options.kind && region.kind(a) != *options.kind) continue;
    std::optional<MatchRank> rank;
    for (std::size_t k = 0; k < 2; ++k) {
      const auto r =
          rank_of(folds[k](region.name(a)), folds[k](region.external_id(a)), wanted[k], words[k]);
      if (r && (!rank || *r < *rank)) rank = r;
    }
    if (rank) hits.push_back({a, *rank});
  }
  auto key = [&](const ActorHit& h) {
    return std::make_tuple(h.rank, region.name(h.actor).size(), region.name(h.actor),
                           region.external_id(h.actor));
  };
  const auto n = std::min(options.limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(n), hits.end(),
                    [&](const ActorHit& x, const ActorHit& y) { return key(x) < key(y); });
  hits.resize(n);
  return hits;
}

std::string_view to_string(MatchRank rank) noexcept {
  switch (rank) {
    case MatchRank::exact:
      return "exact";
    case MatchRank::prefix:
      return "prefix";
    case MatchRank::word_start:
      return "word start";
    case MatchRank::substring:
      return "substring";
    case MatchRank::all_tokens:
      return "all words";
  }
  return "?";
}

}  // namespace verbund::analysis
