// Names of tie kinds as written in files, the database and the CLI.
#include "verbund/core/tie.hpp"

#include "enum_names.hpp"

namespace verbund::core {
namespace {

constexpr std::array<std::pair<TieKind, std::string_view>, 6> tie_kind_names{{
    {TieKind::supply, "supply"},
    {TieKind::research, "research"},
    {TieKind::transfer, "transfer"},
    {TieKind::project, "project"},
    {TieKind::informal, "informal"},
    {TieKind::advisory, "advisory"},
}};

}  // namespace

std::string_view to_string(TieKind kind) noexcept { return detail::name_of(tie_kind_names, kind); }
std::optional<TieKind> parse_tie_kind(std::string_view name) noexcept {
  return detail::parse_by_name(tie_kind_names, name);
}

}  // namespace verbund::core
