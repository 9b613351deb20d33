// A scorer built on a temporary region would dangle: refused. The control names the region.
#include "verbund/core/region.hpp"
#include "verbund/match/score.hpp"

void build_scorer();

void build_scorer() {
#ifdef VERBUND_COMPILE_FAIL_CONTROL
  const verbund::core::Region region{};
  const verbund::match::TransferScorer scorer(region, {});
#else
  const verbund::match::TransferScorer scorer(verbund::core::Region{}, {});
#endif
  (void)scorer.candidates();
}
