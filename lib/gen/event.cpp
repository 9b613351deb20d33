#include "verbund/gen/event.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "verbund/core/random.hpp"
#include "verbund/error.hpp"

namespace verbund::gen {

namespace {
// One named stream per purpose of the draws.
enum Purpose : std::uint32_t { presence = 1, limits, request_pairs, request_kind, veto, lock };
}  // namespace

event::SchedulingProblem generate_event(const EventOptions& o) {
  if (o.participants < 2 || o.slots == 0)
    throw InvalidInput("an event needs two participants and a slot");
  event::SchedulingProblem p;
  p.participants = o.participants;
  p.slots = o.slots;
  p.tables = o.tables;
  const auto P = o.participants, S = o.slots;
  p.available.assign(std::size_t{P} * S, 1);
  for (std::uint32_t i = 0; i < P; ++i) {
    core::RandomStream rng(o.seed, i, presence);
    if (!rng.bernoulli(o.partial_share)) continue;
    const auto half = std::max<std::uint32_t>(1, S / 2);
    const bool morning = rng.bernoulli(0.5);
    for (std::uint32_t s = 0; s < S; ++s)
      if ((s < half) != morning) p.available[std::size_t{i} * S + s] = 0;
  }
  for (std::uint32_t i = 0; i < P; ++i) {
    core::RandomStream rng(o.seed, i, limits);
    const int lo = std::max(1, o.max_meetings / 2);
    const int max =
        lo + static_cast<int>(rng.below(static_cast<std::uint64_t>(o.max_meetings - lo + 1)));
    p.max_meetings.push_back(std::min<int>(max, static_cast<int>(S)));
    p.min_meetings.push_back(std::min(o.min_meetings, p.max_meetings.back()));
  }
  // Popularity: participant i drawn with weight 1 / (1 + i / 20), by inversion of the sums.
  std::vector<double> cumulative(P);
  double total = 0.0;
  for (std::uint32_t i = 0; i < P; ++i) cumulative[i] = total += 1.0 / (1.0 + i / 20.0);
  std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
  const auto max_pairs = std::size_t{P} * (P - 1) / 2;
  core::RandomStream rng(o.seed, 0, request_pairs);
  core::RandomStream kind(o.seed, 0, request_kind);
  while (p.requests.size() < std::min(o.requests, max_pairs)) {
    const auto a = static_cast<std::uint32_t>(rng.below(P));
    const auto at = std::lower_bound(cumulative.begin(), cumulative.end(), rng.uniform() * total);
    const auto b =
        static_cast<std::uint32_t>(std::min<std::ptrdiff_t>(at - cumulative.begin(), P - 1));
    if (a == b || !pairs.insert(std::minmax(a, b)).second) continue;
    const bool must = kind.bernoulli(o.must_share);
    p.requests.push_back({a, b, must ? event::Priority::must : event::Priority::want,
                          must ? o.must_weight : o.want_weight});
  }
  core::RandomStream v(o.seed, 0, veto);
  for (std::size_t k = 0; k < o.vetoes * 4 && p.vetoes.size() < o.vetoes; ++k) {
    const auto a = static_cast<std::uint32_t>(v.below(P)),
               b = static_cast<std::uint32_t>(v.below(P));
    if (a == b) continue;
    const auto it = std::find_if(p.requests.begin(), p.requests.end(), [&](const auto& q) {
      return std::minmax(q.a, q.b) == std::minmax(a, b);
    });
    if (it == p.requests.end() || it->priority == event::Priority::want)
      p.vetoes.emplace_back(a, b);
  }
  core::RandomStream l(o.seed, 0, lock);
  std::set<std::pair<std::uint32_t, std::uint32_t>> person_slot;
  std::vector<int> locked(P, 0);
  std::vector<std::uint32_t> table_next(S, 0);
  for (std::size_t k = 0; k < p.requests.size() && p.fixed.size() < o.locks; ++k) {
    const auto& q = p.requests[static_cast<std::size_t>(l.below(p.requests.size()))];
    const auto s = static_cast<std::uint32_t>(l.below(S));
    if (table_next[s] >= o.tables || !p.is_available(q.a, s) || !p.is_available(q.b, s)) continue;
    if (person_slot.contains({q.a, s}) || person_slot.contains({q.b, s})) continue;
    if (locked[q.a] >= p.max_meetings[q.a] || locked[q.b] >= p.max_meetings[q.b]) continue;
    const bool vetoed = std::any_of(p.vetoes.begin(), p.vetoes.end(), [&](const auto& x) {
      return std::minmax(x.first, x.second) == std::minmax(q.a, q.b);
    });
    const bool twice = std::any_of(p.fixed.begin(), p.fixed.end(), [&](const auto& f) {
      return std::minmax(f.a, f.b) == std::minmax(q.a, q.b);
    });
    if (vetoed || twice) continue;
    person_slot.insert({q.a, s});
    person_slot.insert({q.b, s});
    ++locked[q.a];
    ++locked[q.b];
    p.fixed.push_back({q.a, q.b, s, table_next[s]++});
  }
  return p;
}

}  // namespace verbund::gen
