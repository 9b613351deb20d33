// A transfer office: each month from `start` to `end` it introduces firms without a science tie
// to their best-scored research partner not yet tied to them; a share of introductions convert.
#include "core/parallel_loops.hpp"

#include "sim/interventions/intervention.hpp"
#include "sim/interventions/toml_fields.hpp"
#include "sim/month.hpp"
#include "verbund/match/recommend.hpp"

namespace verbund::sim::detail {

namespace {

/// How deep the office looks down a firm's recommendations for a partner it is not tied to.
constexpr std::size_t candidates_per_firm = 5;

class TransferOfficeUnit final : public CompiledIntervention {
 public:
  TransferOfficeUnit(const TransferOffice& spec, std::vector<core::ActorId> firms,
                     std::vector<std::vector<core::ActorId>> partners, std::uint32_t ordinal)
      : spec_(spec), firms_(std::move(firms)), partners_(std::move(partners)), ordinal_(ordinal) {}

  [[nodiscard]] std::unique_ptr<InterventionState> start() const override {
    return std::make_unique<Budget>(spec_.budget);
  }

  void apply(MonthContext& month, InterventionState* state) const override {
    const int m = month.month();
    if (m < spec_.start || m > spec_.end) return;
    auto& net = month.network();
    std::vector<std::size_t> waiting;  // served firms still without a science partner
    for (std::size_t i = 0; i < firms_.size(); ++i)
      if (net.is_open(firms_[i].value) && !net.has_science_partner(firms_[i].value))
        waiting.push_back(i);
    auto rng = month.stream(ordinal_, purpose(Purpose::office));
    auto& budget = static_cast<Budget&>(*state);
    const auto count =
        std::min<std::size_t>(static_cast<std::size_t>(spec_.introductions), waiting.size());
    for (std::size_t i = 0; i < count; ++i) {
      std::swap(waiting[i], waiting[i + rng.below(waiting.size() - i)]);
      if (!budget.take()) return;
      const auto firm = firms_[waiting[i]];
      for (const auto partner : partners_[waiting[i]]) {
        if (net.connected(firm.value, partner.value)) continue;
        if (rng.bernoulli(spec_.conversion))
          net.connect(firm.value, partner.value, month.new_tie_kind(firm, partner));
        break;
      }
    }
  }

 private:
  TransferOffice spec_;
  std::vector<core::ActorId> firms_;                  // served firms with needs
  std::vector<std::vector<core::ActorId>> partners_;  // per firm: its recommendations, best first
  std::uint32_t ordinal_;                             // among the phase's offices: its stream
};

std::any read(io::TomlReader& r, const ReadContext& where) {
  TransferOffice t;
  t.name = where.name;
  t.start = read_month(r, "start", where.horizon, 1);
  t.end = read_month(r, "end", where.horizon, where.horizon);
  t.introductions = static_cast<int>(r.integer("introductions", 1, 1000000).value_or(10));
  t.conversion = read_share(r, "conversion", 0.3, t.name);
  if (const auto b = r.integer("budget", 0, 1000000000)) t.budget = *b;
  t.select = read_selection(r, where.file);
  if (t.end < t.start) throw InvalidInput(r.where(), t.name + ": end before start");
  r.finish();
  return t;
}

std::unique_ptr<const CompiledIntervention> compile(const Intervention& intervention,
                                                    CompileContext& ctx) {
  const auto& t = *intervention.spec_if<TransferOffice>();
  const auto& scorer = ctx.scorer();
  auto select = t.select;
  if (select.kinds.empty()) select.kinds = {core::ActorKind::firm};
  auto firms = ctx.select(select, {}, t.name);
  std::erase_if(firms, [&](core::ActorId a) {
    return ctx.region.kind(a) != core::ActorKind::firm || ctx.region.needs(a).empty();
  });
  if (firms.empty()) ctx.phase.notes.push_back(t.name + ": the office serves no firm with needs");
  ctx.phase.participants.insert(ctx.phase.participants.end(), firms.begin(), firms.end());
  // The engine ranks on the starting region, so each firm's list is fixed: plan it once.
  std::vector<std::vector<core::ActorId>> partners(firms.size());
  par::parallel_for(std::size_t{0}, firms.size(), [&](std::size_t i) {
    for (const auto& rec :
         match::recommend(scorer, firms[i], ctx.region.needs(firms[i]), candidates_per_firm))
      partners[i].push_back(rec.candidate);
  });
  return std::make_unique<TransferOfficeUnit>(t, std::move(firms), std::move(partners),
                                              ctx.ordinal);
}

}  // namespace

const InterventionType transfer_office_type{"transfer_office", 2, read, compile};

}  // namespace verbund::sim::detail
