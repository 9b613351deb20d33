// Consortium builder: an evaluator over a candidate list, randomised greedy construction with
// local search in parallel restarts, exact enumeration for small instances, and the diagnosis.
#include "verbund/match/consortium.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>

#include "core/parallel_loops.hpp"

#include "consortium_detail.hpp"

#include "verbund/core/geo.hpp"
#include "verbund/core/random.hpp"
#include "verbund/error.hpp"

namespace verbund::match {

using core::ActorId;

namespace {

constexpr int max_distance = 4;          // network distances to the lead are capped here
constexpr double violation_cost = 10.0;  // per unit of broken rule, in the search only
constexpr std::uint32_t restart_purpose = 0x636f6e73U;  // "cons"

/// The call resolved against a region: ids, eligibility, distances to the anchor.
struct CallContext {
  const TransferScorer& scorer;
  const core::Region& region;
  const Call& call;
  std::vector<ActorId> must;
  std::vector<core::CompetenceId> competences;  // required first, then optional
  std::vector<int> needed;                      // per required competence
  std::vector<double> optional_weight;
  std::vector<std::uint8_t> eligible;  // per actor
  std::vector<std::uint8_t> distance;  // per actor: hops to the nearest must-member, capped

  // Keeps references: temporaries are refused.
  CallContext(const TransferScorer&& s, const Call& c,
              std::span<const ActorId> unavailable) = delete;
  CallContext(const TransferScorer& s, const Call&& c,
              std::span<const ActorId> unavailable) = delete;
  CallContext(const TransferScorer& s, const Call& c, std::span<const ActorId> unavailable)
      : scorer(s), region(s.region()), call(c) {
    check_call_against(call, region);
    if (call.required.size() + call.optional.size() > 64)
      throw InvalidInput(SourceLocation{call.file, 0, 0}, "a call may name at most 64 competences");
    for (const auto& id : call.members) must.push_back(*region.find(id));
    for (const auto& r : call.required) {
      competences.push_back(*region.taxonomy().find_competence(r.id));
      needed.push_back(r.min_members);
    }
    for (const auto& o : call.optional) {
      competences.push_back(*region.taxonomy().find_competence(o.id));
      optional_weight.push_back(o.weight);
    }
    const std::size_t n = region.size();
    eligible.assign(n, 0);
    std::vector<core::ActorKind> kinds{core::ActorKind::firm, core::ActorKind::university,
                                       core::ActorKind::research_institute,
                                       core::ActorKind::research_group};
    for (const auto& q : call.quotas) kinds.insert(kinds.end(), q.kinds.begin(), q.kinds.end());
    const auto anchor = must.empty() ? std::nullopt : region.location(must.front());
    for (std::uint32_t v = 0; v < n; ++v) {
      const ActorId a{v};
      bool ok = std::find(kinds.begin(), kinds.end(), region.kind(a)) != kinds.end();
      if (call.within_region && !region.municipality(a)) ok = false;
      if (call.radius_km) {
        const auto l = region.location(a);
        ok = ok && anchor && l && core::distance_km(*anchor, *l) <= *call.radius_km;
      }
      eligible[v] = ok;
    }
    for (const auto& id : call.excluded) eligible[region.find(id)->value] = 0;
    for (const auto a : unavailable) eligible[a.value] = 0;
    for (const auto a : must) eligible[a.value] = 1;  // must-members are in whatever the rules

    // Multi-source BFS from the must-members, depth-capped.
    distance.assign(n, max_distance);
    std::vector<std::uint32_t> frontier;
    for (const auto a : must) {
      distance[a.value] = 0;
      frontier.push_back(a.value);
    }
    for (int d = 1; d < max_distance && !frontier.empty(); ++d) {
      std::vector<std::uint32_t> next;
      for (const auto v : frontier) {
        for (const auto& nb : region.neighbours(ActorId{v})) {
          if (distance[nb.actor.value] > d) {
            distance[nb.actor.value] = static_cast<std::uint8_t>(d);
            next.push_back(nb.actor.value);
          }
        }
      }
      frontier = std::move(next);
    }
  }
};

/// Objective and rule deficits of member sets drawn from a fixed candidate list, with pair
/// values cached. Sets are given as local indices into `actors`.
class Evaluator {
 public:
  Evaluator(const CallContext&& ctx, std::vector<ActorId> actors) = delete;  // keeps a reference
  Evaluator(const CallContext& ctx, std::vector<ActorId> actors)
      : ctx_(ctx), actors_(std::move(actors)) {
    const auto& r = ctx.region;
    const std::size_t n = actors_.size();
    offers_.assign(n, 0);
    quota_.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const ActorId a = actors_[i];
      for (const auto& o : r.offers(a)) {
        for (std::size_t c = 0; c < ctx.competences.size(); ++c) {
          if (ctx.competences[c] == o.competence) offers_[i] |= std::uint64_t{1} << c;
        }
      }
      for (std::size_t q = 0; q < ctx.call.quotas.size(); ++q) {
        if (ctx.call.quotas[q].counts(r, a)) quota_[i] |= std::uint64_t{1} << q;
      }
      const auto m = r.municipality(a);
      place_.push_back(m ? m->value : UINT32_MAX);
      must_.push_back(std::find(ctx.must.begin(), ctx.must.end(), a) != ctx.must.end());
    }
    // Pair values: tie, transfer fit (firm with needs x science candidate), novelty.
    // The largest total a pair can reach: proximity scales the fit (factor at most 1), so it
    // adds nothing of its own to the scale.
    const auto& w = ctx.scorer.weights();
    const double scale =
        w.fit + w.same_municipality + w.network + w.prior_tie + w.first_science_tie + w.bridge;
    tied_.assign(n * n, 0);
    novel_.assign(n * n, 0);
    fit_.assign(n * n, -1.0);
    std::vector<std::uint8_t> firm(n), science(n);
    for (std::size_t i = 0; i < n; ++i) {
      firm[i] = r.kind(actors_[i]) == core::ActorKind::firm;
      science[i] = core::is_science(r.kind(actors_[i]));
    }
    par::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
      for (std::size_t j = 0; j < n; ++j) {
        if (i == j) continue;
        const bool tie = r.connected(actors_[i], actors_[j]);
        tied_[i * n + j] = tie;
        novel_[i * n + j] = !tie && ((place_[i] != place_[j]) || (firm[i] && science[j]) ||
                                     (science[i] && firm[j]));
        if (firm[i] && science[j] && !r.needs(actors_[i]).empty()) {
          const auto parts = ctx.scorer.score(actors_[i], r.needs(actors_[i]), actors_[j]);
          const double v = parts && scale > 0 ? std::max(0.0, parts->total / scale) : 0.0;
          fit_[i * n + j] = v;
        }
      }
    });
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (fit_[i * n + j] < 0.0 && fit_[j * n + i] >= 0.0) fit_[i * n + j] = fit_[j * n + i];
  }

  [[nodiscard]] std::size_t size() const noexcept { return actors_.size(); }
  [[nodiscard]] ActorId actor(std::size_t i) const { return actors_[i]; }
  [[nodiscard]] bool must(std::size_t i) const { return must_[i]; }
  [[nodiscard]] std::uint64_t offers(std::size_t i) const { return offers_[i]; }
  [[nodiscard]] std::uint64_t quotas(std::size_t i) const { return quota_[i]; }
  /// 1 if member i counts for quota q.
  [[nodiscard]] int in_quota(std::size_t i, std::size_t q) const {
    return static_cast<int>((quota_[i] >> q) & 1U);
  }

  struct Value {
    ConsortiumScore score;
    double violation = 0.0;
    [[nodiscard]] double search_value() const { return score.total - violation_cost * violation; }
  };

  [[nodiscard]] Value evaluate(std::span<const std::uint32_t> set) const {
    const auto& call = ctx_.call;
    const auto& w = call.weights;
    const std::size_t n = actors_.size();
    Value v;
    auto& s = v.score;
    const std::size_t required = ctx_.needed.size();
    std::array<int, 64> cover{};
    int contributors = 0;
    for (const auto i : set) {
      std::uint64_t bits = offers_[i];
      if (bits) ++contributors;
      while (bits) {
        ++cover[static_cast<std::size_t>(std::countr_zero(bits))];
        bits &= bits - 1;
      }
    }
    if (required == 0) {
      s.coverage = 1.0;
    } else {
      for (std::size_t c = 0; c < required; ++c) {
        const int k = ctx_.needed[c];
        s.coverage += static_cast<double>(std::min(cover[c], k)) / k;
        v.violation += static_cast<double>(std::max(0, k - cover[c])) / k;
      }
      s.coverage /= static_cast<double>(required);
    }
    double weight_sum = 0.0;
    for (std::size_t c = 0; c < ctx_.optional_weight.size(); ++c) {
      weight_sum += ctx_.optional_weight[c];
      if (cover[required + c] > 0) s.optional += ctx_.optional_weight[c];
    }
    if (weight_sum > 0) s.optional /= weight_sum;

    std::size_t pairs = 0, tied = 0, novel = 0, fit_pairs = 0;
    double fit = 0.0;
    for (std::size_t a = 0; a < set.size(); ++a) {
      for (std::size_t b = a + 1; b < set.size(); ++b) {
        const auto k = std::size_t{set[a]} * n + set[b];
        ++pairs;
        tied += tied_[k];
        novel += novel_[k];
        if (fit_[k] >= 0.0) {
          fit += fit_[k];
          ++fit_pairs;
        }
      }
    }
    if (pairs > 0) {
      s.cohesion = static_cast<double>(tied) / static_cast<double>(pairs);
      s.novelty = static_cast<double>(novel) / static_cast<double>(pairs);
    }
    if (fit_pairs > 0) s.fit = fit / static_cast<double>(fit_pairs);
    if (!ctx_.must.empty() && !set.empty()) {
      double d = 0.0;
      for (const auto i : set) d += ctx_.distance[actors_[i].value];
      s.distance = d / (max_distance * static_cast<double>(set.size()));
    }
    if (!set.empty())
      s.balance = static_cast<double>(contributors) / static_cast<double>(set.size());
    s.total = w.coverage * s.coverage + w.optional * s.optional + w.fit * s.fit +
              w.cohesion * s.cohesion - w.distance * s.distance + w.novelty * s.novelty +
              w.balance * s.balance;

    // Deficits of the rules the search must meet (eligibility covers region, radius, exclusions).
    const int size = static_cast<int>(set.size());
    v.violation += std::max(0, call.min_size - size) + std::max(0, size - call.max_size);
    for (std::size_t q = 0; q < call.quotas.size(); ++q) {
      int count = 0;
      for (const auto i : set) count += in_quota(i, q);
      v.violation += std::max(0, call.quotas[q].min - count);
      if (call.quotas[q].max) v.violation += std::max(0, count - *call.quotas[q].max);
    }
    std::array<std::uint32_t, 64> seen{};
    std::size_t places = 0;
    for (const auto i : set) {
      if (place_[i] == UINT32_MAX) continue;
      if (std::find(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(places), place_[i]) ==
          seen.begin() + static_cast<std::ptrdiff_t>(places)) {
        if (places < seen.size()) seen[places++] = place_[i];
      }
    }
    v.violation += std::max(0, call.min_municipalities - static_cast<int>(places));
    return v;
  }

 private:
  const CallContext& ctx_;
  std::vector<ActorId> actors_;
  std::vector<std::uint64_t> offers_, quota_;
  std::vector<std::uint32_t> place_;
  std::vector<std::uint8_t> must_;
  std::vector<std::uint8_t> tied_, novel_;
  std::vector<double> fit_;  // -1 = not a firm-science pair
};

