// A score weights file (`match transfer --weights`): parsed, then, when accepted, used to build
// the transfer scorer on a small region and rank one firm's partners, which must not fail on
// any weights the parser lets through.

#include <algorithm>
#include <span>

#include "fuzz_support.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/match/score.hpp"
#include "verbund/match/weights_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verbund;
  fuzz::accept_or_refuse([&] {
    const match::ScoreWeights weights =
        match::parse_score_weights(fuzz::as_text(data, size), "fuzz.toml");
    const match::TransferScorer scorer(fuzz::small_region(), weights);
    const auto seekers = match::seekers_of(fuzz::small_region());
    const std::size_t few = std::min<std::size_t>(seekers.size(), 3);
    (void)match::recommend_many(scorer, std::span(seekers).first(few), 5);
  });
  return 0;
}
