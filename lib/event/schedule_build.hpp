#pragma once

// A schedule from each request's slot: tables handed out, fixed meetings added. Private.

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "event/prepared.hpp"

namespace verbund::event::detail {

/// Fixed meetings keep their tables; a meeting in `keep` keeps its table if it stayed in its
/// slot and the table is free; the others take the lowest free table, by request index.
/// O(M log M + S T).
Schedule build_schedule(
    const SchedulingProblem& problem, const Prepared& d, const std::vector<std::int32_t>& slot_of,
    const std::vector<std::optional<std::pair<std::uint32_t, std::uint32_t>>>& keep);

}  // namespace verbund::event::detail
