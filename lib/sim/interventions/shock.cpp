// A shock: at month `at`, the targeted actors lose a share of their ties, and targeted firms
// close with a chance.
#include <optional>
#include <set>
#include <string>

#include "sim/interventions/intervention.hpp"
#include "sim/interventions/toml_fields.hpp"
#include "sim/month.hpp"
#include "verbund/supply/risk.hpp"
#include "verbund/supply/search.hpp"

namespace verbund::sim::detail {

namespace {

class ShockUnit final : public CompiledIntervention {
 public:
  ShockUnit(const Shock& spec, std::vector<core::ActorId> targets)
      : spec_(spec), targets_(std::move(targets)) {}

  /// Each targeted actor loses each tie with the remove share, and a targeted firm closes with
  /// the close share.
  void apply(MonthContext& month, InterventionState*) const override {
    if (month.month() != spec_.at) return;
    auto& net = month.network();
    for (const auto a : targets_) {
      auto rng = month.stream(a.value, purpose(Purpose::shock));
      const std::vector<std::uint32_t> partners(net.neighbours(a.value).begin(),
                                                net.neighbours(a.value).end());
      for (const auto b : partners)
        if (rng.bernoulli(spec_.remove_share)) month.cut(a.value, b);
      if (spec_.close_share > 0.0 && month.region().kind(a) == core::ActorKind::firm &&
          rng.bernoulli(spec_.close_share))
        month.close_firm(a.value);
    }
  }

 private:
  Shock spec_;
  std::vector<core::ActorId> targets_;
};

std::any read(io::TomlReader& r, const ReadContext& where) {
  Shock s;
  s.name = where.name;
  s.at = read_month(r, "at", where.horizon, 1);
  s.remove_share = r.number("remove_share").value_or(0.3);
  if (s.remove_share > 1.0)
    throw InvalidInput(r.where(), s.name + ": remove_share must be at most 1");
  s.close_share = r.number("close_share").value_or(0.0);
  if (s.close_share > 1.0)
    throw InvalidInput(r.where(), s.name + ": close_share must be at most 1");
  s.select = read_selection(r, where.file);
  if (s.select.kinds.empty() && s.select.sector.empty() && s.select.municipality.empty() &&
      s.select.theme.empty())
    throw InvalidInput(r.where(), s.name + ": a shock needs a target (select.kinds, sector, ...)");
  r.finish();
  return s;
}

/// What the region's supply chains stand to lose if every firm the shock may close did close:
/// the risk engine's loss cascade over three tiers, in words; nullopt if none of them supplies.
std::optional<std::string> supply_exposure(const supply::Market& market,
                                           const std::vector<core::ActorId>& targets) {
  std::vector<core::ActorId> suppliers;
  for (const auto a : targets)
    if (!market.flows_from(a).empty()) suppliers.push_back(a);
  if (suppliers.empty()) return std::nullopt;
  const auto loss = supply::simulate_loss(market, suppliers, {.tiers = 3, .substitutes = 0});
  std::set<std::uint32_t> only, only_critical, further;
  for (const auto& input : loss.inputs) {
    if (!input.lost_only_source()) continue;
    only.insert(input.buyer.value);
    if (input.demand && market.demands()[*input.demand].criticality == supply::Criticality::high)
      only_critical.insert(input.buyer.value);
  }
  for (const auto& d : loss.disrupted)
    if (d.tier >= 2) further.insert(d.buyer.value);
  return std::to_string(suppliers.size()) + " of the firms it may close supply others in the " +
         "region; were all of them to close, " + std::to_string(only.size()) +
         " buyers would lose their only regional source of an input (" +
         std::to_string(only_critical.size()) + " of a critical one) and " +
         std::to_string(further.size()) +
         " more would be cut off further down the supply chain (3 tiers)";
}

std::unique_ptr<const CompiledIntervention> compile(const Intervention& intervention,
                                                    CompileContext& ctx) {
  const auto& s = *intervention.spec_if<Shock>();
  auto targets = ctx.select(s.select, {}, s.name);
  if (targets.empty()) ctx.phase.notes.push_back(s.name + ": the shock hits no actor");
  if (ctx.suppliers && s.close_share > 0.0) {
    if (auto exposure = supply_exposure(ctx.suppliers->market(), targets))
      ctx.phase.notes.push_back(s.name + ": " + *exposure);
  }
  return std::make_unique<ShockUnit>(s, std::move(targets));
}

}  // namespace

const InterventionType shock_type{"shock", 0, read, compile, /*has_participants=*/false};

}  // namespace verbund::sim::detail
