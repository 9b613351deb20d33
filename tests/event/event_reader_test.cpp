#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "verbund/error.hpp"
#include "verbund/event/event.hpp"

using namespace verbund;

namespace {

const std::string toml = R"(name = "Transfertag"
timezone = "Europe/Berlin"
slot_minutes = 20
[[days]]
date = "2026-03-12"
sessions = [ { name = "Vormittag", start = "09:00", end = "11:00" },
             { name = "Nachmittag", start = "13:00", end = "14:00" } ]
breaks = [ { start = "10:00", end = "10:20" } ]
[[rooms]]
name = "Halle A"
capacity = 4
tables = 2
)";

struct Files {
  test::ScratchDir dir;
  Files() {
    test::write_file(dir / "event.toml", toml);
    test::write_file(dir / "participants.csv",
                     "id,actor_id,name,max_meetings,min_meetings\nacme,A1,Acme,4,1\nuni,,Uni "
                     "Essen,,\nlab,,Lab,3,0\n");
    test::write_file(dir / "availability.csv",
                     "participant,date,start,end\nlab,2026-03-12,09:00,10:00\n");
    test::write_file(
        dir / "requests.csv",
        "requester,requested,priority,status\nacme,uni,must,accepted\nlab,uni,want,pending\n"
        "acme,lab,want,declined\n");
  }
  void set(const std::string& name, const std::string& content) {
    test::write_file(dir / name, content);
  }
  [[nodiscard]] std::string error() const {
    return test::invalid_input_message([&] { return event::load_event(dir / "event.toml"); });
  }
};

}  // namespace

TEST_CASE("an event is read with its slots, tables and requests", "[event]") {
  Files f;
  const auto e = event::load_event(f.dir / "event.toml");
  // 09:00-11:00 without 10:00-10:20: 09:00, 09:20, 09:40, 10:20, 10:40; 13:00, 13:20, 13:40.
  REQUIRE(e.slots.size() == 8);
  CHECK(e.slots[3].start == 10 * 60 + 20);
  CHECK(e.slots[5].session == "Nachmittag");
  CHECK(e.tables.size() == 2);
  CHECK(e.tables[1].name == "Halle A 2");
  CHECK(e.participants[1].max_meetings == 8);
  CHECK(e.is_available(2, 2));
  CHECK_FALSE(e.is_available(2, 3));
  CHECK(e.is_available(0, 7));
  const auto mutual = event::to_problem(e, {.mutual = true});
  CHECK(mutual.problem.requests.size() == 1);
  const auto all = event::to_problem(e);
  CHECK(all.problem.requests.size() == 2);
  CHECK(all.problem.requests[0].weight == 3.0);
}

TEST_CASE("bad events are refused at file:line:column", "[event]") {
  Files f;
  SECTION("overlapping sessions") {
    auto text = toml;
    text.replace(text.find("\"13:00\""), 7, "\"10:30\"");
    f.set("event.toml", text);
    CHECK_THAT(f.error(), Catch::Contains("event.toml:7:14") && Catch::Contains("overlaps"));
  }
  SECTION("more tables than the room holds") {
    auto text = toml;
    text.replace(text.find("tables = 2"), 10, "tables = 5");
    f.set("event.toml", text);
    CHECK_THAT(f.error(), Catch::Contains("event.toml:12:10") && Catch::Contains("holds 4 tables"));
  }
  SECTION("a lock on an unavailable slot") {
    f.set("locks.csv", "participant,other,date,start,table\nlab,uni,2026-03-12,13:00,Halle A 1\n");
    CHECK_THAT(f.error(), Catch::Contains("locks.csv:2:4") && Catch::Contains("not available"));
  }
  SECTION("a veto of a must request") {
    f.set("vetoes.csv", "participant,other,reason\nuni,acme,competitor\n");
    CHECK_THAT(f.error(), Catch::Contains("vetoes.csv:2:1") && Catch::Contains("'must' request"));
  }
  SECTION("an unknown participant") {
    f.set("requests.csv", "requester,requested\nacme,nobody\n");
    CHECK_THAT(f.error(), Catch::Contains("requests.csv:2:2") && Catch::Contains("'nobody'"));
  }
  SECTION("an unknown column and a bad status") {
    f.set("participants.csv", "id,colour\nacme,red\n");
    CHECK_THAT(f.error(), Catch::Contains("participants.csv:1:2"));
    f.set("participants.csv", "id\nacme\nuni\nlab\n");
    f.set("requests.csv", "requester,requested,status\nacme,uni,maybe\n");
    CHECK_THAT(f.error(), Catch::Contains("requests.csv:2:3"));
  }
  SECTION("an unknown key") {
    f.set("event.toml", "colour = 1\n" + toml);
    CHECK_THAT(f.error(), Catch::Contains("event.toml:1:1") && Catch::Contains("unknown key"));
  }
}
