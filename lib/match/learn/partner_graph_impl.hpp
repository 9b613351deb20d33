#pragma once
// The prepared region behind PartnerGraph (private to lib/match/learn).

#include <cstdint>
#include <vector>

#include "verbund/match/partner_features.hpp"

namespace verbund::match {

struct PartnerGraph::Impl {
  const core::Region* region = nullptr;
  // Distinct neighbours in CSR form; per entry the summed tie weight, the earliest start and the
  // latest end of the ties (INT_MIN: start unknown; INT_MAX: end unknown, still running).
  std::vector<std::uint64_t> offsets;
  std::vector<std::uint32_t> neighbours;
  std::vector<float> weight;
  std::vector<int> first_year;
  std::vector<int> last_year;
  std::vector<std::uint32_t> country;  ///< interned country; UINT32_MAX when unknown
  std::vector<float> projects, coordinated;
  std::vector<double> idf;               ///< per competence
  std::vector<double> offer_norm;        ///< per actor: norm of its TF-IDF offer vector
  std::vector<std::uint32_t> by_degree;  ///< actors, most partners first (ties by id)

  [[nodiscard]] std::size_t degree(std::uint32_t v) const { return offsets[v + 1] - offsets[v]; }
};

}  // namespace verbund::match
