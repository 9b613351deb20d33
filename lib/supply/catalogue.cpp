#include "verbund/supply/catalogue.hpp"

#include <algorithm>
#include <tuple>

namespace verbund::supply {

std::vector<CatalogueSection> catalogue(const Market& market, const CatalogueOptions& options) {
  const auto& region = market.region();
  std::vector<CatalogueSection> out;
  for (std::uint32_t c = 0; c < market.categories().size(); ++c) {
    const CategoryId id{c};
    const auto& category = market.category(id);
    if (options.category && *options.category != id) continue;
    if (options.theme && category.theme != options.theme) continue;
    CatalogueSection section{id, category.theme, {}};
    for (const auto& offer : market.offers_in(id))
      section.entries.push_back({offer.supplier, &offer});
    std::sort(section.entries.begin(), section.entries.end(),
              [&](const CatalogueEntry& a, const CatalogueEntry& b) {
                const double fa = a.offer->free_capacity(), fb = b.offer->free_capacity();
                if (fa != fb) return fa > fb;
                if (a.offer->capacity != b.offer->capacity)
                  return a.offer->capacity > b.offer->capacity;
                return region.external_id(a.supplier) < region.external_id(b.supplier);
              });
    out.push_back(std::move(section));
  }
  // Themes in taxonomy order (ThemeId is that order), no theme last, then category ids.
  const auto no_theme = static_cast<std::uint32_t>(region.taxonomy().themes().size());
  std::sort(out.begin(), out.end(), [&](const CatalogueSection& a, const CatalogueSection& b) {
    const auto ta = a.theme ? a.theme->value : no_theme, tb = b.theme ? b.theme->value : no_theme;
    return std::tie(ta, market.category(a.category).id) <
           std::tie(tb, market.category(b.category).id);
  });
  return out;
}

}  // namespace verbund::supply
