#include "verbund/event/suggest.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include "verbund/match/recommend.hpp"
#include "verbund/match/score.hpp"

namespace verbund::event {

namespace {

std::string reason_of(const match::TransferScorer& scorer, core::ActorId seeker,
                      const std::vector<match::Need>& needs, core::ActorId candidate,
                      const match::ScoreParts& parts) {
  const auto& region = scorer.region();
  const auto why = scorer.explain(seeker, needs, candidate);
  std::string out;
  std::vector<std::string> met;
  for (const auto& n : why.needs) {
    if (!n.met_by || met.size() == 3) continue;
    auto label =
        region.taxonomy().competence(*n.met_by).label_en + (n.within_theme ? " (same theme)" : "");
    if (std::find(met.begin(), met.end(), label) == met.end()) met.push_back(std::move(label));
  }
  if (!met.empty()) {
    out = std::string(region.name(candidate)) + " offers what " + std::string(region.name(seeker)) +
          " needs: ";
    for (std::size_t i = 0; i < met.size(); ++i) out += (i ? ", " : "") + met[i];
  }
  if (!why.common_partners.empty())
    out += "; " + std::to_string(why.common_partners.size()) +
           (why.common_partners.size() == 1 ? " partner" : " partners") + " in common";
  if (why.distance_km) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "; %.0f km apart", *why.distance_km);
    out += buffer;
  }
  char score[32];
  std::snprintf(score, sizeof score, "; score %.3f", parts.total);
  return out + score;
}

}  // namespace

std::vector<Suggestion> suggest_requests(const Event& event, const match::TransferScorer& scorer,
                                         const SuggestOptions& options) {
  const auto& region = scorer.region();
  const auto P = static_cast<std::uint32_t>(event.participants.size());
  std::vector<std::optional<core::ActorId>> actor(P);
  for (std::uint32_t p = 0; p < P; ++p)
    if (!event.participants[p].actor_id.empty())
      actor[p] = region.find(event.participants[p].actor_id);
  std::vector<std::size_t> live(P, 0);
  std::set<std::pair<std::uint32_t, std::uint32_t>> asked;
  for (const auto& q : event.requests) {
    asked.insert(std::minmax(q.requester, q.requested));
    if (q.status == RequestStatus::declined) continue;
    ++live[q.requester];
    ++live[q.requested];
  }
  for (const auto& v : event.vetoes) asked.insert(std::minmax(v.a, v.b));
  const auto allowed = [&](std::uint32_t a, std::uint32_t b) {
    if (a == b || asked.contains(std::minmax(a, b))) return false;
    return options.include_existing || !region.connected(*actor[a], *actor[b]);
  };
  // Every (seeker, candidate) score among the participants, once.
  struct Pair {
    std::uint32_t seeker, candidate;
    match::ScoreParts parts;
  };
  std::vector<Pair> pairs;
  std::vector<std::vector<match::Need>> needs(P);
  for (std::uint32_t s = 0; s < P; ++s) {
    if (!actor[s]) continue;
    needs[s] = match::needs_of(region, *actor[s]);
    if (needs[s].empty()) continue;
    for (std::uint32_t c = 0; c < P; ++c) {
      if (!actor[c] || !scorer.is_candidate(*actor[c]) || !allowed(s, c)) continue;
      if (live[s] >= options.fewer_than && live[c] >= options.fewer_than) continue;
      if (const auto parts = scorer.score(*actor[s], needs[s], *actor[c]);
          parts && parts->total > 0)
        pairs.push_back({s, c, *parts});
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) {
    if (x.parts.total != y.parts.total) return x.parts.total > y.parts.total;
    return std::pair(x.seeker, x.candidate) < std::pair(y.seeker, y.candidate);
  });
  std::vector<std::size_t> given(P, 0);
  std::set<std::pair<std::uint32_t, std::uint32_t>> taken;
  std::vector<Suggestion> out;
  for (const auto& x : pairs) {
    // Who asks: the side with few requests (the seeker when both have few).
    const bool seeker_asks = live[x.seeker] < options.fewer_than;
    const auto from = seeker_asks ? x.seeker : x.candidate;
    const auto to = seeker_asks ? x.candidate : x.seeker;
    if (given[from] >= options.per_participant || !taken.insert(std::minmax(from, to)).second)
      continue;
    ++given[from];
    out.push_back(
        {from, to, x.parts.total,
         reason_of(scorer, *actor[x.seeker], needs[x.seeker], *actor[x.candidate], x.parts)});
  }
  std::sort(out.begin(), out.end(), [](const Suggestion& x, const Suggestion& y) {
    if (x.requester != y.requester) return x.requester < y.requester;
    if (x.score != y.score) return x.score > y.score;
    return x.requested < y.requested;
  });
  return out;
}

}  // namespace verbund::event
