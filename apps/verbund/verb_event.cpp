// `verbund event plan|replan|suggest`: the meeting plan of a matchmaking event, its replanning
// and requests suggested to participants who asked for few.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/event/agenda.hpp"
#include "verbund/event/suggest.hpp"
#include "verbund/io/supply_store.hpp"
#include "verbund/match/score.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/search.hpp"

namespace verbund::cli {

namespace {

struct EventArgs {
  std::string toml;
  std::string dir;
  std::string out;
  bool mutual = false;
  bool explain = false;
  std::size_t restarts = 8;
};

void add_event_args(CLI::App& command, EventArgs& o) {
  command.add_option("EVENT.toml", o.toml, "the event file")->required()->check(CLI::ExistingFile);
  command.add_option("--dir", o.dir, "folder of the CSV files (default: the event file's)")
      ->check(CLI::ExistingDirectory);
  command.add_option("--out", o.out, "folder for agendas, calendars and the table plan")
      ->required();
  command.add_flag("--mutual", o.mutual, "schedule only accepted requests (default: pending too)");
  command.add_flag("--explain", o.explain, "say why each missed must-meeting is missing");
  command.add_option("--restarts", o.restarts, "greedy orders tried (in parallel)")
      ->capture_default_str()
      ->check(number_range(1, 1000));
}

/// A file name for a participant's calendar: letters, digits, '-', '_' and '.'.
std::string file_name(const std::string& id) {
  std::string out;
  for (const char c : id) {
    const auto u = static_cast<unsigned char>(c);
    out += (std::isalnum(u) != 0 && u < 0x80) || c == '-' || c == '_' || c == '.' ? c : '_';
  }
  return out;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw InvalidInput(path.string() + ": cannot be written");
  file << text;
  if (!file.flush()) throw IoError(path.string() + ": writing failed");
}

/// All outputs are built before the first file is written.
void write_plan(const event::Event& event, const event::EventPlan& plan, const std::string& out,
                report::Lang lang) {
  std::vector<std::pair<std::filesystem::path, std::string>> files{
      {"agenda.csv", event::agenda_csv(event, plan)},
      {"agenda.json", event::agenda_json(event, plan)},
      {"tables.csv", event::table_plan_csv(event, plan)},
      {"schedule.csv", event::schedule_csv(event, plan)},
      {"summary.txt", event::summary_text(event, plan, lang)}};
  for (std::uint32_t p = 0; p < event.participants.size(); ++p)
    files.emplace_back(
        std::filesystem::path("ics") / (file_name(event.participants[p].id) + ".ics"),
        event::agenda_ics(event, plan, p, {.lang = lang}));
  std::filesystem::create_directories(std::filesystem::path(out) / "ics");
  for (const auto& [name, text] : files) write_file(std::filesystem::path(out) / name, text);
}

void print_summary(const event::Event& event, const event::EventPlan& plan, const EventArgs& o,
                   const GlobalOptions& global) {
  if (global.quiet) {
    if (!plan.missed.empty())
      std::cerr << "verbund: " << plan.missed.size()
                << report::pick(global.lang,
                                " must-meeting(s) missed; run without --quiet for the reasons",
                                " Pflichttreffen verpasst; ohne --quiet stehen die Gründe da")
                << "\n";
    return;
  }
  const auto& s = plan.summary;
  Table t{"event plan", {"what", "value"}, {}};
  t.rows = {{"participants", event.participants.size()},
            {"slots", event.slots.size()},
            {"tables", event.tables.size()},
            {"requests", s.requests},
            {"scheduled", s.scheduled},
            {"must requests", s.must_requests},
            {"must scheduled", s.must_scheduled},
            {"locked", s.locked},
            {"weight", s.weight},
            {"upper bound", s.bound.value},
            {"bound method", s.bound.method},
            {"gap %", 100.0 * s.gap},
            {"fewest meetings", s.min_meetings},
            {"mean meetings", s.mean_meetings},
            {"below wished minimum", s.below_minimum}};
  std::vector<Table> tables{t};
  if (o.explain || !plan.missed.empty()) {  // a missed must-meeting is always explained
    Table missed{"must-meetings missed", {"requester", "requested", "why"}, {}};
    for (const auto& m : plan.missed) {
      const auto& q = event.requests[m.request];
      missed.rows.push_back(
          {event.participants[q.requester].id, event.participants[q.requested].id, m.reason});
    }
    if (missed.rows.empty() && global.format == Format::table)  // not a bare header
      missed.rows.push_back({std::string(report::pick(global.lang, "(none)", "(keine)")), "", ""});
    tables.push_back(missed);
  }
  if (global.lang == report::Lang::de && global.format == Format::table) {
    // report::term gives the header "what" as "was", which reads as a verb here; localized
    // first, as print_tables would (it leaves German words as they are), then renamed.
    tables.front() = localized(tables.front(), global.lang);
    tables.front().columns.front() = "Kennzahl";
  }
  print_tables(std::cout, tables, global);
}

const char* kind_text(event::Change::Kind kind) {
  switch (kind) {
    case event::Change::Kind::moved:
      return "moved";
    case event::Change::Kind::dropped:
      return "dropped";
    case event::Change::Kind::added:
      return "added";
  }
  return "";
}

}  // namespace

Verb add_event_verb(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<EventArgs>();
  auto previous = std::make_shared<std::string>();
  auto held = std::make_shared<std::string>();
  CLI::App* verb = app.add_subcommand(
      "event", "Matchmaking events: meeting plans, replanning and suggested requests");
  verb->require_subcommand(1);
  CLI::App* plan = verb->add_subcommand(
      "plan", "Schedule the requested meetings into slots and tables; agendas, .ics, table plan");
  add_event_args(*plan, *o);
  CLI::App* replan = verb->add_subcommand(
      "replan", "Replan after cancellations, new requests and no-shows; say what moved for whom");
  add_event_args(*replan, *o);
  replan->add_option("--previous", *previous, "schedule.csv of the previous plan")
      ->required()
      ->check(CLI::ExistingFile);
  replan->add_option("--held-before", *held,
                     "meetings before this slot (\"YYYY-MM-DD HH:MM\") were held and stay");
  struct SuggestArgs {
    std::string toml, dir, out;
    std::size_t fewer_than = 3, per = 3;
    bool include_existing = false;
  };
  auto so = std::make_shared<SuggestArgs>();
  CLI::App* suggest = verb->add_subcommand(
      "suggest",
      "Suggest requests for participants with few, by the transfer, supplier and partner "
      "engines (--db region)");
  suggest->add_option("EVENT.toml", so->toml, "the event file")
      ->required()
      ->check(CLI::ExistingFile);
  suggest->add_option("--dir", so->dir, "folder of the CSV files (default: the event file's)")
      ->check(CLI::ExistingDirectory);
  suggest->add_option("--fewer-than", so->fewer_than, "participants with fewer live requests")
      ->capture_default_str()
      ->check(number_range(1, 10000));
  suggest->add_option("--per", so->per, "suggestions per participant")
      ->capture_default_str()
      ->check(number_range(1, 1000));
  suggest->add_flag("--include-existing", so->include_existing,
                    "also suggest partners already tied in the region");
  suggest->add_option("--out", so->out,
                      "write the suggestions as requests.csv rows (want, pending) to this file");
  return {
      verb, [&global, o, previous, held, plan, replan, so, suggest] {
        if (suggest->parsed()) {
          const auto event = event::load_event(so->toml, {.dir = so->dir});
          io::Store store = open_store(global, /*create=*/false);
          const core::Region region = store.load_region();
          const match::TransferScorer scorer(region, {});
          // The supplier search joins in where the database holds a market.
          const auto data = io::load_market(store);
          std::optional<supply::Market> market;
          std::optional<supply::SupplierIndex> index;
          if (!data.offers.empty() && !data.demands.empty()) {
            market.emplace(supply::Market::build(region, data));
            index.emplace(*market);
          }
          const auto found = event::suggest_requests(event, scorer,
                                                     {.fewer_than = so->fewer_than,
                                                      .per_participant = so->per,
                                                      .include_existing = so->include_existing,
                                                      .suppliers = index ? &*index : nullptr,
                                                      .lang = global.lang});
          Table t{"suggested requests", {"requester", "requested", "source", "score", "why"}, {}};
          std::string csv = "requester,requested,priority,status\n";
          for (const auto& x : found) {
            t.rows.push_back({event.participants[x.requester].id,
                              event.participants[x.requested].id,
                              std::string(event::to_string(x.source)), x.score, x.reason});
            csv += event.participants[x.requester].id + "," + event.participants[x.requested].id +
                   ",want,pending\n";
          }
          if (!so->out.empty()) write_file(so->out, csv);
          if (!global.quiet) print_tables(std::cout, {t}, global);
          return;
        }
        const auto event = event::load_event(o->toml, {.dir = o->dir});
        const event::PlanOptions options{.mutual = o->mutual,
                                         .seed = global.seed.value_or(1),
                                         .restarts = o->restarts,
                                         .lang = global.lang};
        if (plan->parsed()) {
          const auto result = event::plan_event(event, options);
          write_plan(event, result, o->out, global.lang);
          print_summary(event, result, *o, global);
          if (!result.missed.empty()) throw NoSolution{};  // the plan is written, the misses said
          return;
        }
        if (!replan->parsed()) return;
        event::ReplanOptions options2{.plan = options};
        if (!held->empty()) {
          const auto space = held->find(' ');
          const auto date = held->substr(0, space);
          const auto time = space == std::string::npos ? "" : held->substr(space + 1);
          const bool clock = time.size() == 5 && time[2] == ':' &&
                             std::isdigit(static_cast<unsigned char>(time[0])) != 0 &&
                             std::isdigit(static_cast<unsigned char>(time[1])) != 0 &&
                             std::isdigit(static_cast<unsigned char>(time[3])) != 0 &&
                             std::isdigit(static_cast<unsigned char>(time[4])) != 0;
          if (!clock ||
              std::find(event.dates.begin(), event.dates.end(), date) == event.dates.end())
            throw InvalidInput("--held-before: '" + *held +
                               "' is not \"YYYY-MM-DD HH:MM\" on a day of the event");
          std::uint32_t s = 0;
          while (s < event.slots.size() &&
                 (event.slots[s].date < date ||
                  (event.slots[s].date == date && event::clock_text(event.slots[s].start) < time)))
            ++s;
          options2.held_before_slot = s;
        }
        const auto before = event::load_previous(event, *previous);
        const auto result = event::replan_event(event, before, options2);
        write_plan(event, result.plan, o->out, global.lang);
        print_summary(event, result.plan, *o, global);
        // As for plan: the new plan is written and the misses said, then exit 3.
        const bool missed = !result.plan.missed.empty();
        if (global.quiet) {
          if (missed) throw NoSolution{};
          return;
        }
        Table changes{"changes",
                      {"change", "a", "b", "old slot", "old table", "new slot", "new table", "why"},
                      {}};
        const auto slot_text = [&](const std::optional<std::uint32_t>& s) -> Json {
          if (!s) return nullptr;
          return event.slots[*s].date + " " + event::clock_text(event.slots[*s].start);
        };
        const auto table_text = [&](const std::optional<std::uint32_t>& t) -> Json {
          if (!t) return nullptr;
          return event.tables[*t].name;
        };
        for (const auto& c : result.changes)
          changes.rows.push_back({kind_text(c.kind), c.a, c.b, slot_text(c.old_slot),
                                  table_text(c.old_table), slot_text(c.new_slot),
                                  table_text(c.new_table), c.reason});
        Table kept{"kept", {"meetings kept where they were"}, {{result.kept}}};
        print_tables(std::cout, {changes, kept}, global);
        if (missed) throw NoSolution{};
      }};
}

}  // namespace verbund::cli
