// An event plan's words in both languages: why a must-meeting is missed, the summary and the
// calendar texts; English as before, German under Lang::de, the schedule itself the same.
#include <catch2/catch.hpp>

#include "agreement.hpp"
#include "test_support.hpp"
#include "verbund/event/agenda.hpp"
#include "verbund/event/plan.hpp"

using namespace verbund;
using report::Lang;

namespace {

// Acme may meet once but must meet two; Dora and Emil are never there at the same time.
struct Files {
  test::ScratchDir dir;
  Files() {
    test::write_file(dir / "event.toml", R"(name = "Transfertag"
timezone = "Europe/Berlin"
slot_minutes = 20
[[days]]
date = "2026-03-12"
sessions = [ { name = "Vormittag", start = "09:00", end = "10:00" },
             { name = "Nachmittag", start = "13:00", end = "14:00" } ]
[[rooms]]
name = "Halle A"
capacity = 4
tables = 2
)");
    test::write_file(dir / "participants.csv",
                     "id,actor_id,name,max_meetings,min_meetings\nacme,,Acme,1,\nuni,,Uni,,\n"
                     "lab,,Lab,,\ndora,,Dora,,\nemil,,Emil,,\n");
    test::write_file(dir / "availability.csv",
                     "participant,date,start,end\ndora,2026-03-12,09:00,10:00\n"
                     "emil,2026-03-12,13:00,14:00\n");
    test::write_file(dir / "requests.csv",
                     "requester,requested,priority,status\nacme,uni,must,accepted\n"
                     "acme,lab,must,accepted\ndora,emil,must,accepted\nuni,lab,want,accepted\n");
  }
};

}  // namespace

TEST_CASE("an event plan's reasons, summary and calendars in German", "[event][lang]") {
  Files f;
  const auto e = event::load_event(f.dir / "event.toml");
  const auto en = event::plan_event(e);
  const auto de = event::plan_event(e, {.lang = Lang::de});
  REQUIRE(en.missed.size() == 2);
  REQUIRE(de.missed.size() == 2);
  CHECK(en.schedule.weight == de.schedule.weight);  // the language changes no decision
  std::vector<std::string> en_reasons, de_reasons;
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK(en.missed[k].request == de.missed[k].request);
    en_reasons.push_back(en.missed[k].reason);
    de_reasons.push_back(de.missed[k].reason);
  }
  CHECK_THAT(en_reasons,
             Catch::VectorContains(std::string("Acme has reached the maximum of 1 meeting")));
  for (const auto* reasons : {&en_reasons, &de_reasons})
    for (const auto& r : *reasons) CHECK(test::disagreement(r).empty());
  CHECK_THAT(en_reasons, Catch::VectorContains(
                             std::string("Dora and Emil are never available at the same time")));
  CHECK_THAT(de_reasons,
             Catch::VectorContains(std::string("Acme hat die Höchstzahl von 1 Treffen erreicht")));
  CHECK_THAT(de_reasons,
             Catch::VectorContains(std::string("Dora und Emil haben nie zugleich Zeit")));

  const auto summary_en = event::summary_text(e, en);
  const auto summary_de = event::summary_text(e, de, Lang::de);
  CHECK_THAT(summary_en, Catch::StartsWith("requests 4, scheduled 2 (50.0 %), locked meetings 0\n"
                                           "must: 1 of 3 scheduled\n"));
  CHECK_THAT(summary_de, Catch::StartsWith("Anfragen 4, eingeplant 2 (50,0 %), feste Treffen 0\n"
                                           "Pflicht: 1 von 3 eingeplant\n"));
  CHECK_THAT(summary_de, Catch::Contains("Fairness: wenigste Treffen ") &&
                             Catch::Contains("verpasste Pflicht: dora -> emil: Dora und Emil") &&
                             !Catch::Contains("missed must"));

  const auto acme = *e.find("acme");
  const auto ics_en = event::agenda_ics(e, en, acme);
  const auto ics_de = event::agenda_ics(e, de, acme, {.lang = Lang::de});
  CHECK_THAT(ics_en, Catch::Contains("SUMMARY:Meeting: ") && Catch::Contains("Priority: must"));
  CHECK_THAT(ics_de, Catch::Contains("SUMMARY:Treffen: ") && Catch::Contains("Priorität: Pflicht"));
  // The machine-readable files do not change with the language.
  CHECK(event::agenda_csv(e, en) == event::agenda_csv(e, de));
}

TEST_CASE("replanning says in German why a meeting moved or was dropped", "[event][lang]") {
  Files f;
  const auto e = event::load_event(f.dir / "event.toml");
  // A previous plan naming a participant the event no longer has: dropped; every meeting of the
  // new plan is then added.
  const std::vector<event::PreviousMeeting> before{{"acme", "ghost", 0, 0}};
  const auto en = event::replan_event(e, before);
  const auto de = event::replan_event(e, before, {.plan = {.lang = Lang::de}});
  REQUIRE(!en.changes.empty());
  REQUIRE(en.changes.size() == de.changes.size());
  CHECK(en.changes[0].reason == "names a participant, slot or table the event no longer has");
  CHECK(de.changes[0].reason ==
        "nennt einen Teilnehmer, Zeitblock oder Tisch, den die Veranstaltung nicht mehr hat");
  for (std::size_t k = 1; k < de.changes.size(); ++k) {
    CHECK(de.changes[k].reason == "eine neue oder neu mögliche Anfrage");
    CHECK(en.changes[k].reason == "a new or newly possible request");
  }
}