struct Found {
  std::vector<std::uint32_t> set;  // sorted local indices
  Evaluator::Value value;
};

bool better(const Found& a, const Found& b) {
  if (a.value.score.total != b.value.score.total) return a.value.score.total > b.value.score.total;
  return a.set < b.set;
}

/// The search pool: must-members, the best offerers of every competence and the best fillers of
/// every quota, by offer weight, then degree, then id.
std::vector<ActorId> search_pool(const CallContext& ctx, std::size_t per) {
  const auto& r = ctx.region;
  std::set<ActorId> pool(ctx.must.begin(), ctx.must.end());
  auto best = [&](std::vector<std::pair<double, ActorId>>& ranked, std::size_t count) {
    std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      if (r.degree(a.second) != r.degree(b.second)) return r.degree(a.second) > r.degree(b.second);
      return a.second < b.second;
    });
    for (std::size_t i = 0; i < std::min(count, ranked.size()); ++i) pool.insert(ranked[i].second);
  };
  std::vector<std::vector<std::pair<double, ActorId>>> offerers(ctx.competences.size());
  std::vector<std::pair<double, ActorId>> all;
  for (std::uint32_t v = 0; v < r.size(); ++v) {
    const ActorId a{v};
    if (!ctx.eligible[v]) continue;
    double relevance = 0.0;
    for (const auto& o : r.offers(a)) {
      for (std::size_t c = 0; c < ctx.competences.size(); ++c) {
        if (ctx.competences[c] == o.competence) {
          offerers[c].emplace_back(o.weight, a);
          relevance += c < ctx.needed.size() ? 1.0 : 0.5;
        }
      }
    }
    all.emplace_back(relevance, a);
  }
  for (std::size_t c = 0; c < offerers.size(); ++c)
    best(offerers[c], c < ctx.needed.size() ? per : per / 2);
  for (const auto& q : ctx.call.quotas) {
    std::vector<std::pair<double, ActorId>> fillers;
    for (const auto& [relevance, a] : all) {
      if (q.counts(r, a)) fillers.emplace_back(relevance, a);
    }
    best(fillers, per);
  }
  best(all, per);  // generally relevant and well-connected actors
  return {pool.begin(), pool.end()};
}

