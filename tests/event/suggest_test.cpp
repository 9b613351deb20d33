#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "verbund/event/suggest.hpp"
#include "verbund/gen/market.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/match/score.hpp"

using namespace verbund;

TEST_CASE("suggested requests: brute force over the participants agrees", "[event]") {
  const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  const auto region = gen::generate_market(base, {.firms = 300, .groups = 60, .seed = 5});
  const match::TransferScorer scorer(region, {});
  // 40 firms and 30 groups; the first ten firms already asked for three meetings each.
  event::Event e;
  std::vector<core::ActorId> firms, groups;
  for (std::uint32_t a = 0; a < region.size(); ++a) {
    const core::ActorId id{a};
    if (region.kind(id) == core::ActorKind::firm && firms.size() < 40 &&
        !match::needs_of(region, id).empty())
      firms.push_back(id);
    if (scorer.is_candidate(id) && groups.size() < 30) groups.push_back(id);
  }
  const auto add = [&](const std::string& id, const std::string& actor_id) {
    event::Participant p;
    p.id = id;
    p.actor_id = actor_id;
    e.participants.push_back(p);
  };
  for (const auto a : firms)
    add(std::string(region.external_id(a)), std::string(region.external_id(a)));
  for (const auto a : groups)
    add(std::string(region.external_id(a)), std::string(region.external_id(a)));
  add("new", "");
  const auto F = static_cast<std::uint32_t>(firms.size());
  for (std::uint32_t f = 0; f < 10; ++f)
    for (std::uint32_t k = 0; k < 3; ++k) {
      event::Request q;
      q.requester = f;
      q.requested = F + (f + k) % 30;
      e.requests.push_back(q);
    }
  e.vetoes.push_back({10, F, "competitor"});
  e.vetoes.push_back({11, F + 1, ""});
  const event::SuggestOptions options{.fewer_than = 3, .per_participant = 2};
  const auto found = event::suggest_requests(e, scorer, options);
  REQUIRE_FALSE(found.empty());
  std::set<std::pair<std::uint32_t, std::uint32_t>> asked;
  for (const auto& q : e.requests) asked.insert(std::minmax(q.requester, q.requested));
  std::vector<std::size_t> per(e.participants.size(), 0);
  const auto actor = [&](std::uint32_t p) { return *region.find(e.participants[p].actor_id); };
  for (const auto& s : found) {
    CHECK(s.requester < F + 30);  // never the participant outside the region
    CHECK(s.requested < F + 30);
    CHECK_FALSE(asked.contains(std::minmax(s.requester, s.requested)));
    CHECK_FALSE((std::minmax(s.requester, s.requested) == std::minmax(10u, F)));
    CHECK_FALSE((std::minmax(s.requester, s.requested) == std::minmax(11u, F + 1)));
    CHECK_FALSE(region.connected(actor(s.requester), actor(s.requested)));
    CHECK(++per[s.requester] <= 2);
    CHECK_FALSE(s.reason.empty());
  }
  // Brute force: each firm without requests gets its best allowed partner first.
  for (std::uint32_t f = 10; f < F; ++f) {
    double best = 0.0;
    std::uint32_t best_g = 0;
    const auto needs = match::needs_of(region, firms[f]);
    for (std::uint32_t g = F; g < F + 30; ++g) {
      if ((f == 10 && g == F) || (f == 11 && g == F + 1)) continue;
      if (region.connected(firms[f], actor(g))) continue;
      const auto parts = scorer.score(firms[f], needs, actor(g));
      if (parts && parts->total > best) {
        best = parts->total;
        best_g = g;
      }
    }
    const auto first =
        std::find_if(found.begin(), found.end(), [&](const auto& s) { return s.requester == f; });
    if (best <= 0.0) {
      CHECK(first == found.end());
      continue;
    }
    REQUIRE(first != found.end());
    CHECK(first->requested == best_g);
    CHECK(first->score == Approx(best));
  }
  // With existing partners allowed, at least as many suggestions.
  auto wider = options;
  wider.include_existing = true;
  CHECK(event::suggest_requests(e, scorer, wider).size() >= found.size());
}
