#include "verbund/match/recommend.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel_loops.hpp"

#include "score_bounds.hpp"
#include "score_index.hpp"

namespace verbund::match {

using core::ActorId;

namespace {

/// Floating-point slack between the index's fit (summed in another order) and score().
constexpr double bound_slack = 1e-9;

bool ranks_before(const Recommendation& a, const Recommendation& b) {
  if (a.parts.total != b.parts.total) return a.parts.total > b.parts.total;
  return a.candidate < b.candidate;
}

/// The k best seen so far, worst on top of a heap.
class TopK {
 public:
  // Reserving all of a large k up front would hold k entries per seeker for the whole of
  // recommend_all even when few candidates qualify (--top 1000 over 50,000 firms: 4 GB).
  explicit TopK(std::size_t k) : k_(k) { heap_.reserve(std::min<std::size_t>(k, 16) + 1); }
  void offer(const Recommendation& r) {
    if (k_ == 0) return;
    if (heap_.size() < k_) {
      heap_.push_back(r);
      std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    } else if (ranks_before(r, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
      heap_.back() = r;
      std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    }
  }
  /// The score a candidate must reach to enter; -inf while not full.
  [[nodiscard]] double threshold() const {
    return heap_.size() < k_ ? -INFINITY : heap_.front().parts.total;
  }
  std::vector<Recommendation> take() && {
    std::sort(heap_.begin(), heap_.end(), ranks_before);
    heap_.shrink_to_fit();  // kept per seeker: no spare capacity
    return std::move(heap_);
  }

 private:
  std::size_t k_;
  std::vector<Recommendation> heap_;
};

/// Per-thread scratch over the candidates.
struct Workspace {
  explicit Workspace(const detail::ScoreIndex& index)
      : fit(index.candidates().size(), 0.0),
        stamp(index.candidates().size(), 0),
        seen(index.candidates().size(), 0),
        rest(index.candidates().size(), 0.0),
        has_rest(index.candidates().size(), 0),
        met(index.candidates().size(), 0.0),
        bounds(index) {}
  std::vector<double> fit;              // fit accumulated through the postings
  std::vector<std::uint32_t> stamp;     // need epoch in which the candidate offered the need
  std::vector<std::uint32_t> seen;      // seeker round in which it was scored already
  std::vector<double> rest;             // bound on the parts other than fit
  std::vector<std::uint32_t> has_rest;  // seeker round in which `rest` was computed
  std::vector<double> met;              // share of the needs the candidate offers directly
  std::vector<std::uint32_t> touched;
  std::vector<std::uint8_t> skipped;  // municipality buckets whose related postings were skipped
  std::uint32_t epoch = 0;
  std::uint32_t round = 0;
  detail::ScoreBounds bounds;
};

// Exact top-k in three steps, every skip justified by an upper bound on the score:
//  1. fit from the postings of the needed competences (direct offers only);
//  2. the k best of these scored exactly: the threshold to beat;
//  3. related postings only if a related-only candidate could still beat it; then every touched
//     candidate whose bound (fit + seeker-wide bound, then fit + pair bound) reaches the
//     threshold is scored exactly.
std::vector<Recommendation> recommend_indexed(const detail::ScoreIndex& index, ActorId seeker,
                                              std::span<const Need> needs, std::size_t k,
                                              bool skip_existing, Workspace& ws) {
  const auto& w = index.weights();
  const auto candidates = index.candidates();
  double denominator = 0.0;
  for (const auto& need : needs) denominator += need.weight * index.rarity(need.competence);
  if (denominator <= 0.0 || k == 0) return {};
  ++ws.round;
  ws.touched.clear();
  auto add = [&](std::uint32_t i, double amount) {
    if (ws.fit[i] == 0.0) ws.touched.push_back(i);
    ws.fit[i] += amount;
  };
  auto share = [&](const Need& need) {
    return need.weight * index.rarity(need.competence) / denominator;
  };
  for (const auto& need : needs) {
    const double scale = share(need);
    for (const auto& p : index.offering(need.competence)) {
      add(p.candidate, scale * p.weight);
      ws.met[p.candidate] += scale;
    }
  }

  TopK top(k);
  // Skipping a candidate only lowers the threshold: every bound below stays valid.
  auto score_into_top = [&](std::uint32_t i) {
    ws.seen[i] = ws.round;
    if (skip_existing && index.region().connected(seeker, candidates[i])) return;
    if (auto parts = index.score(seeker, needs, candidates[i])) top.offer({candidates[i], *parts});
  };
  // Seeds: the best fits with a bound on the rest, scored first, set a high threshold early.
  ws.bounds.prepare(seeker);
  const double rest_max = ws.bounds.max();
  const std::size_t pre = std::min(ws.touched.size(), 4 * k);
  std::nth_element(ws.touched.begin(), ws.touched.begin() + static_cast<std::ptrdiff_t>(pre),
                   ws.touched.end(), [&](std::uint32_t a, std::uint32_t b) {
                     return ws.fit[a] != ws.fit[b] ? ws.fit[a] > ws.fit[b] : a < b;
                   });
  for (std::size_t j = 0; j < pre; ++j) {
    ws.rest[ws.touched[j]] = ws.bounds.of(ws.touched[j]);
    ws.has_rest[ws.touched[j]] = ws.round;
  }
  const std::size_t seeds = std::min(k, pre);
  std::nth_element(
      ws.touched.begin(), ws.touched.begin() + static_cast<std::ptrdiff_t>(seeds),
      ws.touched.begin() + static_cast<std::ptrdiff_t>(pre), [&](std::uint32_t a, std::uint32_t b) {
        const double ka = w.fit * ws.fit[a] * ws.bounds.factor(index.bucket_of(a)) + ws.rest[a];
        const double kb = w.fit * ws.fit[b] * ws.bounds.factor(index.bucket_of(b)) + ws.rest[b];
        return ka != kb ? ka > kb : a < b;
      });
  for (std::size_t j = 0; j < seeds; ++j) score_into_top(ws.touched[j]);
  // A candidate met only by related competences has fit <= theme_credit (strengths <= 1):
  // walk a municipality's related postings only if one of them could still beat the threshold.
  // A related posting holds a candidate's best strength x weight for the need: its exact credit.
  const std::uint32_t buckets = index.bucket_count();
  ws.skipped.assign(buckets, 0);
  const double theme_fit = w.fit * w.theme_credit;
  for (std::uint32_t b = 0; b < buckets; ++b) {
    ws.skipped[b] = w.theme_credit <= 0.0 || theme_fit * ws.bounds.factor(b) + ws.bounds.place(b) +
                                                     ws.bounds.max_without_place() <
                                                 top.threshold();
  }
  if (w.theme_credit > 0.0) {
    for (const auto& need : needs) {
      ++ws.epoch;
      for (const auto& p : index.offering(need.competence)) ws.stamp[p.candidate] = ws.epoch;
      const double scale = share(need) * w.theme_credit;
      for (std::uint32_t b = 0; b < buckets; ++b) {
        if (ws.skipped[b]) continue;
        for (const auto& p : index.offering_related(need.competence, b)) {
          if (ws.stamp[p.candidate] != ws.epoch) add(p.candidate, scale * p.weight);
        }
      }
    }
  }

  for (const auto i : ws.touched) {
    if (ws.seen[i] == ws.round) continue;
    // In a skipped municipality, theme credit of a direct candidate was not added: bound it.
    const double theme_extra =
        ws.skipped[index.bucket_of(i)] ? w.theme_credit * std::max(0.0, 1.0 - ws.met[i]) : 0.0;
    const double fit_bound =
        w.fit * (ws.fit[i] + theme_extra) * ws.bounds.factor(index.bucket_of(i)) + bound_slack;
    if (fit_bound + rest_max < top.threshold()) continue;
    if (ws.has_rest[i] != ws.round) {  // reached through a theme only
      ws.rest[i] = ws.bounds.of(i);
      ws.has_rest[i] = ws.round;
    }
    if (fit_bound + ws.rest[i] < top.threshold()) continue;
    score_into_top(i);
  }
  for (const auto i : ws.touched) ws.fit[i] = 0.0, ws.met[i] = 0.0;
  return std::move(top).take();
}

ActorId candidate_of(const Recommendation& r) { return r.candidate; }

// The options' query on the index: one_per_family asks for more until `top` remain or the
// ranking is exhausted. The first `top` kept of a prefix of the ranking are those of the whole
// ranking, so the result equals the brute force's.
std::vector<Recommendation> query_indexed(const detail::ScoreIndex& index, ActorId seeker,
                                          std::span<const Need> needs,
                                          const RecommendOptions& options, Workspace& ws) {
  const bool skip = !options.include_existing;
  if (!options.one_per_family)
    return recommend_indexed(index, seeker, needs, options.top, skip, ws);
  std::size_t ask = options.top;
  while (true) {
    auto raw = recommend_indexed(index, seeker, needs, ask, skip, ws);
    const std::size_t got = raw.size();
    auto kept = one_per_family(index.region(), std::move(raw), options.top, candidate_of);
    if (kept.size() >= options.top || got < ask) return kept;
    ask += std::max(options.top - kept.size(), ask);  // at least double: few rounds
  }
}

}  // namespace

std::optional<ExistingPartnership> existing_partnership(const core::Region& region, ActorId a,
                                                        ActorId b) {
  const auto list = region.neighbours(a);
  auto it = std::lower_bound(list.begin(), list.end(), b,
                             [](const core::Neighbour& n, ActorId x) { return n.actor < x; });
  if (it == list.end() || it->actor != b) return std::nullopt;
  ExistingPartnership found;
  for (; it != list.end() && it->actor == b; ++it) {
    const auto start = region.tie(it->tie).start;
    if (start && (!found.since || *start < *found.since)) found.since = start;
  }
  return found;
}

std::vector<Need> needs_of(const core::Region& region, ActorId actor) {
  const auto needs = region.needs(actor);
  return {needs.begin(), needs.end()};
}

std::vector<ActorId> seekers_of(const core::Region& region) {
  std::vector<ActorId> seekers;
  for (const auto a : region.actors_of_kind(core::ActorKind::firm)) {
    if (!region.needs(a).empty()) seekers.push_back(a);
  }
  return seekers;
}

std::vector<Recommendation> recommend(const TransferScorer& scorer, ActorId seeker,
                                      std::span<const Need> needs, std::size_t k) {
  const auto& index = detail::ScorerAccess::index(scorer);
  Workspace ws(index);
  return recommend_indexed(index, seeker, needs, k, /*skip_existing=*/false, ws);
}

std::vector<Recommendation> recommend(const TransferScorer& scorer, ActorId seeker,
                                      std::span<const Need> needs,
                                      const RecommendOptions& options) {
  const auto& index = detail::ScorerAccess::index(scorer);
  Workspace ws(index);
  return query_indexed(index, seeker, needs, options, ws);
}

std::vector<Recommendation> recommend_brute_force(const TransferScorer& scorer, ActorId seeker,
                                                  std::span<const Need> needs,
                                                  const RecommendOptions& options) {
  const auto& index = detail::ScorerAccess::index(scorer);
  const auto& region = scorer.region();
  std::vector<Recommendation> all;
  for (const auto c : index.candidates()) {
    if (!options.include_existing && region.connected(seeker, c)) continue;
    if (auto parts = index.score(seeker, needs, c)) all.push_back({c, *parts});
  }
  std::sort(all.begin(), all.end(), ranks_before);
  if (options.one_per_family)
    return one_per_family(region, std::move(all), options.top, candidate_of);
  all.resize(std::min(all.size(), options.top));
  return all;
}

std::vector<Recommendation> recommend_brute_force(const TransferScorer& scorer, ActorId seeker,
                                                  std::span<const Need> needs, std::size_t k) {
  const auto& index = detail::ScorerAccess::index(scorer);
  TopK top(k);
  for (const auto c : index.candidates()) {
    if (auto parts = index.score(seeker, needs, c)) top.offer({c, *parts});
  }
  return std::move(top).take();
}

std::vector<SeekerRecommendations> recommend_many(const TransferScorer& scorer,
                                                  std::span<const ActorId> seekers, std::size_t k) {
  return recommend_many(scorer, seekers, RecommendOptions{.top = k});
}

std::vector<SeekerRecommendations> recommend_many(const TransferScorer& scorer,
                                                  std::span<const ActorId> seekers,
                                                  const RecommendOptions& options) {
  std::vector<SeekerRecommendations> out(seekers.size());
  const auto& index = detail::ScorerAccess::index(scorer);
  par::ThreadLocal<Workspace> local([&index] { return Workspace(index); });
  par::parallel_for(par::Range<std::size_t>(0, seekers.size(), 64), [&](const auto& r) {
    auto& ws = local.local();
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const auto needs = scorer.region().needs(seekers[i]);
      out[i] = {seekers[i], query_indexed(index, seekers[i], needs, options, ws)};
    }
  });
  return out;
}

std::vector<SeekerRecommendations> recommend_many_brute_force(const TransferScorer& scorer,
                                                              std::span<const ActorId> seekers,
                                                              std::size_t k) {
  std::vector<SeekerRecommendations> out(seekers.size());
  par::parallel_for(std::size_t{0}, seekers.size(), [&](std::size_t i) {
    const auto needs = scorer.region().needs(seekers[i]);
    out[i] = {seekers[i], recommend_brute_force(scorer, seekers[i], needs, k)};
  });
  return out;
}

std::vector<SeekerRecommendations> recommend_all(const TransferScorer& scorer, std::size_t k) {
  return recommend_many(scorer, seekers_of(scorer.region()), k);
}

std::vector<SeekerRecommendations> recommend_all(const TransferScorer& scorer,
                                                 const RecommendOptions& options) {
  return recommend_many(scorer, seekers_of(scorer.region()), options);
}

std::vector<SeekerRecommendations> recommend_all_brute_force(const TransferScorer& scorer,
                                                             std::size_t k) {
  return recommend_many_brute_force(scorer, seekers_of(scorer.region()), k);
}

}  // namespace verbund::match
