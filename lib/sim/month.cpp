// The model's monthly processes on one replicate: meetings, decay, firm demography, innovation.
#include "sim/month.hpp"

#include <algorithm>

#include "verbund/analysis/indicators.hpp"

namespace verbund::sim::detail {

using core::ActorId;

MonthContext::MonthContext(const Model::Impl& model, std::size_t replicate)
    : model_(&model), replicate_(replicate), net_(*model.region, model.year) {}

MonthContext::MonthContext(const Model::Impl& model, const ReplicateState& state)
    : model_(&model),
      replicate_(state.replicate),
      net_(*model.region, state.ties),
      month_(model.resume ? model.resume->month : 0),
      innovations_(state.innovations) {
  for (const auto v : state.closed) net_.close(v);
}

core::TieKind MonthContext::new_tie_kind(ActorId a, ActorId b) const {
  const auto& r = region();
  const bool fa = r.kind(a) == core::ActorKind::firm, fb = r.kind(b) == core::ActorKind::firm;
  const bool sa = core::is_science(r.kind(a)), sb = core::is_science(r.kind(b));
  if ((fa && sb) || (sa && fb)) {
    const auto firm = fa ? a : b;
    const auto size = r.size_class(firm);
    return size && (*size == core::FirmSize::micro || *size == core::FirmSize::small)
               ? core::TieKind::transfer
               : core::TieKind::research;
  }
  if (sa && sb) return core::TieKind::research;
  return core::TieKind::informal;
}

bool MonthContext::meet(std::uint32_t a, std::uint32_t b, core::RandomStream& rng, bool focus,
                        double bonus, std::optional<core::TieKind> kind) {
  if (a == b || !net_.is_open(a) || !net_.is_open(b)) return false;  // closed firms meet nobody
  if (net_.connected(a, b)) {  // cheaper than the tie lookup, which only a renewal needs
    net_.tie(a, b)->strength = 1.0;
    return false;
  }
  const bool forms = phase_->formation->forms(
      net_, a, b, focus, [&] { return share_group(a, b); }, bonus, rng.uniform());
  return forms && net_.connect(a, b, kind.value_or(new_tie_kind(ActorId{a}, ActorId{b})));
}

inline void MonthContext::meetings(std::uint32_t a) {
  if (!net_.is_open(a)) return;
  const auto& cumulative = phase_->meeting_cumulative;
  const double total = cumulative.back();
  auto rng = stream(a, purpose(Purpose::meeting));
  for (auto k = rng.poisson(total, phase_->exp_minus_meeting_rate); k > 0; --k) {
    const double u = rng.uniform() * total;
    if (u < cumulative[0]) {
      meet_partners_partner(a, rng);
    } else if (u < cumulative[1]) {
      meet_co_member(a, rng);
    } else if (u < cumulative[2]) {
      if (const auto m = region().municipality(ActorId{a})) {  // someone in the same place
        const auto local = region().actors_in(*m);
        meet(a, local[rng.below(local.size())].value, rng, false);
      }
    } else {  // a stranger
      meet(a, static_cast<std::uint32_t>(rng.below(net_.size())), rng, false);
    }
  }
}

/// Triadic closure: a partner's partner.
inline void MonthContext::meet_partners_partner(std::uint32_t a, core::RandomStream& rng) {
  const auto mine = net_.neighbours(a);
  if (mine.empty()) return;
  const auto theirs = net_.neighbours(mine[rng.below(mine.size())]);
  meet(a, theirs[rng.below(theirs.size())], rng, false);
}

/// Shared focus: a co-member of one of a's groups (static memberships, active working groups).
inline void MonthContext::meet_co_member(std::uint32_t a, core::RandomStream& rng) {
  const auto& r = region();
  const auto& phase = *phase_;
  const auto groups = r.groups_of(ActorId{a});
  std::size_t active = 0;
  for (const auto g : phase.group_of[a]) active += phase.groups[g].active(month_) ? 1 : 0;
  if (groups.empty() && active == 0) return;
  auto pick = rng.below(groups.size() + active);
  if (pick < groups.size()) {
    const auto members = r.members_of(groups[pick]);
    meet(a, members[rng.below(members.size())].value, rng, true);
    return;
  }
  pick -= groups.size();
  for (const auto g : phase.group_of[a]) {
    if (!phase.groups[g].active(month_) || pick-- != 0) continue;
    const auto& members = phase.groups[g].members;
    meet(a, members[rng.below(members.size())].value, rng, true);
    return;
  }
}

bool MonthContext::own_dynamics(const std::atomic<bool>* cancel) {
  constexpr std::uint32_t look_every = 4096;  // actors between looks at the cancel flag
  const auto actors = static_cast<std::uint32_t>(net_.size());
  for (std::uint32_t a = 0; a < actors; ++a) {
    if (cancel && a % look_every == 0 && cancel->load(std::memory_order_relaxed)) return false;
    meetings(a);
  }
  decay();
  demography();
  innovate();
  return true;
}

void MonthContext::cut(std::uint32_t a, std::uint32_t b) {
  censor(*net_.tie(a, b));
  net_.disconnect(a, b);
}

void MonthContext::close_firm(std::uint32_t firm) {
  for (const auto b : net_.neighbours(firm)) censor(*net_.tie(firm, b));
  net_.close(firm);
}

/// A tie cut short by a shock or a closure: its months so far count as exposure without an
/// ending in the duration statistics (projects, which end by plan, are not in them).
void MonthContext::censor(const SimTie& t) {
  if (at_risk(t)) ended_months_ += static_cast<std::uint64_t>(std::max(0, month_ - t.created));
}

void MonthContext::end_tie(const SimTie& t) {
  if (t.ends >= 0) {  // projects end by plan, not by chance: not in the duration statistics
    net_.disconnect(t.a, t.b);
    return;
  }
  ++ended_;
  ended_months_ += static_cast<std::uint64_t>(std::max(0, month_ - t.created));
  net_.disconnect(t.a, t.b);
}

void MonthContext::decay() {
  const auto& m = phase_->model;
  auto& ties = net_.ties();
  const std::size_t count = ties.size();
  auto rng = stream(whole_network, purpose(Purpose::decay));
  for (std::size_t i = 0; i < count; ++i) {
    auto& t = ties[i];
    if (!t.alive) continue;
    if (t.ends >= 0) {
      if (month_ >= t.ends) end_tie(t);
      continue;
    }
    // A supply relation is renewed by its deliveries every month: it neither fades nor ends
    // by chance; a closure, a shock or a programme ends it. Without this the region's supply
    // ties would die out at end_probability and nothing in the model would replace them.
    if (t.delivers != 0) continue;
    if (m.end_probability > 0.0 && t.created < month_ && rng.bernoulli(m.end_probability)) {
      end_tie(t);
      continue;
    }
    t.strength *= 1.0 - m.decay;
    if (t.strength < m.end_threshold) end_tie(t);
  }
  if (ties.size() > 2 * net_.edges() + 1024) net_.compact();
}

/// Firm exit and entry: operating firms close, closed places are taken by start-ups; one stream
/// per month, firms in order.
void MonthContext::demography() {
  const auto& m = phase_->model;
  if (m.firm_exit <= 0.0 && m.firm_entry <= 0.0) return;
  auto rng = stream(whole_network, purpose(Purpose::demography));
  for (const auto f : region().actors_of_kind(core::ActorKind::firm)) {
    if (net_.is_open(f.value)) {
      if (rng.bernoulli(m.firm_exit)) close_firm(f.value);
    } else if (rng.bernoulli(m.firm_entry)) {
      net_.reopen(f.value);
    }
  }
}

/// Each firm innovates with the logistic chance of its embeddedness; the month's draws come from
/// one stream, taken in firm order.
void MonthContext::innovate() {
  const auto& chance = phase_->innovation_chance;
  auto rng = stream(whole_network, purpose(Purpose::innovation));
  for (const auto f : region().actors_of_kind(core::ActorKind::firm)) {
    if (!net_.is_open(f.value)) continue;
    const auto& row = chance[net_.has_science_partner(f.value) ? 1 : 0];
    if (rng.uniform() < row[net_.partner_kinds(f.value)]) ++innovations_;
  }
}

/// The headline indicators by their one definition (analysis/indicators.hpp), from the counts
/// the network keeps; the others from its triangle and triple counts.
Indicators MonthContext::indicators() const {
  Indicators i;
  const double n = static_cast<double>(net_.operating());
  const double e = static_cast<double>(net_.edges());
  i.ties = e;
  i.density = analysis::density(net_.operating(), net_.edges());
  i.mean_degree = n > 0 ? 2.0 * e / n : 0.0;
  i.transitivity = net_.connected_triples() > 0
                       ? 3.0 * static_cast<double>(net_.triangles()) / net_.connected_triples()
                       : 0.0;
  if (model_->giant_share)
    i.giant_share = analysis::giant_component_share(net_.giant_size(), net_.operating());
  i.science_share = analysis::science_share(net_.firms_with_science(), net_.firms());
  i.cross_municipal_share =
      analysis::cross_municipal_share(net_.cross_municipal_edges(), net_.located_edges());
  i.innovations = static_cast<double>(innovations_);
  i.firms = static_cast<double>(net_.firms());
  if (model_->participants) {
    // The operating participants against the other operating actors: sums over the
    // participants, the rest from the network's totals.
    double actors = 0.0, degrees = 0.0, firms = 0.0, science = 0.0;
    for (const auto a : model_->participant_ids) {
      if (!net_.is_open(a)) continue;
      actors += 1.0;
      degrees += static_cast<double>(net_.neighbours(a).size());
      if (region().kind(ActorId{a}) == core::ActorKind::firm) {
        firms += 1.0;
        science += net_.has_science_partner(a) ? 1.0 : 0.0;
      }
    }
    const double other_actors = n - actors;
    const double other_firms = static_cast<double>(net_.firms()) - firms;
    const double other_science = static_cast<double>(net_.firms_with_science()) - science;
    i.participants_mean_degree = actors > 0 ? degrees / actors : 0.0;
    i.others_mean_degree = other_actors > 0 ? (2.0 * e - degrees) / other_actors : 0.0;
    i.participants_science_share = firms > 0 ? science / firms : 0.0;
    i.others_science_share = other_firms > 0 ? other_science / other_firms : 0.0;
  }
  if (model_->supply) {
    // Month 0 is measured before any phase is entered: the first phase's parameters apply.
    const auto& params = phase_ ? phase_->model : model_->phase_of(1).model;
    const auto changes = net_.supply_changes();
    // A fork's phase may change the share: measured values are kept only within a phase.
    if (!supply_measured_ || supply_measured_->first != changes ||
        supply_share_ != params.new_supplier_share) {
      supply_measured_.emplace(
          changes, model_->supply->measure(net_, params.new_supplier_share, supply_scratch_));
      supply_share_ = params.new_supplier_share;
    }
    const auto& s = supply_measured_->second;
    i.regional_sourcing_share = s.regional_sourcing_share;
    i.buyers_dual_sourced = s.buyers_dual_sourced;
  }
  return i;
}

TieEndings MonthContext::tie_endings() const {
  TieEndings out{ended_, ended_months_};
  for (const auto& t : net_.ties())  // ties still open: exposure so far, no ending
    if (t.alive && at_risk(t))
      out.months_at_risk += static_cast<std::uint64_t>(std::max(0, month_ - t.created));
  return out;
}

}  // namespace verbund::sim::detail
