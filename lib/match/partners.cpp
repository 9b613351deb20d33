#include "verbund/match/partners.hpp"

#include "consortium_detail.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/parallel_loops.hpp"

#include "verbund/error.hpp"

namespace verbund::match {

using core::ActorId;

namespace {

bool ranks_before(const PartnerRecommendation& a, const PartnerRecommendation& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.actor < b.actor;
}

// The best `top` of `all`: without members (score -inf) and, unless options keep them, without
// actors tied to a member; one_per_family walks the whole ranking.
std::vector<PartnerRecommendation> take_top(const core::Region& region,
                                            std::span<const ActorId> members,
                                            std::vector<PartnerRecommendation> all,
                                            const PartnerOptions& options) {
  std::erase_if(all, [&](const PartnerRecommendation& p) {
    if (p.score == -INFINITY) return true;
    if (options.include_existing) return false;
    return std::any_of(members.begin(), members.end(),
                       [&](ActorId m) { return region.connected(m, p.actor); });
  });
  if (options.one_per_family) {
    std::sort(all.begin(), all.end(), ranks_before);
    return one_per_family(region, std::move(all), options.top,
                          [](const PartnerRecommendation& p) { return p.actor; });
  }
  const std::size_t top = options.top;
  const auto k = std::min(top, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(),
                    ranks_before);
  all.resize(k);
  return all;
}

/// Without a call: ties, common partners, topic and needs, activity.
std::vector<PartnerRecommendation> by_network_and_topic(const TransferScorer& scorer,
                                                        std::span<const ActorId> members,
                                                        const PartnerOptions& options) {
  const auto& r = scorer.region();
  const auto& w = options.weights;
  const std::size_t n = r.size();
  std::vector<std::uint8_t> member(n, 0);
  for (const auto m : members) member[m.value] = 1;

  // Distinct neighbours per actor (parallel ties merged), from the CSR.
  auto distinct_neighbours = [&](ActorId a, auto&& f) {
    std::uint32_t last = UINT32_MAX;
    for (const auto& nb : r.neighbours(a)) {
      if (nb.actor.value != last) f(nb.actor.value);
      last = nb.actor.value;
    }
  };
  std::vector<std::uint32_t> degree(n, 0);
  std::uint32_t max_degree = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    distinct_neighbours(ActorId{v}, [&](std::uint32_t) { ++degree[v]; });
    max_degree = std::max(max_degree, degree[v]);
  }

  std::unordered_map<std::uint32_t, double> tied, evidence;
  for (const auto m : members) {
    distinct_neighbours(m, [&](std::uint32_t z) {
      tied[z] += 1.0;
      if (degree[z] < 2) return;
      const double amount = 1.0 / std::log(static_cast<double>(degree[z]));
      distinct_neighbours(ActorId{z}, [&](std::uint32_t x) {
        if (x != m.value) evidence[x] += amount;
      });
    });
  }
  // The members' pooled offers and needs, by competence.
  const std::size_t competences = r.taxonomy().competences().size();
  std::vector<double> pooled(competences, 0.0), wanted(competences, 0.0);
  for (const auto m : members) {
    for (const auto& o : r.offers(m)) pooled[o.competence.value] += o.weight;
    for (const auto& o : r.needs(m)) wanted[o.competence.value] = 1.0;
  }
  double pooled_norm = 0.0, wanted_count = 0.0;
  for (std::size_t c = 0; c < competences; ++c) {
    pooled_norm += pooled[c] * pooled[c];
    wanted_count += wanted[c];
  }
  pooled_norm = std::sqrt(pooled_norm);

  std::vector<PartnerRecommendation> all(n);
  par::parallel_for(std::uint32_t{0}, static_cast<std::uint32_t>(n), [&](std::uint32_t v) {
    PartnerRecommendation p;
    p.actor = ActorId{v};
    if (member[v]) {
      p.score = -INFINITY;
      all[v] = p;
      return;
    }
    if (auto it = tied.find(v); it != tied.end())
      p.ties = it->second / static_cast<double>(members.size());
    if (auto it = evidence.find(v); it != evidence.end())
      p.evidence = it->second / (1.0 + it->second);
    double dot = 0.0, norm = 0.0, met = 0.0;
    for (const auto& o : r.offers(p.actor)) {
      dot += o.weight * pooled[o.competence.value];
      norm += o.weight * o.weight;
      met += wanted[o.competence.value];
    }
    if (dot > 0.0) p.topic = dot / (std::sqrt(norm) * pooled_norm);
    if (wanted_count > 0.0) p.needs = met / wanted_count;
    if (max_degree > 0)
      p.activity =
          std::log1p(static_cast<double>(degree[v])) / std::log1p(static_cast<double>(max_degree));
    p.score = w.ties * p.ties + w.evidence * p.evidence + w.topic * p.topic + w.needs * p.needs +
              w.activity * p.activity;
    all[v] = p;
  });
  return take_top(r, members, std::move(all), options);
}

}  // namespace

std::vector<PartnerRecommendation> recommend_partners(const TransferScorer& scorer,
                                                      std::span<const ActorId> members,
                                                      const PartnerOptions& options) {
  if (members.empty()) throw InvalidInput("recommend partners: give at least one member");
  if (!options.call) return by_network_and_topic(scorer, members, options);

  // With a call: the objective gain of adding each admissible actor, members as must-members.
  Call call = *options.call;
  const auto& r = scorer.region();
  for (const auto m : members) {
    const std::string id(r.external_id(m));
    if (std::find(call.members.begin(), call.members.end(), id) == call.members.end())
      call.members.push_back(id);
    call.excluded.erase(std::remove(call.excluded.begin(), call.excluded.end(), id),
                        call.excluded.end());
  }
  call.max_size = std::max(call.max_size, static_cast<int>(call.members.size()) + 1);
  return take_top(r, members, detail::consortium_additions(scorer, call), options);
}

}  // namespace verbund::match
