// A region loaded for one actor's report: every actor and tie, the competences of few.
#include "verbund/io/store_scoped.hpp"

#include <string>

#include "store_impl.hpp"
#include "verbund/core/actor_kind.hpp"

namespace verbund::io {
namespace {

// An SQL string literal: quotes doubled, so that any id stays one value.
std::string quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

}  // namespace

core::Region load_region_for_actor(const Store& store, std::string_view actor) {
  std::string kinds;
  for (const auto kind : core::all_actor_kinds) {
    if (!core::is_science(kind)) continue;
    kinds += (kinds.empty() ? "" : ", ") + quoted(core::to_string(kind));
  }
  // actor_competences is keyed by actor first: the few actors' rows are read by the key.
  const std::string row = "(SELECT id FROM actors WHERE ext_id = " + quoted(actor) + ")";
  const std::string competences =
      "actor IN (SELECT id FROM actors WHERE kind IN (" + kinds + ") OR id = " + row + ")";
  // The scorer reads groups only through the actor's own: whom it shares one with, and how
  // many members each has.
  const std::string memberships = "grp IN (SELECT grp FROM memberships WHERE actor = " + row + ")";
  auto& impl = detail::StoreAccess::impl(store);
  return detail::read_region(impl.db, impl.path, competences, memberships);
}

}  // namespace verbund::io
