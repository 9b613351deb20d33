#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "verbund/core/region.hpp"
#include "verbund/error.hpp"
#include "verbund/io/region_csv.hpp"

using namespace verbund;

namespace {

struct Files {
  test::ScratchDir dir;
  io::RegionCsvFiles files;
  Files() {
    test::write_file(dir / "taxonomy.csv",
                     "id,label_en,label_de,theme\n"
                     "green,Green,Grün,\n"
                     "h2,Hydrogen,Wasserstoff,green\n");
    test::write_file(
        dir / "actors.csv",
        "id,name,kind,municipality,lat,lon,employees,sector,founded,capacity,parent,website\n"
        "u1,Universität Duisburg-Essen,university,Essen,51.46,7.00,,,2003,40,,uni-due.de\n"
        "g1,Lehrstuhl Energietechnik,research_group,Duisburg,51.43,6.80,,,,3,u1,\n"
        "f1,Müller Stahlbau GmbH,firm,Mülheim an der Ruhr,51.43,6.88,12,25,1990,2,,\n"
        "f2,Düsseldorfer Logistik AG,firm,Düsseldorf,,,300,52,,,,\n");
    test::write_file(dir / "competences.csv",
                     "actor,competence,role,weight\n"
                     "u1,h2,offer,0.9\n"
                     "f1,h2,need,\n");
    test::write_file(dir / "ties.csv",
                     "source,target,kind,weight,start,end\n"
                     "f1,u1,research,1,2015,\n"
                     "f2,f1,supply,0.5,,\n");
    test::write_file(dir / "memberships.csv", "actor,group,start,end\n");
    files = io::RegionCsvFiles::in_directory(dir.path());
  }
};

std::pair<SourceLocation, std::string> read_error(const io::RegionCsvFiles& files) {
  try {
    core::validate(io::read_region_csv(files));
  } catch (const InvalidInput& e) {
    return {e.where(), e.detail()};
  }
  FAIL("bad file accepted");
  return {};
}

}  // namespace

TEST_CASE("region CSV files read into a batch with attributes and defaults", "[io][csv]") {
  Files f;
  const core::RegionData data = io::read_region_csv(f.files);
  REQUIRE(data.actors.size() == 4);
  CHECK(data.actors[2].name == "Müller Stahlbau GmbH");
  CHECK(data.actors[2].employees == 12);
  CHECK(data.actors[2].sector == "25");
  CHECK(data.actors[0].attributes == std::vector<core::Attribute>{{"website", "uni-due.de"}});
  CHECK(data.actors[1].attributes.empty());  // empty cells are not attributes
  CHECK_FALSE(data.actors[3].location.has_value());
  CHECK(data.competences[1].weight == 1.0);  // empty weight means 1
  CHECK(data.ties[0].start == 2015);
  CHECK_FALSE(data.ties[0].end.has_value());
  CHECK(data.actors[2].line == 4);
  const core::Region region = core::build_region(data);
  CHECK(region.parent(*region.find("g1")) == region.find("u1"));
}

TEST_CASE("region CSV export then import gives the same region, byte for byte", "[io][csv]") {
  Files f;
  const core::Region region = core::build_region(io::read_region_csv(f.files));
  test::ScratchDir out1, out2;
  io::write_region_csv(region, out1.path());
  const core::Region again =
      core::build_region(io::read_region_csv(io::RegionCsvFiles::in_directory(out1.path())));
  io::write_region_csv(again, out2.path());
  CHECK(test::read_csv_export(out1.path()) == test::read_csv_export(out2.path()));
  CHECK(again.name(*again.find("f2")) == "Düsseldorfer Logistik AG");
  CHECK(test::read_file(out1 / "actors.csv").find("Mülheim an der Ruhr") != std::string::npos);
}

TEST_CASE("bad region CSV cells are reported with file, line and column", "[io][csv]") {
  Files f;
  const std::string actors_file = (f.dir / "actors.csv").string();
  auto rewrite = [&](const std::string& name, const std::string& content) {
    test::write_file(f.dir / name, content);
  };
  const std::string header = "id,name,kind,municipality,lat,lon\n";

  SECTION("unknown kind") {
    rewrite("actors.csv", header + "a,A,firm,Essen,51,7\nb,B,startup,Essen,51,7\n");
    auto [where, message] = read_error(f.files);
    CHECK(where.file == actors_file);
    CHECK(where.line == 3);
    CHECK(where.column == 3);
    CHECK_THAT(message, Catch::Contains("unknown actor kind 'startup'"));
  }
  SECTION("missing required column") {
    rewrite("actors.csv", "id,name,municipality,lat,lon\na,A,Essen,51,7\n");
    auto [where, message] = read_error(f.files);
    CHECK(where.line == 1);
    CHECK_THAT(message, Catch::Contains("missing required column 'kind'"));
  }
  SECTION("latitude out of range") {
    rewrite("actors.csv", header + "a,A,firm,Essen,151,7\n");
    auto [where, message] = read_error(f.files);
    CHECK(where.line == 2);
    CHECK(where.column == 5);
  }
  SECTION("only one coordinate") {
    rewrite("actors.csv", header + "a,A,firm,Essen,51,\n");
    CHECK(read_error(f.files).first.column == 6);
  }
  SECTION("non-numeric employees") {
    rewrite("actors.csv",
            header.substr(0, header.size() - 1) + ",employees\na,A,firm,Essen,51,7,many\n");
    auto [where, message] = read_error(f.files);
    CHECK(where.column == 7);
    CHECK_THAT(message, Catch::Contains("employees 'many' is not an integer"));
  }
  SECTION("unknown role") {
    rewrite("competences.csv", "actor,competence,role,weight\nu1,h2,supply,1\n");
    auto [where, message] = read_error(f.files);
    CHECK(where.column == 3);
    CHECK_THAT(message, Catch::Contains("unknown role 'supply'"));
  }
  SECTION("unknown tie kind") {
    rewrite("ties.csv", "source,target,kind,weight,start,end\nf1,u1,friendship,1,,\n");
    CHECK(read_error(f.files).first.column == 3);
  }
  SECTION("tie to an unknown actor, found by validation") {
    rewrite("ties.csv",
            "source,target,kind,weight,start,end\nf1,u1,research,1,,\nf1,zz,supply,1,,\n");
    auto [where, message] = read_error(f.files);
    CHECK(where.file == (f.dir / "ties.csv").string());
    CHECK(where.line == 3);
    CHECK(where.column == 2);
    CHECK(message == "unknown actor 'zz'");
  }
  SECTION("malformed quoting") {
    rewrite("memberships.csv", "actor,group,start,end\nf1,\"ihk,,\n");
    CHECK_THAT(read_error(f.files).second, Catch::Contains("unterminated"));
  }
}

