// `import --competence-relations FILE` (append and --update): what is stored, what changed, and
// bad rows refused at file:line:column with the database untouched.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace verbund;
using test::run_cli;

namespace {

void write_taxonomy(const test::ScratchDir& dir) {
  test::write_file(dir / "taxonomy.csv",
                   "id,label_en,label_de,theme\n"
                   "t,T,T,\n"
                   "a,A,A,t\n"
                   "b,B,B,t\n"
                   "c,C,C,t\n"
                   "d,D,D,t\n");
}

std::string relations(const test::ScratchDir& dir) {
  return test::query_text(dir / "verbund.db",
                          "SELECT a, b, strength FROM competence_relations ORDER BY a, b");
}

}  // namespace

TEST_CASE("import --competence-relations stores related pairs from any file",
          "[io][relations][cli]") {
  test::ScratchDir dir;
  write_taxonomy(dir);
  test::write_file(dir / "rel.csv", "a,b,strength\nb,a,0.5\nc,d,0.8\n");
  auto r = run_cli({"import", "--taxonomy", "taxonomy.csv", "--competence-relations", "rel.csv"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(relations(dir) == "a|b|0.5\nc|d|0.8\n");
  // Alone, against the stored taxonomy.
  test::write_file(dir / "more.csv", "a,b,strength\na,c,0.3\n");
  r = run_cli({"import", "--competence-relations", "more.csv"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(relations(dir) == "a|b|0.5\na|c|0.3\nc|d|0.8\n");
  // An unknown competence is refused at file:line:column, nothing written.
  const auto before = test::dump_database(dir / "verbund.db");
  test::write_file(dir / "bad.csv", "a,b,strength\na,d,0.2\na,zz,0.4\n");
  r = run_cli({"import", "--competence-relations", "bad.csv"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.csv:3:") && Catch::Contains("unknown competence 'zz'"));
  CHECK(test::dump_database(dir / "verbund.db") == before);
}

TEST_CASE("import --update with a relations file replaces the stored pairs and counts them",
          "[io][relations][cli]") {
  test::ScratchDir dir;
  write_taxonomy(dir);
  test::write_file(dir / "rel.csv", "a,b,strength\na,b,0.5\nc,d,0.8\na,c,0.3\n");
  REQUIRE(run_cli({"import", "--taxonomy", "taxonomy.csv", "--competence-relations", "rel.csv"},
                  dir.path())
              .exit_code == 0);
  // a-b unchanged, c-d changed, a-c dropped, b-d added.
  test::write_file(dir / "new.csv", "a,b,strength\nb,a,0.5\nd,c,0.6\nb,d,1\n");
  auto r = run_cli({"--format", "csv", "import", "--update", "--competence-relations", "new.csv"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("competence_relations,1,1,1,1"));
  CHECK(relations(dir) == "a|b|0.5\nb|d|1.0\nc|d|0.6\n");
  // An update without a relations file leaves them alone and does not list them.
  r = run_cli({"--format", "csv", "import", "--update", "--taxonomy", "taxonomy.csv"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, !Catch::Contains("competence_relations"));
  CHECK(relations(dir) == "a|b|0.5\nb|d|1.0\nc|d|0.6\n");
  // A bad row (self pair; a strength out of range) refuses the whole update, database as it was.
  const auto before = test::dump_database(dir / "verbund.db");
  test::write_file(dir / "self.csv", "a,b,strength\na,b,0.5\nc,c,0.4\n");
  r = run_cli({"import", "--update", "--competence-relations", "self.csv"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("self.csv:3:") && Catch::Contains("related to itself"));
  test::write_file(dir / "strong.csv", "a,b,strength\na,b,1.5\n");
  r = run_cli({"import", "--update", "--competence-relations", "strong.csv"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("strong.csv:2:"));
  CHECK(test::dump_database(dir / "verbund.db") == before);
}
