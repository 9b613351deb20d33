// A scorer built on the region a Store returns would point into a region destroyed at the end
// of the statement: refused. The control keeps the region in a variable.
#include "verbund/io/store.hpp"
#include "verbund/match/score.hpp"

void build_scorer(const verbund::io::Store& store, const verbund::match::ScoreWeights& weights);

void build_scorer(const verbund::io::Store& store, const verbund::match::ScoreWeights& weights) {
#ifdef VERBUND_COMPILE_FAIL_CONTROL
  const auto region = store.load_region();
  const verbund::match::TransferScorer scorer(region, weights);
#else
  const verbund::match::TransferScorer scorer(store.load_region(), weights);
#endif
  (void)scorer.candidates();
}