/// One restart: randomised greedy construction, then best-improvement local search.
Found search_once(const Evaluator& ev, const Call& call, std::uint64_t seed, std::size_t restart) {
  core::RandomStream rng(seed, restart, restart_purpose);
  const std::size_t n = ev.size();
  std::vector<std::uint8_t> allowed(n, 1), in(n, 0);
  if (restart > 0) {  // diversify: each restart but the first leaves a fifth of the pool out
    for (std::size_t i = 0; i < n; ++i) allowed[i] = ev.must(i) || !rng.bernoulli(0.2);
  }
  std::vector<std::uint32_t> set;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (ev.must(i)) set.push_back(i), in[i] = 1;
  }
  auto value_of = [&](const std::vector<std::uint32_t>& s) { return ev.evaluate(s); };
  auto current = value_of(set);
  std::vector<std::uint32_t> trial;
  // Construction: add one of the three best additions while that helps.
  while (static_cast<int>(set.size()) < call.max_size) {
    std::array<std::pair<double, std::uint32_t>, 3> top;
    top.fill({-INFINITY, UINT32_MAX});
    for (std::uint32_t x = 0; x < n; ++x) {
      if (in[x] || !allowed[x]) continue;
      trial = set;
      trial.push_back(x);
      std::pair<double, std::uint32_t> entry{value_of(trial).search_value(), x};
      for (auto& slot : top) {  // keep the three best, best first (ties: lower index)
        if (entry.first > slot.first || (entry.first == slot.first && entry.second < slot.second))
          std::swap(entry, slot);
      }
    }
    std::size_t options = 0;
    while (options < 3 && top[options].second != UINT32_MAX) ++options;
    if (options == 0) break;
    const auto pick = top[rng.below(options)];
    const bool feasible_now =
        current.violation == 0.0 && static_cast<int>(set.size()) >= call.min_size;
    if (feasible_now && top[0].first <= current.search_value()) break;
    set.push_back(pick.second);
    in[pick.second] = 1;
    current = value_of(set);
  }
  // Local search: the best of all add, drop and swap moves, until none improves.
  for (int pass = 0; pass < 100; ++pass) {
    double best_value = current.search_value();
    std::vector<std::uint32_t> best_set;
    auto consider = [&](std::vector<std::uint32_t>& s) {
      const double v = value_of(s).search_value();
      if (v > best_value + 1e-12) best_value = v, best_set = s;
    };
    if (static_cast<int>(set.size()) < call.max_size) {
      for (std::uint32_t x = 0; x < n; ++x) {
        if (in[x] || !allowed[x]) continue;
        trial = set;
        trial.push_back(x);
        consider(trial);
      }
    }
    for (std::size_t k = 0; k < set.size(); ++k) {
      if (ev.must(set[k])) continue;
      trial = set;
      trial.erase(trial.begin() + static_cast<std::ptrdiff_t>(k));
      consider(trial);
      for (std::uint32_t x = 0; x < n; ++x) {
        if (in[x] || !allowed[x]) continue;
        trial = set;
        trial[k] = x;
        consider(trial);
      }
    }
    if (best_set.empty()) break;
    for (const auto i : set) in[i] = 0;
    set = best_set;
    for (const auto i : set) in[i] = 1;
    current = value_of(set);
  }
  std::sort(set.begin(), set.end());
  return {set, current};
}

