#include "verbund/core/taxonomy.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string>

#include "enum_names.hpp"
#include "verbund/error.hpp"

namespace verbund::core {
namespace {
// A number in its shortest form for messages (1.5, not std::to_string's 1.500000).
std::string shortest(float value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(value);
}

constexpr std::array<std::pair<CompetenceRole, std::string_view>, 2> role_names{{
    {CompetenceRole::offer, "offer"},
    {CompetenceRole::need, "need"},
}};

// Inserts index `value` into `order` (sorted by key_of) and returns false if the key exists.
template <typename KeyOf>
bool insert_sorted(std::vector<std::uint32_t>& order, std::uint32_t value, KeyOf key_of) {
  const std::string_view key = key_of(value);
  auto it = std::lower_bound(order.begin(), order.end(), key,
                             [&](std::uint32_t i, std::string_view k) { return key_of(i) < k; });
  if (it != order.end() && key_of(*it) == key) return false;
  order.insert(it, value);
  return true;
}

template <typename KeyOf>
std::optional<std::uint32_t> find_sorted(const std::vector<std::uint32_t>& order,
                                         std::string_view key, KeyOf key_of) {
  auto it = std::lower_bound(order.begin(), order.end(), key,
                             [&](std::uint32_t i, std::string_view k) { return key_of(i) < k; });
  if (it == order.end() || key_of(*it) != key) return std::nullopt;
  return *it;
}

}  // namespace

ThemeId Taxonomy::add_theme(Theme theme) {
  if (theme.id.empty()) throw InvalidInput("theme id must not be empty");
  const auto index = static_cast<std::uint32_t>(themes_.size());
  themes_.push_back(std::move(theme));
  if (!insert_sorted(theme_order_, index,
                     [this](std::uint32_t i) -> std::string_view { return themes_[i].id; })) {
    std::string id = themes_.back().id;
    themes_.pop_back();
    throw InvalidInput("duplicate theme id '" + id + "'");
  }
  return ThemeId{index};
}

CompetenceId Taxonomy::add_competence(std::string id, std::string label_en, std::string label_de,
                                      ThemeId theme) {
  if (id.empty()) throw InvalidInput("competence id must not be empty");
  if (theme.value >= themes_.size()) throw InvalidInput("competence '" + id + "': unknown theme");
  const auto index = static_cast<std::uint32_t>(competences_.size());
  competences_.push_back({std::move(id), std::move(label_en), std::move(label_de), theme});
  if (!insert_sorted(competence_order_, index,
                     [this](std::uint32_t i) -> std::string_view { return competences_[i].id; })) {
    std::string dup = competences_.back().id;
    competences_.pop_back();
    throw InvalidInput("duplicate competence id '" + dup + "'");
  }
  return CompetenceId{index};
}

std::optional<ThemeId> Taxonomy::find_theme(std::string_view id) const {
  auto found = find_sorted(theme_order_, id,
                           [this](std::uint32_t i) -> std::string_view { return themes_[i].id; });
  if (!found) return std::nullopt;
  return ThemeId{*found};
}

std::optional<CompetenceId> Taxonomy::find_competence(std::string_view id) const {
  auto found = find_sorted(competence_order_, id, [this](std::uint32_t i) -> std::string_view {
    return competences_[i].id;
  });
  if (!found) return std::nullopt;
  return CompetenceId{*found};
}

std::vector<CompetenceId> Taxonomy::competences_of(ThemeId theme) const {
  std::vector<CompetenceId> out;
  for (std::uint32_t i = 0; i < competences_.size(); ++i) {
    if (competences_[i].theme == theme) out.push_back(CompetenceId{i});
  }
  return out;
}

void Taxonomy::relate(CompetenceId a, CompetenceId b, float strength) {
  const auto n = competences_.size();
  if (a.value >= n || b.value >= n) throw InvalidInput("competence relation: unknown competence");
  const auto& ia = competences_[a.value].id;
  const auto& ib = competences_[b.value].id;
  if (a == b) throw InvalidInput("competence '" + ia + "' cannot be related to itself");
  if (!(strength > 0.0F && strength <= 1.0F))
    throw InvalidInput("relation of '" + ia + "' and '" + ib + "': strength " + shortest(strength) +
                       " is not in (0, 1]");
  related_.resize(n);
  auto find = [&](CompetenceId x, CompetenceId y) {
    auto& list = related_[x.value];
    return std::lower_bound(
        list.begin(), list.end(), y,
        [](const CompetenceRelation& r, CompetenceId c) { return r.other < c; });
  };
  const auto at = find(a, b);
  if (at != related_[a.value].end() && at->other == b) {
    if (at->strength == strength) return;
    throw InvalidInput("relation of '" + ia + "' and '" + ib + "' stated twice with different " +
                       "strengths");
  }
  related_[a.value].insert(at, {b, strength});
  related_[b.value].insert(find(b, a), {a, strength});
}

std::span<const CompetenceRelation> Taxonomy::related(CompetenceId c) const {
  if (c.value >= competences_.size()) throw std::out_of_range("unknown competence");
  if (c.value >= related_.size()) return {};
  return related_[c.value];
}

double Taxonomy::similarity(CompetenceId a, CompetenceId b) const {
  if (a.value >= competences_.size() || b.value >= competences_.size())
    throw std::out_of_range("unknown competence");
  if (a == b) return 1.0;
  const auto list = related(a);
  const auto it =
      std::lower_bound(list.begin(), list.end(), b,
                       [](const CompetenceRelation& r, CompetenceId c) { return r.other < c; });
  return it != list.end() && it->other == b ? it->strength : 0.0;
}

std::size_t Taxonomy::relation_count() const noexcept {
  std::size_t total = 0;
  for (const auto& list : related_) total += list.size();
  return total / 2;
}

std::string_view to_string(CompetenceRole role) noexcept {
  return detail::name_of(role_names, role);
}
std::optional<CompetenceRole> parse_competence_role(std::string_view name) noexcept {
  return detail::parse_by_name(role_names, name);
}

}  // namespace verbund::core
