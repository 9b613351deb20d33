// A funding call: at month `at`, the best consortia for the call (the consortium builder on the
// starting region) are funded; every pair of members works together until the project ends.
#include "sim/interventions/intervention.hpp"
#include "sim/interventions/toml_fields.hpp"
#include "sim/month.hpp"
#include "verbund/match/consortium.hpp"

namespace verbund::sim::detail {

namespace {

class FundingCallUnit final : public CompiledIntervention {
 public:
  FundingCallUnit(const FundingCall& spec, std::vector<std::vector<core::ActorId>> consortia)
      : spec_(spec), consortia_(std::move(consortia)) {}

  void apply(MonthContext& month, InterventionState*) const override {
    if (month.month() != spec_.at) return;
    auto& net = month.network();
    const int ends = month.month() + spec_.duration;
    for (const auto& members : consortia_) {
      for (std::size_t i = 0; i < members.size(); ++i) {
        for (std::size_t j = i + 1; j < members.size(); ++j) {
          const auto a = members[i].value, b = members[j].value;
          if (auto* t = net.tie(a, b)) {
            t->strength = 1.0;  // an existing tie is renewed and stays as it was
          } else {
            net.connect(a, b, core::TieKind::project, ends);
          }
        }
      }
    }
  }

 private:
  FundingCall spec_;
  std::vector<std::vector<core::ActorId>> consortia_;
};

std::any read(io::TomlReader& r, const ReadContext& where) {
  FundingCall f;
  f.name = where.name;
  f.at = read_month(r, "at", where.horizon, 1);
  const auto call = r.string("call");
  if (!call) throw InvalidInput(r.where(), f.name + ": 'call' names the call file");
  f.call = *call;
  f.consortia = static_cast<int>(r.integer("consortia", 1, 1000).value_or(3));
  f.duration = static_cast<int>(r.integer("duration", 1, 1200).value_or(36));
  r.finish();
  return f;
}

std::unique_ptr<const CompiledIntervention> compile(const Intervention& intervention,
                                                    CompileContext& ctx) {
  const auto& f = *intervention.spec_if<FundingCall>();
  const auto found = ctx.calls.find(f.call);
  if (found == ctx.calls.end())
    throw InvalidInput(ctx.at, f.name + ": the call file '" + f.call +
                                   "' was not loaded (read scenarios with "
                                   "io::load_scenario_inputs)");
  const auto& call = found->second;
  match::check_call_against(call, ctx.region);
  const auto result = match::build_consortia(
      ctx.scorer(), call, {.top = static_cast<std::size_t>(f.consortia), .seed = ctx.seed});
  std::vector<std::vector<core::ActorId>> consortia;
  for (const auto& c : result.consortia) {
    consortia.push_back(c.members);
    ctx.phase.participants.insert(ctx.phase.participants.end(), c.members.begin(), c.members.end());
  }
  if (consortia.size() < static_cast<std::size_t>(f.consortia))
    ctx.phase.notes.push_back(f.name + ": funds " + std::to_string(consortia.size()) + " of the " +
                              std::to_string(f.consortia) +
                              " consortia asked; the call's rules allow no more (verbund match "
                              "consortium --call explains why)");
  return std::make_unique<FundingCallUnit>(f, std::move(consortia));
}

}  // namespace

const InterventionType funding_call_type{"funding_call", 3, read, compile};

}  // namespace verbund::sim::detail
