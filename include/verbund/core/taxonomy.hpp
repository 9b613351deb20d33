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

/// Two related competences and how strongly, in (0, 1] (1 = interchangeable for a partner).
struct CompetenceRelation {
  CompetenceId other;
  float strength = 0.0F;
};

/// The competence taxonomy: themes and the competences under them, looked up by id; and the
/// similarity of competences: 1 on the diagonal, the stated strength for related pairs, 0 else.
/// Immutable once built; ids are dense in the order they were added. The const members are
/// thread-safe; the add functions are not (build it on one thread, then share it).
class Taxonomy {
 public:
  /// An empty taxonomy. O(1); does not throw.
  Taxonomy() = default;

  /// Adds a theme. O(T) for T themes (sorted insert). Throws InvalidInput if the id is empty or
  /// already used (the taxonomy is then unchanged).
  ThemeId add_theme(Theme theme);
  /// Adds a competence under an existing theme. O(C) for C competences (sorted insert). Throws
  /// InvalidInput on a duplicate or empty id or an unknown theme (the taxonomy is then unchanged).
  CompetenceId add_competence(std::string id, std::string label_en, std::string label_de,
                              ThemeId theme);

  /// Every theme, in ThemeId order. O(1); does not throw.
  [[nodiscard]] std::span<const Theme> themes() const noexcept { return themes_; }
  /// Every competence, in CompetenceId order. O(1); does not throw.
  [[nodiscard]] std::span<const Competence> competences() const noexcept { return competences_; }
  /// Theme `id`. O(1). Throws std::out_of_range if there is no such theme.
  [[nodiscard]] const Theme& theme(ThemeId id) const { return themes_.at(id.value); }
  /// Competence `id`. O(1). Throws std::out_of_range if there is no such competence.
  [[nodiscard]] const Competence& competence(CompetenceId id) const {
    return competences_.at(id.value);
  }
  /// The theme with this id. O(log T); does not throw.
  [[nodiscard]] std::optional<ThemeId> find_theme(std::string_view id) const;
  /// The competence with this id. O(log C); does not throw.
  [[nodiscard]] std::optional<CompetenceId> find_competence(std::string_view id) const;
  /// Competences under `theme`, in id order of addition. O(C). Throws only std::bad_alloc.
  [[nodiscard]] std::vector<CompetenceId> competences_of(ThemeId theme) const;

  /// States that `a` and `b` are related with `strength` in (0, 1] (symmetric). O(r) for the
  /// relations of a and b. Throws InvalidInput for an unknown id, a self pair, a strength out of
  /// range, or a pair already related with a different strength (the taxonomy is then unchanged);
  /// the same pair with the same strength again is accepted.
  void relate(CompetenceId a, CompetenceId b, float strength);
  /// The competences related to `c`, ascending by id. O(1). Throws std::out_of_range for an
  /// unknown id.
  [[nodiscard]] std::span<const CompetenceRelation> related(CompetenceId c) const;
  /// Similarity of two competences: 1 if equal, the stated strength if related, else 0.
  /// O(log r). Does not throw for known ids (std::out_of_range otherwise).
  [[nodiscard]] double similarity(CompetenceId a, CompetenceId b) const;
  /// Number of related pairs. O(C). Does not throw.
  [[nodiscard]] std::size_t relation_count() const noexcept;

 private:
  std::vector<Theme> themes_;
  std::vector<Competence> competences_;
  std::vector<std::uint32_t> theme_order_;                // theme indices sorted by id
  std::vector<std::uint32_t> competence_order_;           // competence indices sorted by id
  std::vector<std::vector<CompetenceRelation>> related_;  // per competence, sorted by other
};

/// Whether an actor offers a competence or needs it.
enum class CompetenceRole : unsigned char { offer, need };
/// "offer" or "need". O(1). Thread-safe; does not throw.
[[nodiscard]] std::string_view to_string(CompetenceRole role) noexcept;
/// Parses "offer" or "need"; nullopt otherwise. O(1). Thread-safe; does not throw.
[[nodiscard]] std::optional<CompetenceRole> parse_competence_role(std::string_view name) noexcept;

/// One entry of a sparse competence vector; weights are in (0, 1].
struct CompetenceWeight {
  CompetenceId competence;
  float weight = 1.0F;
};

}  // namespace verbund::core
