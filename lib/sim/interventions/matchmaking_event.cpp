// A matchmaking day: at month `at`, every participating firm meets its best-scored research
// partners among the participants; a share of the meetings become ties.
#include <algorithm>

#include "sim/interventions/intervention.hpp"
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

std::any read(io::TomlReader& r, const ReadContext& where) {
  MatchmakingEvent e;
  e.name = where.name;
  e.at = read_month(r, "at", where.horizon, 1);
  e.meetings = static_cast<int>(r.integer("meetings", 1, 1000).value_or(3));
  e.conversion = read_share(r, "conversion", 0.2, e.name);
  e.members = r.strings("members");
  e.members_at = r.places_of_strings("members");
  e.select = read_selection(r, where.file);
  if (e.members.empty() && e.select.size == 0)
    throw InvalidInput(r.where(), e.name + ": list members or give select.size");
  r.finish();
  return e;
}

/// Plans every participating firm's meetings with the transfer matchmaking engine: its best
/// partners among the participants the engine can propose (among all candidates if none can).
std::unique_ptr<const CompiledIntervention> compile(const Intervention& intervention,
                                                    CompileContext& ctx) {
  const auto& m = *intervention.spec_if<MatchmakingEvent>();
  const auto& region = ctx.region;
  const auto& scorer = ctx.scorer();
  const auto participants =
      ctx.select(m.select, m.members, m.name, SelectionRole::targets, m.members_at);
  ctx.phase.participants.insert(ctx.phase.participants.end(), participants.begin(),
                                participants.end());
  std::vector<core::ActorId> firms = participants;
  std::erase_if(firms, [&](core::ActorId a) {
    return region.kind(a) != core::ActorKind::firm || region.needs(a).empty();
  });
  if (firms.empty())
    ctx.phase.notes.push_back(m.name + ": no participating firm has needs to meet on");
  std::vector<core::ActorId> offering;  // participants the engine can propose
  for (const auto a : participants)
    if (scorer.is_candidate(a)) offering.push_back(a);
  std::sort(offering.begin(), offering.end());
  const auto wanted = static_cast<std::size_t>(m.meetings);
  const std::size_t depth = offering.empty() ? wanted : scorer.candidates().size();
  std::vector<std::vector<core::ActorId>> partners;
  for (const auto firm : firms) {
    std::vector<core::ActorId> mine;
    for (const auto& rec : match::recommend(scorer, firm, region.needs(firm), depth)) {
      if (!offering.empty() && !std::binary_search(offering.begin(), offering.end(), rec.candidate))
        continue;
      mine.push_back(rec.candidate);
      if (mine.size() == wanted) break;
    }
    partners.push_back(std::move(mine));
  }
  return std::make_unique<MatchmakingEventUnit>(m, std::move(firms), std::move(partners),
                                                ctx.ordinal);
}

}  // namespace

const InterventionType matchmaking_event_type{"matchmaking_event", 5, read, compile};

}  // namespace verbund::sim::detail
