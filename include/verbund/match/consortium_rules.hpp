#pragma once

#include <span>
#include <string>
#include <vector>

#include "verbund/core/ids.hpp"
#include "verbund/core/region.hpp"
#include "verbund/match/call.hpp"

namespace verbund::match {

/// A rule of a call that a member set breaks, in words.
struct RuleViolation {
  std::string rule;    ///< "size", "quota", "municipalities", "radius", "region", "competence",
                       ///< "must-member", "excluded"
  std::string detail;  ///< e.g. "needs 2 members offering hydrogen-transport, has 1"
};

/// Every rule of `call` that `members` breaks; empty = feasible. Independent of the builder's
/// search (it is the tests' referee). Ids must exist (see check_call_against).
/// O(m (q + r o) + c (m + log n) + m log m) for m members with o offers each, q quotas, r
/// required competences, c ids the call names and n actors. Throws only std::bad_alloc.
/// Thread-safe.
[[nodiscard]] std::vector<RuleViolation> check_rules(const Call& call, const core::Region& region,
                                                     std::span<const core::ActorId> members);

}  // namespace verbund::match
