// A matchmaking day: at month `at`, every participating firm asks to meet its best-scored
// research partners among the participants, the event scheduler fits the requests into the day's
// slots and tables, and a share of the meetings held become ties.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "sim/interventions/intervention.hpp"
#include "sim/interventions/matchmaking_plan.hpp"
#include "sim/interventions/toml_fields.hpp"
#include "sim/month.hpp"
#include "verbund/match/recommend.hpp"

namespace verbund::sim::detail {

namespace {

class MatchmakingEventUnit final : public CompiledIntervention {
 public:
  MatchmakingEventUnit(const MatchmakingEvent& spec, std::vector<core::ActorId> firms,
                       std::vector<std::vector<core::ActorId>> partners, std::uint32_t ordinal)
      : spec_(spec), firms_(std::move(firms)), partners_(std::move(partners)), ordinal_(ordinal) {}

  void apply(MonthContext& month, InterventionState*) const override {
    if (month.month() != spec_.at) return;
    auto& net = month.network();
    for (std::size_t i = 0; i < firms_.size(); ++i) {
      const auto firm = firms_[i];
      auto rng = month.stream(firm.value, purpose(Purpose::event, ordinal_));
      for (const auto partner : partners_[i]) {
        if (net.connected(firm.value, partner.value)) {
          net.tie(firm.value, partner.value)->strength = 1.0;
        } else if (rng.bernoulli(spec_.conversion)) {
          net.connect(firm.value, partner.value, month.new_tie_kind(firm, partner));
        }
      }
    }
  }

