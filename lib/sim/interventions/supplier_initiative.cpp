// A supplier initiative: from `start` to `end`, each targeted buyer meets regional suppliers
// (Poisson, `meetings` a month on average) with `visibility` added to the log-odds of a tie;
// ties formed are supply ties from the supplier to the buyer. With the region's supplier
// market, the buyer meets the best-ranked suppliers of the supplier search for its demands
// (new suppliers only, the best it is not yet tied to first); without one, suppliers drawn at
// random from the `suppliers` selection.
#include <algorithm>
#include <unordered_set>

#include "sim/interventions/intervention.hpp"
#include "sim/interventions/toml_fields.hpp"
#include "sim/month.hpp"
#include "verbund/supply/search.hpp"

namespace verbund::sim::detail {

namespace {

/// Per buyer, whom it is introduced to: ranked suppliers (best first), or nullopt = at random
/// from the initiative's supplier pool.
struct Introductions {
  std::vector<core::ActorId> buyers;
  std::vector<std::vector<std::uint32_t>> ranked;  // per buyer, when the market ranks them
  std::vector<core::ActorId> pool;                 // when it does not
};

class SupplierInitiativeUnit final : public CompiledIntervention {
 public:
  SupplierInitiativeUnit(const SupplierInitiative& spec, Introductions who, std::uint32_t ordinal)
      : spec_(spec), who_(std::move(who)), ordinal_(ordinal) {}

  [[nodiscard]] std::unique_ptr<InterventionState> start() const override {
    return std::make_unique<Budget>(spec_.budget);
  }

  void apply(MonthContext& month, InterventionState* state) const override {
    const int m = month.month();
    if (m < spec_.start || m > spec_.end) return;
    auto& budget = static_cast<Budget&>(*state);
    const auto& net = month.network();
    for (std::size_t i = 0; i < who_.buyers.size(); ++i) {
      const auto buyer = who_.buyers[i].value;
      auto rng = month.stream(buyer, purpose(Purpose::supplier, ordinal_));
      for (auto k = rng.poisson(spec_.meetings); k > 0; --k) {
        std::uint32_t supplier = 0;
        if (who_.ranked.empty()) {
          if (who_.pool.empty()) return;
          supplier = who_.pool[rng.below(who_.pool.size())].value;
        } else {  // the best-ranked supplier it has no tie with yet, among those operating
          const auto& ranked = who_.ranked[i];
          const auto next = std::find_if(ranked.begin(), ranked.end(), [&](std::uint32_t s) {
            return net.is_open(s) && !net.connected(buyer, s);
          });
          if (next == ranked.end()) break;
          supplier = *next;
        }
        if (!budget.take()) return;
        if (month.meet(buyer, supplier, rng, false, spec_.visibility, core::TieKind::supply))
          month.network().mark_delivery(supplier, buyer);
      }
    }
  }

