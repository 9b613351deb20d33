#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <numeric>
#include <tuple>

#include "search_index.hpp"
#include "verbund/error.hpp"
#include "verbund/report/terms.hpp"
#include "words.hpp"

namespace verbund::supply {

using report::Lang;

using core::ActorId;

namespace {

constexpr double cell_degrees = 0.1;           // location cells of about 11 km x 7 km in the Ruhr
constexpr double earth_radius_km = 6371.0088;  // as core::distance_km
constexpr double to_rad = std::numbers::pi / 180.0;
constexpr double lead_time_unknown = 0.5;     // neither good nor bad
constexpr double lead_time_half_weeks = 4.0;  // 4 weeks of lead time halve the lead-time part
constexpr int extra_certifications_full = 3;  // three extra certifications earn the full part

struct PartNames {
  ScorePart part;
  std::string_view name, en, de;
};
constexpr std::array part_names{
    PartNames{ScorePart::capability, "capability", "capability fit", "Fähigkeit"},
    PartNames{ScorePart::capacity, "capacity", "free capacity", "freie Kapazität"},
    PartNames{ScorePart::distance, "distance", "distance", "Entfernung"},
    PartNames{ScorePart::trust, "trust", "references and trust", "Referenzen und Vertrauen"},
    PartNames{ScorePart::diversification, "diversification", "diversification",
              "Diversifizierung"}};

double certification_part(int extra) {
  return static_cast<double>(std::min(extra, extra_certifications_full)) /
         extra_certifications_full;
}
double lead_part(const std::optional<double>& weeks) {
  return weeks ? lead_time_half_weeks / (lead_time_half_weeks + *weeks) : lead_time_unknown;
}
double references_part(std::uint32_t references) {
  return static_cast<double>(references) / (static_cast<double>(references) + 3.0);
}
double relation_part(bool direct, std::uint32_t shared) {
  return direct ? 1.0 : static_cast<double>(shared) / (static_cast<double>(shared) + 2.0);
}

/// Smallest angle between two longitudes, in degrees, in [0, 180].
double longitude_gap(double a, double b) {
  double d = std::fmod(std::abs(a - b), 360.0);
  return d > 180.0 ? 360.0 - d : d;
}

void check_weight(double w, const char* name) {
  if (!std::isfinite(w) || w < 0.0)
    throw InvalidInput(std::string("search weight '") + name + "' must be finite and >= 0");
}

std::string number(double x, int decimals = 0) {
  std::array<char, 64> buf{};
  if (decimals == 0 || x == std::round(x)) {
    std::snprintf(buf.data(), buf.size(), "%.0f", x);
  } else {
    std::snprintf(buf.data(), buf.size(), "%.*f", decimals, x);
  }
  return buf.data();
}

std::string ordinal(std::size_t n, Lang lang = Lang::en) {
  static constexpr std::array<std::string_view, 6> words{"first",  "second", "third",
                                                         "fourth", "fifth",  "sixth"};
  static constexpr std::array<std::string_view, 6> de{"erste",  "zweite", "dritte",
                                                      "vierte", "fünfte", "sechste"};
  if (lang == Lang::de)
    return n >= 1 && n <= de.size() ? std::string(de[n - 1]) : std::to_string(n) + ".";
  return n >= 1 && n <= words.size() ? std::string(words[n - 1]) : std::to_string(n) + "th";
}

std::string tr(Lang lang, std::string_view en, std::string_view de) {
  return std::string(report::pick(lang, en, de));
}

}  // namespace

std::string_view to_string(ScorePart part) noexcept {
  return part_names[static_cast<std::size_t>(part)].name;
}
std::string_view label_en(ScorePart part) noexcept {
  return part_names[static_cast<std::size_t>(part)].en;
}
std::string_view label_de(ScorePart part) noexcept {
  return part_names[static_cast<std::size_t>(part)].de;
}

bool SupplierIndex::Impl::eligible(const Demand& d, const Offer& o) const noexcept {
  if (o.category != d.category || o.supplier == d.buyer) return false;
  if (!covers(o.certifications, d.required)) return false;
  const double free = o.free_capacity();
  if (!(free > 0.0)) return false;
  if (o.min_order && (*o.min_order > d.quantity || *o.min_order > free)) return false;
  return true;
}

DemandContext SupplierIndex::Impl::context(std::uint32_t demand) const {
  const auto& d = market->demands()[demand];
  DemandContext ctx;
  ctx.demand = demand;
  ctx.buyer = d.buyer;
  ctx.location = market->region().location(d.buyer);
  if (ctx.location) ctx.cos_lat = std::max(0.0, std::cos(ctx.location->lat * to_rad));
  for (const auto f : market->flows_to(d.buyer)) {
    const auto& flow = market->flows()[f];
    if (flow.category == d.category && market->current(flow))
      ctx.current_sources.push_back(flow.supplier);
  }
  std::sort(ctx.current_sources.begin(), ctx.current_sources.end());
  ctx.current_sources.erase(std::unique(ctx.current_sources.begin(), ctx.current_sources.end()),
                            ctx.current_sources.end());
  ctx.diversification_other = ctx.current_sources.size() <= 1 ? 1.0 : 0.0;
  return ctx;
}

void SupplierIndex::Impl::relate(ActorId buyer, RelationScratch& s) const {
  const auto& region = market->region();
  ++s.epoch;
  s.touched.clear();
  auto touch = [&](ActorId a) {
    if (s.stamp[a.value] == s.epoch) return;
    s.stamp[a.value] = s.epoch;
    s.shared[a.value] = 0;
    s.direct[a.value] = 0;
    s.touched.push_back(a);
  };
  // Direct: a tie of any kind (bit 1), a current flow to the buyer (bit 2).
  const auto partners = region.neighbours(buyer);
  for (std::size_t i = 0; i < partners.size(); ++i) {
    const auto p = partners[i].actor;
    if (p == buyer || (i > 0 && partners[i - 1].actor == p)) continue;
    touch(p);
    s.direct[p.value] |= 1U;
  }
  for (const auto f : market->flows_to(buyer)) {
    const auto& flow = market->flows()[f];
    if (!market->current(flow)) continue;
    touch(flow.supplier);
    s.direct[flow.supplier.value] |= 2U;
  }
  // Shared partners: each distinct partner p of the buyer counts once for each distinct x tied
  // to p.
  for (std::size_t i = 0; i < partners.size(); ++i) {
    const auto p = partners[i].actor;
    if (p == buyer || (i > 0 && partners[i - 1].actor == p)) continue;
    const auto around = region.neighbours(p);
    for (std::size_t j = 0; j < around.size(); ++j) {
      const auto x = around[j].actor;
      if (x == buyer || x == p || (j > 0 && around[j - 1].actor == x)) continue;
      touch(x);
      ++s.shared[x.value];
    }
  }
}

RawParts SupplierIndex::Impl::parts(const DemandContext& ctx, const Offer& o,
                                    const RelationScratch& s) const {
  const auto& d = market->demands()[ctx.demand];
  RawParts p;
  const int extra = std::popcount(o.certifications & ~d.required);
  const auto index = static_cast<std::size_t>(&o - market->offers().data());
  p.capability = (certification_part(extra) + fit_without_certifications[index]) / 3.0;
  p.capacity = std::min(1.0, o.free_capacity() / d.quantity);
  const auto there = market->region().location(o.supplier);
  p.distance = distance_part(ctx.location && there
                                 ? std::optional<double>(core::distance_km(*ctx.location, *there))
                                 : std::nullopt);
  const bool related = s.related(o.supplier);
  const std::uint8_t direct = related ? s.direct[o.supplier.value] : 0;
  const std::uint32_t shared = related ? s.shared[o.supplier.value] : 0;
  const std::uint32_t refs = references[o.supplier.value] - ((direct & 2U) != 0 ? 1U : 0U);
  p.trust = 0.5 * references_part(refs) + 0.5 * relation_part(direct != 0, shared);
  const bool current =
      std::binary_search(ctx.current_sources.begin(), ctx.current_sources.end(), o.supplier);
  p.diversification = current ? 0.0 : ctx.diversification_other;
  return p;
}

SupplierScore SupplierIndex::Impl::weigh(const RawParts& raw) const {
  const auto& w = settings.weights;
  SupplierScore s;
  s.capability = w.capability * raw.capability;
  s.capacity = w.capacity * raw.capacity;
  s.distance = w.distance * raw.distance;
  s.trust = w.trust * raw.trust;
  s.diversification = w.diversification * raw.diversification;
  s.total = s.capability + s.capacity + s.distance + s.trust + s.diversification;
  return s;
}

double SupplierIndex::Impl::distance_bound(const DemandContext& ctx, const Cell& cell) const {
  if (!ctx.location || !cell.located) return distance_part(std::nullopt);
  // A lower bound of the haversine distance to any point of the cell's box: each term of
  // hav(d) = hav(dlat) + cos(lat1) cos(lat2) hav(dlon) is at least its smallest value over
  // the box, and d grows with hav(d).
  const auto& at = *ctx.location;
  const double dlat = at.lat < cell.lat_lo ? cell.lat_lo - at.lat
                                           : (at.lat > cell.lat_hi ? at.lat - cell.lat_hi : 0);
  double dlon = 0.0;
  if (at.lon < cell.lon_lo || at.lon > cell.lon_hi)
    dlon = std::min(longitude_gap(at.lon, cell.lon_lo), longitude_gap(at.lon, cell.lon_hi));
  const double lat = at.lat * to_rad;
  const double km = distance_lower_bound_km(lat, 0.0, ctx.cos_lat, lat + dlat * to_rad,
                                            dlon * to_rad, cell.cos_lat_min);
  return distance_part(std::max(0.0, km - 1e-9));
}

SupplierIndex::SupplierIndex(const Market& market, SearchSettings settings)
    : impl_(std::make_unique<Impl>()) {
  const auto& w = settings.weights;
  check_weight(w.capability, "capability");
  check_weight(w.capacity, "capacity");
  check_weight(w.distance, "distance");
  check_weight(w.trust, "trust");
  check_weight(w.diversification, "diversification");
  if (!std::isfinite(settings.distance_scale_km) || settings.distance_scale_km <= 0.0)
    throw InvalidInput("the distance scale must be a finite number of km > 0");
  if (!std::isfinite(settings.unknown_distance_km) || settings.unknown_distance_km < 0.0)
    throw InvalidInput("the unknown distance must be a finite number of km >= 0");
  auto& m = *impl_;
  m.market = &market;
  m.settings = settings;
  const auto& region = market.region();

  // References: distinct current customers of every supplier (the market counts them, or was
  // given them for a market read for one buyer).
  m.references.resize(region.size());
  for (std::uint32_t a = 0; a < region.size(); ++a) m.references[a] = market.customers(ActorId{a});

  // Static bounds: every part at its largest over any buyer not related to the supplier
  // (certifications as if none were required, the capacity part 1, no relation).
  const auto offers = market.offers();
  m.static_bound.resize(offers.size());
  m.fit_without_certifications.resize(offers.size());
  for (std::size_t i = 0; i < offers.size(); ++i) {
    const auto& o = offers[i];
    const double specialisation = 1.0 / static_cast<double>(market.offers_of(o.supplier).size());
    m.fit_without_certifications[i] = specialisation + lead_part(o.lead_time_weeks);
    const double capability =
        (certification_part(std::popcount(o.certifications)) + m.fit_without_certifications[i]) /
        3.0;
    m.static_bound[i] = w.capability * capability + w.capacity * 1.0 +
                        w.trust * 0.5 * references_part(m.references[o.supplier.value]);
  }

  // Cells per category: offers with free capacity, grouped by location cell (those without a
  // location in a cell of their own), each sorted by descending static bound.
  struct Entry {
    std::uint32_t category;
    bool located;
    std::int64_t row, col;
    double bound;
    std::uint32_t offer;
  };
  std::vector<Entry> entries;
  for (std::uint32_t i = 0; i < offers.size(); ++i) {
    if (!(offers[i].free_capacity() > 0.0)) continue;
    const auto at = region.location(offers[i].supplier);
    Entry e{offers[i].category.value, at.has_value(), 0, 0, m.static_bound[i], i};
    if (at) {
      e.row = static_cast<std::int64_t>(std::floor(at->lat / cell_degrees));
      e.col = static_cast<std::int64_t>(std::floor(at->lon / cell_degrees));
    }
    entries.push_back(e);
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.category, a.located, a.row, a.col, b.bound, a.offer) <
           std::tie(b.category, b.located, b.row, b.col, a.bound, b.offer);
  });
  const auto categories = market.categories().size();
  m.cell_offsets.assign(categories + 1, 0);
  m.cell_offers.reserve(entries.size());
  m.cell_static.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size();) {
    const auto& first = entries[i];
    Cell cell;
    cell.begin = static_cast<std::uint32_t>(m.cell_offers.size());
    cell.located = first.located;
    cell.max_static = first.bound;
    cell.lat_lo = cell.lon_lo = INFINITY;
    cell.lat_hi = cell.lon_hi = -INFINITY;
    std::size_t j = i;
    for (; j < entries.size() && entries[j].category == first.category &&
           entries[j].located == first.located && entries[j].row == first.row &&
           entries[j].col == first.col;
         ++j) {
      const auto& o = offers[entries[j].offer];
      cell.any |= o.certifications;
      if (const auto at = region.location(o.supplier)) {
        cell.lat_lo = std::min(cell.lat_lo, at->lat);
        cell.lat_hi = std::max(cell.lat_hi, at->lat);
        cell.lon_lo = std::min(cell.lon_lo, at->lon);
        cell.lon_hi = std::max(cell.lon_hi, at->lon);
      }
      m.cell_offers.push_back(entries[j].offer);
      m.cell_static.push_back(entries[j].bound);
      m.cell_certifications.push_back(o.certifications);
      m.cell_free.push_back(o.free_capacity());
      m.cell_min_order.push_back(o.min_order.value_or(0.0));
      const auto at = region.location(o.supplier);
      m.cell_lat.push_back(at ? at->lat * to_rad : 0.0);
      m.cell_lon.push_back(at ? at->lon * to_rad : 0.0);
      m.cell_cos.push_back(at ? std::max(0.0, std::cos(at->lat * to_rad)) : 0.0);
    }
    if (cell.located) {
      cell.cos_lat_min = std::min(std::cos(cell.lat_lo * to_rad), std::cos(cell.lat_hi * to_rad));
      cell.cos_lat_min = std::max(0.0, cell.cos_lat_min);
    }
    cell.end = static_cast<std::uint32_t>(m.cell_offers.size());
    m.cells.push_back(cell);
    ++m.cell_offsets[first.category + 1];
    i = j;
  }
  std::partial_sum(m.cell_offsets.begin(), m.cell_offsets.end(), m.cell_offsets.begin());
}