 private:
  MatchmakingEvent spec_;
  std::vector<core::ActorId> firms_;                  // participating firms with needs
  std::vector<std::vector<core::ActorId>> partners_;  // per firm: whom it meets, best first
  std::uint32_t ordinal_;                             // among the phase's days: its streams
};

/// "N of M requested meetings held in S slots", and who was asked for most beyond the slots.
std::string day_note(const core::Region& region, const MatchmakingEvent& spec,
                     const MatchmakingPlan& plan) {
  std::size_t held = 0;
  for (const auto& met : plan.partners) held += met.size();
  std::string note = spec.name + ": " + std::to_string(held) + " of " +
                     std::to_string(plan.problem.requests.size()) + " requested meetings held in " +
                     std::to_string(spec.slots) + " slots at " +
                     std::to_string(plan.problem.tables) + " tables";
  std::vector<std::size_t> asked(plan.people.size(), 0);
  for (const auto& q : plan.problem.requests) ++asked[q.b];
  const auto most = std::max_element(asked.begin(), asked.end());  // the first of the busiest
  if (most != asked.end() && *most > static_cast<std::size_t>(spec.slots)) {
    const auto index = static_cast<std::uint32_t>(most - asked.begin());
    const auto met = std::count_if(
        plan.schedule.meetings.begin(), plan.schedule.meetings.end(),
        [&](const event::ScheduledMeeting& m) { return m.a == index || m.b == index; });
    note += "; " + std::string(region.name(plan.people[index])) + " was asked for by " +
            std::to_string(*most) + " firms and meets " + std::to_string(met) + " of them";
  }
  return note;
}

std::any read(io::TomlReader& r, const ReadContext& where) {
  MatchmakingEvent e;
  e.name = where.name;
  e.at = read_month(r, "at", where.horizon, 1);
  e.meetings = static_cast<int>(r.integer("meetings", 1, 1000).value_or(3));
  e.slots = static_cast<int>(r.integer("slots", 1, 200).value_or(8));
  if (const auto tables = r.integer("tables", 1, 100000)) e.tables = static_cast<int>(*tables);
  e.conversion = read_share(r, "conversion", 0.2, e.name);
  e.members = r.strings("members");
  e.members_at = r.places_of_strings("members");
  e.select = read_selection(r, where.file);
  if (e.members.empty() && e.select.size == 0)
    throw InvalidInput(r.where(), e.name + ": list members or give select.size");
  r.finish();
  return e;
}

/// The day's plan (plan_matchmaking_day) on the participants, and a note of what it held.
std::unique_ptr<const CompiledIntervention> compile(const Intervention& intervention,
                                                    CompileContext& ctx) {
  const auto& m = *intervention.spec_if<MatchmakingEvent>();
  const auto participants =
      ctx.select(m.select, m.members, m.name, SelectionRole::targets, m.members_at);
  ctx.phase.participants.insert(ctx.phase.participants.end(), participants.begin(),
                                participants.end());
  // One seed per day of the scenario: the scheduler's restarts differ between days.
  const std::uint64_t seed = ctx.seed ^ ((std::uint64_t{ctx.ordinal} + 1) * 0x9E3779B97F4A7C15ULL);
  auto plan = plan_matchmaking_day(ctx.region, ctx.scorer(), participants, m, seed);
  if (plan.firms.empty())
    ctx.phase.notes.push_back(m.name + ": no participating firm has needs to meet on");
  else
    ctx.phase.notes.push_back(day_note(ctx.region, m, plan));
  return std::make_unique<MatchmakingEventUnit>(m, std::move(plan.firms), std::move(plan.partners),
                                                ctx.ordinal);
}

}  // namespace

const InterventionType matchmaking_event_type{"matchmaking_event", 5, read, compile};

MatchmakingPlan plan_matchmaking_day(const core::Region& region,
                                     const match::TransferScorer& scorer,
                                     std::span<const core::ActorId> participants,
                                     const MatchmakingEvent& spec, std::uint64_t seed) {
  MatchmakingPlan plan;
  for (const auto a : participants)
    if (region.kind(a) == core::ActorKind::firm && !region.needs(a).empty())
      plan.firms.push_back(a);
  std::vector<core::ActorId> offering;  // participants the engine can propose
  for (const auto a : participants)
    if (scorer.is_candidate(a)) offering.push_back(a);
  std::sort(offering.begin(), offering.end());
  const auto wanted = static_cast<std::size_t>(spec.meetings);
  const std::size_t depth = offering.empty() ? wanted : scorer.candidates().size();

  // The requests: each firm's best partners, best first; people indexed in order of appearance.
  std::unordered_map<std::uint32_t, std::uint32_t> index_of;  // actor -> problem index
  const auto index = [&](core::ActorId a) {
    const auto [it, added] =
        index_of.emplace(a.value, static_cast<std::uint32_t>(plan.people.size()));
    if (added) plan.people.push_back(a);
    return it->second;
  };
  auto& problem = plan.problem;
  std::vector<std::vector<std::uint32_t>> requests_of(plan.firms.size());  // per firm, best first
  std::unordered_set<std::uint64_t> pairs;
  for (std::size_t f = 0; f < plan.firms.size(); ++f) {
    const auto firm = plan.firms[f];
    const auto me = index(firm);
    std::size_t asked = 0;
    for (const auto& rec : match::recommend(scorer, firm, region.needs(firm), depth)) {
      if (!offering.empty() && !std::binary_search(offering.begin(), offering.end(), rec.candidate))
        continue;
      if (++asked > wanted) break;
      const auto other = index(rec.candidate);
      const auto key = (std::uint64_t{std::min(me, other)} << 32U) | std::max(me, other);
      if (other == me || !pairs.insert(key).second) continue;  // asked for by the other side too
      requests_of[f].push_back(static_cast<std::uint32_t>(problem.requests.size()));
      problem.requests.push_back({.a = me,
                                  .b = other,
                                  .priority = event::Priority::want,
                                  .weight = 1.0 + std::max(0.0, rec.parts.total)});
    }
  }
  const auto people = static_cast<std::uint32_t>(plan.people.size());
  problem.participants = people;
  problem.slots = static_cast<std::uint32_t>(spec.slots);
  problem.tables =
      spec.tables ? static_cast<std::uint32_t>(*spec.tables) : std::max(1U, people / 2);
  problem.max_meetings.assign(people, spec.slots);
  for (const auto firm : plan.firms)
    problem.max_meetings[index_of.at(firm.value)] = std::min(spec.slots, spec.meetings);
  plan.schedule = event::schedule_meetings(problem, {.seed = seed});

  for (std::size_t f = 0; f < plan.firms.size(); ++f) {
    std::vector<core::ActorId> met;
    for (const auto r : requests_of[f]) {
      if (!plan.schedule.meeting_of_request[r]) continue;
      const auto& q = problem.requests[r];
      met.push_back(plan.people[q.b]);
    }
    plan.partners.push_back(std::move(met));
  }
  return plan;
}

}  // namespace verbund::sim::detail
