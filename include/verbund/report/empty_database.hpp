#pragma once

#include <string>
#include <string_view>

#include "verbund/report/lang.hpp"

namespace verbund::report {

/// A whole report page titled `title` that says the database holds no actors yet (and how to
/// fill it). Every report kind gives it for an empty region. O(1), thread-safe; throws only
/// std::bad_alloc.
[[nodiscard]] std::string empty_database_report(Lang lang, std::string_view title);

}  // namespace verbund::report
