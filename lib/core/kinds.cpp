// Names of the enumerations as written in files, the database and the CLI.
#include <algorithm>
#include <array>
#include <utility>

#include "verbund/core/actor_kind.hpp"
#include "verbund/core/taxonomy.hpp"
#include "verbund/core/tie.hpp"

namespace verbund::core {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> parse_by_name(const std::array<std::pair<Enum, std::string_view>, N>& names,
                                  std::string_view name) {
  const auto* it = std::find_if(names.begin(), names.end(),
                                [&](const auto& entry) { return entry.second == name; });
  if (it == names.end()) return std::nullopt;
  return it->first;
}

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
  return names[static_cast<std::size_t>(value)].second;
}

constexpr std::array<std::pair<ActorKind, std::string_view>, 13> actor_kind_names{{
    {ActorKind::firm, "firm"},
    {ActorKind::university, "university"},
    {ActorKind::research_institute, "research_institute"},
    {ActorKind::research_group, "research_group"},
    {ActorKind::chamber, "chamber"},
    {ActorKind::municipality, "municipality"},
    {ActorKind::development_agency, "development_agency"},
    {ActorKind::union_, "union"},
    {ActorKind::association, "association"},
    {ActorKind::cluster, "cluster"},
    {ActorKind::working_group, "working_group"},
    {ActorKind::transfer_office, "transfer_office"},
    {ActorKind::agency, "agency"},
}};

constexpr std::array<std::pair<TieKind, std::string_view>, 6> tie_kind_names{{
    {TieKind::supply, "supply"},
    {TieKind::research, "research"},
    {TieKind::transfer, "transfer"},
    {TieKind::project, "project"},
    {TieKind::informal, "informal"},
    {TieKind::advisory, "advisory"},
}};

constexpr std::array<std::pair<FirmSize, std::string_view>, 4> firm_size_names{{
    {FirmSize::micro, "micro"},
    {FirmSize::small, "small"},
    {FirmSize::medium, "medium"},
    {FirmSize::large, "large"},
}};

constexpr std::array<std::pair<CompetenceRole, std::string_view>, 2> role_names{{
    {CompetenceRole::offer, "offer"},
    {CompetenceRole::need, "need"},
}};

}  // namespace

std::string_view to_string(ActorKind kind) noexcept { return name_of(actor_kind_names, kind); }
std::optional<ActorKind> parse_actor_kind(std::string_view name) noexcept {
  return parse_by_name(actor_kind_names, name);
}
std::string_view to_string(TieKind kind) noexcept { return name_of(tie_kind_names, kind); }
std::optional<TieKind> parse_tie_kind(std::string_view name) noexcept {
  return parse_by_name(tie_kind_names, name);
}
std::string_view to_string(FirmSize size) noexcept { return name_of(firm_size_names, size); }
std::string_view to_string(CompetenceRole role) noexcept { return name_of(role_names, role); }
std::optional<CompetenceRole> parse_competence_role(std::string_view name) noexcept {
  return parse_by_name(role_names, name);
}

}  // namespace verbund::core
