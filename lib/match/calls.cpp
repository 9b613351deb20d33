#include "verbund/match/calls.hpp"

#include <algorithm>
#include <cmath>

namespace verbund::match {

CallsResult build_for_calls(const TransferScorer& scorer, std::span<const Call> calls,
                            const ConsortiumOptions& options) {
  CallsResult result;
  result.actor_cap = calls.empty() ? 1 : calls.front().max_consortia_per_actor;
  for (const auto& call : calls) {
    result.actor_cap = std::min(result.actor_cap, call.max_consortia_per_actor);
    result.options.push_back(build_consortia(scorer, call, options));
  }
  result.chosen.assign(calls.size(), std::nullopt);
  double combinations = 1.0;
  for (const auto& o : result.options) combinations *= static_cast<double>(o.consortia.size() + 1);
  result.exhaustive = combinations <= 5e6;

  std::vector<int> used(scorer.region().size(), 0);
  auto fits = [&](const Consortium& c) {
    return std::all_of(c.members.begin(), c.members.end(),
                       [&](core::ActorId a) { return used[a.value] < result.actor_cap; });
  };
  auto take = [&](const Consortium& c, int delta) {
    for (const auto a : c.members) used[a.value] += delta;
  };
  if (!result.exhaustive) {
    for (std::size_t k = 0; k < calls.size(); ++k) {
      const auto& list = result.options[k].consortia;
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (!fits(list[i])) continue;
        take(list[i], +1);
        result.chosen[k] = i;
        result.total += list[i].score.total;
        break;
      }
    }
    return result;
  }
  // Depth-first over calls; the first best combination found wins (choices in list order).
  std::vector<std::optional<std::size_t>> current(calls.size());
  double best = -INFINITY;
  auto search = [&](auto&& self, std::size_t k, double total) -> void {
    if (k == calls.size()) {
      if (total > best + 1e-12) best = total, result.chosen = current;
      return;
    }
    const auto& list = result.options[k].consortia;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!fits(list[i])) continue;
      take(list[i], +1);
      current[k] = i;
      self(self, k + 1, total + list[i].score.total);
      take(list[i], -1);
    }
    current[k] = std::nullopt;
    self(self, k + 1, total);
  };
  search(search, 0, 0.0);
  result.total = best;
  return result;
}

}  // namespace verbund::match
