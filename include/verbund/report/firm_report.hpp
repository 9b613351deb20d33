#pragma once

#include <cstddef>
#include <string>

#include "verbund/core/ids.hpp"
#include "verbund/match/score.hpp"
#include "verbund/report/lang.hpp"

namespace verbund::supply {
class SupplierIndex;
}  // namespace verbund::supply

namespace verbund::report {

struct FirmReportOptions {
  Lang lang = Lang::en;
  std::size_t top = 5;            ///< recommended research partners
  bool include_existing = false;  ///< also recommend current partners (marked as such)
  /// The region's supplier market, if it has one: the firm's demands in it get the best regional
  /// suppliers (supply::find_suppliers), `top_suppliers` each, with their reasons.
  const supply::SupplierIndex* suppliers = nullptr;
  std::size_t top_suppliers = 3;
};

/// Throws InvalidInput unless `actor` is an actor of `region` of kind firm; the message names
/// the id, its kind and what to use instead (`verbund show ID`, `verbund report region`). O(1).
/// Thread-safe. The message is in `lang`.
void require_firm(const core::Region& region, core::ActorId actor, Lang lang = Lang::en);

/// The report on one firm: its profile, offers and needs, its current
/// partners with the year each began, and the best research partners for its recorded needs
/// (match::recommend on `scorer`), each with its reasons in sentences built from
/// TransferScorer::explain (see transfer_reasons): how well it matches, which need it covers, how
/// directly and how many candidates offer that, distance, free capacity, how many actors it works
/// with, shared partners and groups; when none is listed, whether nobody offers the needs or all
/// who do are fully booked (O(C) explanations then). Current partners are left out of the
/// recommendations unless `include_existing`, then marked "already your partner since ...".
/// With a supplier market, the firm's demands in it with their best regional suppliers and
/// the reasons (distance, free capacity, references, ties, whether it delivers already).
/// Throws InvalidInput if `firm` is not a firm of the scorer's region (require_firm), or the
/// supplier market was built on another region object. O(top-k search + top x explain + C o) for C
/// candidates with o offers each (counting who offers each need). Thread-safe. \code
///   const match::TransferScorer scorer(region, {});
///   const std::string html = report::firm_report(scorer, *region.find("F0001"), {.lang =
///   Lang::de});
/// \endcode
[[nodiscard]] std::string firm_report(const match::TransferScorer& scorer, core::ActorId firm,
                                      const FirmReportOptions& options);

}  // namespace verbund::report
