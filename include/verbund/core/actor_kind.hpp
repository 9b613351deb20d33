#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace verbund::core {

/// What kind of stakeholder an actor is.
enum class ActorKind : unsigned char {
  firm,
  university,          ///< Universität, Fachhochschule/HAW
  research_institute,  ///< Fraunhofer, Max Planck, Leibniz, competence centres
  research_group,      ///< a chair or group, with its university or institute as parent
  chamber,             ///< IHK, HWK
  municipality,        ///< Stadt, Gemeinde, Kreis
  development_agency,  ///< Wirtschaftsförderung, Business Metropole Ruhr
  union_,              ///< IG Metall, DGB (written "union" in files)
  association,         ///< employers' and business associations, Initiativkreis
  cluster,             ///< clusters, networks and platforms
  working_group,       ///< Arbeitskreis of an initiative
  transfer_office,     ///< Transferstelle
  agency,              ///< other public bodies
};

inline constexpr std::array all_actor_kinds{ActorKind::firm,
                                            ActorKind::university,
                                            ActorKind::research_institute,
                                            ActorKind::research_group,
                                            ActorKind::chamber,
                                            ActorKind::municipality,
                                            ActorKind::development_agency,
                                            ActorKind::union_,
                                            ActorKind::association,
                                            ActorKind::cluster,
                                            ActorKind::working_group,
                                            ActorKind::transfer_office,
                                            ActorKind::agency};

/// The name used in files, the database and the CLI ("research_institute", "union").
/// O(1). Thread-safe; does not throw.
[[nodiscard]] std::string_view to_string(ActorKind kind) noexcept;
/// Parses a kind name as written by to_string; nullopt if unknown. O(k) over the k kinds.
/// Thread-safe; does not throw.
[[nodiscard]] std::optional<ActorKind> parse_actor_kind(std::string_view name) noexcept;

/// Universities, research institutes and research groups: the "science" side.
/// O(1). Thread-safe; does not throw.
[[nodiscard]] constexpr bool is_science(ActorKind kind) noexcept {
  return kind == ActorKind::university || kind == ActorKind::research_institute ||
         kind == ActorKind::research_group;
}

/// Kinds that other actors can be members of (memberships are the foci where people meet).
/// O(1). Thread-safe; does not throw.
[[nodiscard]] constexpr bool is_group(ActorKind kind) noexcept {
  return kind == ActorKind::chamber || kind == ActorKind::cluster ||
         kind == ActorKind::working_group || kind == ActorKind::association ||
         kind == ActorKind::union_;
}

/// Firm size class by the EU SME definition's headcount thresholds (turnover is not modelled).
enum class FirmSize : unsigned char { micro, small, medium, large };

/// micro < 10 employees, small < 50, medium < 250, large otherwise. O(1). Thread-safe; does not
/// throw.
[[nodiscard]] constexpr FirmSize firm_size_from_employees(int employees) noexcept {
  if (employees < 10) return FirmSize::micro;
  if (employees < 50) return FirmSize::small;
  if (employees < 250) return FirmSize::medium;
  return FirmSize::large;
}
/// The size class's name ("micro", ...). O(1). Thread-safe; does not throw.
[[nodiscard]] std::string_view to_string(FirmSize size) noexcept;
/// SMEs (KMU) are micro, small and medium firms. O(1). Thread-safe; does not throw.
[[nodiscard]] constexpr bool is_sme(FirmSize size) noexcept { return size != FirmSize::large; }

}  // namespace verbund::core
