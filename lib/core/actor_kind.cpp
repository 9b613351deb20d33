// Names of actor kinds and firm size classes as written in files, the database and the CLI.
#include "verbund/core/actor_kind.hpp"

#include "enum_names.hpp"

namespace verbund::core {
namespace {

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

constexpr std::array<std::pair<FirmSize, std::string_view>, 4> firm_size_names{{
    {FirmSize::micro, "micro"},
    {FirmSize::small, "small"},
    {FirmSize::medium, "medium"},
    {FirmSize::large, "large"},
}};

}  // namespace

std::string_view to_string(ActorKind kind) noexcept {
  return detail::name_of(actor_kind_names, kind);
}
std::optional<ActorKind> parse_actor_kind(std::string_view name) noexcept {
  return detail::parse_by_name(actor_kind_names, name);
}
std::string_view to_string(FirmSize size) noexcept {
  return detail::name_of(firm_size_names, size);
}

}  // namespace verbund::core
