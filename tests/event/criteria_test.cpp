// Participants' own criteria and rankings (participants.csv): read strictly, turned into the
// receiver's preference by hand-computed values, and used in mutual mode and in the weights.
#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "verbund/error.hpp"
#include "verbund/event/event.hpp"
#include "verbund/event/plan.hpp"

using namespace verbund;

namespace {

const std::string toml = R"(name = "Kleiner Tag"
slot_minutes = 30
[[days]]
date = "2026-05-04"
sessions = [ { name = "Vormittag", start = "09:00", end = "10:30" } ]
[[rooms]]
name = "Saal"
capacity = 3
tables = 3
)";

// uni wants small or medium firms on hydrogen within 30 km; lab ranks beta over alpha.
// alpha: small, hydrogen, Essen; beta: large, steel, Bochum; gamma: medium, hydrogen, Berlin.
const std::string participants =
    "id,kind,size,topics,project_types,latitude,longitude,wants_sizes,wants_topics,"
    "wants_project_types,max_distance_km,ranking,max_meetings\n"
    "uni,university,,,,51.4556,7.0116,small|medium,hydrogen,,30,,3\n"
    "lab,research_institute,,,,,,,,,,beta|alpha,1\n"
    "alpha,firm,small,Hydrogen|fuel cells,joint-project,51.4556,7.0116,,,,,,3\n"
    "beta,firm,large,steel,thesis,51.4818,7.2162,,,,,,3\n"
    "gamma,firm,medium,hydrogen,,52.52,13.405,,,,,,3\n";

struct Files {
  test::ScratchDir dir;
  Files() {
    test::write_file(dir / "event.toml", toml);
    test::write_file(dir / "participants.csv", participants);
    test::write_file(dir / "requests.csv",
                     "requester,requested,priority,status\n"
                     "alpha,uni,want,pending\nbeta,uni,want,pending\ngamma,uni,want,pending\n"
                     "alpha,lab,want,pending\nbeta,lab,want,pending\n");
  }
  [[nodiscard]] std::string error(const std::string& csv) const {
    test::write_file(dir / "participants.csv", csv);
    return test::invalid_input_message([&] { return event::load_event(dir / "event.toml"); });
  }
};

}  // namespace

TEST_CASE("participants' criteria and rankings are read", "[event]") {
  Files f;
  const auto e = event::load_event(f.dir / "event.toml");
  const auto& uni = e.participants[0];
  CHECK(uni.wants.sizes == std::vector<std::string>{"small", "medium"});
  CHECK(uni.wants.topics == std::vector<std::string>{"hydrogen"});
  CHECK(uni.wants.max_distance_km == 30.0);
  CHECK(uni.wants.stated() == 3);
  CHECK(e.participants[1].wants.ranking == std::vector<std::uint32_t>{3, 2});
  CHECK(e.participants[2].project_types == std::vector<std::string>{"joint-project"});
  CHECK(e.participants[3].size == "large");
}

TEST_CASE("bad criteria are refused at file:line:column", "[event]") {
  Files f;
  const std::string header = "id,size,latitude,longitude,wants_sizes,max_distance_km,ranking\n";
  CHECK_THAT(f.error(header + "a,huge,,,,,\n"),
             Catch::Contains("participants.csv:2:2") && Catch::Contains("'huge'"));
  CHECK_THAT(f.error(header + "a,,,,small|tiny,,\n"),
             Catch::Contains("participants.csv:2:") && Catch::Contains("'tiny'"));
  CHECK_THAT(f.error(header + "a,,51.4,,,,\n"), Catch::Contains("both latitude and longitude"));
  CHECK_THAT(f.error(header + "a,,91,7,,,\n"), Catch::Contains("latitude must be"));
  CHECK_THAT(f.error(header + "a,,,,,-5,\n"), Catch::Contains("max_distance_km must be > 0"));
  CHECK_THAT(f.error(header + "a,,,,,,b|zz\nb,,,,,,\n"),
             Catch::Contains("participants.csv:2:") && Catch::Contains("unknown participant 'zz'"));
  CHECK_THAT(f.error(header + "a,,,,,,a\n"), Catch::Contains("ranks itself"));
  CHECK_THAT(f.error(header + "a,,,,,,b|b\nb,,,,,,\n"), Catch::Contains("listed twice"));
}

TEST_CASE("the receiver's preference follows its ranking, then its criteria", "[event]") {
  Files f;
  const auto e = event::load_event(f.dir / "event.toml");
  // uni (criteria: size, topic, 30 km): alpha meets all three (small, hydrogen, same place),
  // beta one (large, steel, but Bochum is 15 km away), gamma two (medium, hydrogen; Berlin is
  // 420 km away).
  CHECK(event::receiver_preference(e, 0, 2) == Approx(0.5));
  CHECK(event::receiver_preference(e, 0, 3) == Approx(0.5 / 3.0));
  CHECK(event::receiver_preference(e, 0, 4) == Approx(0.5 * 2.0 / 3.0));
  CHECK(event::accepts(e, 0, 2));
  CHECK_FALSE(event::accepts(e, 0, 4));
  // lab ranks beta (place 0 of 2) over alpha (place 1); gamma is unranked and lab states no
  // criteria.
  CHECK(event::receiver_preference(e, 1, 3) == Approx(1.0));
  CHECK(event::receiver_preference(e, 1, 2) == Approx(0.75));
  CHECK(event::receiver_preference(e, 1, 4) == Approx(0.0));
  CHECK(event::accepts(e, 1, 2));
  CHECK_FALSE(event::accepts(e, 1, 4));
  // A firm stated nothing.
  CHECK_FALSE(event::receiver_preference(e, 2, 0));
  CHECK_FALSE(event::accepts(e, 2, 0));
}

TEST_CASE("criteria weigh requests, and in mutual mode accept pending ones", "[event]") {
  Files f;
  const auto e = event::load_event(f.dir / "event.toml");
  const auto all = event::to_problem(e);
  REQUIRE(all.problem.requests.size() == 5);
  for (std::size_t r = 0; r < all.problem.requests.size(); ++r) {
    const auto& q = e.requests[all.request_of[r]];
    const double liked = event::receiver_preference(e, q.requested, q.requester).value_or(0.0);
    CHECK(all.problem.requests[r].weight == Approx(1.0 + liked));
  }
  // Every request is pending: mutual mode keeps those the receiver accepts in advance.
  const auto mutual = event::to_problem(e, {.mutual = true});
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto i : mutual.request_of)
    kept.emplace_back(e.participants[e.requests[i].requester].id,
                      e.participants[e.requests[i].requested].id);
  std::sort(kept.begin(), kept.end());
  CHECK(kept == std::vector<std::pair<std::string, std::string>>{
                    {"alpha", "lab"}, {"alpha", "uni"}, {"beta", "lab"}});
  // lab meets once: its ranking decides whom (beta), though alpha asked first.
  const auto plan = event::plan_event(e);
  std::vector<std::string> lab_meets;
  for (const auto& m : plan.schedule.meetings)
    if (m.a == 1 || m.b == 1) lab_meets.push_back(e.participants[m.a == 1 ? m.b : m.a].id);
  CHECK(lab_meets == std::vector<std::string>{"beta"});
}