SupplierIndex::~SupplierIndex() = default;
SupplierIndex::SupplierIndex(SupplierIndex&&) noexcept = default;
SupplierIndex& SupplierIndex::operator=(SupplierIndex&&) noexcept = default;

const Market& SupplierIndex::market() const noexcept { return *impl_->market; }
const SearchSettings& SupplierIndex::settings() const noexcept { return impl_->settings; }

bool SupplierIndex::eligible(std::uint32_t demand, std::uint32_t offer) const noexcept {
  return impl_->eligible(market().demands()[demand], market().offers()[offer]);
}

std::optional<SupplierScore> SupplierIndex::score(std::uint32_t demand, std::uint32_t offer) const {
  if (!eligible(demand, offer)) return std::nullopt;
  return explain(demand, offer)->score;
}

std::optional<SupplierExplanation> SupplierIndex::explain(std::uint32_t demand, std::uint32_t offer,
                                                          Lang lang, Perspective to) const {
  if (!eligible(demand, offer)) return std::nullopt;
  const auto& m = *impl_;
  const auto& market = *m.market;
  const auto& region = market.region();
  const auto& d = market.demands()[demand];
  const auto& o = market.offers()[offer];
  const auto ctx = m.context(demand);
  // Only the pair's own relation: a scratch holding just the supplier.
  RelationScratch s(o.supplier.value + std::size_t{1});
  s.epoch = 1;
  SupplierExplanation e;
  {
    const auto mine = region.neighbours(d.buyer);
    const auto theirs = region.neighbours(o.supplier);
    std::vector<ActorId> a, b, both;
    for (const auto& n : mine)
      if (n.actor != d.buyer && n.actor != o.supplier) a.push_back(n.actor);
    for (const auto& n : theirs)
      if (n.actor != d.buyer && n.actor != o.supplier) b.push_back(n.actor);
    a.erase(std::unique(a.begin(), a.end()), a.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    e.shared_partners = both.size();
    e.tied_to_buyer = region.connected(d.buyer, o.supplier);
    for (const auto f : market.flows_to(d.buyer)) {
      const auto& flow = market.flows()[f];
      if (flow.supplier == o.supplier && market.current(flow)) e.delivers_to_buyer = true;
    }
    s.stamp[o.supplier.value] = 1;
    s.shared[o.supplier.value] = static_cast<std::uint32_t>(e.shared_partners);
    s.direct[o.supplier.value] =
        static_cast<std::uint8_t>((e.tied_to_buyer ? 1U : 0U) | (e.delivers_to_buyer ? 2U : 0U));
  }
  e.score = m.weigh(m.parts(ctx, o, s));
  e.references = m.references[o.supplier.value] - (e.delivers_to_buyer ? 1U : 0U);
  e.regional_sources = ctx.current_sources.size();
  const auto there = region.location(o.supplier);
  if (ctx.location && there) e.distance_km = core::distance_km(*ctx.location, *there);

  const auto& category = market.category(d.category);
  const bool de = lang == Lang::de;
  const bool buyer = to == Perspective::buyer;  // else the supplier reads
  // German: a label cannot be declined ("für Technischen Handel"), so it follows "im Bereich".
  const std::string what = detail::category_name(category, lang);
  const std::string_view unit = category.unit.empty() ? std::string_view{"units"} : category.unit;
  const auto certifications_de = [](CertificationSet set) {
    return std::string(std::popcount(set) == 1 ? "die Zertifizierung " : "die Zertifizierungen ");
  };
  // Four forms of each sentence: English or German, to the buyer or to the supplier.
  const auto say4 = [&](ScorePart part, std::string en_buyer, std::string en_supplier,
                        std::string de_buyer, std::string de_supplier) {
    e.reasons.push_back({part, de ? (buyer ? std::move(de_buyer) : std::move(de_supplier))
                                  : (buyer ? std::move(en_buyer) : std::move(en_supplier))});
  };
  if (d.required == 0) {
    e.reasons.push_back({ScorePart::capability,
                         tr(lang, "no certification required", "keine Zertifizierung verlangt")});
  } else {
    const auto held = detail::certification_names(market, d.required, lang);
    // German: a label such as "Zugelassener Wirtschaftsbeteiligter (AEO)" is no object of
    // "hat"; it stands as the name of "die Zertifizierung".
    const auto held_de = certifications_de(d.required) + held;
    say4(ScorePart::capability, "holds " + held + " as required",
         "you hold " + held + " as required", "hat " + held_de + " wie verlangt",
         "Sie haben " + held_de + " wie verlangt");
  }
  if (const auto extra = o.certifications & ~d.required) {
    const auto more = detail::certification_names(market, extra, lang);
    const auto more_de = certifications_de(extra) + more;
    say4(ScorePart::capability, "also holds " + more, "you also hold " + more,
         "hat außerdem " + more_de, "Sie haben außerdem " + more_de);
  }
  const auto categories = market.offers_of(o.supplier).size();
  const auto of_all = report::count(lang, categories);
  if (categories == 1)
    say4(ScorePart::capability, what + " is its only category", what + " is your only category",
         what + " ist seine einzige Kategorie", what + " ist Ihre einzige Kategorie");
  else
    say4(ScorePart::capability, what + " is 1 of its " + of_all + " categories",
         what + " is 1 of your " + of_all + " categories",
         what + " ist eine seiner " + of_all + " Kategorien",
         what + " ist eine Ihrer " + of_all + " Kategorien");
  e.reasons.push_back(
      {ScorePart::capability, o.lead_time_weeks
                                  ? tr(lang, "lead time ", "Lieferzeit ") +
                                        report::amount(lang, *o.lead_time_weeks, "weeks")
                                  : tr(lang, "lead time not known", "Lieferzeit unbekannt")});
  const double free = o.free_capacity();
  const auto has = report::amount(lang, free, unit);
  const auto needs = report::amount(lang, d.quantity, unit);
  if (free >= d.quantity) {
    say4(ScorePart::capacity, "free capacity of " + has + " covers your " + needs,
         "your free capacity of " + has + " covers the buyer's " + needs,
         "freie Kapazität (" + has + ") deckt Ihre " + needs,
         "Ihre freie Kapazität (" + has + ") deckt die " + needs + " des Abnehmers");
  } else {
    const auto share = number(100.0 * free / d.quantity);
    say4(
        ScorePart::capacity, "free capacity of " + has + " covers " + share + "% of your " + needs,
        "your free capacity of " + has + " covers " + share + "% of the buyer's " + needs,
        "freie Kapazität (" + has + ") deckt " + share + " % Ihrer " + needs,
        "Ihre freie Kapazität (" + has + ") deckt " + share + " % der " + needs + " des Abnehmers");
  }
  if (e.distance_km) {
    // Where the other party is: the supplier for the buyer, the buyer for the supplier.
    const auto place = region.municipality(buyer ? o.supplier : d.buyer);
    e.reasons.push_back(
        {ScorePart::distance,
         report::amount_number(lang, *e.distance_km, *e.distance_km < 10.0 ? 1 : 0) +
             tr(lang, " km away", " km entfernt") +
             (place ? " in " + std::string(region.municipality_name(*place)) : std::string{})});
  } else {
    // ctx.location is the buyer's: when it is known, the supplier's location is the unknown one.
    const auto km = number(m.settings.unknown_distance_km);
    const bool supplier_unknown = ctx.location.has_value();
    say4(ScorePart::distance,
         std::string(supplier_unknown ? "its" : "your") + " location is unknown (counted as " + km +
             " km)",
         std::string(supplier_unknown ? "your" : "the buyer's") +
             " location is unknown (counted as " + km + " km)",
         std::string(supplier_unknown ? "sein" : "Ihr") +
             " Standort ist unbekannt (gerechnet mit " + km + " km)",
         std::string(supplier_unknown ? "Ihr Standort" : "der Standort des Abnehmers") +
             " ist unbekannt (gerechnet mit " + km + " km)");
  }
  if (e.references == 0) {
    say4(ScorePart::trust, "delivers to no other firm in the region yet",
         "you deliver to no other firm in the region yet",
         "liefert noch an kein anderes Unternehmen der Region",
         "Sie liefern noch an kein anderes Unternehmen der Region");
  } else {
    const auto firms =
        report::counted(lang, e.references, "firm", "firms", "Unternehmen", "Unternehmen");
    const auto others = report::counted(lang, e.references, "other firm", "other firms",
                                        "anderes Unternehmen", "andere Unternehmen");
    say4(ScorePart::trust, "already delivers to " + firms + " in the region",
         "you already deliver to " + others + " in the region",
         "liefert schon an " + firms + " der Region",
         "Sie liefern schon an " + others + " der Region");
  }
  if (e.delivers_to_buyer) {
    say4(ScorePart::trust, "already delivers to you", "you already deliver to the buyer",
         "liefert schon an Sie", "Sie liefern schon an den Abnehmer");
  } else if (e.tied_to_buyer) {
    say4(ScorePart::trust, "already tied to you in the region",
         "you are already tied to the buyer in the region",
         "ist schon mit Ihnen in der Region verbunden",
         "Sie sind schon mit dem Abnehmer in der Region verbunden");
  } else if (e.shared_partners > 0) {
    const auto n = e.shared_partners;
    const auto en = report::counted(lang, n, "partner", "partners", "", "");
    const auto partners =
        report::counted(lang, n, "", "", "gemeinsamen Partner", "gemeinsame Partner");
    say4(ScorePart::trust, "shares " + en + " with you in the region",
         "you share " + en + " with the buyer in the region",
         "hat " + partners + " mit Ihnen in der Region",
         "Sie haben " + partners + " mit dem Abnehmer in der Region");
  }
  const bool current =
      std::binary_search(ctx.current_sources.begin(), ctx.current_sources.end(), o.supplier);
  const auto sources = ctx.current_sources.size();
  if (current) {
    say4(ScorePart::diversification, "already one of your regional sources of " + what,
         "you are already one of the buyer's regional sources of " + what,
         "schon eine Ihrer regionalen Bezugsquellen im Bereich " + what,
         "Sie sind schon eine der regionalen Bezugsquellen des Abnehmers im Bereich " + what);
  } else if (sources <= 1) {
    const auto nth = ordinal(sources + 1, lang);
    say4(ScorePart::diversification, "would be your " + nth + " regional source of " + what,
         "you would be the buyer's " + nth + " regional source of " + what,
         "wäre Ihre " + nth + " regionale Bezugsquelle im Bereich " + what,
         "Sie wären die " + nth + " regionale Bezugsquelle des Abnehmers im Bereich " + what);
  } else {
    const auto n = report::count(lang, sources);
    say4(ScorePart::diversification, "you already have " + n + " regional sources of " + what,
         "the buyer already has " + n + " regional sources of " + what,
         "Sie haben schon " + n + " regionale Bezugsquellen im Bereich " + what,
         "der Abnehmer hat schon " + n + " regionale Bezugsquellen im Bereich " + what);
  }
  return e;
}

DemandDiagnosis SupplierIndex::diagnose(std::uint32_t demand) const {
  const auto& market = *impl_->market;
  const auto& d = market.demands()[demand];
  DemandDiagnosis out;
  for (const auto& o : market.offers_in(d.category)) {
    if (o.supplier == d.buyer) continue;
    ++out.offers;
    const bool certified = covers(o.certifications, d.required);
    const double free = o.free_capacity();
    const bool room = free > 0.0;
    const bool order_ok = !o.min_order || (*o.min_order <= d.quantity && *o.min_order <= free);
    out.lacking_certifications += certified ? 0 : 1;
    out.without_free_capacity += room ? 0 : 1;
    out.above_minimum_order += order_ok ? 0 : 1;
    out.eligible += certified && room && order_ok ? 1 : 0;
  }
  return out;
}

}  // namespace verbund::supply
