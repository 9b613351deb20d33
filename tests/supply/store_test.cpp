#include <catch2/catch.hpp>

#include <sstream>

#include "../core/region_fixture.hpp"
#include "test_support.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/gen/ruhr_market.hpp"
#include "verbund/io/market_csv.hpp"
#include "verbund/io/store.hpp"
#include "verbund/io/supply_store.hpp"
#include "verbund/supply/market.hpp"

using namespace verbund;
using verbund::test::exec_sql;

namespace {

// f2 -> f3 castings from 2010 lands on the fixture's supply tie f2 -> f3 (2010-); the 2020 one
// and f1 -> f3 create ties.
supply::MarketData market() {
  supply::MarketData d;
  d.categories = {{"castings", "Castings", "Gussteile", "green", {"24.5"}, "t", 2},
                  {"logistics", "Logistics", "Logistik", "", {"49", "52"}, "shipments", 3}};
  d.certifications = {{"iso-9001", "ISO 9001", "ISO 9001", 2},
                      {"iatf-16949", "IATF 16949", "IATF 16949", 3},
                      {"iso-14001", "ISO 14001", "ISO 14001", 4}};
  d.offers = {{"f2", "castings", 100.0, {"iatf-16949", "iso-9001"}, 6.0, std::nullopt, 2},
              {"f1", "castings", 50.0, {"iso-9001"}, std::nullopt, 5.0, 3},
              {"f1", "logistics", 10.0, {}, std::nullopt, std::nullopt, 4}};
  d.demands = {
      {"f3",
       "castings",
       80.0,
       {"iso-14001", "iso-9001"},
       supply::Sourcing::abroad,
       supply::Criticality::high,
       2},
      {"uni", "logistics", 2.0, {}, supply::Sourcing::region, supply::Criticality::low, 3}};
  d.flows = {{"f2", "f3", "castings", 30.0, 2020, std::nullopt, 2},
             {"f2", "f3", "castings", 40.0, 2010, std::nullopt, 3},
             {"f1", "f3", "logistics", std::nullopt, std::nullopt, std::nullopt, 4}};
  d.categories_origin = {"categories.csv", {"id", "label_en", "label_de", "theme", "cpa", "unit"}};
  d.certifications_origin = {"certifications.csv", {"id", "label_en", "label_de"}};
  d.offers_origin = {"offers.csv", {"supplier", "category", "capacity", "certifications"}};
  d.demands_origin = {"demands.csv", {"buyer", "category", "quantity", "certifications"}};
  d.flows_origin = {"flows.csv", {"supplier", "buyer", "category", "volume", "start", "end"}};
  return d;
}

// Everything a market holds, as text: equal texts mean equal markets.
std::string describe(const supply::Market& m) {
  std::ostringstream out;
  const auto& r = m.region();
  for (const auto& c : m.categories()) {
    out << "category " << c.id << '|' << c.label_en << '|' << c.label_de << '|'
        << (c.theme ? r.taxonomy().theme(*c.theme).id : "") << '|' << c.unit;
    for (const auto& p : c.cpa) out << '|' << p;
    out << '\n';
  }
  for (const auto& c : m.certifications()) out << "cert " << c.id << '|' << c.label_en << '\n';
  for (const auto& o : m.offers()) {
    out << "offer " << r.external_id(o.supplier) << '|' << m.category(o.category).id << '|'
        << o.capacity << '|' << o.committed << '|' << m.describe(o.certifications) << '|'
        << o.lead_time_weeks.value_or(-1) << '|' << o.min_order.value_or(-1) << '\n';
  }
  for (const auto& d : m.demands()) {
    out << "demand " << r.external_id(d.buyer) << '|' << m.category(d.category).id << '|'
        << d.quantity << '|' << m.describe(d.required) << '|' << supply::to_string(d.source) << '|'
        << supply::to_string(d.criticality) << '\n';
  }
  for (const auto& f : m.flows()) {
    out << "flow " << r.external_id(f.supplier) << '|' << r.external_id(f.buyer) << '|'
        << m.category(f.category).id << '|' << f.volume.value_or(-1) << '|' << f.start.value_or(-1)
        << '|' << f.end.value_or(-1) << '\n';
  }
  return out.str();
}

io::Store store_with_region(const std::filesystem::path& path) {
  io::Store store = io::Store::open(path, io::OpenMode::create_if_missing);
  (void)store.append(test::small_region_data());
  return store;
}

}  // namespace

TEST_CASE("a market appended to the store loads back as the same market", "[supply][store]") {
  test::ScratchDir dir;
  io::Store store = store_with_region(dir / "m.db");
  const auto ties_before = store.counts().ties;
  const auto runs_before = store.counts().runs;
  const auto added = io::append_market(store, market(), {"import suppliers", "{}", std::nullopt});
  CHECK(added == io::MarketCounts{2, 3, 3, 2, 3});
  CHECK(io::market_counts(store) == added);
  CHECK(store.counts().runs == runs_before + 1);
  // The 2010 flow carries the fixture's tie f2 -> f3 (2010-); the other two create theirs.
  CHECK(store.counts().ties == ties_before + 2);

  const auto region = store.load_region();
  const auto loaded = io::load_market(store);
  const auto direct = core::build_region([] {
    auto d = test::small_region_data();
    d.ties.push_back({"f2", "f3", core::TieKind::supply, 1.0, 2020, std::nullopt, 0});
    d.ties.push_back({"f1", "f3", core::TieKind::supply, 1.0, std::nullopt, std::nullopt, 0});
    return d;
  }());
  CHECK(region.tie_count() == direct.tie_count());
  const auto expected = describe(supply::Market::build(direct, market()));
  CHECK(describe(supply::Market::build(region, loaded)) == expected);
  // Lists keep their order, records their table order.
  REQUIRE(loaded.offers.size() == 3);
  CHECK(loaded.offers[0].certifications == std::vector<std::string>{"iatf-16949", "iso-9001"});
  CHECK(loaded.demands[0].certifications == std::vector<std::string>{"iso-14001", "iso-9001"});
  CHECK(loaded.categories[1].cpa == std::vector<std::string>{"49", "52"});
  CHECK(loaded.flows[1].start == 2010);
  // The supply tie keeps its direction: supplier is the source.
  const auto f2 = *region.find("f2"), f3 = *region.find("f3");
  bool found = false;
  for (const auto& t : region.ties()) {
    found = found || (t.source == f2 && t.target == f3 && t.kind == core::TieKind::supply &&
                      t.start == 2020);
  }
  CHECK(found);
}

