#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <sstream>

#include "test_support.hpp"

using verbund::test::run_cli;
namespace fs = std::filesystem;

namespace {

/// The bundled example copied into a scratch folder, so that a test can change its files.
fs::path copy_example(const verbund::test::ScratchDir& dir) {
  const auto from = verbund::test::project_data_dir() / "events" / "transfertag-ruhr";
  const auto to = dir / "event";
  fs::create_directories(to);
  for (const auto& f : fs::directory_iterator(from))
    fs::copy_file(f.path(), to / f.path().filename());
  return to;
}

/// schedule.csv rows (without header) keyed by "date start table".
std::map<std::string, std::string> schedule_rows(const fs::path& file) {
  std::istringstream in(verbund::test::read_file(file));
  std::map<std::string, std::string> out;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
    out[line.substr(c2 + 1)] = line.substr(0, c2);
  }
  return out;
}

}  // namespace

TEST_CASE("event plan writes agendas, calendars and the table plan", "[event][cli]") {
  verbund::test::ScratchDir dir;
  const auto event = copy_example(dir);
  const auto r = run_cli({"event", "plan", (event / "event.toml").string(), "--out", "plan",
                          "--explain", "--format", "csv"},
                         dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("upper bound"));
  for (const char* name :
       {"agenda.csv", "agenda.json", "tables.csv", "schedule.csv", "summary.txt", "ics/rub.ics"})
    CHECK(fs::exists(dir / "plan" / name));
  const auto again = run_cli(
      {"--threads", "1", "event", "plan", (event / "event.toml").string(), "--out", "plan1"},
      dir.path());
  REQUIRE(again.exit_code == 0);
  CHECK(verbund::test::read_file(dir / "plan" / "schedule.csv") ==
        verbund::test::read_file(dir / "plan1" / "schedule.csv"));
}

TEST_CASE("event plan refuses a bad event with exit 2 and writes nothing", "[event][cli]") {
  verbund::test::ScratchDir dir;
  const auto event = copy_example(dir);
  verbund::test::write_file(event / "vetoes.csv", "participant,other\nrub,nobody\n");
  const auto r =
      run_cli({"event", "plan", (event / "event.toml").string(), "--out", "plan"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("vetoes.csv:2:2") && Catch::Contains("'nobody'"));
  CHECK_FALSE(fs::exists(dir / "plan"));
}

TEST_CASE("event replan keeps held and locked meetings and says what moved", "[event][cli]") {
  verbund::test::ScratchDir dir;
  const auto event = copy_example(dir);
  REQUIRE(run_cli({"event", "plan", (event / "event.toml").string(), "--out", "plan"}, dir.path())
              .exit_code == 0);
  const auto before = schedule_rows(dir / "plan" / "schedule.csv");
  // Every fifth request declined after the morning; one firm stays away in the afternoon.
  std::istringstream in(verbund::test::read_file(event / "requests.csv"));
  std::string line, changed;
  std::getline(in, line);
  changed = line + "\n";
  for (int i = 0; std::getline(in, line); ++i) {
    if (i % 5 == 0) line = line.substr(0, line.rfind(',')) + ",declined";
    changed += line + "\n";
  }
  verbund::test::write_file(event / "requests.csv", changed);
  const auto r =
      run_cli({"--format", "csv", "event", "replan", (event / "event.toml").string(), "--previous",
               "plan/schedule.csv", "--held-before", "2026-03-12 11:00", "--out", "replan"},
              dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("dropped"));
  const auto after = schedule_rows(dir / "replan" / "schedule.csv");
  std::size_t held = 0;
  for (const auto& [where, who] : before) {
    if (where.substr(11, 5) < "11:00") {  // "2026-03-12 09:00,table": held, must stay
      ++held;
      INFO(where << " " << who);
      REQUIRE(after.contains(where));
      CHECK(after.at(where) == who);
    }
  }
  CHECK(held > 0);
  const auto bad =
      run_cli({"event", "replan", (event / "event.toml").string(), "--previous",
               "plan/schedule.csv", "--held-before", "2026-03-13 11:00", "--out", "replan2"},
              dir.path());
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("--held-before"));
  CHECK_FALSE(fs::exists(dir / "replan2"));
}

TEST_CASE("event plan and replan exit 3 when a must-meeting is missed, after saying why",
          "[event][cli]") {
  verbund::test::ScratchDir dir;
  const auto event = copy_example(dir);
  // F002486 is there only in the morning, F001556 only in the afternoon: their must cannot be met.
  auto requests = verbund::test::read_file(event / "requests.csv");
  const std::string want = "F002486,F001556,want,accepted";
  const auto at = requests.find(want);
  REQUIRE(at != std::string::npos);
  requests.replace(at, want.size(), "F002486,F001556,must,accepted");
  verbund::test::write_file(event / "requests.csv", requests);
  const auto r =
      run_cli({"event", "plan", (event / "event.toml").string(), "--out", "plan"}, dir.path());
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.out, Catch::Contains("must-meetings missed") &&
                        Catch::Contains("never available at the same time"));
  CHECK(fs::exists(dir / "plan" / "schedule.csv"));  // the plan of what could be met is written
  // Replanning cannot meet it either: the new plan is written, and it exits 3 too.
  const auto again =
      run_cli({"event", "replan", (event / "event.toml").string(), "--previous",
               "plan/schedule.csv", "--held-before", "2026-03-12 11:00", "--out", "replan"},
              dir.path());
  CHECK(again.exit_code == 3);
  CHECK_THAT(again.out, Catch::Contains("must-meetings missed") && Catch::Contains("kept"));
  CHECK(fs::exists(dir / "replan" / "schedule.csv"));
}

TEST_CASE("event plan refuses a named CSV file that does not exist with exit 2", "[event][cli]") {
  verbund::test::ScratchDir dir;
  const auto event = copy_example(dir);
  const auto toml = verbund::test::read_file(event / "event.toml");
  verbund::test::write_file(event / "event.toml",
                            toml + "\n[files]\nvetoes = \"no-such-vetoes.csv\"\n");
  const auto r =
      run_cli({"event", "plan", (event / "event.toml").string(), "--out", "plan"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("event.toml:") && Catch::Contains("no-such-vetoes.csv") &&
                        Catch::Contains("does not exist"));
  CHECK_FALSE(fs::exists(dir / "plan"));
  // A required file missing is bad input too.
  verbund::test::write_file(event / "event.toml", toml);
  fs::remove(event / "participants.csv");
  const auto gone =
      run_cli({"event", "plan", (event / "event.toml").string(), "--out", "plan"}, dir.path());
  CHECK(gone.exit_code == 2);
  CHECK_THAT(gone.err, Catch::Contains("participants.csv"));
}
