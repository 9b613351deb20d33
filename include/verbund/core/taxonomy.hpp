#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/ids.hpp"

namespace verbund::core {

/// A theme groups competences (e.g. the Ruhr's six specialisation themes).
struct Theme {
  std::string id;
  std::string label_en;
  std::string label_de;
};

/// A competence an actor can offer or need, under one theme.
struct Competence {
  std::string id;
  std::string label_en;
  std::string label_de;
  ThemeId theme;
};

/// The competence taxonomy: themes and the competences under them, looked up by id.
/// Immutable once built; ids are dense in the order they were added.
class Taxonomy {
 public:
  Taxonomy() = default;

  /// Adds a theme. Throws InvalidInput if the id is empty or already used.
  ThemeId add_theme(Theme theme);
  /// Adds a competence under an existing theme. Throws InvalidInput on a duplicate or empty id.
  CompetenceId add_competence(std::string id, std::string label_en, std::string label_de,
                              ThemeId theme);

  [[nodiscard]] std::span<const Theme> themes() const noexcept { return themes_; }
  [[nodiscard]] std::span<const Competence> competences() const noexcept { return competences_; }
  [[nodiscard]] const Theme& theme(ThemeId id) const { return themes_.at(id.value); }
  [[nodiscard]] const Competence& competence(CompetenceId id) const {
    return competences_.at(id.value);
  }
  /// O(log n).
  [[nodiscard]] std::optional<ThemeId> find_theme(std::string_view id) const;
  /// O(log n).
  [[nodiscard]] std::optional<CompetenceId> find_competence(std::string_view id) const;
  /// Competences under `theme`, in id order of addition.
  [[nodiscard]] std::vector<CompetenceId> competences_of(ThemeId theme) const;

 private:
  std::vector<Theme> themes_;
  std::vector<Competence> competences_;
  std::vector<std::uint32_t> theme_order_;       // theme indices sorted by id
  std::vector<std::uint32_t> competence_order_;  // competence indices sorted by id
};

/// Whether an actor offers a competence or needs it.
enum class CompetenceRole : unsigned char { offer, need };
[[nodiscard]] std::string_view to_string(CompetenceRole role) noexcept;
[[nodiscard]] std::optional<CompetenceRole> parse_competence_role(std::string_view name) noexcept;

/// One entry of a sparse competence vector; weights are in (0, 1].
struct CompetenceWeight {
  CompetenceId competence;
  float weight = 1.0F;
};

}  // namespace verbund::core
