// A funding call's TOML: parsed (parse_call), checked against a small region
// (check_call_against) and, when it fits, given to the consortium builder with few restarts:
// what `match consortium --call FILE` does with a file.

#include "fuzz_support.hpp"
#include "verbund/match/call.hpp"
#include "verbund/match/consortium.hpp"
#include "verbund/match/score.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verbund;
  static const match::TransferScorer scorer(fuzz::small_region(), match::ScoreWeights{});
  fuzz::accept_or_refuse([&] {
    const match::Call call = match::parse_call(fuzz::as_text(data, size), "fuzz.toml");
    match::check_call_against(call, fuzz::small_region());
    (void)match::build_consortia(scorer, call, {.top = 2, .restarts = 2});
  });
  return 0;
}
