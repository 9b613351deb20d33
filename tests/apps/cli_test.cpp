// End-to-end tests of the verbund CLI as a real process on real files and databases.

#include <catch2/catch.hpp>

#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using verbund::test::dump_database;
using verbund::test::read_file;
using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;

namespace {

std::vector<std::string> ruhr_import_args() {
  const auto d = verbund::test::project_data_dir() / "ruhr";
  return {"import",
          "--taxonomy",
          (d / "taxonomy.csv").string(),
          "--actors",
          (d / "actors.csv").string(),
          "--competences",
          (d / "competences.csv").string(),
          "--ties",
          (d / "ties.csv").string(),
          "--memberships",
          (d / "memberships.csv").string()};
}

std::string export_csv(const ScratchDir& dir, const std::string& db, const std::string& out) {
  const auto r = run_cli({"--db", db, "export", "--out", out}, dir.path());
  REQUIRE(r.exit_code == 0);
  return verbund::test::read_csv_export(dir / out);
}

}  // namespace

TEST_CASE("cli: help, version and usage errors", "[cli]") {
  ScratchDir dir;
  auto r = run_cli({"--help"}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out,
             Catch::Contains("import") && Catch::Contains("generate") && Catch::Contains("info"));
  r = run_cli({"import", "--help"}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("--memberships"));
  r = run_cli({"--version"}, dir.path());
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("verbund "));
  CHECK(run_cli({}, dir.path()).exit_code == 2);
  CHECK(run_cli({"frobnicate"}, dir.path()).exit_code == 2);
  CHECK(run_cli({"info", "--no-such-option"}, dir.path()).exit_code == 2);
  CHECK(run_cli({"--format", "xml", "info"}, dir.path()).exit_code == 2);
  r = run_cli({"info"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("verbund.db") && Catch::Contains("does not exist"));
  CHECK_FALSE(std::filesystem::exists(dir / "verbund.db"));
  r = run_cli({"import"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("nothing to import"));
}

TEST_CASE("cli: import the bundled Ruhr data and read it back", "[cli]") {
  ScratchDir dir;
  REQUIRE(run_cli({"init"}, dir.path()).exit_code == 0);
  auto r = run_cli(ruhr_import_args(), dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("actors"));

  r = run_cli({"info", "--format", "json"}, dir.path());
  REQUIRE(r.exit_code == 0);
  const auto info = nlohmann::json::parse(r.out);
  CHECK(info["region"][0]["indicator"] == "actors");
  CHECK(info["region"][0]["value"] == 152);
  bool found_muelheim = false;
  for (const auto& row : info["actors by municipality"])
    found_muelheim |= row["municipality"] == "Mülheim an der Ruhr";
  CHECK(found_muelheim);

  r = run_cli({"info", "--format", "csv"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out,
             Catch::StartsWith("section,key,value\n") && Catch::Contains("region,actors,152"));

  r = run_cli({"--format", "json", "export", "--out", "-"}, dir.path());
  REQUIRE(r.exit_code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["actors"].size() == 152);
  CHECK(doc["taxonomy"]["themes"].size() == 7);
}

TEST_CASE("cli: a bad import exits 2, names the place and leaves the database as it was", "[cli]") {
  ScratchDir dir;
  REQUIRE(run_cli(ruhr_import_args(), dir.path()).exit_code == 0);
  const std::string before = dump_database(dir / "verbund.db");

  write_file(dir / "actors.csv",
             "id,name,kind,municipality,lat,lon\n"
             "neu-1,Neue Firma GmbH,firm,Essen,51.45,7.01\n");
  write_file(dir / "ties.csv",
             "source,target,kind,weight,start,end\n"
             "neu-1,rub,research,1,2020,\n"
             "neu-1,nobody,supply,1,2020,\n");
  auto r = run_cli({"import", "--actors", "actors.csv", "--ties", "ties.csv"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("ties.csv:3:2: unknown actor 'nobody'"));
  CHECK(dump_database(dir / "verbund.db") == before);

  write_file(dir / "ties.csv",
             "source,target,kind,weight,start,end\nneu-1,rub,research,NaN,2020,\n");
  r = run_cli({"import", "--actors", "actors.csv", "--ties", "ties.csv"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("ties.csv:2:4"));
  CHECK(dump_database(dir / "verbund.db") == before);

  // Importing the same actors twice is a duplicate, not a silent merge.
  r = run_cli(ruhr_import_args(), dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("duplicate"));
  CHECK(dump_database(dir / "verbund.db") == before);

  write_file(dir / "not-a-db.db", "hello");
  r = run_cli({"--db", "not-a-db.db", "info"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("not a SQLite database"));
  CHECK(read_file(dir / "not-a-db.db") == "hello");

  r = run_cli({"import", "--actors", "missing.csv"}, dir.path());
  CHECK(r.exit_code == 2);
}

TEST_CASE("cli: generate is byte-for-byte reproducible and round-trips through CSV", "[cli]") {
  ScratchDir dir;
  REQUIRE(run_cli({"--db", "a.db", "--threads", "1", "generate", "ruhr", "--firms", "800", "--seed",
                   "5"},
                  dir.path())
              .exit_code == 0);
  REQUIRE(run_cli({"--db", "b.db", "--threads", "2", "generate", "ruhr", "--firms", "800", "--seed",
                   "5"},
                  dir.path())
              .exit_code == 0);
  const std::string a = export_csv(dir, "a.db", "out-a");
  CHECK(a == export_csv(dir, "b.db", "out-b"));

  // Into a fresh database from the exported files, then out again: same bytes.
  std::vector<std::string> args{"--db", "c.db", "import"};
  for (const char* t : {"taxonomy", "actors", "competences", "ties", "memberships"}) {
    args.push_back(std::string("--") + t);
    args.push_back("out-a/" + std::string(t) + ".csv");
  }
  REQUIRE(run_cli(args, dir.path()).exit_code == 0);
  CHECK(export_csv(dir, "c.db", "out-c") == a);

  auto r = run_cli({"--db", "a.db", "generate", "ruhr", "--firms", "10"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("already holds"));
  CHECK(run_cli({"--db", "d.db", "generate", "ruhr", "--firms", "-5"}, dir.path()).exit_code == 2);
}

TEST_CASE("cli: import projects from a consortium source", "[cli]") {
  ScratchDir dir;
  write_file(dir / "p.csv",
             "rcn,role,pic,type,start_year,end_year\n1,coordinator,1,HES,2015,2017\n1,participant,"
             "2,PRC,2015,2017\n");
  write_file(
      dir / "o.csv",
      "pic,name,short_name,type,city,country\n1,Uni,U,HES,Bochum,DE\n2,Firma,F,PRC,Herne,DE\n");
  write_file(dir / "t.csv", "rcn,programme_part\n1,LEIT\n");
  auto r = run_cli({"import", "projects", "--participations", "p.csv", "--organisations", "o.csv",
                    "--topics", "t.csv"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  write_file(dir / "p2.csv",
             "rcn,role,pic,type,start_year,end_year\n2,coordinator,3,REC,2016,2017\n2,participant,"
             "2,PRC,2016,2017\n");
  write_file(dir / "o2.csv",
             "pic,name,short_name,type,city,country\n3,Institut,I,REC,Dortmund,DE\n");
  // A second batch shares the topic theme and refers to organisation 2 again: it merges.
  r = run_cli({"import", "projects", "--participations", "p2.csv", "--organisations", "o2.csv",
               "--topics", "t.csv"},
              dir.path());
  CHECK(r.exit_code == 0);
  r = run_cli({"info", "--format", "json"}, dir.path());
  const auto info = nlohmann::json::parse(r.out);
  CHECK(info["region"][1]["value"] == 2);  // project ties 1-2 and 2-3
}

TEST_CASE("cli: every kind of bad import file exits 2 at its place, database untouched", "[cli]") {
  ScratchDir dir;
  REQUIRE(run_cli(ruhr_import_args(), dir.path()).exit_code == 0);
  const std::string before = dump_database(dir / "verbund.db");
  const std::string actors_header = "id,name,kind,municipality,lat,lon\n";
  const std::string ties_header = "source,target,kind,weight,start,end\n";
  const std::string competences_header = "actor,competence,role,weight\n";
  struct Case {
    std::string what, option, content, expected;
  };
  const std::vector<Case> cases{
      {"missing required column", "--actors", "id,name,municipality,lat,lon\nx,X,Essen,51,7\n",
       "bad.csv:1: missing required column 'kind'"},
      {"duplicate id in the file", "--actors",
       actors_header + "x,X,firm,Essen,51,7\nx,Y,firm,Essen,51,7\n",
       "bad.csv:3:1: duplicate actor id 'x'"},
      {"id already in the database", "--actors", actors_header + "rub,X,firm,Essen,51,7\n",
       "bad.csv:2:1: duplicate actor id 'rub'"},
      {"unknown kind", "--actors", actors_header + "x,X,startup,Essen,51,7\n",
       "bad.csv:2:3: unknown actor kind"},
      {"coordinates out of range", "--actors", actors_header + "x,X,firm,Essen,51,700\n",
       "bad.csv:2:6: lon 700"},
      {"malformed UTF-8", "--actors", actors_header + "x,M\xFClheim GmbH,firm,Essen,51,7\n",
       "bad.csv:2:2: malformed UTF-8"},
      {"malformed quoting", "--actors", actors_header + "x,\"X,firm,Essen,51,7\n",
       "bad.csv:2:2: unterminated"},
      {"unknown actor in a tie", "--ties", ties_header + "rub,nobody,research,1,,\n",
       "bad.csv:2:2: unknown actor 'nobody'"},
      {"a tie to itself", "--ties", ties_header + "rub,rub,research,1,,\n",
       "bad.csv:2:2: tie from 'rub' to itself"},
      {"weight not finite", "--ties", ties_header + "rub,ude,research,inf,,\n", "bad.csv:2:4"},
      {"weight out of range", "--ties", ties_header + "rub,ude,research,-2,,\n", "bad.csv:2:4"},
      {"end before start", "--ties", ties_header + "rub,ude,research,1,2020,2019\n", "bad.csv:2:6"},
      {"unknown competence", "--competences", competences_header + "rub,alchemy,offer,1\n",
       "bad.csv:2:2: unknown competence 'alchemy'"},
      {"competence weight out of range", "--competences",
       competences_header + "rub,software,offer,1.5\n",
       "bad.csv:2:4: competence weight 1.5 is not in (0, 1]"},  // not 1.500000
      {"unknown role", "--competences", competences_header + "rub,software,sell,1\n",
       "bad.csv:2:3: unknown role"},
      {"membership in a non-group", "--memberships", "actor,group,start,end\nrub,ude,,\n",
       "bad.csv:2:2"},
      {"theme unknown", "--taxonomy", "id,label_en,label_de,theme\nx,X,X,nothing\n", "bad.csv:2:4"},
      // Issue 12, defect 5: control characters imported fine, then broke GraphML and GEXF.
      {"NUL in a name", "--actors",
       actors_header + "x,A" + std::string(1, '\0') + "B,firm,Essen,51,7\n",
       "bad.csv:2:2: control character U+0000 in a field (character 4)"},
      {"escape in a quoted municipality", "--actors",
       actors_header + "x,X,firm,\"Es\x1bsen\",51,7\n", "bad.csv:2:4: control character U+001B"},
      {"DEL in a tie kind", "--ties", ties_header + "rub,ude,research\x7f,1,,\n",
       "bad.csv:2:3: control character U+007F"},
      {"tab in a name", "--actors", actors_header + "x,A\tB,firm,Essen,51,7\n",
       "bad.csv:2:2: name of actor 'x' holds control character U+0009"},
      {"line break in a quoted id", "--actors", actors_header + "\"x\ny\",X,firm,Essen,51,7\n",
       "bad.csv:2:1: id holds control character U+000A"},
      // Issue 12, defect 6: weights of 1e308 and 1e200 imported and broke clustering and
      // communities; the range is [1e-6, 1e6].
      {"tie weight 1e308", "--ties", ties_header + "rub,ude,research,1e308,,\n",
       "bad.csv:2:4: tie weight 1e+308 is out of range [1e-06, 1e+06]"},
      {"tie weight 1e200", "--ties", ties_header + "rub,ude,research,1e200,,\n",
       "bad.csv:2:4: tie weight 1e+200 is out of range"},
      {"tie weight just above the range", "--ties", ties_header + "rub,ude,research,1000001,,\n",
       "bad.csv:2:4: tie weight 1000001 is out of range"},
      {"tie weight just below the range", "--ties", ties_header + "rub,ude,research,9.9e-7,,\n",
       "bad.csv:2:4: tie weight 9.9e-07 is out of range"},
      {"weight beyond a double", "--ties", ties_header + "rub,ude,research,1e400,,\n",
       "bad.csv:2:4: weight '1e400' is out of range for a double"},
      {"weight below a double", "--ties", ties_header + "rub,ude,research,1e-400,,\n",
       "bad.csv:2:4: weight '1e-400' is out of range for a double"},
      {"latitude beyond a double", "--actors", actors_header + "x,X,firm,Essen,-1e400,7\n",
       "bad.csv:2:5: lat '-1e400' is out of range for a double"},
      {"year beyond 64 bits", "--ties", ties_header + "rub,ude,research,1,99999999999999999999,\n",
       "bad.csv:2:5: start year '99999999999999999999' is out of range"},
      // Issue 12, defect 11: parents that are firms or form a cycle.
      {"research group under a firm", "--actors",
       actors_header.substr(0, actors_header.size() - 1) + ",parent\nf,F,firm,Essen,51,7,\n"
                                                           "g,G,research_group,Essen,51,7,f\n",
       "bad.csv:3:7: parent 'f' of research group 'g' has kind firm"},
      {"research groups each other's parent", "--actors",
       actors_header.substr(0, actors_header.size() - 1) +
           ",parent\n"
           "g1,G1,research_group,Essen,51,7,g2\ng2,G2,research_group,Essen,51,7,g1\n",
       "bad.csv:2:7: parents form a cycle: 'g1' -> 'g2' -> 'g1'"},
      {"a longer cycle of parents", "--actors",
       actors_header.substr(0, actors_header.size() - 1) +
           ",parent\n"
           "g0,G0,research_group,Essen,51,7,rub\ng3,G3,research_group,Essen,51,7,g1\n"
           "g1,G1,research_group,Essen,51,7,g2\ng2,G2,research_group,Essen,51,7,g3\n",
       "bad.csv:3:7: parents form a cycle: 'g3' -> 'g1' -> 'g2' -> 'g3'"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    write_file(dir / "bad.csv", c.content);
    const auto r = run_cli({"import", c.option, "bad.csv"}, dir.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(c.expected));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one clear line
    CHECK(dump_database(dir / "verbund.db") == before);
  }
}

TEST_CASE("cli: metrics, brokers and communities on a generated region", "[cli]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "600", "--seed", "3"}, dir.path()).exit_code ==
          0);
  auto r = run_cli({"--format", "json", "metrics", "--by", "municipality", "--tie-kinds",
                    "supply,research", "--year", "2020"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  const auto metrics = nlohmann::json::parse(r.out);
  CHECK(metrics["network"][0]["value"] == 752);
  CHECK(metrics["by municipality"].size() >= 50);

  r = run_cli({"--format", "json", "metrics", "--where", "kind=university"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["selected actors, ties to anyone"][0]["value"] == 17);
  CHECK(run_cli({"metrics", "--where", "kind"}, dir.path()).exit_code == 2);
  r = run_cli({"metrics", "--where", "colour=red"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--where colour=red selects no actor"));

  r = run_cli({"--format", "json", "brokers", "--top", "5"}, dir.path());
  REQUIRE(r.exit_code == 0);
  auto brokers = nlohmann::json::parse(r.out);
  CHECK(brokers["brokers"].size() == 5);
  CHECK(brokers["betweenness"][0]["value"] == "exact");
  CHECK(brokers["brokers"][0].contains("gatekeeper"));
  // Sampled: same seed, same output; the bound is stated.
  const std::vector<std::string> sampled{"--format", "json",          "--seed",      "9",
                                         "brokers",  "--exact-limit", "10",          "--samples",
                                         "50",       "--roles-by",    "municipality"};
  r = run_cli(sampled, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == run_cli(sampled, dir.path()).out);
  brokers = nlohmann::json::parse(r.out);
  CHECK(brokers["betweenness"][0]["value"] == "sampled");
  CHECK(brokers["betweenness"][2]["value"].get<double>() > 0.0);
  CHECK(run_cli({"brokers", "--roles-by", "colour"}, dir.path()).exit_code == 2);

  r = run_cli({"--format", "csv", "--seed", "4", "communities", "--members"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("id,community\n"));
  CHECK(r.out ==
        run_cli({"--format", "csv", "--seed", "4", "communities", "--members"}, dir.path()).out);

  r = run_cli({"metrics", "--tie-kinds", "friendship"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown tie kind 'friendship'"));
  CHECK(run_cli({"communities", "--method", "magic"}, dir.path()).exit_code == 2);
  // The resolution's range in words, not DBL_MAX written out in 300 digits.
  for (const std::string bad : {"-1", "0", "1001", "nan", "1e400"}) {
    r = run_cli({"communities", "--resolution", bad}, dir.path());
    INFO(bad << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("(0, 1000]"));
    CHECK(r.err.size() < 200);
  }
  CHECK(run_cli({"communities", "--resolution", "1000"}, dir.path()).exit_code == 0);
  CHECK(run_cli({"export", "--format", "xlsx", "--out", "x"}, dir.path()).exit_code == 2);
  r = run_cli({"export", "--format", "dot", "--out", "-"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("graph verbund {") &&
                        Catch::Contains("\"rub\" [label=\"Ruhr-Universität Bochum\""));
}

TEST_CASE("cli: ties at both ends of the weight range keep clustering and modularity finite",
          "[cli]") {
  // Issue 12, defect 6: a 1e308 tie gave "weighted average clustering -nan" and "modularity
  // -nan"; a single 1e200 tie split the region into singletons. Within [1e-6, 1e6] neither can
  // happen.
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "2000", "--seed", "1"}, dir.path()).exit_code ==
          0);
  auto communities = [&] {
    const auto r = run_cli({"--format", "json", "communities"}, dir.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto out = nlohmann::json::parse(r.out);
    std::map<std::string, nlohmann::json> summary;
    for (const auto& row : out["partition"]) summary[row["indicator"]] = row["value"];
    REQUIRE(summary["modularity"].is_number());
    return std::pair{summary["communities"].get<std::size_t>(),
                     summary["modularity"].get<double>()};
  };
  const auto [count_before, modularity_before] = communities();

  write_file(dir / "extreme.csv",
             "source,target,kind,weight,start,end\n"
             "rub,tu-dortmund,advisory,1000000,,\n"
             "rub,ude,advisory,0.000001,,\n"
             "tu-dortmund,ude,advisory,1e6,,\n");
  auto r = run_cli({"import", "--ties", "extreme.csv"}, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  r = run_cli({"--format", "json", "metrics"}, dir.path());
  REQUIRE(r.exit_code == 0);
  const auto metrics = nlohmann::json::parse(r.out);
  std::size_t checked = 0;
  for (const auto& row : metrics["network"]) {
    INFO(row.dump());
    if (row["indicator"] == "weighted average clustering" ||
        row["indicator"] == "average local clustering") {
      REQUIRE(row["value"].is_number());
      CHECK(row["value"].get<double>() >= 0.0);
      CHECK(row["value"].get<double>() <= 1.0);
      ++checked;
    }
  }
  CHECK(checked == 2);

  const auto [count, modularity] = communities();
  CHECK(modularity >= -0.5);
  CHECK(modularity <= 1.0);
  // Three heavy ties among three universities do not dissolve the rest of the partition.
  INFO(count_before << " communities before, " << count << " after");
  CHECK(count < count_before + 20);
  CHECK(modularity_before > 0.0);
}
