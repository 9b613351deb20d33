// A working group: members meet each other every `every` months from `start` to `end`, and
// while it runs it is a focus through which they also meet on their own.
#include <algorithm>

#include "sim/interventions/intervention.hpp"
#include "sim/interventions/toml_fields.hpp"
#include "sim/month.hpp"

namespace verbund::sim::detail {

namespace {

class WorkingGroupUnit final : public CompiledIntervention {
 public:
  WorkingGroupUnit(const WorkingGroup& spec, std::uint32_t group, std::uint32_t ordinal)
      : spec_(spec), group_(group), ordinal_(ordinal) {}

  [[nodiscard]] std::unique_ptr<InterventionState> start() const override {
    return std::make_unique<Budget>(spec_.budget);
  }

  /// A session: each member meets `meetings` members drawn at random, while the budget lasts.
  void apply(MonthContext& month, InterventionState* state) const override {
    const int m = month.month();
    if (m < spec_.start || m > spec_.end || (m - spec_.start) % spec_.every != 0) return;
    const auto& members = month.phase().groups[group_].members;
    if (members.size() < 2) return;
    auto& budget = static_cast<Budget&>(*state);
    for (const auto member : members) {
      auto rng = month.stream(member.value, purpose(Purpose::session, ordinal_));
      for (int k = 0; k < spec_.meetings; ++k) {
        if (!budget.take()) return;
        const auto other = members[rng.below(members.size())];
        month.meet(member.value, other.value, rng, true);
      }
    }
  }

 private:
  WorkingGroup spec_;
  std::uint32_t group_;    // its focus group in the phase
  std::uint32_t ordinal_;  // among the phase's working groups: keys its session draws
};

std::any read(io::TomlReader& r, const ReadContext& where) {
  WorkingGroup g;
  g.name = where.name;
  g.start = read_month(r, "start", where.horizon, 1);
  g.end = read_month(r, "end", where.horizon, where.horizon);
  g.every = static_cast<int>(r.integer("every", 1, 1200).value_or(1));
  g.meetings = static_cast<int>(r.integer("meetings", 1, 1000).value_or(2));
  if (const auto b = r.integer("budget", 0, 1000000000)) g.budget = *b;
  g.members = r.strings("members");
  g.members_at = r.places_of_strings("members");
  g.select = read_selection(r, where.file);
  if (g.end < g.start) throw InvalidInput(r.where(), g.name + ": end before start");
  if (g.members.empty() && g.select.size == 0)
    throw InvalidInput(r.where(), g.name + ": list members or give select.size");
  r.finish();
  return g;
}

std::unique_ptr<const CompiledIntervention> compile(const Intervention& intervention,
                                                    CompileContext& ctx) {
  const auto& g = *intervention.spec_if<WorkingGroup>();
  auto members = ctx.select(g.select, g.members, g.name, SelectionRole::targets, g.members_at);
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  if (members.size() < 2)
    ctx.phase.notes.push_back(g.name + ": the group has " + std::to_string(members.size()) +
                              " member" + (members.size() == 1 ? "" : "s") + " and will not meet");
  ctx.phase.drawn_groups.emplace_back(g.name, members);
  ctx.phase.participants.insert(ctx.phase.participants.end(), members.begin(), members.end());
  const auto group = ctx.phase.add_focus_group(g.start, g.end, std::move(members));
  return std::make_unique<WorkingGroupUnit>(g, group, ctx.ordinal);
}

}  // namespace

const InterventionType working_group_type{"working_group", 1, read, compile};

}  // namespace verbund::sim::detail
