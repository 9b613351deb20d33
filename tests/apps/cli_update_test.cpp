// End-to-end tests of keeping data current: `import --update`, `import --delete`, German Excel
// files, duplicate ties and the default tie weight. A refused command must leave the database
// file byte for byte as it was.

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using verbund::test::query_text;
using verbund::test::read_file;
using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;

namespace {

std::uint64_t file_hash(const std::filesystem::path& path) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a over every byte
  for (const unsigned char c : read_file(path)) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// A small region: a university with a research group, two firms, a chamber.
void write_region(const ScratchDir& dir) {
  write_file(dir / "taxonomy.csv",
             "id,label_en,label_de,theme\nit,IT,IT,\nsoftware,Software,Software,it\n"
             "ai,AI,KI,it\n");
  write_file(dir / "actors.csv",
             "id,name,kind,municipality,lat,lon,employees,parent,website\n"
             "uni,Uni,university,Bochum,51.44,7.26,,,uni.example\n"
             "grp,Group,research_group,Bochum,,,,uni,\n"
             "f1,Firm One,firm,Essen,51.45,7.01,10,,f1.example\n"
             "f2,Firm Two,firm,Herne,,,200,,\n"
             "ihk,Chamber,chamber,Essen,,,,,\n");
  write_file(dir / "competences.csv",
             "actor,competence,role,weight\nf1,software,need,1\nuni,software,offer,0.5\n"
             "grp,ai,offer,\n");
  write_file(dir / "ties.csv",
             "source,target,kind,weight,start,end\nf1,uni,transfer,,2019,\nf1,f2,supply,2,,\n"
             "f2,grp,research,1,2020,2022\n");
  write_file(dir / "memberships.csv", "actor,group,start,end\nf1,ihk,2010,\nf2,ihk,,\n");
}

const std::vector<std::string> import_region{"import",          "--taxonomy",     "taxonomy.csv",
                                             "--actors",        "actors.csv",     "--competences",
                                             "competences.csv", "--ties",         "ties.csv",
                                             "--memberships",   "memberships.csv"};

}  // namespace

TEST_CASE("cli: import --update changes rows in place and says what changed", "[cli][update]") {
  ScratchDir dir;
  write_region(dir);
  REQUIRE(run_cli(import_region, dir.path()).exit_code == 0);
  const auto db = dir / "verbund.db";
  // f1 renamed, website cleared; f2 unchanged (no employees column: 200 kept); f3 new.
  write_file(dir / "a2.csv",
             "id,name,kind,municipality,lat,lon,website\n"
             "f1,Firm One GmbH,firm,Essen,51.45,7.01,\n"
             "f2,Firm Two,firm,Herne,,,\n"
             "f3,Firm Three,firm,Bottrop,,,f3.example\n");
  write_file(dir / "c2.csv", "actor,competence,role,weight\nf1,ai,need,0.5\n");
  write_file(dir / "t2.csv",
             "source,target,kind,weight,start,end\nuni,f1,transfer,3,2019,2023\n"
             "f3,f1,supply,,,\n");
  write_file(dir / "m2.csv", "actor,group,start,end\nf1,ihk,2010,2024\n");
  const auto r = run_cli({"import", "--update", "--actors", "a2.csv", "--competences", "c2.csv",
                          "--ties", "t2.csv", "--memberships", "m2.csv", "--format", "json"},
                         dir.path());
  REQUIRE(r.exit_code == 0);
  const auto out = nlohmann::json::parse(r.out);
  std::map<std::string, std::vector<int>> changes;
  for (const auto& row : out["changes"]) {
    changes[row["table"]] = {row["added"], row["changed"], row["unchanged"], row["deleted"]};
  }
  CHECK(changes["actors"] == std::vector{1, 1, 1, 0});
  CHECK(changes["actor_attributes"] == std::vector{1, 0, 0, 1});
  CHECK(changes["actor_competences"] == std::vector{1, 0, 0, 1});
  CHECK(changes["ties"] == std::vector{1, 1, 0, 0});
  CHECK(changes["memberships"] == std::vector{0, 1, 0, 0});
  CHECK(query_text(db,
                   "SELECT name, employees FROM actors WHERE ext_id IN ('f1', 'f2') "
                   "ORDER BY id") == "Firm One GmbH|10\nFirm Two|200\n");
  CHECK(query_text(db, "SELECT weight, \"end\" FROM ties WHERE kind = 'transfer'") == "3.0|2023\n");
  CHECK(query_text(db, "SELECT competence, role FROM actor_competences WHERE actor = 3") ==
        "ai|need\n");
  CHECK(query_text(db, "SELECT verb FROM runs ORDER BY id") == "import\nimport --update\n");
}