/// Every feasible set of eligible actors, by depth-first enumeration with pruning on size and
/// quota maxima. Throws if the instance is too large to enumerate.
std::vector<Found> enumerate_all(const Evaluator& ev, const Call& call) {
  const std::size_t n = ev.size();
  std::vector<std::uint32_t> must, free;
  for (std::uint32_t i = 0; i < n; ++i) (ev.must(i) ? must : free).push_back(i);
  double subsets = 0.0, c = 1.0;
  const auto extra =
      static_cast<std::size_t>(std::max(0, call.max_size - static_cast<int>(must.size())));
  for (std::size_t k = 0; k <= extra && k <= free.size(); ++k) {
    if (k > 0) c = c * static_cast<double>(free.size() - k + 1) / static_cast<double>(k);
    subsets += c;
  }
  if (subsets > 2e7) {
    // The count can pass 2^63 and even the largest double: say how large in words that hold.
    std::array<char, 32> count{};
    if (!std::isfinite(subsets)) {
      std::snprintf(count.data(), count.size(), "more than 1e308");
    } else if (subsets < 1e15) {
      std::snprintf(count.data(), count.size(), "%.0f", subsets);
    } else {
      std::snprintf(count.data(), count.size(), "about %.2g", subsets);
    }
    throw InvalidInput(
        SourceLocation{call.file, 0, 0},
        "--exact: " + std::to_string(free.size()) + " eligible actors give " + count.data() +
            " subsets to enumerate (at most 2e7); narrow the call (exclusions, radius) or drop "
            "--exact");
  }
  std::vector<Found> out;
  std::vector<std::uint32_t> set = must;
  std::vector<int> quota_count(call.quotas.size(), 0);
  for (const auto i : must)
    for (std::size_t q = 0; q < call.quotas.size(); ++q) quota_count[q] += ev.in_quota(i, q);
  auto recurse = [&](auto&& self, std::size_t from) -> void {
    if (static_cast<int>(set.size()) >= call.min_size) {
      auto v = ev.evaluate(set);
      if (v.violation == 0.0) {
        auto sorted = set;
        std::sort(sorted.begin(), sorted.end());
        out.push_back({sorted, v});
      }
    }
    if (static_cast<int>(set.size()) == call.max_size) return;
    for (std::size_t k = from; k < free.size(); ++k) {
      const auto x = free[k];
      bool over = false;
      for (std::size_t q = 0; q < call.quotas.size(); ++q) {
        if (ev.in_quota(x, q) && call.quotas[q].max && quota_count[q] + 1 > *call.quotas[q].max)
          over = true;
      }
      if (over) continue;
      for (std::size_t q = 0; q < call.quotas.size(); ++q) quota_count[q] += ev.in_quota(x, q);
      set.push_back(x);
      self(self, k + 1);
      set.pop_back();
      for (std::size_t q = 0; q < call.quotas.size(); ++q) quota_count[q] -= ev.in_quota(x, q);
    }
  };
  recurse(recurse, 0);
  return out;
}

