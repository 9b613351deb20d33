#pragma once

// The supplier catalogue (Zulieferkatalog): the regional suppliers' offers grouped by theme and
// input category, with capacity, certifications and location.

#include <optional>
#include <vector>

#include "verbund/supply/market.hpp"

namespace verbund::supply {

/// Which part of the market a catalogue lists; both unset = all of it.
struct CatalogueOptions {
  std::optional<CategoryId> category;  ///< only this category
  std::optional<core::ThemeId> theme;  ///< only categories under this theme
};

/// One supplier's offer in a catalogue section.
struct CatalogueEntry {
  core::ActorId supplier;
  const Offer* offer = nullptr;  ///< into the market's offers()
};

/// The suppliers of one category, most free capacity first.
struct CatalogueSection {
  CategoryId category;
  std::optional<core::ThemeId> theme;
  std::vector<CatalogueEntry> entries;
};

/// The catalogue of `market`: one section per category that passes the options (categories
/// without offers included, so that gaps show), ordered by theme (in taxonomy order, categories
/// without a theme last) and then by category id; within a section the offers by free capacity
/// (descending), then capacity (descending), then the supplier's external id. Entries point into
/// `market`, which must outlive the result. O(C log C + O log O) for C categories and O offers.
/// Thread-safe (reads only); throws only std::bad_alloc.
[[nodiscard]] std::vector<CatalogueSection> catalogue(const Market& market,
                                                      const CatalogueOptions& options = {});

}  // namespace verbund::supply
