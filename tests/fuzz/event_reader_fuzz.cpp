// A matchmaking event: its TOML and CSV files read by event::load_event (what `event plan`
// reads), and an event it accepts planned and written out as agendas, calendars and the table
// plan. The input holds the files as "@@ event.toml", "@@ participants.csv", ... sections
// (fuzz_support.hpp); a file without a section is not there.

#include <array>
#include <system_error>

#include "fuzz_support.hpp"
#include "verbund/event/agenda.hpp"
#include "verbund/event/plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verbund;
  static constexpr std::array<const char*, 6> names{"event.toml",   "participants.csv",
                                                    "requests.csv", "availability.csv",
                                                    "vetoes.csv",   "locks.csv"};
  const auto files = fuzz::split_files(fuzz::as_text(data, size));
  const auto& dir = fuzz::scratch_dir();
  for (const char* name : names) {
    const auto it = files.find(name);
    std::error_code ignored;
    if (it == files.end())
      std::filesystem::remove(dir / name, ignored);  // left from the previous input
    else
      fuzz::write_file(dir / name, it->second);
  }
  fuzz::accept_or_refuse([&] {
    const auto event = event::load_event(dir / "event.toml");
    // Planning is the reader's consumer; kept small so that a large grid is not a "hang".
    if (event.participants.size() * event.slots.size() > 20000 || event.slots.size() > 200 ||
        event.requests.size() > 2000)
      return;
    const auto plan = event::plan_event(
        event, {.restarts = 1, .bound = {.lp_max_variables = 2000}});  // check_schedule inside
    (void)event::agenda_csv(event, plan);
    (void)event::agenda_json(event, plan);
    (void)event::table_plan_csv(event, plan);
    (void)event::schedule_csv(event, plan);
    if (!event.participants.empty()) (void)event::agenda_ics(event, plan, 0);
  });
  return 0;
}