TEST_CASE("cli: import --delete removes actors with their rows; a parent only with its groups",
          "[cli][update]") {
  ScratchDir dir;
  write_region(dir);
  REQUIRE(run_cli(import_region, dir.path()).exit_code == 0);
  const auto db = dir / "verbund.db";
  const auto hash = file_hash(db);
  write_file(dir / "gone.csv", "id\nf2\nuni\n");
  auto r = run_cli({"import", "--delete", "gone.csv"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("gone.csv:3:1: cannot delete 'uni': its 1 research group(s) "
                                    "'grp' would stay without a parent"));
  CHECK(file_hash(db) == hash);
  // Files with --delete change stored rows: only with --update.
  r = run_cli({"import", "--delete", "gone.csv", "--ties", "ties.csv"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("give --update as well"));
  write_file(dir / "gone.csv", "id;note\r\nf2;closed\r\nuni;\r\ngrp;\r\n");
  r = run_cli({"import", "--delete", "gone.csv"}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("actors"));
  CHECK(query_text(db, "SELECT ext_id FROM actors ORDER BY id") == "f1\nihk\n");
  CHECK(query_text(db, "SELECT count(*) FROM ties") == "0\n");
  CHECK(query_text(db, "SELECT count(*) FROM memberships") == "1\n");
  CHECK(query_text(db, "SELECT count(*) FROM actor_competences") == "1\n");
  CHECK(query_text(db, "SELECT count(*) FROM actor_attributes") == "1\n");
  CHECK(query_text(db, "PRAGMA foreign_key_check") == "");
}

TEST_CASE("cli: bad updates and deletions exit 2 at file:line:column, the file unchanged",
          "[cli][update]") {
  ScratchDir dir;
  write_region(dir);
  REQUIRE(run_cli(import_region, dir.path()).exit_code == 0);
  const auto db = dir / "verbund.db";
  const auto hash = file_hash(db);
  const std::string actors = "id,name,kind,municipality,lat,lon\n";
  const std::string ties = "source,target,kind,weight,start,end\n";
  struct Case {
    std::string what;
    std::vector<std::string> args;
    std::string file, content, expected;
  };
  const std::vector<Case> cases{
      {"unknown kind",
       {"--update", "--actors"},
       "bad.csv",
       actors + "f1,X,startup,Essen,,\n",
       "bad.csv:2:3: unknown actor kind 'startup'"},
      {"a group's parent stops being science",
       {"--update", "--actors"},
       "bad.csv",
       actors + "uni,Uni,firm,Bochum,,\n",
       "bad.csv:2:3: research group 'grp' would have parent 'uni' of kind firm"},
      {"a member's group stops being a group",
       {"--update", "--actors"},
       "bad.csv",
       actors + "ihk,Chamber,firm,Essen,,\n",
       "bad.csv:2:3: 'f1' is a member of 'ihk'"},
      {"a tie twice in the file",
       {"--update", "--ties"},
       "bad.csv",
       ties + "f1,uni,transfer,1,2019,\nuni,f1,transfer,2,2019,\n",
       "bad.csv:3:1: duplicate tie: 'uni' -- 'f1' (transfer, start 2019) is already on line 2"},
      {"a stored tie without --update",
       {"--ties"},
       "bad.csv",
       ties + "uni,f1,transfer,2,2019,\n",
       "bad.csv:2:1: tie 'uni' -- 'f1' (transfer, start 2019) is already stored"},
      {"an unknown id to delete",
       {"--delete"},
       "bad.csv",
       "id\nf1\nnobody\n",
       "bad.csv:3:1: actor 'nobody' is not in the database"},
      {"an id to delete twice",
       {"--delete"},
       "bad.csv",
       "id\nf1\nf1\n",
       "bad.csv:3:1: actor 'f1' is listed for deletion twice"},
      {"a deletion file without id",
       {"--delete"},
       "bad.csv",
       "name\nf1\n",
       "bad.csv:1: missing required column 'id'"},
      {"Windows-1252",
       {"--update", "--actors"},
       "bad.csv",
       "id;name;kind;municipality;lat;lon\r\nf1;M\xFCller;firm;Essen;;\r\n",
       "bad.csv:2:2: malformed UTF-8: byte 0xFC is 'ü' in Windows-1252"},
      {"a decimal comma in a comma file",
       {"--update", "--actors"},
       "bad.csv",
       actors + "f1,X,firm,Essen,\"51,4\",7\n",
       "bad.csv:2:5: lat '51,4' is not a number"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    write_file(dir / c.file, c.content);
    std::vector<std::string> args{"import"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.push_back(c.file);
    const auto r = run_cli(args, dir.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(c.expected));
    CHECK(file_hash(db) == hash);
    CHECK_FALSE(std::filesystem::exists(dir / "verbund.db-wal"));
  }
  // The conversion the message suggests makes the file importable.
  write_file(dir / "bad.csv", "id;name;kind;municipality;lat;lon\r\nf1;M\xFCller;firm;Essen;;\r\n");
  const auto r = run_cli({"import", "--update", "--actors", "bad.csv"}, dir.path());
  CHECK_THAT(r.err,
             Catch::Contains("iconv -f WINDOWS-1252 -t UTF-8 'bad.csv' > 'bad.csv.utf8.csv'"));
}

TEST_CASE("cli: Excel files (BOM, CRLF, ';', decimal commas) import as plain CSV does",
          "[cli][update]") {
  ScratchDir dir;
  // As Excel with German settings saves "CSV UTF-8": a BOM, CRLF, ';' and decimal commas.
  const std::string bom = "\xEF\xBB\xBF";
  write_file(dir / "actors.csv",
             bom +
                 "id;name;kind;municipality;lat;lon;employees\r\n"
                 "f1;\"Müller & Söhne; Stahlbau\";firm;Mülheim an der Ruhr;51,43;6,88;12\r\n"
                 "f2;Zweite GmbH;firm;Essen;51,45;7,01;\r\n");
  write_file(dir / "ties.csv",
             bom +
                 "source;target;kind;weight;start;end\r\nf1;f2;supply;1,5;2015;\r\n"
                 "f2;f1;supply;;2015;\r\n");
  auto r = run_cli({"import", "--actors", "actors.csv", "--ties", "ties.csv"}, dir.path());
  REQUIRE(r.exit_code == 0);
  const auto db = dir / "verbund.db";
  CHECK(query_text(db, "SELECT name, lat, lon FROM actors ORDER BY id") ==
        "Müller & Söhne; Stahlbau|51.43|6.88\nZweite GmbH|51.45|7.01\n");
  CHECK(query_text(db, "SELECT weight FROM ties ORDER BY id") == "1.5\n1.0\n");
  // Other dialects by option: '|' with decimal commas.
  write_file(dir / "more.csv",
             "id|name|kind|municipality|lat|lon\nf3|Dritte|firm|Herne|51,54|7,22\n");
  r = run_cli({"import", "--actors", "more.csv", "--delimiter", "|", "--decimal-comma"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(query_text(db, "SELECT lat FROM actors WHERE ext_id = 'f3'") == "51.54\n");
  r = run_cli({"import", "--actors", "more.csv", "--delimiter", "ab"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--delimiter 'ab' is not one character"));
}

TEST_CASE("cli: an empty tie weight is 1; --update changes a stored tie's weight",
          "[cli][update]") {
  ScratchDir dir;
  write_region(dir);
  REQUIRE(run_cli(import_region, dir.path()).exit_code == 0);
  const auto db = dir / "verbund.db";
  CHECK(query_text(db, "SELECT weight FROM ties WHERE kind = 'transfer'") == "1.0\n");
  write_file(dir / "t.csv", "source,target,kind,weight,start,end\nf1,uni,transfer,4,2019,\n");
  REQUIRE(run_cli({"import", "--update", "--ties", "t.csv"}, dir.path()).exit_code == 0);
  CHECK(query_text(db, "SELECT weight FROM ties WHERE kind = 'transfer'") == "4.0\n");
  CHECK(query_text(db, "SELECT count(*) FROM ties") == "3\n");
}
