#include "verbund/match/recommend.hpp"

#include <algorithm>
#include <cmath>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

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
  explicit TopK(std::size_t k) : k_(k) { heap_.reserve(k + 1); }
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
    return std::move(heap_);
  }

 private:
  std::size_t k_;
  std::vector<Recommendation> heap_;
};

/// Per-thread scratch over the candidates.
struct Workspace {
  explicit Workspace(std::size_t candidates) : fit(candidates, 0.0), stamp(candidates, 0) {}
  std::vector<double> fit;
  std::vector<std::uint32_t> stamp;  // need epoch that offered directly
  std::vector<std::uint32_t> touched;
  std::uint32_t epoch = 0;
};

std::vector<Recommendation> recommend_indexed(const TransferScorer& scorer, ActorId seeker,
                                              std::span<const Need> needs, std::size_t k,
                                              Workspace& ws) {
  const auto& region = scorer.region();
  const auto& taxonomy = region.taxonomy();
  const double theme_credit = scorer.weights().theme_credit;
  double denominator = 0.0;
  for (const auto& need : needs) denominator += need.weight * scorer.rarity(need.competence);
  if (denominator <= 0.0 || k == 0) return {};

  // Exact fit of every candidate sharing a competence or theme, through the postings.
  ws.touched.clear();
  auto touch = [&](std::uint32_t i, double add) {
    if (ws.fit[i] == 0.0 && add > 0.0) ws.touched.push_back(i);
    ws.fit[i] += add;
  };
  for (const auto& need : needs) {
    ++ws.epoch;
    const double scale = need.weight * scorer.rarity(need.competence) / denominator;
    for (const auto& p : scorer.offering(need.competence)) {
      ws.stamp[p.candidate] = ws.epoch;
      touch(p.candidate, scale * p.weight);
    }
    if (theme_credit > 0.0) {
      for (const auto& p : scorer.offering_theme(taxonomy.competence(need.competence).theme)) {
        if (ws.stamp[p.candidate] != ws.epoch) touch(p.candidate, scale * theme_credit * p.weight);
      }
    }
  }

  const auto& w = scorer.weights();
  const auto candidates = scorer.candidates();
  TopK top(k);
  auto consider = [&](std::uint32_t i) {
    if (w.fit * ws.fit[i] + scorer.rest_bound(seeker, i) + bound_slack < top.threshold()) return;
    if (auto parts = scorer.score(seeker, needs, candidates[i])) top.offer({candidates[i], *parts});
  };
  // Seed the threshold with the best fits, then sweep the rest against it.
  const std::size_t seed = std::min(k, ws.touched.size());
  std::nth_element(ws.touched.begin(), ws.touched.begin() + static_cast<std::ptrdiff_t>(seed),
                   ws.touched.end(), [&](std::uint32_t a, std::uint32_t b) {
                     return ws.fit[a] != ws.fit[b] ? ws.fit[a] > ws.fit[b] : a < b;
                   });
  for (std::size_t j = 0; j < ws.touched.size(); ++j) consider(ws.touched[j]);
  for (const auto i : ws.touched) ws.fit[i] = 0.0;
  return std::move(top).take();
}

}  // namespace

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
  Workspace ws(scorer.candidates().size());
  return recommend_indexed(scorer, seeker, needs, k, ws);
}

std::vector<Recommendation> recommend_brute_force(const TransferScorer& scorer, ActorId seeker,
                                                  std::span<const Need> needs, std::size_t k) {
  TopK top(k);
  for (const auto c : scorer.candidates()) {
    if (auto parts = scorer.score(seeker, needs, c)) top.offer({c, *parts});
  }
  return std::move(top).take();
}

std::vector<SeekerRecommendations> recommend_all(const TransferScorer& scorer, std::size_t k) {
  const auto seekers = seekers_of(scorer.region());
  std::vector<SeekerRecommendations> out(seekers.size());
  const std::size_t candidates = scorer.candidates().size();
  tbb::enumerable_thread_specific<Workspace> local([candidates] { return Workspace(candidates); });
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, seekers.size(), 64), [&](const auto& r) {
    auto& ws = local.local();
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const auto needs = scorer.region().needs(seekers[i]);
      out[i] = {seekers[i], recommend_indexed(scorer, seekers[i], needs, k, ws)};
    }
  });
  return out;
}

std::vector<SeekerRecommendations> recommend_all_brute_force(const TransferScorer& scorer,
                                                             std::size_t k) {
  const auto seekers = seekers_of(scorer.region());
  std::vector<SeekerRecommendations> out(seekers.size());
  tbb::parallel_for(std::size_t{0}, seekers.size(), [&](std::size_t i) {
    const auto needs = scorer.region().needs(seekers[i]);
    out[i] = {seekers[i], recommend_brute_force(scorer, seekers[i], needs, k)};
  });
  return out;
}

}  // namespace verbund::match