/// Why no feasible consortium exists, rule by rule against the eligible actors.
std::vector<std::string> diagnose(const CallContext& ctx, const Found* closest,
                                  const Evaluator& ev) {
  const auto& r = ctx.region;
  const auto& call = ctx.call;
  std::vector<std::string> out;
  std::size_t eligible = 0;
  std::set<std::uint32_t> places;
  for (std::uint32_t v = 0; v < r.size(); ++v) {
    if (!ctx.eligible[v]) continue;
    ++eligible;
    if (auto m = r.municipality(ActorId{v})) places.insert(m->value);
  }
  const std::string after = call.excluded.empty() && !call.radius_km && !call.within_region
                                ? ""
                                : " after exclusions and place rules";
  for (std::size_t c = 0; c < call.required.size(); ++c) {
    int anywhere = 0, available = 0;
    for (std::uint32_t v = 0; v < r.size(); ++v) {
      const auto offers = r.offers(ActorId{v});
      const bool offers_it = std::any_of(offers.begin(), offers.end(), [&](const auto& o) {
        return o.competence == ctx.competences[c];
      });
      anywhere += offers_it;
      available += offers_it && ctx.eligible[v];
    }
    const auto& req = call.required[c];
    if (anywhere == 0) {
      out.push_back("no actor within the region offers `" + req.id + "`");
    } else if (available < req.min_members) {
      out.push_back("the call needs " + std::to_string(req.min_members) + " members offering `" +
                    req.id + "`, " + std::to_string(available) + " " +
                    (available == 1 ? "is" : "are") + " available" + after);
    }
  }
  for (const auto& q : call.quotas) {
    int available = 0;
    for (std::uint32_t v = 0; v < r.size(); ++v)
      available += ctx.eligible[v] && q.counts(r, ActorId{v});
    if (available < q.min) {
      out.push_back("the call needs " + std::to_string(q.min) + " " + q.label + ", " +
                    std::to_string(available) + " " + (available == 1 ? "is" : "are") +
                    " available" + after);
    }
  }
  if (static_cast<int>(places.size()) < call.min_municipalities) {
    out.push_back("the call needs members from " + std::to_string(call.min_municipalities) +
                  " municipalities, eligible actors come from " + std::to_string(places.size()));
  }
  if (static_cast<int>(eligible) < call.min_size) {
    out.push_back("the call needs at least " + std::to_string(call.min_size) + " members, " +
                  std::to_string(eligible) + " actors are eligible");
  }
  for (const auto a : ctx.must) {
    if (call.radius_km && a != ctx.must.front()) {
      const auto l = r.location(a), anchor = r.location(ctx.must.front());
      if (!l || !anchor || core::distance_km(*l, *anchor) > *call.radius_km)
        out.push_back("must-member '" + std::string(r.external_id(a)) +
                      "' lies outside the radius");
    }
  }
  if (out.empty()) {
    std::string detail = "no consortium meets all rules together";
    if (closest) {
      std::vector<ActorId> members;
      for (const auto i : closest->set) members.push_back(ev.actor(i));
      const auto broken = check_rules(call, r, members);
      for (std::size_t k = 0; k < broken.size(); ++k)
        detail += (k == 0 ? "; the closest found breaks: " : "; ") + broken[k].detail;
    }
    out.push_back(detail);
  }
  return out;
}

