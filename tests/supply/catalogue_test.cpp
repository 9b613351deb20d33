#include <catch2/catch.hpp>

#include <map>

#include "../core/region_fixture.hpp"
#include "test_support.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/supply/catalogue.hpp"

using namespace verbund;

namespace {

supply::MarketData market() {
  supply::MarketData d;
  d.categories = {{"logistics", "Logistics", "Logistik", "", {"49"}, "shipments", 2},
                  {"castings", "Castings", "Gussteile", "green", {"24.5"}, "t", 3},
                  {"software", "Software", "Software", "digital", {"62"}, "hours", 4},
                  {"forgings", "Forgings", "Schmiedeteile", "green", {"25.5"}, "t", 5}};
  d.certifications = {{"iso-9001", "ISO 9001", "ISO 9001", 2}};
  d.offers = {{"f2", "castings", 100.0, {"iso-9001"}, 6.0, std::nullopt, 2},
              {"f1", "castings", 50.0, {}, std::nullopt, std::nullopt, 3},
              {"f4", "castings", 60.0, {}, std::nullopt, std::nullopt, 4},
              {"f1", "logistics", 10.0, {}, std::nullopt, std::nullopt, 5},
              {"f3", "software", 1000.0, {}, std::nullopt, std::nullopt, 6}};
  d.flows = {{"f2", "f3", "castings", 70.0, 2020, std::nullopt, 2},
             {"f1", "f3", "castings", 5.0, 2010, 2012, 3}};
  return d;
}

}  // namespace

TEST_CASE("the catalogue lists every offer once, by theme, category and free capacity",
          "[supply][catalogue]") {
  const auto region = core::build_region(test::small_region_data());
  const auto m = supply::Market::build(region, market());
  const auto sections = supply::catalogue(m);
  // Themes in taxonomy order (green, digital), then no theme; within a theme by category id.
  std::vector<std::string> order;
  for (const auto& s : sections) order.push_back(m.category(s.category).id);
  CHECK(order == std::vector<std::string>{"castings", "forgings", "software", "logistics"});
  CHECK(sections[1].entries.empty());  // forgings: a gap, shown

  // Brute force: every offer exactly once, in the section of its category; free capacity is the
  // capacity less the current flows (f2 has 70 committed, f1's flow has ended).
  std::map<std::pair<std::string, std::string>, int> seen;
  for (const auto& s : sections) {
    for (const auto& e : s.entries) {
      CHECK(e.offer->category == s.category);
      ++seen[{std::string(region.external_id(e.supplier)), m.category(s.category).id}];
    }
  }
  CHECK(seen.size() == market().offers.size());
  for (const auto& o : market().offers) CHECK(seen[{o.supplier, o.category}] == 1);
  std::vector<std::pair<std::string, double>> castings;
  for (const auto& e : sections[0].entries)
    castings.emplace_back(region.external_id(e.supplier), e.offer->free_capacity());
  CHECK(castings ==
        std::vector<std::pair<std::string, double>>{{"f4", 60.0}, {"f1", 50.0}, {"f2", 30.0}});

  const auto green = *region.taxonomy().find_theme("green");
  const auto only_green = supply::catalogue(m, {.category = std::nullopt, .theme = green});
  CHECK(only_green.size() == 2);
  const auto only_software =
      supply::catalogue(m, {.category = m.find_category("software"), .theme = std::nullopt});
  REQUIRE(only_software.size() == 1);
  CHECK(only_software[0].entries.size() == 1);
  CHECK(supply::catalogue(m, {.category = m.find_category("software"), .theme = green}).empty());
}

TEST_CASE("cli: suppliers catalog on a generated region", "[supply][catalogue][cli]") {
  test::ScratchDir dir;
  REQUIRE(test::run_cli({"generate", "ruhr", "--firms", "300"}, dir.path()).exit_code == 0);
  auto r = test::run_cli(
      {"--format", "csv", "suppliers", "catalog", "--category", "castings", "--lang", "de"},
      dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("theme,theme_label,category,category_label,unit,supplier"));
  CHECK_THAT(r.out, Catch::Contains("new-industry,Neue Industrie,castings,Gussteile,t,F"));
  r = test::run_cli({"suppliers", "catalog", "--theme", "logistics"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Intelligent logistics / Road and rail freight"));
  r = test::run_cli({"suppliers", "catalog", "--category", "welding"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown input category 'welding'"));
  r = test::run_cli({"--format", "json", "suppliers", "catalog"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("\"catalogue\""));
}
