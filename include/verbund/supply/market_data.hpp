#pragma once

// The supplier market as written in files: input categories, certifications, supplier offers,
// buyer demands and categorised supply flows, keyed by external ids. Importers, the generator and
// the store produce and consume this; supply::Market is its resolved, indexed form.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/region_data.hpp"

namespace verbund::supply {

/// Where a buyer sources an input today.
enum class Sourcing : unsigned char {
  region,   ///< from a supplier in the region
  germany,  ///< from elsewhere in Germany
  abroad,   ///< from outside Germany
};
/// "region", "germany" or "abroad". O(1). Thread-safe; does not throw.
[[nodiscard]] std::string_view to_string(Sourcing source) noexcept;
/// Parses a name as written by to_string; nullopt otherwise. O(1). Thread-safe; does not throw.
[[nodiscard]] std::optional<Sourcing> parse_sourcing(std::string_view name) noexcept;

/// How badly a buyer's production stops when an input fails.
enum class Criticality : unsigned char { low, medium, high };
/// "low", "medium" or "high". O(1). Thread-safe; does not throw.
[[nodiscard]] std::string_view to_string(Criticality criticality) noexcept;
/// Parses a name as written by to_string; nullopt otherwise. O(1). Thread-safe; does not throw.
[[nodiscard]] std::optional<Criticality> parse_criticality(std::string_view name) noexcept;

/// An input category (castings, machined parts, logistics, ...), under a competence theme of the
/// region's taxonomy, derived from CPA divisions so that real data can be mapped onto it.
struct CategoryRecord {
  std::string id;
  std::string label_en;
  std::string label_de;
  std::string theme;             ///< a theme id of the taxonomy; empty = none
  std::vector<std::string> cpa;  ///< CPA/NACE divisions ("24", "25.5"), for mapping real data
  std::string unit = "units";    ///< what quantities and capacities count, e.g. "t", "parts"
  std::size_t line = 0;
};

/// A certification a supplier can hold and a buyer can require (ISO 9001, IATF 16949, ...).
struct CertificationRecord {
  std::string id;  ///< e.g. "iso-9001"
  std::string label_en;
  std::string label_de;
  std::size_t line = 0;
};

/// What one supplier delivers in one category.
struct OfferRecord {
  std::string supplier;  ///< actor external id
  std::string category;
  double capacity = 0.0;  ///< units per year it can deliver in all, > 0
  std::vector<std::string> certifications;
  std::optional<double> lead_time_weeks;
  std::optional<double> min_order;  ///< units per year below which it does not deliver
  std::size_t line = 0;
};

/// What one buyer needs in one category.
struct DemandRecord {
  std::string buyer;  ///< actor external id
  std::string category;
  double quantity = 0.0;                    ///< units per year, > 0
  std::vector<std::string> certifications;  ///< all of them required of a supplier
  Sourcing source = Sourcing::abroad;       ///< where it is sourced today
  Criticality criticality = Criticality::medium;
  std::size_t line = 0;
};

/// A supply tie with its category: `supplier` delivers `category` to `buyer`. Becomes a tie of
/// kind supply in the region (source = supplier, target = buyer).
struct FlowRecord {
  std::string supplier;
  std::string buyer;
  std::string category;
  std::optional<double> volume;  ///< units per year, where known
  std::optional<int> start;
  std::optional<int> end;
  std::size_t line = 0;
};

/// A batch of market content, with the origin of each table for error messages.
struct MarketData {
  std::vector<CategoryRecord> categories;
  std::vector<CertificationRecord> certifications;
  std::vector<OfferRecord> offers;
  std::vector<DemandRecord> demands;
  std::vector<FlowRecord> flows;

  core::TableOrigin categories_origin;
  core::TableOrigin certifications_origin;
  core::TableOrigin offers_origin;
  core::TableOrigin demands_origin;
  core::TableOrigin flows_origin;
};

}  // namespace verbund::supply
