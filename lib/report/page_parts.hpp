#pragma once

// What the four report builders share: how an actor is named, the page's head and foot, and
// the notice for an empty database.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/report/html.hpp"
#include "verbund/report/lang.hpp"

namespace verbund::report::detail {

/// "Name (kind, municipality, part of Parent)".
std::string actor_line(const core::Region& region, core::ActorId a, Lang lang);
/// The actors' names in order; a name that two different actors of the list share gets the
/// actor's id appended ("Kowalski Handel e.K. (F000175)") so that a reader can tell them apart.
/// O(k log k) for k actors.
std::vector<std::string> names_told_apart(const core::Region& region,
                                          std::span<const core::ActorId> actors);
/// The municipality's name, or "" when unknown.
std::string place(const core::Region& region, core::ActorId a);
/// `<h1>` title and a lead paragraph.
void heading(Html& h, std::string_view title, std::string_view lead);
/// The page around `body`, with a footer naming verbund's version.
std::string finish(Lang lang, std::string_view title, Html& body);
/// A whole page saying that the database holds no actors.
std::string empty_database_page(Lang lang, std::string_view title);

}  // namespace verbund::report::detail