Consortium describe(const CallContext& ctx, const Evaluator& ev, const Found& found) {
  const auto& r = ctx.region;
  Consortium c;
  for (const auto i : found.set) c.members.push_back(ev.actor(i));
  std::vector<std::size_t> order(c.members.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](auto a, auto b) { return c.members[a] < c.members[b]; });
  std::vector<std::uint32_t> set;
  std::vector<ActorId> sorted;
  for (const auto k : order) set.push_back(found.set[k]), sorted.push_back(c.members[k]);
  c.members = sorted;
  c.score = found.value.score;
  for (std::size_t k = 0; k < ctx.competences.size(); ++k) {
    Consortium::Coverage cov;
    cov.required = k < ctx.needed.size();
    cov.competence =
        cov.required ? ctx.call.required[k].id : ctx.call.optional[k - ctx.needed.size()].id;
    cov.needed = cov.required ? ctx.needed[k] : 0;
    for (const auto i : set)
      if ((ev.offers(i) >> k) & 1U) cov.members.push_back(ev.actor(i));
    c.coverage.push_back(std::move(cov));
  }
  for (std::size_t k = 0; k < set.size(); ++k) {
    Consortium::Criticality crit;
    crit.member = ev.actor(set[k]);
    crit.must = ev.must(set[k]);
    auto without = set;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(k));
    const auto v = ev.evaluate(without);
    crit.feasible_without = v.violation == 0.0;
    crit.total_without = v.score.total;
    crit.total_with_replacement = -INFINITY;
    for (std::uint32_t x = 0; x < ev.size(); ++x) {
      if (std::find(set.begin(), set.end(), x) != set.end()) continue;
      auto swapped = without;
      swapped.push_back(x);
      const auto sv = ev.evaluate(swapped);
      if (sv.violation == 0.0 && sv.score.total > crit.total_with_replacement) {
        crit.total_with_replacement = sv.score.total;
        crit.replacement = ev.actor(x);
      }
    }
    if (!crit.replacement) crit.total_with_replacement = 0.0;
    c.criticality.push_back(crit);
  }
  (void)r;
  return c;
}

}  // namespace

