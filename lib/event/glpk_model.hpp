#pragma once

// The integer model of a scheduling problem in GLPK, for the exact solver and the LP bound.
// Private: only lib/event includes <glpk.h>.

#include <cstdint>
#include <memory>
#include <vector>

#include <glpk.h>

#include "event/prepared.hpp"

namespace verbund::event::detail {

struct GlpkModel {
  std::unique_ptr<glp_prob, decltype(&glp_delete_prob)> lp{glp_create_prob(), &glp_delete_prob};
  std::vector<std::uint32_t> request_of;  ///< per column (1-based in GLPK, 0-based here)
  std::vector<std::uint32_t> slot_of;
};

/// Columns x[r][s] for every candidate request and its free common slots, maximising weight.
/// O(variables).
GlpkModel build_glpk_model(const Prepared& d, bool integer);

/// How many columns build_glpk_model would make. O(1).
inline std::size_t glpk_columns(const Prepared& d) { return d.slot_list.size(); }

}  // namespace verbund::event::detail
