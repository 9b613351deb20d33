#pragma once

#include <cstddef>
#include <string>

#include "verbund/core/region.hpp"
#include "verbund/match/call.hpp"
#include "verbund/match/consortium.hpp"
#include "verbund/report/lang.hpp"

namespace verbund::report {

struct CallReportOptions {
  Lang lang = Lang::en;
  std::size_t consortia = 3;  ///< consortia shown in full
};

/// The report on a funding call: its rules, then for each of the best consortia (the result of
/// match::build_consortia on `call`) its members, who covers which requirement, how many member
/// pairs already work together, and what hangs on each member (whether the consortium still
/// meets the rules without it, and its best replacement), in sentences. For an infeasible call
/// (no consortium) the diagnosis. An empty region gives a page saying so. O(consortia x m^2)
/// for m members plus the size of `result`. Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string call_report(const core::Region& region, const match::Call& call,
                                      const match::ConsortiumResult& result,
                                      const CallReportOptions& options);

}  // namespace verbund::report
