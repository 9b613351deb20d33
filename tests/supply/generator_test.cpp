#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <tuple>

#include "test_support.hpp"
#include "verbund/core/region.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/gen/ruhr_market.hpp"
#include "verbund/io/market_csv.hpp"
#include "verbund/supply/market.hpp"

using namespace verbund;

namespace {

struct Generated {
  gen::RuhrBase base;
  supply::MarketData reference;
  core::RegionData region;
  supply::MarketData market;
};

const Generated& generated() {
  static const Generated g = [] {
    Generated out;
    out.base = gen::load_ruhr_base(test::project_data_dir() / "ruhr");
    out.reference =
        io::read_market_csv(io::MarketCsvFiles::in_directory(test::project_data_dir() / "supply"));
    out.region = gen::generate_ruhr(out.base, {.firms = 3000, .seed = 5});
    out.market = gen::generate_ruhr_market(out.base, out.region, out.reference, {.seed = 5});
    return out;
  }();
  return g;
}

}  // namespace

TEST_CASE("the generated market builds and is consistent with its region", "[supply][gen]") {
  const auto& g = generated();
  const auto region = core::build_region(g.region);
  const auto market = supply::Market::build(region, g.market);
  CHECK(market.categories().size() == g.reference.categories.size());
  CHECK(g.market.offers.size() > 500);
  CHECK(g.market.demands.size() > 1000);

  // Recounted from the records, not through Market: every supply tie between firms carries one
  // flow (every supplier sector of sectors.csv has categories), with the tie's years.
  std::multiset<std::tuple<std::string, std::string, std::optional<int>, std::optional<int>>> ties;
  for (const auto& t : g.region.ties) {
    if (t.kind == core::TieKind::supply) ties.emplace(t.source, t.target, t.start, t.end);
  }
  std::multiset<std::tuple<std::string, std::string, std::optional<int>, std::optional<int>>> flows;
  for (const auto& f : g.market.flows) flows.emplace(f.supplier, f.buyer, f.start, f.end);
  CHECK(flows == ties);

  std::map<std::pair<std::string, std::string>, const supply::OfferRecord*> offers;
  for (const auto& o : g.market.offers) offers[{o.supplier, o.category}] = &o;
  std::map<std::pair<std::string, std::string>, const supply::DemandRecord*> demands;
  for (const auto& d : g.market.demands) demands[{d.buyer, d.category}] = &d;
  std::map<std::pair<std::string, std::string>, double> committed, to_buyer;
  for (const auto& f : g.market.flows) {
    INFO(f.supplier << " -> " << f.buyer << " " << f.category);
    REQUIRE(offers.count({f.supplier, f.category}) == 1);
    REQUIRE(demands.count({f.buyer, f.category}) == 1);
    REQUIRE(f.volume);
    const auto* d = demands[{f.buyer, f.category}];
    if (!f.end) {
      CHECK(d->source == supply::Sourcing::region);
      committed[{f.supplier, f.category}] += *f.volume;
      to_buyer[{f.buyer, f.category}] += *f.volume;
    }
  }
  for (const auto& [key, volume] : committed) CHECK(volume <= offers[key]->capacity);
  for (const auto& [key, volume] : to_buyer) CHECK(volume <= demands[key]->quantity);
  // A demand sourced in the region has a current regional flow.
  for (const auto& [key, d] : demands) {
    if (d->source == supply::Sourcing::region) CHECK(to_buyer.count(key) == 1);
  }
}

TEST_CASE("the generated market has the stated shares", "[supply][gen]") {
  const auto& g = generated();
  std::map<supply::Sourcing, double> by_source;
  for (const auto& d : g.market.demands) by_source[d.source] += 1.0;
  const double n = static_cast<double>(g.market.demands.size());
  const double outside =
      (by_source[supply::Sourcing::germany] + by_source[supply::Sourcing::abroad]) / n;
  // README: 60-75 % of demands sourced outside the region, more from abroad than from Germany.
  CHECK(outside >= 0.60);
  CHECK(outside <= 0.75);
  CHECK(by_source[supply::Sourcing::abroad] > by_source[supply::Sourcing::germany]);

  // Certifications by sector: IATF 16949 only in the automotive industry and its supplier
  // sectors, and there common; a Entsorgungsfachbetrieb only in waste management.
  std::map<std::string, std::string> sector;
  for (const auto& a : g.region.actors) sector[a.id] = a.sector;
  const std::set<std::string> automotive{"22", "24", "25", "26", "27", "29"};
  std::size_t iatf = 0, automotive_offers = 0;
  for (const auto& o : g.market.offers) {
    const bool has_iatf =
        std::count(o.certifications.begin(), o.certifications.end(), "iatf-16949") > 0;
    const bool has_efb = std::count(o.certifications.begin(), o.certifications.end(), "efb") > 0;
    if (has_iatf) CHECK(automotive.count(sector[o.supplier]) == 1);
    if (has_efb) CHECK(sector[o.supplier] == "38");
    if (automotive.count(sector[o.supplier]) == 1) {
      ++automotive_offers;
      iatf += has_iatf ? 1 : 0;
    }
  }
  CHECK(iatf > automotive_offers / 10);
}

TEST_CASE("the generated market is a function of its inputs", "[supply][gen]") {
  const auto& g = generated();
  const auto again = gen::generate_ruhr_market(g.base, g.region, g.reference, {.seed = 5});
  auto text = [](const supply::MarketData& m) {
    std::string out;
    for (const auto& o : m.offers)
      out += o.supplier + o.category + std::to_string(o.capacity) + "\n";
    for (const auto& d : m.demands) out += d.buyer + d.category + std::to_string(d.quantity) + "\n";
    for (const auto& f : m.flows) out += f.category + std::to_string(f.volume.value_or(0)) + "\n";
    return out;
  };
  CHECK(text(again) == text(g.market));
  const auto other = gen::generate_ruhr_market(g.base, g.region, g.reference, {.seed = 6});
  CHECK(text(other) != text(g.market));
}