 private:
  SupplierInitiative spec_;
  Introductions who_;
  std::uint32_t ordinal_;  // among the phase's initiatives: keys its streams
};

std::any read(io::TomlReader& r, const ReadContext& where) {
  SupplierInitiative i;
  i.name = where.name;
  i.start = read_month(r, "start", where.horizon, 1);
  i.end = read_month(r, "end", where.horizon, where.horizon);
  i.meetings = r.number("meetings").value_or(1.0);
  if (i.meetings > max_meeting_rate)
    throw InvalidInput(r.where(), i.name + ": 'meetings' must be at most " +
                                      std::to_string(static_cast<int>(max_meeting_rate)) +
                                      " a month");
  i.visibility = r.number("visibility").value_or(1.0);
  if (const auto b = r.integer("budget", 0, 1000000000)) i.budget = *b;
  if (const auto c = r.integer("candidates", 1, 1000)) i.candidates = static_cast<std::size_t>(*c);
  i.buyers = read_selection(r, where.file, "buyers");
  i.suppliers = read_selection(r, where.file, "suppliers");
  if (i.end < i.start) throw InvalidInput(r.where(), i.name + ": end before start");
  r.finish();
  return i;
}

bool selects_anything(const Selection& s) {
  return !s.kinds.empty() || !s.sector.empty() || !s.theme.empty() || !s.municipality.empty();
}

/// Per buyer with demands, the suppliers the search ranks best for them (top `candidates` per
/// demand, the buyer's current suppliers left out, only `allowed` if given), merged by score.
std::vector<std::vector<std::uint32_t>> rank_suppliers(const supply::SupplierIndex& index,
                                                       std::vector<core::ActorId>& buyers,
                                                       const std::vector<core::ActorId>* allowed,
                                                       std::size_t candidates) {
  const auto& market = index.market();
  supply::SearchOptions options{.top_k = candidates, .exclude_current = true};
  if (allowed) {  // exact "best among the selection": every other supplier is excluded
    std::unordered_set<std::uint32_t> in(allowed->size());
    for (const auto a : *allowed) in.insert(a.value);
    for (const auto& o : market.offers())
      if (!in.count(o.supplier.value)) options.exclude.push_back(o.supplier);
    std::sort(options.exclude.begin(), options.exclude.end());
    options.exclude.erase(std::unique(options.exclude.begin(), options.exclude.end()),
                          options.exclude.end());
  }
  std::erase_if(buyers, [&](core::ActorId b) { return market.demands_of(b).empty(); });
  const auto found = supply::find_suppliers_many(index, buyers, options);
  std::vector<std::vector<std::uint32_t>> ranked(buyers.size());
  std::size_t b = 0;
  std::vector<std::pair<double, std::uint32_t>> merged;  // (-score, supplier)
  auto flush = [&] {
    std::sort(merged.begin(), merged.end());
    for (const auto& [score, s] : merged)
      if (std::find(ranked[b].begin(), ranked[b].end(), s) == ranked[b].end())
        ranked[b].push_back(s);
    merged.clear();
  };
  for (const auto& demand : found) {  // in buyer order, each buyer's demands in a row
    while (market.demands()[demand.demand].buyer != buyers[b]) {
      flush();
      ++b;
    }
    for (const auto& m : demand.top) merged.emplace_back(-m.score.total, m.supplier.value);
  }
  if (!buyers.empty()) flush();
  return ranked;
}

std::unique_ptr<const CompiledIntervention> compile(const Intervention& intervention,
                                                    CompileContext& ctx) {
  const auto& i = *intervention.spec_if<SupplierInitiative>();
  auto buyers = i.buyers;  // firms unless said otherwise
  if (buyers.kinds.empty()) buyers.kinds = {core::ActorKind::firm};
  Introductions who;
  who.buyers = ctx.select(buyers, {}, i.name);
  std::optional<std::vector<core::ActorId>> allowed;
  if (selects_anything(i.suppliers)) {
    auto suppliers = i.suppliers;
    if (suppliers.kinds.empty()) suppliers.kinds = {core::ActorKind::firm};
    allowed = ctx.select(suppliers, {}, i.name, SelectionRole::suppliers);
  }
  if (ctx.suppliers) {
    const auto selected = who.buyers.size();
    who.ranked =
        rank_suppliers(*ctx.suppliers, who.buyers, allowed ? &*allowed : nullptr, i.candidates);
    if (who.buyers.size() < selected)
      ctx.phase.notes.push_back(
          i.name + ": " + std::to_string(selected - who.buyers.size()) + " of " +
          std::to_string(selected) +
          (selected - who.buyers.size() == 1 ? " buyers has" : " buyers have") +
          " no demand in the supplier market and " +
          (selected - who.buyers.size() == 1 ? "takes" : "take") + " no part");
    std::size_t without = 0;
    for (const auto& r : who.ranked) without += r.empty() ? 1 : 0;
    if (without > 0)
      ctx.phase.notes.push_back(i.name + ": for " + std::to_string(without) +
                                (without == 1 ? " buyer" : " buyers") +
                                " no new regional supplier qualifies");
  } else {
    if (!allowed)
      throw InvalidInput(ctx.at, i.name +
                                     ": the database holds no supplier market (import one with "
                                     "`verbund import suppliers DIR`), so say who the suppliers "
                                     "are (suppliers.sector, ...)");
    who.pool = std::move(*allowed);
    ctx.phase.notes.push_back(i.name +
                              ": the database holds no supplier market; buyers meet suppliers "
                              "drawn at random from the selection");
  }
  ctx.phase.participants.insert(ctx.phase.participants.end(), who.buyers.begin(), who.buyers.end());
  if (who.buyers.empty() || (who.ranked.empty() && who.pool.empty()))
    ctx.phase.notes.push_back(i.name + ": no " + (who.buyers.empty() ? "buyer" : "supplier") +
                              " matches, so nobody meets");
  return std::make_unique<SupplierInitiativeUnit>(i, std::move(who), ctx.ordinal);
}

}  // namespace

const InterventionType supplier_initiative_type{"supplier_initiative", 4, read, compile};

}  // namespace verbund::sim::detail