TEST_CASE("region CSV: a tie given twice is refused at its second row; empty weight is 1",
          "[io][csv]") {
  test::ScratchDir dir;
  test::write_file(dir / "ties.csv",
                   "source,target,kind,weight,start,end\n"
                   "a,b,research,,2015,\n"
                   "a,b,research,2,2016,\n"  // another start: another tie
                   "a,b,supply,,2015,\n"     // another kind
                   "b,a,supply,,2015,\n");   // supply is directed: another tie
  io::RegionCsvFiles files;
  files.ties = dir / "ties.csv";
  const auto data = io::read_region_csv(files);
  REQUIRE(data.ties.size() == 4);
  CHECK(data.ties[0].weight == io::default_tie_weight);
  CHECK(io::default_tie_weight == 1.0);
  CHECK(data.ties[1].weight == 2.0);
  // Undirected kinds: b-a is a-b.
  for (const std::string& row :
       {std::string("b,a,research,3,2015,\n"), std::string("a,b,research,1,2015,2020\n")}) {
    test::write_file(dir / "ties.csv",
                     "source,target,kind,weight,start,end\n"
                     "a,b,research,,2015,\n" +
                         row);
    const auto [where, message] = read_error(files);
    CHECK(where.line == 3);
    CHECK(where.column == 1);
    CHECK_THAT(message, Catch::Contains("duplicate tie") && Catch::Contains("already on line 2"));
  }
}

TEST_CASE("region CSV: German Excel files read like the plain ones", "[io][csv]") {
  test::ScratchDir dir;
  test::write_file(dir / "actors.csv",
                   "\xEF\xBB\xBFid;name;kind;municipality;lat;lon;employees\r\n"
                   "f1;Müller GmbH;firm;Mülheim an der Ruhr;51,43;6,88;12\r\n");
  test::write_file(dir / "ties.csv",
                   "\xEF\xBB\xBFsource;target;kind;weight;start;end\r\n"
                   "f1;f2;supply;1,5;2015;\r\n");
  test::write_file(dir / "competences.csv", "actor;competence;role;weight\r\nf1;h2;need;0,25\r\n");
  io::RegionCsvFiles files;
  files.actors = dir / "actors.csv";
  files.ties = dir / "ties.csv";
  files.competences = dir / "competences.csv";
  const auto data = io::read_region_csv(files);
  REQUIRE(data.actors.size() == 1);
  CHECK(data.actors[0].location->lat == 51.43);
  CHECK(data.actors[0].location->lon == 6.88);
  CHECK(data.actors[0].employees == 12);
  CHECK(data.ties[0].weight == 1.5);
  CHECK(data.competences[0].weight == 0.25);
  // The same with a point forced: "1,5" is then not a number, named at its cell.
  try {
    (void)io::read_region_csv(files, {.delimiter = ';', .decimal_comma = false});
    FAIL("decimal comma accepted");
  } catch (const InvalidInput& e) {
    CHECK(e.where().line == 2);
    CHECK(e.where().column == 5);
  }
}

TEST_CASE("region CSV: files as German Excel saves them (tests/data/excel_de_*)", "[io][csv]") {
  const std::filesystem::path data = VERBUND_TEST_DATA_DIR;
  io::RegionCsvFiles files;
  files.actors = data / "excel_de_actors.csv";  // "CSV UTF-8": BOM, CRLF, ';', decimal commas
  files.ties = data / "excel_de_ties.csv";
  const auto batch = io::read_region_csv(files);
  core::validate(batch);
  REQUIRE(batch.actors.size() == 3);
  CHECK(batch.actors[0].name == "Müller & Söhne; Stahlbau");
  CHECK(batch.actors[0].municipality == "Mülheim an der Ruhr");
  CHECK(batch.actors[0].location->lat == 51.4275);
  CHECK(batch.actors[0].location->lon == 6.8825);
  CHECK(batch.actors[0].attributes ==
        std::vector<core::Attribute>{{"Bemerkung", "Zulieferer \"Tier 1\""}});
  CHECK(batch.actors[1].employees == 300);
  REQUIRE(batch.ties.size() == 2);
  CHECK(batch.ties[0].weight == 1.5);
  CHECK(batch.ties[1].weight == io::default_tie_weight);
  CHECK(batch.ties[1].end == 2022);
  // Plain "CSV" from Excel is Windows-1252: named, located, with the conversion.
  files = {};
  files.actors = data / "excel_de_actors_windows1252.csv";
  const auto [where, message] = read_error(files);
  CHECK(where.line == 2);
  CHECK(where.column == 2);
  CHECK_THAT(message, Catch::Contains("byte 0xFC is 'ü' in Windows-1252") &&
                          Catch::Contains("iconv -f WINDOWS-1252 -t UTF-8"));
}
