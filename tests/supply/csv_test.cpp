#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "verbund/error.hpp"
#include "verbund/io/market_csv.hpp"

using namespace verbund;
using test::run_cli;
using test::ScratchDir;
using test::write_file;

namespace {

// A small market over the bundled Ruhr institutions plus three firms (firms.csv).
void write_market(const ScratchDir& dir) {
  write_file(dir / "firms.csv",
             "id,name,kind,municipality,lat,lon,employees,sector\n"
             "guss,Gießerei Guss GmbH,firm,Duisburg,51.43,6.76,120,24\n"
             "dreh,Dreherei Dreh KG,firm,Bochum,51.48,7.21,25,25\n"
             "auto,Auto Teile AG,firm,Essen,51.45,7.01,800,29\n");
  std::filesystem::create_directory(dir / "m");
  write_file(dir / "m" / "offers.csv",
             "supplier,category,capacity,certifications,lead_time_weeks,min_order\n"
             "guss,castings,5000,iso-9001; iatf-16949,6,10\n"
             "dreh,machined-parts,120000,iso-9001,,\n");
  write_file(dir / "m" / "demands.csv",
             "buyer,category,quantity,certifications,source,criticality\n"
             "auto,castings,800,iatf-16949,abroad,high\n"
             "auto,machined-parts,30000,,region,\n");
  write_file(dir / "m" / "flows.csv",
             "supplier,buyer,category,volume,start,end\n"
             "dreh,auto,machined-parts,20000,2019,\n");
}

}  // namespace

TEST_CASE("market CSV files are read with their lists, defaults and origins", "[supply][csv]") {
  ScratchDir dir;
  write_market(dir);
  const auto files = io::MarketCsvFiles::in_directory(dir / "m");
  CHECK_FALSE(files.categories);
  CHECK(files.offers);
  const auto d = io::read_market_csv(files);
  REQUIRE(d.offers.size() == 2);
  CHECK(d.offers[0].certifications == std::vector<std::string>{"iso-9001", "iatf-16949"});
  CHECK(d.offers[0].lead_time_weeks == 6.0);
  CHECK(d.offers[0].min_order == 10.0);
  CHECK_FALSE(d.offers[1].lead_time_weeks);
  CHECK(d.offers[1].line == 3);
  REQUIRE(d.demands.size() == 2);
  CHECK(d.demands[0].source == supply::Sourcing::abroad);
  CHECK(d.demands[0].criticality == supply::Criticality::high);
  CHECK(d.demands[1].source == supply::Sourcing::region);
  CHECK(d.demands[1].criticality == supply::Criticality::medium);  // empty = medium
  CHECK(d.demands[1].certifications.empty());
  REQUIRE(d.flows.size() == 1);
  CHECK(d.flows[0].start == 2019);
  CHECK_FALSE(d.flows[0].end);
  CHECK(d.offers_origin.locate(3, "capacity").to_string() ==
        (dir / "m" / "offers.csv").string() + ":3:3");

  const auto bundled =
      io::read_market_csv(io::MarketCsvFiles::in_directory(test::project_data_dir() / "supply"));
  CHECK(bundled.categories.size() >= 20);
  CHECK(bundled.certifications.size() >= 10);
}