ConsortiumScore score_consortium(const TransferScorer& scorer, const Call& call,
                                 std::span<const ActorId> members) {
  const CallContext ctx(scorer, call, {});
  const Evaluator ev(ctx, {members.begin(), members.end()});
  std::vector<std::uint32_t> all(members.size());
  std::iota(all.begin(), all.end(), 0U);
  return ev.evaluate(all).score;
}

ConsortiumResult build_consortia(const TransferScorer& scorer, const Call& call,
                                 const ConsortiumOptions& options) {
  const CallContext ctx(scorer, call, options.unavailable);
  ConsortiumResult result;
  result.exact = options.exact;
  result.eligible =
      static_cast<std::size_t>(std::count(ctx.eligible.begin(), ctx.eligible.end(), 1));

  std::vector<ActorId> actors;
  if (options.exact) {
    for (std::uint32_t v = 0; v < ctx.region.size(); ++v)
      if (ctx.eligible[v]) actors.push_back(ActorId{v});
  } else {
    actors = search_pool(ctx, options.pool_per_competence);
  }
  result.pool = actors.size();
  const Evaluator ev(ctx, actors);

  std::vector<Found> found;
  const Found* closest = nullptr;
  std::vector<Found> attempts;
  if (options.exact) {
    found = enumerate_all(ev, call);
  } else {
    attempts.resize(options.restarts);
    par::parallel_for(std::size_t{0}, options.restarts,
                      [&](std::size_t r) { attempts[r] = search_once(ev, call, options.seed, r); });
    for (const auto& a : attempts) {
      if (a.value.violation == 0.0) found.push_back(a);
      if (!closest || a.value.violation < closest->value.violation) closest = &a;
    }
  }
  std::sort(found.begin(), found.end(), better);
  found.erase(std::unique(found.begin(), found.end(),
                          [](const Found& a, const Found& b) { return a.set == b.set; }),
              found.end());
  const std::size_t max_shared =
      options.max_shared.value_or(static_cast<std::size_t>(call.max_size) / 2);
  std::vector<const Found*> chosen;
  for (const auto& f : found) {
    if (chosen.size() == options.top) break;
    const bool diverse = std::all_of(chosen.begin(), chosen.end(), [&](const Found* c) {
      std::size_t shared = 0;
      for (const auto i : f.set)
        if (!ev.must(i) && std::binary_search(c->set.begin(), c->set.end(), i)) ++shared;
      return shared <= max_shared;
    });
    if (diverse) chosen.push_back(&f);
  }
  for (const auto* f : chosen) result.consortia.push_back(describe(ctx, ev, *f));
  if (result.consortia.empty()) result.diagnosis = diagnose(ctx, closest, ev);
  return result;
}

}  // namespace verbund::match

namespace verbund::match::detail {

std::vector<PartnerRecommendation> consortium_additions(const TransferScorer& scorer,
                                                        const Call& call) {
  const CallContext ctx(scorer, call, {});
  const auto pool = search_pool(ctx, 40);
  const Evaluator ev(ctx, pool);
  std::vector<std::uint32_t> base;
  for (std::uint32_t i = 0; i < ev.size(); ++i)
    if (ev.must(i)) base.push_back(i);
  const double before = ev.evaluate(base).search_value();
  std::vector<PartnerRecommendation> out;
  for (std::uint32_t x = 0; x < ev.size(); ++x) {
    if (ev.must(x)) continue;
    auto set = base;
    set.push_back(x);
    const auto v = ev.evaluate(set);
    PartnerRecommendation p;
    p.actor = ev.actor(x);
    p.objective = v.score.total;
    p.deficits = v.violation;
    p.score = v.search_value() - before;
    out.push_back(p);
  }
  return out;
}

}  // namespace verbund::match::detail
