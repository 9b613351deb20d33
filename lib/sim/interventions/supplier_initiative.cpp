// A supplier initiative: from `start` to `end`, each targeted buyer meets regional suppliers
// (Poisson, `meetings` a month on average) with `visibility` added to the log-odds of a tie;
// ties formed are supply ties.
#include "sim/interventions/intervention.hpp"
#include "sim/interventions/toml_fields.hpp"
#include "sim/month.hpp"

namespace verbund::sim::detail {

namespace {

class SupplierInitiativeUnit final : public CompiledIntervention {
 public:
  SupplierInitiativeUnit(const SupplierInitiative& spec, std::vector<core::ActorId> buyers,
                         std::vector<core::ActorId> suppliers, std::uint32_t ordinal)
      : spec_(spec),
        buyers_(std::move(buyers)),
        suppliers_(std::move(suppliers)),
        ordinal_(ordinal) {}

  [[nodiscard]] std::unique_ptr<InterventionState> start() const override {
    return std::make_unique<Budget>(spec_.budget);
  }

  void apply(MonthContext& month, InterventionState* state) const override {
    const int m = month.month();
    if (m < spec_.start || m > spec_.end || suppliers_.empty()) return;
    auto& budget = static_cast<Budget&>(*state);
    for (const auto buyer : buyers_) {
      auto rng = month.stream(buyer.value, purpose(Purpose::supplier, ordinal_));
      for (auto k = rng.poisson(spec_.meetings); k > 0; --k) {
        if (!budget.take()) return;
        const auto supplier = suppliers_[rng.below(suppliers_.size())];
        month.meet(buyer.value, supplier.value, rng, false, spec_.visibility,
                   core::TieKind::supply);
      }
    }
  }

 private:
  SupplierInitiative spec_;
  std::vector<core::ActorId> buyers_, suppliers_;
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
  i.buyers = read_selection(r, where.file, "buyers");
  i.suppliers = read_selection(r, where.file, "suppliers");
  if (i.end < i.start) throw InvalidInput(r.where(), i.name + ": end before start");
  if (i.suppliers.kinds.empty() && i.suppliers.sector.empty() && i.suppliers.theme.empty() &&
      i.suppliers.municipality.empty())
    throw InvalidInput(r.where(), i.name + ": say who the suppliers are (suppliers.sector, ...)");
  r.finish();
  return i;
}

std::unique_ptr<const CompiledIntervention> compile(const Intervention& intervention,
                                                    CompileContext& ctx) {
  const auto& i = *intervention.spec_if<SupplierInitiative>();
  auto buyers = i.buyers, suppliers = i.suppliers;  // firms unless said otherwise
  if (buyers.kinds.empty()) buyers.kinds = {core::ActorKind::firm};
  if (suppliers.kinds.empty()) suppliers.kinds = {core::ActorKind::firm};
  auto buyer_ids = ctx.select(buyers, {}, i.name);
  auto supplier_ids = ctx.select(suppliers, {}, i.name, SelectionRole::suppliers);
  if (buyer_ids.empty() || supplier_ids.empty())
    ctx.phase.notes.push_back(i.name + ": no " + (buyer_ids.empty() ? "buyer" : "supplier") +
                              " matches, so nobody meets");
  return std::make_unique<SupplierInitiativeUnit>(i, std::move(buyer_ids), std::move(supplier_ids),
                                                  ctx.ordinal);
}

}  // namespace

const InterventionType supplier_initiative_type{"supplier_initiative", 4, read, compile};

}  // namespace verbund::sim::detail