TEST_CASE("market CSV cells are refused at file, line and column", "[supply][csv]") {
  ScratchDir dir;
  auto expect = [&](const std::string& name, const std::string& content, const std::string& at,
                    const std::string& what) {
    const auto path = dir / name;
    write_file(path, content);
    io::MarketCsvFiles files;
    if (name == "offers.csv") files.offers = path;
    if (name == "demands.csv") files.demands = path;
    if (name == "flows.csv") files.flows = path;
    if (name == "categories.csv") files.categories = path;
    try {
      (void)io::read_market_csv(files);
      FAIL("accepted " << content);
    } catch (const InvalidInput& e) {
      CHECK(e.where().to_string() == path.string() + ":" + at);
      CHECK_THAT(e.detail(), Catch::Contains(what));
    }
  };
  expect("offers.csv", "supplier,category,capacity\nf1,castings,lots\n", "2:3", "is not a number");
  expect("offers.csv", "supplier,category,capacity\nf1,castings,\n", "2:3", "needs a capacity");
  expect("offers.csv", "supplier,category,capacity,certifications\nf1,castings,1,iso-9001;;x\n",
         "2:4", "empty item");
  expect("offers.csv", "supplier,category\nf1,castings\n", "1",
         "missing required column 'capacity'");
  expect("demands.csv", "buyer,category,quantity\nf1,castings,nan\n", "2:3", "is not finite");
  expect("demands.csv", "buyer,category,quantity,source\nf1,castings,1,ruhr\n", "2:4",
         "unknown source 'ruhr'");
  expect("demands.csv", "buyer,category,quantity,criticality\nf1,castings,1,vital\n", "2:4",
         "unknown criticality 'vital'");
  expect("demands.csv", "buyer,category,quantity\n,castings,1\n", "2:1", "empty buyer id");
  expect("flows.csv", "supplier,buyer,category,start\nf1,f2,castings,20190\n", "2:4",
         "outside [1000, 2200]");
  expect("categories.csv", "id,label_en,label_de\nca\tst,Castings,Guss\n", "2:1",
         "control character U+0009");
}

TEST_CASE("cli: import suppliers adds the bundled reference once and is all or nothing",
          "[supply][csv][cli]") {
  ScratchDir dir;
  write_market(dir);
  const auto ruhr = test::project_data_dir() / "ruhr";
  REQUIRE(run_cli({"import", "--taxonomy", (ruhr / "taxonomy.csv").string(), "--actors",
                   (dir / "firms.csv").string()},
                  dir.path())
              .exit_code == 0);
  const auto before = test::dump_database(dir / "verbund.db");
  // Bad input: nothing written, exit 2, file:line:column.
  std::filesystem::create_directories(dir / "bad");
  write_file(dir / "bad" / "offers.csv",
             "supplier,category,capacity\nguss,castings,10\ndreh,welding,5\n");
  auto r = run_cli({"import", "suppliers", (dir / "bad").string()}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("offers.csv:3:2") &&
                        Catch::Contains("unknown input category 'welding'"));
  write_file(dir / "bad" / "offers.csv", "supplier,category,capacity\nguss,castings,-10\n");
  r = run_cli({"import", "suppliers", (dir / "bad").string()}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("offers.csv:2:3") &&
                        Catch::Contains("capacity must be a finite number > 0"));
  write_file(dir / "bad" / "offers.csv", "supplier,category,capacity\nguss,castings,10\n");
  write_file(dir / "bad" / "demands.csv",
             "buyer,category,quantity,certifications\nauto,castings,10,iso-9999\n");
  r = run_cli({"import", "suppliers", (dir / "bad").string()}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("demands.csv:2:4") &&
                        Catch::Contains("unknown certification 'iso-9999'"));
  CHECK(test::dump_database(dir / "verbund.db") == before);
  std::filesystem::create_directories(dir / "empty");
  r = run_cli({"import", "suppliers", (dir / "empty").string()}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("nothing to import"));

  r = run_cli({"--format", "csv", "import", "suppliers", (dir / "m").string()}, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("offers,2") && Catch::Contains("flows,1"));
  CHECK_THAT(r.out, !Catch::Contains("categories,0") && !Catch::Contains("certifications,0"));
  // The second import finds the reference in the database and adds only its own rows.
  std::filesystem::create_directories(dir / "m2");
  write_file(dir / "m2" / "offers.csv", "supplier,category,capacity\nguss,forgings,100\n");
  r = run_cli({"--format", "csv", "import", "suppliers", (dir / "m2").string()}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("categories,0") && Catch::Contains("offers,1"));
  // The flow created its supply tie, supplier to buyer.
  const auto dump = test::dump_database(dir / "verbund.db");
  CHECK_THAT(dump, Catch::Contains("|supply|1.0|2019|NULL|"));
}
