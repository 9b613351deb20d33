#pragma once
// Transfer scores judged on outcomes: the network known up to a cut year, the transfer
// partnerships that formed after it, and how well a weight setting ranks them (hits@k, MRR,
// NDCG@10 with bootstrap intervals); and weights fitted on such outcomes (NLopt).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/match/score.hpp"

namespace verbund::match {

/// A firm that formed transfer ties in the outcome years, and its new partners.
struct TransferOutcomeQuery {
  core::ActorId firm;
  std::vector<core::ActorId> partners;  ///< ascending; candidates of the pool, not tied at the cut
};

/// The network as known at the end of year `until` and the transfer partnerships formed in
/// until+1..last. Actor ids are the full region's (every actor is kept).
struct TransferOutcomeSplit {
  int until = 0;
  int last = 0;
  /// Ties and memberships that started up to `until` (unknown start: kept, as always there).
  core::Region known;
  std::vector<TransferOutcomeQuery> queries;  ///< ascending by firm
  std::size_t new_ties = 0;  ///< transfer ties (firm, science kind) started in until+1..last
  /// Of them, not asked: the partner is no candidate of the default pool, the firm has no needs,
  /// or the pair was already tied at the cut.
  std::size_t not_asked = 0;
};

/// Where outcomes can be asked: "transfer ties between firms and science start in A..B" (or
/// "no transfer tie ... has a start year"), for messages that refuse a cut year without queries.
/// O(m). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string transfer_years_text(const core::Region& region);

/// Splits `region` at `until`: transfer ties between a firm and a science actor (university,
/// research institute, research group) that start in until+1..last become queries. Throws
/// InvalidInput when last < until. O((n + m) log(n + m)) for the rebuild plus building one
/// default scorer for the candidate pool. Thread-safe (reads `region`).
[[nodiscard]] TransferOutcomeSplit transfer_outcome_split(const core::Region& region, int until,
                                                          int last);

/// A way to rank candidates: the scorer's weights, and whether distance adds to the score
/// (the additive score before fit came first: fit + proximity x decay + extras) instead of
/// scaling the fit.
struct TransferSetting {
  std::string name;
  ScoreWeights weights;
  bool additive_proximity = false;
};

/// `w` with capacity left out of the ranking (policy penalise, penalty 0): a history made
/// without capacities (the generator's) would otherwise be judged on who was full, not on the
/// score. O(1). Thread-safe; does not throw.
[[nodiscard]] ScoreWeights capacity_ignored(ScoreWeights w) noexcept;

/// The settings the issue compares: today's default, the old additive score, proximity shares
/// 0, 0.25 and 0.5 (= default), and no related-competence credit. O(1). Does not throw but
/// std::bad_alloc.
[[nodiscard]] std::vector<TransferSetting> standard_transfer_settings();

/// A score for (query index, firm, candidate); nothing = not ranked (never found).
using OutcomeScore =
    std::function<std::optional<double>(std::size_t, core::ActorId, core::ActorId)>;

/// Per query, the 1-based rank of each true partner (query order, partners' order) among the
/// candidates of `candidates` that score, leaving out those tied to the firm at the cut, best
/// first, ties broken by ascending actor id (as `recommend`); 0 = not ranked. In parallel over
/// queries (oneTBB), the same for any thread count. O(queries x candidates x score). Thread-safe
/// if `score` is.
[[nodiscard]] std::vector<std::vector<std::size_t>> outcome_ranks(
    const TransferOutcomeSplit& split, std::span<const core::ActorId> candidates,
    const OutcomeScore& score);

/// outcome_ranks with a TransferScorer over split.known with the setting's weights (parts.total,
/// or the additive form). Throws InvalidInput if the weights are invalid. O(scorer build +
/// queries x candidates x score). Thread-safe.
[[nodiscard]] std::vector<std::vector<std::size_t>> outcome_ranks(const TransferOutcomeSplit& split,
                                                                  const TransferSetting& setting);

/// A mean with its 95 % percentile bootstrap interval.
struct OutcomeEstimate {
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
};

/// Ranking quality over the queries. Per query with first true partner at rank r (none: r = inf)
/// and R true partners: hits@k = [r <= k]; reciprocal rank 1/r; NDCG@10 = sum over true partners
/// ranked within 10 of 1/log2(1 + rank), over the ideal sum for min(R, 10).
struct OutcomeMetrics {
  std::size_t queries = 0;
  OutcomeEstimate hits_at_1, hits_at_5, hits_at_10, mrr, ndcg_at_10;
};

/// Means over the queries of `ranks` (as outcome_ranks returns) and `resamples` bootstrap
/// resamples of the queries (seeded; core::quantile at 2.5 % and 97.5 %). Queries without true
/// partners are skipped. Empty input: all zero. O(resamples x queries + ranks). Thread-safe;
/// throws only std::bad_alloc.
[[nodiscard]] OutcomeMetrics outcome_metrics(std::span<const std::vector<std::size_t>> ranks,
                                             std::size_t resamples = 1000, std::uint64_t seed = 1);

/// What `fit_transfer_weights` searches: the weights that enter linearly are fitted by NLopt
/// (BOBYQA) for each grid point of the two that change the parts themselves.
struct TransferFitOptions {
  ScoreWeights base{};  ///< fit, prior_tie, first_science_tie, capacity fields kept from here
  std::vector<double> theme_credits{0.0, 0.15, 0.3, 0.5};
  std::vector<double> half_distances_km{10.0, 20.0, 40.0};
  int max_evaluations = 2000;  ///< per grid point
  /// Fit and validate with capacity_ignored weights; the result keeps base's capacity fields.
  bool ignore_capacity = true;
};

/// Fitted weights and how they were chosen.
struct TransferFit {
  ScoreWeights weights;
  double train_log_likelihood = 0.0;  ///< mean per true partner, at the chosen grid point
  double validation_mrr = 0.0;        ///< of the chosen weights (the grid point's criterion)
  std::size_t train_queries = 0;
  std::size_t validation_queries = 0;
};

/// Fits proximity, same_municipality, network and bridge (fit weight fixed at base.fit) on the
/// queries of `train` (each split from its own past): maximises the mean log-likelihood of the
/// true partners under a softmax over each query's ranked candidates (a smooth surrogate of
/// their ranks; its temperature is fitted too), with NLopt's BOBYQA from the defaults. Over the
/// grid of theme_credit x half_distance_km, keeps the weights with the best MRR on
/// `validation` (ties: the earlier grid point). Deterministic, the same for any thread count.
/// Throws InvalidInput when `train` has no query with a ranked true partner. O(grid x (splits x
/// scorer build + queries x candidates x score + evaluations x rows)). Thread-safe.
[[nodiscard]] TransferFit fit_transfer_weights(std::span<const TransferOutcomeSplit> train,
                                               const TransferOutcomeSplit& validation,
                                               const TransferFitOptions& options = {});

/// fit_transfer_weights on the region's own history: training splits for each query year y in
/// first..until (the network known to y - 1, the partnerships of y), validation on until + 1
/// (known to until). Throws InvalidInput when first > until or nothing can be learned. Cost as
/// fit_transfer_weights plus a transfer_outcome_split per year. Thread-safe.
[[nodiscard]] TransferFit train_transfer_weights(const core::Region& region, int first, int until,
                                                 const TransferFitOptions& options = {});

}  // namespace verbund::match
