#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>

#include "test_support.hpp"
#include "verbund/core/random.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/market.hpp"
#include "verbund/match/transfer_round.hpp"

using namespace verbund;

namespace {

/// Blocking pairs counted from scratch: a listed pair not chosen, where the seeker has room or
/// likes the candidate better (by score) than its worst partner, and the receiver has room or
/// ranks the seeker above its worst partner by its own priority.
std::size_t brute_force_blocking(const match::TransferRound& round) {
  const auto& p = round.problem;
  const auto& a = round.assignment;
  const auto prio = [&](std::size_t k) {
    return round.right_priority.empty() ? p.pairs[k].score : round.right_priority[k];
  };
  std::vector<std::uint8_t> chosen(p.pairs.size(), 0);
  for (const auto k : a.chosen) chosen[k] = 1;
  std::size_t blocking = 0;
  for (std::size_t k = 0; k < p.pairs.size(); ++k) {
    const auto& x = p.pairs[k];
    if (chosen[k] || x.score <= 0.0) continue;
    double worst_left = std::numeric_limits<double>::infinity();
    double worst_right = std::numeric_limits<double>::infinity();
    int left_load = 0, right_load = 0;
    for (std::size_t m = 0; m < p.pairs.size(); ++m) {
      if (!chosen[m]) continue;
      if (p.pairs[m].left == x.left) {
        ++left_load;
        worst_left = std::min(worst_left, p.pairs[m].score);
      }
      if (p.pairs[m].right == x.right) {
        ++right_load;
        worst_right = std::min(worst_right, prio(m));
      }
    }
    const bool left_wants = left_load < p.left_capacity[x.left] || x.score > worst_left;
    const bool right_wants = right_load < p.right_capacity[x.right] || prio(k) > worst_right;
    blocking +=
        left_wants && right_wants && p.left_capacity[x.left] > 0 && p.right_capacity[x.right] > 0;
  }
  return blocking;
}

}  // namespace

TEST_CASE("stable assignment with receivers' own priorities has no blocking pair", "[match]") {
  const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  int differs = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const auto region = gen::generate_market(base, {.firms = 120, .groups = 15, .seed = seed});
    const match::TransferScorer scorer(region, {});
    const auto lists = match::recommend_all(scorer, 5);
    // Every other candidate states preferences: a ranking of firms that listed it, or criteria.
    match::ReceiverPreferences prefs;
    core::RandomStream rng(seed, 0, 1);
    const auto candidates = scorer.candidates();
    for (std::size_t c = 0; c < candidates.size(); c += 2) {
      match::ReceiverPreference p;
      p.receiver = candidates[c];
      if (rng.bernoulli(0.5)) {
        for (const auto& list : lists)
          for (const auto& r : list.top)
            if (r.candidate == p.receiver && rng.bernoulli(0.5)) p.ranking.push_back(list.seeker);
        std::reverse(p.ranking.begin(), p.ranking.end());  // against the shared order
      } else {
        p.sizes = {core::FirmSize::micro, core::FirmSize::small};
        p.max_distance_km = 20.0;
      }
      prefs.receivers.push_back(p);
    }
    const auto stable =
        match::assign_transfers(scorer, lists, match::AssignMethod::stable, std::nullopt, &prefs);
    REQUIRE(stable.right_priority.size() == stable.problem.pairs.size());
    CHECK(brute_force_blocking(stable) == 0);
    CHECK(stable.blocking_pairs == 0);
    const auto greedy =
        match::assign_transfers(scorer, lists, match::AssignMethod::greedy, std::nullopt, &prefs);
    CHECK(brute_force_blocking(greedy) == greedy.blocking_pairs);
    differs += stable.assignment.chosen != greedy.assignment.chosen;
    // Without stated preferences nothing changes: the defaults stay as they were.
    const auto plain = match::assign_transfers(scorer, lists, match::AssignMethod::stable);
    CHECK(plain.right_priority.empty());
    CHECK(brute_force_blocking(plain) == 0);
  }
  CHECK(differs >= 2);
}

TEST_CASE("receiver preference files are read strictly", "[match]") {
  const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  const auto region = gen::generate_market(base, {.firms = 50, .groups = 5, .seed = 1});
  test::ScratchDir dir;
  const auto group =
      std::string(region.external_id(core::ActorId{static_cast<std::uint32_t>(region.size() - 1)}));
  test::write_file(dir / "p.toml", "[[receiver]]\nid = \"" + group +
                                       "\"\nsizes = [\"small\"]\nranking = [\"nobody\"]\n");
  try {
    static_cast<void>(match::load_receiver_preferences(dir / "p.toml", region));
    FAIL("no error");
  } catch (const InvalidInput& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("p.toml:4:12") && Catch::Contains("'nobody'"));
  }
  test::write_file(dir / "p.toml", "[[receiver]]\nid = \"" + group + "\"\nsizes = [\"huge\"]\n");
  CHECK_THROWS_AS(match::load_receiver_preferences(dir / "p.toml", region), InvalidInput);
  test::write_file(dir / "p.toml", "[[receiver]]\nid = \"" + group + "\"\ncolour = 1\n");
  CHECK_THROWS_AS(match::load_receiver_preferences(dir / "p.toml", region), InvalidInput);
}