TEST_CASE("a second batch builds on the stored categories and refuses what clashes",
          "[supply][store]") {
  test::ScratchDir dir;
  io::Store store = store_with_region(dir / "m.db");
  auto first = market();
  first.offers.clear();
  first.demands.clear();
  first.flows.clear();
  (void)io::append_market(store, first);

  // Offers alone, naming stored categories; identical categories are skipped, not refused.
  auto second = market();
  second.certifications.clear();
  second.demands.clear();
  second.flows.clear();
  CHECK(io::append_market(store, second) == io::MarketCounts{0, 0, 3, 0, 0});

  const auto before = test::dump_database(dir / "m.db");
  auto expect = [&](const supply::MarketData& d, const std::string& where,
                    const std::string& what) {
    try {
      (void)io::append_market(store, d);
      FAIL("accepted");
    } catch (const InvalidInput& e) {
      CHECK(e.where().to_string() == where);
      CHECK_THAT(e.detail(), Catch::Contains(what));
    }
    CHECK(test::dump_database(dir / "m.db") == before);
  };
  supply::MarketData d = market();
  d.categories[1].label_de = "Spedition";
  expect(d, "categories.csv:3:1", "category 'logistics' is already stored with other labels");
  d = second;
  d.offers.resize(1);
  d.offers[0].line = 7;
  expect(d, "offers.csv:7:2", "a second offer of 'f2' in 'castings'");
  d = supply::MarketData{};
  d.demands = {{"f3", "welding", 1.0, {}, supply::Sourcing::abroad, supply::Criticality::low, 2}};
  d.demands_origin = market().demands_origin;
  expect(d, "demands.csv:2:2", "unknown input category 'welding'");
  d.demands = {{"f3", "castings", -1.0, {}, supply::Sourcing::abroad, supply::Criticality::low, 2}};
  expect(d, "demands.csv:2:3", "quantity must be a finite number > 0");
  d = supply::MarketData{};
  d.flows = {{"f2", "nobody", "castings", 1.0, std::nullopt, std::nullopt, 5}};
  d.flows_origin = market().flows_origin;
  expect(d, "flows.csv:5:2", "unknown actor 'nobody'");
}

TEST_CASE("a schema-2 database migrates to the market tables on open", "[supply][store]") {
  test::ScratchDir dir;
  const auto path = dir / "v2.db";
  { (void)store_with_region(path); }
  exec_sql(path,
           "DROP TABLE supply_flows; DROP TABLE supply_demand_certifications; "
           "DROP TABLE supply_demands; DROP TABLE supply_offer_certifications; "
           "DROP TABLE supply_offers; DROP TABLE certifications; DROP TABLE supply_categories; "
           "DROP TABLE partner_models; DROP TABLE competence_relations; DROP TABLE sweep_results; "
           "DROP TABLE sweep_points; "
           "DROP TABLE sweeps; "
           "DROP INDEX ties_by_ends; DROP TABLE project_ties; DROP TABLE project_members; "
           "DROP TABLE projects; PRAGMA user_version = 2");
  const auto v2 = test::dump_database(path);
  REQUIRE_THAT(v2, Catch::Contains("user_version 2"));
  io::Store store = io::Store::open(path);
  CHECK_THAT(test::dump_database(path),
             Catch::Contains("user_version " + std::to_string(io::Store::schema_version)));
  CHECK(store.counts().actors == 8);
  CHECK(io::append_market(store, market()).offers == 3);
  CHECK(io::load_market(store).flows.size() == 3);
}

TEST_CASE("a generated market round-trips through the store on the generated supply ties",
          "[supply][store][gen]") {
  const auto base = gen::load_ruhr_base(test::project_data_dir() / "ruhr");
  const auto reference =
      io::read_market_csv(io::MarketCsvFiles::in_directory(test::project_data_dir() / "supply"));
  const auto data = gen::generate_ruhr(base, {.firms = 400, .seed = 3});
  const auto generated = gen::generate_ruhr_market(base, data, reference, {.seed = 3});
  test::ScratchDir dir;
  io::Store store = io::Store::open(dir / "g.db", io::OpenMode::create_if_missing);
  (void)store.append(data);
  const auto ties = store.counts().ties;
  const auto added = io::append_market(store, generated);
  CHECK(added.flows == static_cast<std::int64_t>(generated.flows.size()));
  CHECK(store.counts().ties == ties);  // every flow found its generated tie
  const auto region = store.load_region();
  const auto direct = core::build_region(data);
  CHECK(describe(supply::Market::build(region, io::load_market(store))) ==
        describe(supply::Market::build(direct, generated)));
}
