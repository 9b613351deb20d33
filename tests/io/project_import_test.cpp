#include <catch2/catch.hpp>

#include <map>

#include "test_support.hpp"
#include "verbund/core/region.hpp"
#include "verbund/error.hpp"
#include "verbund/io/project_import.hpp"

using namespace verbund;

namespace {

struct SmallSource {
  test::ScratchDir dir;
  io::ProjectFiles files;
  SmallSource() {
    // Project 1: A (coordinator), B, C in 2015-2017; project 2: A, B in 2016-2019;
    // project 3: D alone in 2017; project 4: E, A in 2014 (filtered out by year in one test).
    test::write_file(dir / "participations.csv",
                     "rcn,role,pic,type,contribution,country,start_year,end_year\n"
                     "1,coordinator,100,HES,5,DE,2015,2017\n"
                     "1,participant,200,PRC,NA,DE,2015,2017\n"
                     "1,participant,300,REC,1,FR,2015,2017\n"
                     "2,coordinator,200,PRC,1,DE,2016,2019\n"
                     "2,partner,100,HES,1,DE,2016,2019\n"
                     "3,coordinator,400,PUB,1,DE,2017,2018\n"
                     "4,participant,500,OTH,1,IT,2014,2015\n"
                     "4,participant,100,HES,1,DE,2014,2015\n");
    test::write_file(dir / "organisations.csv",
                     "pic,name,short_name,type,city,country\n"
                     "100,UNIVERSITÄT DUISBURG-ESSEN,UDE,HES,ESSEN,DE\n"
                     "200,Müller Stahl GmbH,,PRC,Essen,DE\n"
                     "300,Institut Paris,IP,REC,Paris,FR\n"
                     "400,STADT GELSENKIRCHEN,,PUB,GELSENKIRCHEN,DE\n");
    test::write_file(dir / "parts.csv",
                     "rcn,programme_part\n1,LEIT\n1,SC3\n2,LEIT\n3,SC6\n4,ERC\n");
    files = {dir / "participations.csv", dir / "organisations.csv", dir / "parts.csv"};
  }
};

const core::TieRecord* find_tie(const core::RegionData& d, const std::string& a,
                                const std::string& b) {
  for (const auto& t : d.ties) {
    if ((t.source == a && t.target == b) || (t.source == b && t.target == a)) return &t;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("projects become actors, weighted project ties and topic competences", "[io][projects]") {
  SmallSource src;
  const core::RegionData d = io::read_projects(src.files).data;
  REQUIRE(d.actors.size() == 5);
  CHECK(d.actors[0].id == "100");
  CHECK(d.actors[0].kind == core::ActorKind::university);
  CHECK(d.actors[1].kind == core::ActorKind::firm);
  CHECK(d.actors[2].kind == core::ActorKind::research_institute);
  CHECK(d.actors[3].kind == core::ActorKind::municipality);  // "STADT ..." of type PUB
  CHECK(d.actors[4].kind == core::ActorKind::association);
  CHECK(d.actors[4].name == "PIC 500");  // not in the organisations file
  // ESSEN and Essen are one municipality, spelled the mixed-case way.
  CHECK(d.actors[0].municipality == "Essen");
  CHECK(d.actors[1].municipality == "Essen");

  const auto* ab = find_tie(d, "100", "200");
  REQUIRE(ab != nullptr);
  CHECK(ab->kind == core::TieKind::project);
  CHECK(ab->weight == 2.0);  // two joint projects
  CHECK(ab->start == 2015);
  CHECK(ab->end == 2019);
  CHECK(find_tie(d, "100", "300")->weight == 1.0);
  CHECK(find_tie(d, "100", "500") != nullptr);
  CHECK(find_tie(d, "400", "100") == nullptr);
  CHECK(d.ties.size() == 4);

  // Organisation 100 took part in projects 1 (LEIT, SC3), 2 (LEIT), 4 (ERC): shares 2/3, 1/3, 1/3.
  std::map<std::string, double> offers;
  for (const auto& c : d.competences) {
    if (c.actor == "100") offers[c.competence] = c.weight;
  }
  CHECK(offers.at("project-leit") == Approx(2.0 / 3.0));
  CHECK(offers.at("project-sc3") == Approx(1.0 / 3.0));
  CHECK(offers.at("project-erc") == Approx(1.0 / 3.0));

  const core::Region region = core::build_region(d);
  const auto a100 = *region.find("100");
  CHECK(region.attribute(a100, "projects") == "3");
  CHECK(region.attribute(a100, "coordinated") == "1");
  CHECK(region.attribute(a100, "country") == "DE");
}

TEST_CASE("project import filters by start year and maps other column names", "[io][projects]") {
  SmallSource src;
  io::ProjectImportOptions options;
  options.from_year = 2015;
  options.to_year = 2016;
  const core::RegionData d = io::read_projects(src.files, options).data;
  CHECK(d.actors.size() == 3);  // projects 1 and 2 only
  CHECK(d.ties.size() == 3);

  test::write_file(src.dir / "efre.csv", "projekt,org,art\nP1,100,HES\nP1,200,PRC\n");
  io::ProjectImportOptions mapped;
  mapped.columns.apply("project=projekt,pic=org,type=art");
  const core::RegionData e =
      io::read_projects({src.dir / "efre.csv", src.dir / "organisations.csv", std::nullopt}, mapped)
          .data;
  CHECK(e.actors.size() == 2);
  CHECK(e.ties.size() == 1);
  CHECK_FALSE(e.ties[0].start.has_value());

  CHECK_THROWS_WITH(mapped.columns.apply("colour=x"),
                    Catch::Contains("unknown column key 'colour'"));
  CHECK_THROWS_WITH(mapped.columns.apply("project"), Catch::Contains("not KEY=NAME"));
}

TEST_CASE("bad project files are located", "[io][projects]") {
  SmallSource src;
  test::write_file(src.dir / "participations.csv",
                   "rcn,role,pic,type,contribution,country,start_year,end_year\n"
                   "1,participant,100,HES,1,DE,2015,2017\n"
                   "1,participant,999,XYZ,1,DE,2015,2017\n");
  try {
    (void)io::read_projects(src.files);
    FAIL("accepted an unknown type");
  } catch (const InvalidInput& e) {
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 4);
    CHECK_THAT(e.detail(), Catch::Contains("unknown organisation type 'XYZ'"));
  }
  test::write_file(src.dir / "participations.csv", "rcn,role,type\n1,participant,HES\n");
  CHECK_THROWS_WITH(io::read_projects(src.files), Catch::Contains("missing required column 'pic'"));

  // An organisation row without an id is skipped with a warning naming its line.
  SmallSource again;
  test::write_file(
      again.dir / "organisations.csv",
      "pic,name,short_name,type,city,country\n100,Uni,U,HES,Essen,DE\n,Nameless,N,PRC,Essen,DE\n");
  const auto imported = io::read_projects(again.files);
  REQUIRE(imported.warnings.size() == 1);
  CHECK_THAT(imported.warnings[0],
             Catch::Contains("organisations.csv:3:1: skipped 1 organisation row"));
}
