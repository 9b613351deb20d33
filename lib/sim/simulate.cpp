// The monthly dynamics of one replicate, and replicates in parallel.
#include "verbund/sim/simulate.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <numeric>
#include <set>

#include <tbb/parallel_for.h>

#include "sim/formation.hpp"
#include "verbund/core/geo.hpp"
#include "verbund/core/random.hpp"
#include "verbund/error.hpp"
#include "verbund/match/consortium.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/sim/network.hpp"

namespace verbund::sim {

using core::ActorId;

std::array<double, indicator_count> values(const Indicators& i) {
  return {i.density,     i.mean_degree,   i.transitivity,
          i.giant_share, i.science_share, i.cross_municipal_share,
          i.innovations, i.ties,          i.firms};
}

namespace {

// Purposes of random streams.
constexpr std::uint32_t meeting_draws = 1, session_draws = 2, innovation_draws = 3, shock_draws = 4,
                        selection_draws = 5, office_draws = 6, event_draws = 7, decay_draws = 9,
                        supplier_draws = 8, demography_draws = 10;

/// The stream of (replicate, month, actor): identical across scenarios run with one seed.
std::uint64_t stream_of(std::size_t replicate, int month, std::uint32_t actor) {
  return (static_cast<std::uint64_t>(replicate) << 44U) ^
         (static_cast<std::uint64_t>(month) << 32U) ^ actor;
}

/// Actors matching a selection, ascending; `size` of them drawn at random (fixed by the seed, the
/// same in every replicate).
std::vector<ActorId> resolve(const core::Region& r, const Selection& s,
                             const std::vector<std::string>& listed, std::uint64_t seed,
                             std::size_t index, const std::string& where) {
  std::vector<ActorId> out;
  for (const auto& id : listed) {
    const auto a = r.find(id);
    if (!a) throw InvalidInput(where + ": unknown actor '" + id + "'");
    out.push_back(*a);
  }
  if (!listed.empty()) return out;
  std::optional<core::MunicipalityId> place;
  if (!s.municipality.empty()) {
    place = r.find_municipality(s.municipality);
    if (!place) throw InvalidInput(where + ": unknown municipality '" + s.municipality + "'");
  }
  std::optional<core::ThemeId> theme;
  if (!s.theme.empty()) {
    theme = r.taxonomy().find_theme(s.theme);
    if (!theme) throw InvalidInput(where + ": unknown theme '" + s.theme + "'");
  }
  for (std::uint32_t v = 0; v < r.size(); ++v) {
    const ActorId a{v};
    if (!s.kinds.empty() && std::find(s.kinds.begin(), s.kinds.end(), r.kind(a)) == s.kinds.end())
      continue;
    if (place && r.municipality(a) != place) continue;
    if (!s.sector.empty() && r.sector(a).substr(0, s.sector.size()) != s.sector) continue;
    if (theme) {
      const auto offers = r.offers(a);
      if (std::none_of(offers.begin(), offers.end(), [&](const auto& o) {
            return r.taxonomy().competence(o.competence).theme == *theme;
          }))
        continue;
    }
    out.push_back(a);
  }
  if (s.size > 0 && out.size() > s.size) {
    core::RandomStream rng(seed, index, selection_draws);
    for (std::size_t i = 0; i < s.size; ++i) std::swap(out[i], out[i + rng.below(out.size() - i)]);
    out.resize(s.size);
    std::sort(out.begin(), out.end());
  }
  return out;
}

struct Group {
  const WorkingGroup* spec;
  std::vector<ActorId> members;
};

/// Static facts of the region the dynamics read.
struct Context {
  const core::Region& region;
  const Scenario& scenario;
  std::uint64_t seed;
  std::optional<int> year;
  std::unique_ptr<Formation> formation{};      // the tie-formation effects and per-actor facts
  std::array<double, 4> meeting_cumulative{};  // running sums of the four mechanisms' rates
  double exp_minus_meeting_rate = 1.0;         // e^-(sum of the rates)
  // A firm's monthly chance to innovate by [has a science partner][distinct partner kinds].
  std::array<std::array<double, core::all_actor_kinds.size() + 1>, 2> innovation_chance{};
  std::vector<Group> groups{};
  std::vector<std::pair<const Shock*, std::vector<ActorId>>> shocks{};
  std::vector<std::vector<std::uint32_t>> group_of{};  // per actor: working groups it is in
  struct Office {
    const TransferOffice* spec;
    std::vector<ActorId> firms;  // served firms with needs
  };
  std::vector<Office> offices{};
  struct Event {
    const MatchmakingEvent* spec;
    std::vector<ActorId> firms;                  // participating firms with needs
    std::vector<std::vector<ActorId>> partners;  // per firm: whom it meets, best first
  };
  std::vector<Event> events{};
  struct Funded {
    const FundingCall* spec;
    std::vector<std::vector<ActorId>> consortia;
  };
  std::vector<Funded> funded{};
  struct Suppliers {
    const SupplierInitiative* spec;
    std::vector<ActorId> buyers, suppliers;
  };
  std::vector<Suppliers> supplier_initiatives{};
  std::unique_ptr<match::TransferScorer> scorer{};  // on the starting region, if needed
};

core::TieKind kind_of_new_tie(const core::Region& r, ActorId a, ActorId b) {
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

class Replicate {
 public:
  Replicate(const Context& ctx, std::size_t id) : ctx_(&ctx), id_(id), net_(ctx.region, ctx.year) {}
  /// Continues a replicate saved in a checkpoint.
  Replicate(const Context& ctx, const ReplicateState& state)
      : ctx_(&ctx),
        id_(state.replicate),
        net_(ctx.region, state.ties),
        innovations_(state.innovations) {
    for (const auto v : state.closed) net_.close(v);
  }

  /// How a run goes: where it starts, where it switches scenario (a fork), where it saves.
  struct Plan {
    const Context* later = nullptr;
    int switch_after = 0;
    int first_month = 1;
    std::vector<Indicators> prefix;  // the months before first_month, from a checkpoint
    std::optional<int> capture_at;
    ReplicateState* capture = nullptr;
  };

  std::vector<Indicators> run(const std::atomic<bool>* cancel, bool& stopped, Plan plan) {
    return run_months(cancel, stopped, plan.later, plan.switch_after, plan.first_month,
                      std::move(plan.prefix), plan.capture_at, plan.capture);
  }

  /// Months 1..horizon; with `later`, months after `switch_after` run under its scenario
  /// (a fork from this replicate's state at that month).
  std::vector<Indicators> run_months(const std::atomic<bool>* cancel, bool& stopped,
                                     const Context* later, int switch_after, int first_month,
                                     std::vector<Indicators> series, std::optional<int> capture_at,
                                     ReplicateState* capture) {
    if (series.empty()) series.push_back(indicators());
    std::vector<long> budget, office_budget, supplier_budget;
    auto reset_budgets = [&] {
      budget.clear();
      office_budget.clear();
      supplier_budget.clear();
      for (const auto& i : ctx_->supplier_initiatives)
        supplier_budget.push_back(i.spec->budget.value_or(-1));
      for (const auto& g : ctx_->groups) budget.push_back(g.spec->budget.value_or(-1));
      for (const auto& o : ctx_->offices) office_budget.push_back(o.spec->budget.value_or(-1));
    };
    reset_budgets();
    const int horizon = later ? later->scenario.horizon : ctx_->scenario.horizon;
    for (int month = first_month; month <= horizon; ++month) {
      if (cancel && cancel->load(std::memory_order_relaxed)) {
        stopped = true;
        return series;
      }
      net_.set_month(month);
      if (later && month == switch_after + 1) {
        ctx_ = later;
        reset_budgets();
      }
      for (const auto& [spec, targets] : ctx_->shocks) {
        if (spec->at == month) apply_shock(*spec, targets, month);
      }
      for (std::size_t g = 0; g < ctx_->groups.size(); ++g) session(g, month, budget[g]);
      for (std::size_t o = 0; o < ctx_->offices.size(); ++o) introduce(o, month, office_budget[o]);
      for (const auto& f : ctx_->funded)
        if (f.spec->at == month) fund(f, month);
      for (std::size_t i = 0; i < ctx_->supplier_initiatives.size(); ++i)
        supply_meetings(i, month, supplier_budget[i]);
      for (std::size_t e = 0; e < ctx_->events.size(); ++e)
        if (ctx_->events[e].spec->at == month) matchmaking(e, month);
      for (std::uint32_t a = 0; a < net_.size(); ++a) meetings(a, month);
      decay(month);
      demography(month);
      innovate(month);
      series.push_back(indicators());
      if (capture && capture_at == month) save(*capture, series);
    }
    if (capture && capture_at == 0) save(*capture, {series.front()});
    for (const auto& t : net_.ties())  // ties still open at the horizon: exposure, no ending
      if (t.alive && t.ends < 0)
        ended_months_ += static_cast<std::uint64_t>(std::max(0, horizon - t.created));
    return series;
  }

  void save(ReplicateState& state, const std::vector<Indicators>& series) {
    state.replicate = id_;
    state.ties.clear();
    for (const auto& t : net_.ties())
      if (t.alive) state.ties.push_back(t);
    state.closed.clear();
    for (std::uint32_t v = 0; v < net_.size(); ++v)
      if (!net_.is_open(v)) state.closed.push_back(v);
    state.innovations = innovations_;
    state.series = series;
  }

 private:
  bool in_active_group(std::uint32_t a, std::uint32_t b, int month) const {
    for (const auto g : ctx_->group_of[a]) {
      const auto& group = ctx_->groups[g];
      if (month < group.spec->start || month > group.spec->end) continue;
      const auto& m = group.members;
      if (std::binary_search(m.begin(), m.end(), ActorId{b})) return true;
    }
    return false;
  }

  bool share_group(std::uint32_t a, std::uint32_t b, int month) const {
    return ctx_->formation->share_static_group(a, b) || in_active_group(a, b, month);
  }

  /// a meets b: an existing tie is renewed, otherwise one forms with the model's probability.
  void meet(std::uint32_t a, std::uint32_t b, int month, core::RandomStream& rng, bool focus,
            double bonus = 0.0, std::optional<core::TieKind> kind = std::nullopt) {
    if (a == b || !net_.is_open(a) || !net_.is_open(b)) return;  // closed firms meet nobody
    if (net_.connected(a, b)) {  // cheaper than the tie lookup, which only a renewal needs
      net_.tie(a, b)->strength = 1.0;
      return;
    }
    const bool forms = ctx_->formation->forms(
        net_, a, b, focus, [&] { return share_group(a, b, month); }, bonus, rng.uniform());
    if (forms)
      net_.connect(a, b, kind.value_or(kind_of_new_tie(ctx_->region, ActorId{a}, ActorId{b})));
  }

  /// a's own meetings this month: one Poisson count over all mechanisms, each meeting's
  /// mechanism drawn in proportion to its rate (the same law as four independent counts).
  void meetings(std::uint32_t a, int month) {
    if (!net_.is_open(a)) return;
    const auto& cumulative = ctx_->meeting_cumulative;
    const double total = cumulative.back();
    core::RandomStream rng(ctx_->seed, stream_of(id_, month, a), meeting_draws);
    for (auto k = rng.poisson(total, ctx_->exp_minus_meeting_rate); k > 0; --k) {
      const double u = rng.uniform() * total;
      if (u < cumulative[0]) {
        meet_partners_partner(a, month, rng);
      } else if (u < cumulative[1]) {
        meet_co_member(a, month, rng);
      } else if (u < cumulative[2]) {
        if (const auto m = ctx_->region.municipality(ActorId{a})) {  // someone in the same place
          const auto local = ctx_->region.actors_in(*m);
          meet(a, local[rng.below(local.size())].value, month, rng, false);
        }
      } else {  // a stranger
        meet(a, static_cast<std::uint32_t>(rng.below(net_.size())), month, rng, false);
      }
    }
  }

  /// Triadic closure: a partner's partner.
  void meet_partners_partner(std::uint32_t a, int month, core::RandomStream& rng) {
    const auto mine = net_.neighbours(a);
    if (mine.empty()) return;
    const auto theirs = net_.neighbours(mine[rng.below(mine.size())]);
    meet(a, theirs[rng.below(theirs.size())], month, rng, false);
  }

  /// Shared focus: a co-member of one of a's groups (static memberships, active working groups).
  void meet_co_member(std::uint32_t a, int month, core::RandomStream& rng) {
    const auto& r = ctx_->region;
    const auto groups = r.groups_of(ActorId{a});
    std::size_t active = 0;
    for (const auto g : ctx_->group_of[a]) active += working_group_active(g, month) ? 1 : 0;
    if (groups.empty() && active == 0) return;
    auto pick = rng.below(groups.size() + active);
    if (pick < groups.size()) {
      const auto members = r.members_of(groups[pick]);
      meet(a, members[rng.below(members.size())].value, month, rng, true);
      return;
    }
    pick -= groups.size();
    for (const auto g : ctx_->group_of[a]) {
      if (!working_group_active(g, month) || pick-- != 0) continue;
      const auto& members = ctx_->groups[g].members;
      meet(a, members[rng.below(members.size())].value, month, rng, true);
      return;
    }
  }

  bool working_group_active(std::uint32_t g, int month) const {
    const auto& spec = *ctx_->groups[g].spec;
    return month >= spec.start && month <= spec.end;
  }

  void session(std::size_t g, int month, long& budget) {
    const auto& group = ctx_->groups[g];
    const auto& spec = *group.spec;
    if (month < spec.start || month > spec.end || (month - spec.start) % spec.every != 0) return;
    if (group.members.size() < 2) return;
    for (const auto member : group.members) {
      core::RandomStream rng(ctx_->seed, stream_of(id_, month, member.value),
                             session_draws + 16 * static_cast<std::uint32_t>(g));
      for (int k = 0; k < spec.meetings; ++k) {
        if (budget == 0) return;
        if (budget > 0) --budget;
        const auto other = group.members[rng.below(group.members.size())];
        meet(member.value, other.value, month, rng, true);
      }
    }
  }

  /// A transfer office's month: introductions of firms without a science tie to their best
  /// untied research partner; a share converts into ties.
  void introduce(std::size_t o, int month, long& budget) {
    const auto& office = ctx_->offices[o];
    const auto& spec = *office.spec;
    if (month < spec.start || month > spec.end) return;
    std::vector<ActorId> waiting;
    for (const auto f : office.firms)
      if (net_.is_open(f.value) && !net_.has_science_partner(f.value)) waiting.push_back(f);
    core::RandomStream rng(ctx_->seed, stream_of(id_, month, static_cast<std::uint32_t>(o)),
                           office_draws);
    const auto count =
        std::min<std::size_t>(static_cast<std::size_t>(spec.introductions), waiting.size());
    for (std::size_t i = 0; i < count; ++i) {
      std::swap(waiting[i], waiting[i + rng.below(waiting.size() - i)]);
      if (budget == 0) return;
      if (budget > 0) --budget;
      const auto firm = waiting[i];
      for (const auto& rec : match::recommend(*ctx_->scorer, firm, ctx_->region.needs(firm), 5)) {
        if (net_.connected(firm.value, rec.candidate.value)) continue;
        if (rng.bernoulli(spec.conversion))
          net_.connect(firm.value, rec.candidate.value,
                       kind_of_new_tie(ctx_->region, firm, rec.candidate));
        break;
      }
    }
  }

  /// A funded call: every pair of each consortium works together until the project ends.
  void fund(const Context::Funded& f, int month) {
    const int ends = month + f.spec->duration;
    for (const auto& members : f.consortia) {
      for (std::size_t i = 0; i < members.size(); ++i) {
        for (std::size_t j = i + 1; j < members.size(); ++j) {
          const auto a = members[i].value, b = members[j].value;
          if (auto* t = net_.tie(a, b)) {
            t->strength = 1.0;  // an existing tie is renewed and stays as it was
          } else {
            net_.connect(a, b, core::TieKind::project, ends);
          }
        }
      }
    }
  }

  /// A supplier initiative's month: targeted buyers meet regional suppliers.
  void supply_meetings(std::size_t i, int month, long& budget) {
    const auto& s = ctx_->supplier_initiatives[i];
    if (month < s.spec->start || month > s.spec->end || s.suppliers.empty()) return;
    for (const auto buyer : s.buyers) {
      core::RandomStream rng(ctx_->seed, stream_of(id_, month, buyer.value),
                             supplier_draws + 16 * static_cast<std::uint32_t>(i));
      for (auto k = rng.poisson(s.spec->meetings); k > 0; --k) {
        if (budget == 0) return;
        if (budget > 0) --budget;
        const auto supplier = s.suppliers[rng.below(s.suppliers.size())];
        meet(buyer.value, supplier.value, month, rng, false, s.spec->visibility,
             core::TieKind::supply);
      }
    }
  }

  /// A matchmaking day: each participating firm meets its planned partners.
  void matchmaking(std::size_t e, int month) {
    const auto& event = ctx_->events[e];
    for (std::size_t i = 0; i < event.firms.size(); ++i) {
      const auto firm = event.firms[i];
      core::RandomStream rng(ctx_->seed, stream_of(id_, month, firm.value),
                             event_draws + 16 * static_cast<std::uint32_t>(e));
      for (const auto partner : event.partners[i]) {
        if (net_.connected(firm.value, partner.value)) {
          net_.tie(firm.value, partner.value)->strength = 1.0;
        } else if (rng.bernoulli(event.spec->conversion)) {
          net_.connect(firm.value, partner.value, kind_of_new_tie(ctx_->region, firm, partner));
        }
      }
    }
  }

  /// A shock: each targeted actor loses each tie with the remove share, and a targeted firm
  /// closes with the close share.
  void apply_shock(const Shock& spec, const std::vector<ActorId>& targets, int month) {
    for (const auto a : targets) {
      core::RandomStream rng(ctx_->seed, stream_of(id_, month, a.value), shock_draws);
      const std::vector<std::uint32_t> partners(net_.neighbours(a.value).begin(),
                                                net_.neighbours(a.value).end());
      for (const auto b : partners) {
        if (!rng.bernoulli(spec.remove_share)) continue;
        censor(*net_.tie(a.value, b), month);
        net_.disconnect(a.value, b);
      }
      if (spec.close_share > 0.0 && ctx_->region.kind(a) == core::ActorKind::firm &&
          rng.bernoulli(spec.close_share))
        close_firm(a.value, month);
    }
  }

  /// Firm exit and entry: operating firms close, closed places are taken by start-ups; one
  /// stream per month, firms in order.
  void demography(int month) {
    const auto& m = ctx_->scenario.model;
    if (m.firm_exit <= 0.0 && m.firm_entry <= 0.0) return;
    core::RandomStream rng(ctx_->seed, stream_of(id_, month, UINT32_MAX), demography_draws);
    for (const auto f : ctx_->region.actors_of_kind(core::ActorKind::firm)) {
      if (net_.is_open(f.value)) {
        if (rng.bernoulli(m.firm_exit)) close_firm(f.value, month);
      } else if (rng.bernoulli(m.firm_entry)) {
        net_.reopen(f.value);
      }
    }
  }

  void close_firm(std::uint32_t firm, int month) {
    for (const auto b : net_.neighbours(firm)) censor(*net_.tie(firm, b), month);
    net_.close(firm);
  }

  /// A tie cut short by a shock or a closure: its months so far count as exposure without an
  /// ending in the duration statistics (projects, which end by plan, are not in them).
  void censor(const SimTie& t, int month) {
    if (t.ends < 0) ended_months_ += static_cast<std::uint64_t>(std::max(0, month - t.created));
  }

  void end_tie(const SimTie& t, int month) {
    if (t.ends >= 0) {  // projects end by plan, not by chance: not in the duration statistics
      net_.disconnect(t.a, t.b);
      return;
    }
    ++ended_;
    ended_months_ += static_cast<std::uint64_t>(std::max(0, month - t.created));
    net_.disconnect(t.a, t.b);
  }

  void decay(int month) {
    const auto& m = ctx_->scenario.model;
    auto& ties = net_.ties();
    const std::size_t count = ties.size();
    core::RandomStream rng(ctx_->seed, stream_of(id_, month, UINT32_MAX), decay_draws);
    for (std::size_t i = 0; i < count; ++i) {
      auto& t = ties[i];
      if (!t.alive) continue;
      if (t.ends >= 0) {
        if (month >= t.ends) end_tie(t, month);
        continue;
      }
      if (m.end_probability > 0.0 && t.created < month && rng.bernoulli(m.end_probability)) {
        end_tie(t, month);
        continue;
      }
      t.strength *= 1.0 - m.decay;
      if (t.strength < m.end_threshold) end_tie(t, month);
    }
    if (ties.size() > 2 * net_.edges() + 1024) net_.compact();
  }

  /// Each firm innovates with the logistic chance of its embeddedness; the month's draws come
  /// from one stream, taken in firm order.
  void innovate(int month) {
    const auto& chance = ctx_->innovation_chance;
    core::RandomStream rng(ctx_->seed, stream_of(id_, month, UINT32_MAX), innovation_draws);
    for (const auto f : ctx_->region.actors_of_kind(core::ActorKind::firm)) {
      if (!net_.is_open(f.value)) continue;
      const auto& row = chance[net_.has_science_partner(f.value) ? 1 : 0];
      if (rng.uniform() < row[net_.partner_kinds(f.value)]) ++innovations_;
    }
  }

  Indicators indicators() const {
    Indicators i;
    const double n = static_cast<double>(net_.operating());
    const double e = static_cast<double>(net_.edges());
    i.ties = e;
    i.density = n > 1 ? e / (n * (n - 1) / 2.0) : 0.0;
    i.mean_degree = n > 0 ? 2.0 * e / n : 0.0;
    i.transitivity = net_.connected_triples() > 0
                         ? 3.0 * static_cast<double>(net_.triangles()) / net_.connected_triples()
                         : 0.0;
    i.giant_share = net_.giant_share();
    i.science_share = net_.firms() > 0 ? static_cast<double>(net_.firms_with_science()) /
                                             static_cast<double>(net_.firms())
                                       : 0.0;
    i.cross_municipal_share = net_.located_edges() > 0
                                  ? static_cast<double>(net_.cross_municipal_edges()) /
                                        static_cast<double>(net_.located_edges())
                                  : 0.0;
    i.innovations = static_cast<double>(innovations_);
    i.firms = static_cast<double>(net_.firms());
    return i;
  }

  const Context* ctx_;  // the phase running: a fork switches it at the fork month
  std::size_t id_;
  Network net_;
  std::uint64_t innovations_ = 0;

 public:
  std::uint64_t ended_ = 0, ended_months_ = 0;
};

/// Transfer offices and matchmaking days: resolve who they serve, and for a day plan every
/// firm's meetings with the transfer matchmaking engine on the starting region.
void add_matchmaking(Context& ctx, const Intervention& intervention, std::size_t k,
                     std::uint64_t seed, const std::string& where) {
  const auto& region = ctx.region;
  if (!ctx.scorer)
    ctx.scorer = std::make_unique<match::TransferScorer>(region, match::ScoreWeights{});
  auto with_needs = [&](std::vector<ActorId> actors) {
    std::erase_if(actors, [&](ActorId a) {
      return region.kind(a) != core::ActorKind::firm || region.needs(a).empty();
    });
    return actors;
  };
  if (const auto* f = std::get_if<FundingCall>(&intervention)) {
    const auto call = match::load_call(f->call);
    match::check_call_against(call, region);
    const auto result = match::build_consortia(
        *ctx.scorer, call, {.top = static_cast<std::size_t>(f->consortia), .seed = seed});
    Context::Funded funded{f, {}};
    for (const auto& c : result.consortia) funded.consortia.push_back(c.members);
    ctx.funded.push_back(std::move(funded));
    return;
  }
  if (const auto* t = std::get_if<TransferOffice>(&intervention)) {
    auto select = t->select;
    if (select.kinds.empty()) select.kinds = {core::ActorKind::firm};
    ctx.offices.push_back(
        {t, with_needs(resolve(region, select, {}, seed, k, where + ": " + t->name))});
    return;
  }
  const auto& m = std::get<MatchmakingEvent>(intervention);
  const auto participants = resolve(region, m.select, m.members, seed, k, where + ": " + m.name);
  Context::Event event{&m, with_needs(participants), {}};
  std::vector<ActorId> offering;  // participants the engine can propose
  for (const auto a : participants)
    if (ctx.scorer->is_candidate(a)) offering.push_back(a);
  std::sort(offering.begin(), offering.end());
  const auto wanted = static_cast<std::size_t>(m.meetings);
  const std::size_t depth = offering.empty() ? wanted : ctx.scorer->candidates().size();
  for (const auto firm : event.firms) {
    std::vector<ActorId> partners;
    for (const auto& rec : match::recommend(*ctx.scorer, firm, region.needs(firm), depth)) {
      if (!offering.empty() && !std::binary_search(offering.begin(), offering.end(), rec.candidate))
        continue;
      partners.push_back(rec.candidate);
      if (partners.size() == wanted) break;
    }
    event.partners.push_back(std::move(partners));
  }
  ctx.events.push_back(std::move(event));
}

/// Two-sided 97.5 % quantile of Student's t with `df` degrees of freedom.
double t_quantile(std::size_t df) {
  static constexpr double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                     2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                     2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                     2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df == 0) return INFINITY;
  if (df <= 30) return table[df - 1];
  return 1.96 + 2.4 / static_cast<double>(df);  // close to the t quantile beyond 30
}

Estimate estimate(const std::vector<double>& xs) {
  Estimate e;
  if (xs.empty()) return e;
  const double n = static_cast<double>(xs.size());
  e.mean = std::accumulate(xs.begin(), xs.end(), 0.0) / n;
  if (xs.size() < 2) {
    e.low = e.high = e.mean;
    return e;
  }
  double ss = 0.0;
  for (const double x : xs) ss += (x - e.mean) * (x - e.mean);
  const double half = t_quantile(xs.size() - 1) * std::sqrt(ss / (n - 1.0) / n);
  e.low = e.mean - half;
  e.high = e.mean + half;
  return e;
}

/// Everything a replicate needs of one scenario: interventions resolved, plans made.
std::unique_ptr<Context> make_context(const core::Region& region, const Scenario& scenario,
                                      std::uint64_t seed, Run& run) {
  auto owned = std::unique_ptr<Context>(new Context{
      .region = region, .scenario = scenario, .seed = seed, .year = scenario.start_year});
  Context& ctx = *owned;

  if (!ctx.year) {
    int latest = INT32_MIN;
    for (const auto& t : region.ties())
      if (t.start) latest = std::max(latest, *t.start);
    if (latest != INT32_MIN) ctx.year = latest;
  }
  ctx.formation = std::make_unique<Formation>(region, scenario.model);
  ctx.group_of.resize(region.size());
  const auto& rates = scenario.model.meetings;
  ctx.meeting_cumulative = {rates.triadic, rates.triadic + rates.focus,
                            rates.triadic + rates.focus + rates.geographic,
                            rates.triadic + rates.focus + rates.geographic + rates.stranger};
  ctx.exp_minus_meeting_rate = std::exp(-ctx.meeting_cumulative.back());
  const auto& model = scenario.model;
  for (int science = 0; science < 2; ++science) {
    for (std::size_t kinds = 0; kinds < ctx.innovation_chance[0].size(); ++kinds) {
      const double eta = model.innovation_base + (science ? model.innovation_science : 0.0) +
                         model.innovation_diversity * static_cast<double>(kinds) / 5.0;
      ctx.innovation_chance[science][kinds] = 1.0 / (1.0 + std::exp(-eta));
    }
  }
  for (std::size_t k = 0; k < scenario.interventions.size(); ++k) {
    const std::string where = scenario.file;
    if (const auto* g = std::get_if<WorkingGroup>(&scenario.interventions[k])) {
      auto members = resolve(region, g->select, g->members, seed, k, where + ": " + g->name);
      std::sort(members.begin(), members.end());
      members.erase(std::unique(members.begin(), members.end()), members.end());
      for (const auto a : members)
        ctx.group_of[a.value].push_back(static_cast<std::uint32_t>(ctx.groups.size()));
      run.groups.emplace_back(g->name, members);
      ctx.groups.push_back({g, std::move(members)});
    } else if (const auto* s = std::get_if<Shock>(&scenario.interventions[k])) {
      ctx.shocks.emplace_back(s, resolve(region, s->select, {}, seed, k, where + ": " + s->name));
    } else if (const auto* i = std::get_if<SupplierInitiative>(&scenario.interventions[k])) {
      auto buyers = i->buyers, suppliers = i->suppliers;  // firms unless said otherwise
      if (buyers.kinds.empty()) buyers.kinds = {core::ActorKind::firm};
      if (suppliers.kinds.empty()) suppliers.kinds = {core::ActorKind::firm};
      ctx.supplier_initiatives.push_back(
          {i, resolve(region, buyers, {}, seed, k, where + ": " + i->name),
           resolve(region, suppliers, {}, seed, 1000 + k, where + ": " + i->name)});
    } else {
      add_matchmaking(ctx, scenario.interventions[k], k, seed, where);
    }
  }

  return owned;
}

}  // namespace

Run simulate(const core::Region& region, const Scenario& scenario, const RunOptions& options) {
  Run run;
  std::unique_ptr<Context> first, later;
  int switch_after = 0;
  std::optional<Scenario> origin;
  std::optional<Checkpoint> resume;
  if (scenario.fork && !scenario.fork->checkpoint.empty()) {
    resume = read_checkpoint(scenario.fork->checkpoint);
    const SourceLocation at{scenario.fork->checkpoint, 0, 0};
    if (resume->month != scenario.fork->month)
      throw InvalidInput(at, "the checkpoint is of month " + std::to_string(resume->month) +
                                 ", the fork asks for month " +
                                 std::to_string(scenario.fork->month));
    if (resume->seed != options.seed)
      throw InvalidInput(at, "the checkpoint was made with seed " + std::to_string(resume->seed) +
                                 ", this run uses " + std::to_string(options.seed));
    if (resume->region != region_fingerprint(region))
      throw InvalidInput(at, "the checkpoint belongs to another region (database)");
    std::sort(resume->replicates.begin(), resume->replicates.end(),
              [](const auto& a, const auto& b) { return a.replicate < b.replicate; });
    for (const auto& state : resume->replicates) {
      for (const auto& t : state.ties)
        if (t.a >= region.size() || t.b >= region.size() || t.a == t.b)
          throw InvalidInput(at, "the checkpoint names actors the region does not have");
      for (const auto v : state.closed)
        if (v >= region.size() || region.kind(ActorId{v}) != core::ActorKind::firm)
          throw InvalidInput(at, "the checkpoint closes an actor that is not a firm of the region");
    }
    for (std::size_t r = 0; r < options.replicates; ++r) {
      if (r >= resume->replicates.size() || resume->replicates[r].replicate != r)
        throw InvalidInput(at, "the checkpoint lacks replicate " + std::to_string(r) + " (" +
                                   std::to_string(options.replicates) + " asked)");
    }
    first = make_context(region, scenario, options.seed, run);
  } else if (scenario.fork) {
    origin = load_scenario(scenario.fork->from);
    if (origin->fork)
      throw InvalidInput(SourceLocation{scenario.file, 0, 0},
                         "fork: '" + scenario.fork->from + "' is itself a fork");
    if (scenario.fork->month > scenario.horizon)
      throw InvalidInput(SourceLocation{scenario.file, 0, 0}, "fork: month beyond the horizon");
    origin->start_year = scenario.start_year ? scenario.start_year : origin->start_year;
    first = make_context(region, *origin, options.seed, run);
    later = make_context(region, scenario, options.seed, run);
    later->year = first->year;
    switch_after = scenario.fork->month;
  } else {
    first = make_context(region, scenario, options.seed, run);
  }
  const Context& ctx = *first;
  run.requested = options.replicates;
  std::vector<std::vector<Indicators>> series(options.replicates);
  std::vector<std::uint8_t> finished(options.replicates, 0);
  std::mutex progress_mutex;
  std::size_t done = 0;
  if (options.checkpoint_at &&
      (*options.checkpoint_at < 0 || *options.checkpoint_at > scenario.horizon))
    throw InvalidInput("checkpoint month " + std::to_string(*options.checkpoint_at) +
                       " lies outside the horizon");
  std::vector<ReplicateState> captured(options.checkpoint_at ? options.replicates : 0);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> endings(options.replicates);
  tbb::parallel_for(std::size_t{0}, options.replicates, [&](std::size_t r) {
    bool stopped = false;
    Replicate::Plan plan{
        later.get(), switch_after,          1,
        {},          options.checkpoint_at, options.checkpoint_at ? &captured[r] : nullptr};
    if (resume) {
      const auto& state = resume->replicates[r];
      plan.first_month = resume->month + 1;
      plan.prefix = state.series;
      Replicate replicate(ctx, state);
      series[r] = replicate.run(options.cancel, stopped, std::move(plan));
      endings[r] = {replicate.ended_, replicate.ended_months_};
    } else {
      Replicate replicate(ctx, r);
      series[r] = replicate.run(options.cancel, stopped, std::move(plan));
      endings[r] = {replicate.ended_, replicate.ended_months_};
    }
    finished[r] = !stopped;
    if (options.progress && !stopped) {
      const std::lock_guard lock(progress_mutex);
      options.progress(++done, options.replicates);
    }
  });
  if (options.checkpoint_at) {
    run.checkpoint = Checkpoint{
        *options.checkpoint_at, options.seed, region_fingerprint(region), scenario.name, {}};
  }
  for (std::size_t r = 0; r < options.replicates; ++r) {
    if (finished[r]) {
      run.series.push_back(std::move(series[r]));
      run.replicate_ids.push_back(r);
      run.tie_endings.push_back(endings[r]);
      if (run.checkpoint) run.checkpoint->replicates.push_back(std::move(captured[r]));
    } else {
      run.cancelled = true;
    }
  }
  return run;
}

std::vector<std::array<Estimate, indicator_count>> summarize(const Run& run) {
  std::vector<std::array<Estimate, indicator_count>> out;
  if (run.series.empty()) return out;
  const std::size_t months = run.series.front().size();
  for (std::size_t t = 0; t < months; ++t) {
    std::array<Estimate, indicator_count> row;
    for (std::size_t k = 0; k < indicator_count; ++k) {
      std::vector<double> xs;
      for (const auto& s : run.series) xs.push_back(values(s[t])[k]);
      row[k] = estimate(xs);
    }
    out.push_back(row);
  }
  return out;
}

std::vector<std::array<Estimate, indicator_count>> compare(const Run& baseline,
                                                           const Run& scenario) {
  std::vector<std::array<Estimate, indicator_count>> out;
  if (baseline.series.empty() || scenario.series.empty()) return out;
  if (baseline.series.front().size() != scenario.series.front().size())
    throw InvalidInput("scenarios to compare need the same horizon");
  // Pair replicates by id: the same id used the same random streams.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0, j = 0;
       i < baseline.replicate_ids.size() && j < scenario.replicate_ids.size();) {
    if (baseline.replicate_ids[i] < scenario.replicate_ids[j]) {
      ++i;
    } else if (scenario.replicate_ids[j] < baseline.replicate_ids[i]) {
      ++j;
    } else {
      pairs.emplace_back(i++, j++);
    }
  }
  const std::size_t months = baseline.series.front().size();
  for (std::size_t t = 0; t < months; ++t) {
    std::array<Estimate, indicator_count> row;
    for (std::size_t k = 0; k < indicator_count; ++k) {
      std::vector<double> diffs;
      for (const auto& [i, j] : pairs)
        diffs.push_back(values(scenario.series[j][t])[k] - values(baseline.series[i][t])[k]);
      row[k] = estimate(diffs);
    }
    out.push_back(row);
  }
  return out;
}

}  // namespace verbund::sim
