#include "verbund/gen/supply_market.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>

#include "verbund/core/random.hpp"
#include "verbund/error.hpp"

namespace verbund::gen {

using core::ActorId;
using core::RandomStream;

namespace {

// Every independent draw has its own purpose, so that changing one leaves the others alone.
enum Purpose : std::uint32_t {
  place = 1,
  offer_categories,
  offer_terms,
  demand_categories,
  demand_terms,
  current_source,
  informal_ties,
};

struct CategoryInfo {
  std::string_view id, en, de, cpa, unit;
};
constexpr std::array categories{
    CategoryInfo{"machined-parts", "Machined parts", "Zerspanungsteile", "25.6", "parts"},
    CategoryInfo{"logistics", "Logistics", "Logistik", "49", "shipments"},
    CategoryInfo{"sheet-metal", "Sheet metal parts", "Blechteile", "25.9", "t"},
    CategoryInfo{"maintenance", "Maintenance", "Instandhaltung", "33", "hours"},
    CategoryInfo{"castings", "Castings", "Gussteile", "24.5", "t"},
    CategoryInfo{"plastics-parts", "Plastics parts", "Kunststoffteile", "22.2", "parts"},
    CategoryInfo{"electronics-assembly", "Electronics assembly", "Elektronikfertigung", "26.1",
                 "boards"},
    CategoryInfo{"it-services", "IT services", "IT-Dienstleistungen", "62", "days"},
    CategoryInfo{"chemicals", "Chemicals", "Chemikalien", "20", "t"},
    CategoryInfo{"steel-products", "Steel products", "Stahlerzeugnisse", "24.1", "t"},
    CategoryInfo{"forgings", "Forgings", "Schmiedeteile", "25.5", "t"},
    CategoryInfo{"surface-treatment", "Surface treatment", "Oberflächenbehandlung", "25.6",
                 "batches"}};

struct CertificationInfo {
  std::string_view id, en, de;
  double held, required;  // chance that a supplier holds it, that a demand requires it
};
constexpr std::array certifications{
    CertificationInfo{"iso-9001", "ISO 9001", "ISO 9001", 0.7, 0.4},
    CertificationInfo{"iatf-16949", "IATF 16949", "IATF 16949", 0.15, 0.06},
    CertificationInfo{"en-9100", "EN 9100", "EN 9100", 0.08, 0.03},
    CertificationInfo{"iso-13485", "ISO 13485", "ISO 13485", 0.08, 0.03},
    CertificationInfo{"iso-14001", "ISO 14001", "ISO 14001", 0.3, 0.08},
    CertificationInfo{"iso-50001", "ISO 50001", "ISO 50001", 0.2, 0.04}};

struct City {
  std::string_view name;
  double lat, lon;
  double weight;  // relative number of firms
};
constexpr std::array cities{City{"Dortmund", 51.514, 7.466, 5.9},
                            City{"Essen", 51.456, 7.012, 5.8},
                            City{"Duisburg", 51.435, 6.763, 5.0},
                            City{"Bochum", 51.482, 7.216, 3.6},
                            City{"Gelsenkirchen", 51.508, 7.097, 2.6},
                            City{"Oberhausen", 51.470, 6.852, 2.1},
                            City{"Hagen", 51.367, 7.463, 1.9},
                            City{"Hamm", 51.681, 7.817, 1.8},
                            City{"Mülheim an der Ruhr", 51.428, 6.883, 1.7},
                            City{"Herne", 51.538, 7.220, 1.6},
                            City{"Bottrop", 51.524, 6.929, 1.2},
                            City{"Recklinghausen", 51.614, 7.197, 1.1},
                            City{"Witten", 51.444, 7.353, 1.0},
                            City{"Unna", 51.535, 7.689, 0.6},
                            City{"Marl", 51.656, 7.090, 0.8}};

std::string numbered(char prefix, std::size_t index) {
  std::string digits = std::to_string(index + 1);
  if (digits.size() < 7) digits.insert(0, 7 - digits.size(), '0');
  return prefix + digits;
}

/// Cumulative weights of the categories: 1 / (rank + 2).
std::array<double, categories.size()> category_weights() {
  std::array<double, categories.size()> out{};
  double sum = 0.0;
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = sum += 1.0 / static_cast<double>(i + 2);
  return out;
}

/// `count` distinct categories drawn by popularity, ascending.
std::vector<std::uint32_t> draw_categories(RandomStream& rng, std::size_t count) {
  static const auto cumulative = category_weights();
  count = std::min(count, categories.size());
  std::vector<std::uint32_t> out;
  while (out.size() < count) {
    const double u = rng.uniform() * cumulative.back();
    const auto c = static_cast<std::uint32_t>(
        std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
    if (c < categories.size() && std::find(out.begin(), out.end(), c) == out.end())
      out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  return out;
}

double log_uniform(RandomStream& rng, double lo, double hi) {
  return std::round(lo * std::exp(rng.uniform() * std::log(hi / lo)));
}

void check_share(double x, const char* what) {
  if (!(x >= 0.0 && x <= 1.0)) throw InvalidInput(std::string(what) + " must lie in [0, 1]");
}
void check_mean(double x, const char* what) {
  if (!(x >= 0.0) || !std::isfinite(x)) throw InvalidInput(std::string(what) + " must be >= 0");
}

}  // namespace

SupplyMarket generate_supply_market(const SupplyMarketOptions& options) {
  if (options.buyers == 0 || options.suppliers == 0)
    throw InvalidInput("a supply market needs at least one buyer and one supplier");
  check_share(options.regional_share, "the regional share");
  check_share(options.unknown_location, "the share of unknown locations");
  check_mean(options.offers_per_supplier, "the mean number of offers");
  check_mean(options.demands_per_buyer, "the mean number of demands");
  check_mean(options.ties_per_firm, "the mean number of ties");

  SupplyMarket out;
  auto& data = out.data;
  for (const auto& c : categories) {
    data.categories.push_back({std::string(c.id),
                               std::string(c.en),
                               std::string(c.de),
                               "",
                               {std::string(c.cpa)},
                               std::string(c.unit),
                               0});
  }
  for (const auto& c : certifications)
    data.certifications.push_back({std::string(c.id), std::string(c.en), std::string(c.de), 0});

  std::array<double, cities.size()> city_cumulative{};
  double city_sum = 0.0;
  for (std::size_t i = 0; i < cities.size(); ++i) city_cumulative[i] = city_sum += cities[i].weight;

  const std::size_t firms = options.suppliers + options.buyers;
  core::RegionBuilder builder;
  builder.reserve(firms, firms * 2);
  std::vector<std::int32_t> city_of(firms, -1);
  for (std::size_t i = 0; i < firms; ++i) {
    const bool supplier = i < options.suppliers;
    const std::size_t number = supplier ? i : i - options.suppliers;
    RandomStream rng(options.seed, i, place);
    core::ActorRecord a;
    a.id = numbered(supplier ? 'S' : 'B', number);
    a.name = std::string(supplier ? "Supplier " : "Buyer ") + a.id.substr(1);
    a.kind = core::ActorKind::firm;
    if (!rng.bernoulli(options.unknown_location)) {
      const double u = rng.uniform() * city_sum;
      const auto c = std::min<std::size_t>(
          static_cast<std::size_t>(
              std::upper_bound(city_cumulative.begin(), city_cumulative.end(), u) -
              city_cumulative.begin()),
          cities.size() - 1);
      city_of[i] = static_cast<std::int32_t>(c);
      a.municipality = std::string(cities[c].name);
      a.location = core::GeoPoint{cities[c].lat + (rng.uniform() - 0.5) * 0.08,
                                  cities[c].lon + (rng.uniform() - 0.5) * 0.12};
    }
    builder.add_actor(a);
  }

  // Offers, and per category the suppliers offering it (for the current flows).
  std::vector<std::vector<std::uint32_t>> offered_by(categories.size());
  for (std::size_t s = 0; s < options.suppliers; ++s) {
    RandomStream pick(options.seed, s, offer_categories);
    const std::size_t count = 1 + pick.poisson(std::max(0.0, options.offers_per_supplier - 1.0));
    RandomStream terms(options.seed, s, offer_terms);
    for (const auto c : draw_categories(pick, count)) {
      supply::OfferRecord o;
      o.supplier = numbered('S', s);
      o.category = std::string(categories[c].id);
      o.capacity = log_uniform(terms, 50.0, 20000.0);
      for (const auto& cert : certifications)
        if (terms.bernoulli(cert.held)) o.certifications.emplace_back(cert.id);
      if (terms.bernoulli(0.8)) o.lead_time_weeks = 1.0 + static_cast<double>(terms.below(12));
      if (terms.bernoulli(0.3)) o.min_order = log_uniform(terms, 1.0, 200.0);
      data.offers.push_back(std::move(o));
      offered_by[c].push_back(static_cast<std::uint32_t>(s));
    }
  }

  // Demands; those sourced in the region get a current flow from a supplier of the category.
  for (std::size_t b = 0; b < options.buyers; ++b) {
    RandomStream pick(options.seed, b, demand_categories);
    const std::size_t count = 1 + pick.poisson(std::max(0.0, options.demands_per_buyer - 1.0));
    RandomStream terms(options.seed, b, demand_terms);
    RandomStream source(options.seed, b, current_source);
    const std::string buyer = numbered('B', b);
    for (const auto c : draw_categories(pick, count)) {
      supply::DemandRecord d;
      d.buyer = buyer;
      d.category = std::string(categories[c].id);
      d.quantity = log_uniform(terms, 5.0, 2000.0);
      for (const auto& cert : certifications)
        if (terms.bernoulli(cert.required)) d.certifications.emplace_back(cert.id);
      const double where = terms.uniform();
      d.source = where < options.regional_share ? supply::Sourcing::region
                 : where < options.regional_share + (1.0 - options.regional_share) / 2
                     ? supply::Sourcing::germany
                     : supply::Sourcing::abroad;
      d.criticality = static_cast<supply::Criticality>(terms.below(3));
      if (d.source == supply::Sourcing::region && !offered_by[c].empty()) {
        const auto s = offered_by[c][source.below(offered_by[c].size())];
        data.flows.push_back({numbered('S', s), buyer, d.category,
                              std::round(d.quantity * (0.3 + 0.7 * source.uniform())), 2015,
                              std::nullopt, 0});
        builder.add_tie({ActorId{s}, ActorId{static_cast<std::uint32_t>(options.suppliers + b)},
                         core::TieKind::supply, 1.0, 2015, std::nullopt});
      }
      data.demands.push_back(std::move(d));
    }
  }

  // Informal ties within a city: each firm starts a few, to a random firm of its city (found by
  // drawing firms until one is there; cities are large, so this ends fast).
  for (std::size_t i = 0; i < firms; ++i) {
    if (city_of[i] < 0) continue;
    RandomStream rng(options.seed, i, informal_ties);
    const auto count = rng.poisson(options.ties_per_firm / 2.0);
    for (std::uint32_t t = 0; t < count; ++t) {
      for (int attempt = 0; attempt < 64; ++attempt) {
        const auto j = static_cast<std::size_t>(rng.below(firms));
        if (j == i || city_of[j] != city_of[i]) continue;
        builder.add_tie({ActorId{static_cast<std::uint32_t>(i)},
                         ActorId{static_cast<std::uint32_t>(j)}, core::TieKind::informal, 1.0,
                         std::nullopt, std::nullopt});
        break;
      }
    }
  }
  out.region = std::move(builder).build();
  return out;
}

}  // namespace verbund::gen
