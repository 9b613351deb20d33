#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "verbund/core/region.hpp"

namespace verbund::match {

/// What to do with candidates whose capacity is used up.
enum class CapacityPolicy { exclude, penalise };

/// The weights of the transfer score's named parts, and their parameters. The defaults are the
/// documented defaults of `verbund match transfer` (README, "Matchmaking"); a TOML file can set
/// any of them (see `load_score_weights`).
struct ScoreWeights {
  double fit = 1.0;  ///< competence fit, in [0, 1]
  /// Partial credit for a need met only by a related competence (taxonomy relation matrix),
  /// times the relation's strength.
  double theme_credit = 0.3;
  /// The share of the fit that depends on distance, in [0, 1]: fit is multiplied by
  /// 1 - proximity + proximity x 2^(-km / half_distance_km) (see proximity_factor), so that
  /// a closer partner can never outrank a better fit by more than this share.
  double proximity = 0.25;
  double half_distance_km = 20.0;
  double same_municipality = 0.05;
  double network = 0.2;             ///< common partners and shared memberships, squashed to [0, 1)
  double prior_tie = 0.05;          ///< the pair is already tied (trust)
  double first_science_tie = 0.15;  ///< would give a firm without one its first science tie
  double bridge = 0.1;              ///< joins two otherwise unconnected parts of the network
  CapacityPolicy capacity_policy = CapacityPolicy::exclude;
  double capacity_penalty = 0.5;    ///< subtracted when full and the policy is `penalise`
  int default_capacity = 3;         ///< for candidates without a capacity in the data
  int default_seeker_capacity = 1;  ///< for seekers without a capacity in the data
  /// A transfer partnership occupies capacity for this many years from its start (unless it
  /// ends earlier): load = transfer ties active in the reference year that started within it.
  int partnership_years = 3;
  /// The year loads are counted in; unset = the latest tie start year in the region.
  std::optional<int> reference_year;

  /// The largest weight of a part (and largest capacity_penalty). Weights are relative, so this
  /// lets one part outweigh another 1000-fold; it keeps every score below 1e4, where the exact
  /// top-k search's bounds (slack 1e-9) hold with room to spare.
  static constexpr double max_weight = 1000.0;
  /// The largest half_distance_km: half the Earth's circumference, beyond which proximity is flat.
  static constexpr double max_half_distance_km = 20040.0;

  /// Throws InvalidInput naming the first field that is negative or not finite, or outside its
  /// range (a weight > max_weight, theme_credit or proximity > 1, half_distance_km outside
  /// (0, max_half_distance_km], a default capacity < 0, partnership_years < 1). O(1), thread-safe.
  void validate() const;
};

/// The factor on fit for a distance decay `decay` in [0, 1] (0 when a place is unknown):
/// 1 - w.proximity + w.proximity x decay. O(1), thread-safe, does not throw.
[[nodiscard]] inline double proximity_factor(const ScoreWeights& w, double decay) noexcept {
  return 1.0 - w.proximity + w.proximity * decay;
}

/// Which actors are candidates: default the science kinds (university, research institute,
/// research group) that offer at least one competence. Chairs before universities: what a
/// candidate child (a chair, parent link) offers is the child's, and its parent competes only
/// with the offers none of its candidate children has (and is no candidate if that is nothing).
struct CandidatePool {
  std::vector<core::ActorKind> kinds;  ///< empty = the science kinds
};

/// The named parts of one score (each already in [0, 1] before weighting) and the total.
struct ScoreParts {
  double fit = 0.0;
  double proximity = 0.0;  ///< distance decay 2^(-km / half_distance_km); 0 if a place is unknown
  double same_municipality = 0.0;
  double network = 0.0;
  double prior_tie = 0.0;
  double first_science_tie = 0.0;
  double bridge = 0.0;
  double capacity_penalty = 0.0;  ///< 1 when full and penalised
  /// fit x fit weight x proximity_factor, plus the weighted other parts.
  double total = 0.0;
};

/// A need of the seeker and how the candidate meets it.
struct NeedMatch {
  core::CompetenceId need;
  /// The offered competence that meets it: the need itself, or the best related one.
  std::optional<core::CompetenceId> met_by;
  /// Met only by a related competence (partial credit); the name predates the relation matrix.
  bool within_theme = false;
  double rarity = 0.0;        ///< the need's BM25 idf among candidates
  double contribution = 0.0;  ///< its share of the fit, before the fit weight
  double similarity = 1.0;    ///< of need and met_by (the taxonomy's strength when related)
};

/// The "why" of a recommendation, for a transfer officer to read out.
struct Explanation {
  std::vector<NeedMatch> needs;
  std::vector<core::ActorId> common_partners;
  std::vector<core::ActorId> shared_groups;
  std::optional<double> distance_km;
  int capacity = 0;
  int load = 0;  ///< ongoing transfer partnerships
  /// In another part (component) of the network than the seeker: the score's `bridge` part.
  bool bridges = false;
};

/// One seeker's need: competence and weight in (0, 1].
using Need = core::CompetenceWeight;

namespace detail {
class ScoreIndex;
struct ScorerAccess;
}  // namespace detail

/// Scores (seeker, candidate) pairs of one region. Precomputes rarity (BM25 idf over the
/// candidates), the inverted index over competences and related competences (the taxonomy's
/// relation matrix), components, loads and capacities. Immutable after construction and safe to use
/// from many threads at once.
///
/// Keeps a pointer to `region`, which must outlive the scorer: a temporary region is refused
/// at compile time. Move-only (the index is large); a moved-from scorer may only be destroyed
/// or assigned to.
class TransferScorer {
 public:
  /// Builds the index. O(n + E + M + P R log P + C B) for n actors, E ties, M memberships, P
  /// offers of the candidates, R relations per competence, C competences and B municipalities.
  /// Throws InvalidInput if `weights` fail ScoreWeights::validate. Reads `region` only, and may run
  /// on oneTBB worker threads. \code
  ///   const match::TransferScorer scorer(region, {.proximity = 0.5});
  /// \endcode
  TransferScorer(const core::Region& region, ScoreWeights weights, CandidatePool pool = {});
  /// Refused: the scorer would keep a pointer to a region that dies at the end of the statement.
  TransferScorer(const core::Region&& region, ScoreWeights weights,
                 CandidatePool pool = {}) = delete;

  /// O(1), does not throw.
  TransferScorer(TransferScorer&& other) noexcept;
  /// O(1), does not throw.
  TransferScorer& operator=(TransferScorer&& other) noexcept;
  TransferScorer(const TransferScorer&) = delete;
  TransferScorer& operator=(const TransferScorer&) = delete;
  ~TransferScorer();

  /// The region scored. O(1), does not throw, thread-safe.
  [[nodiscard]] const core::Region& region() const noexcept;
  /// The weights, as given. O(1), does not throw, thread-safe.
  [[nodiscard]] const ScoreWeights& weights() const noexcept;
  /// Candidates, ascending by actor id. O(1), does not throw, thread-safe.
  [[nodiscard]] std::span<const core::ActorId> candidates() const noexcept;
  /// Whether `a` is a candidate; false for an id outside the region. O(1), does not throw,
  /// thread-safe.
  [[nodiscard]] bool is_candidate(core::ActorId a) const;

  /// The score of a pair, or nothing when no need is offered or related to an offer, when the
  /// candidate is the seeker, or when the candidate is full and the policy excludes it. `needs`
  /// sorted by competence, without duplicates; both ids must be in the region. O(N log o + N' R log
  /// o + min(d) log max(d) + g_s g_c) for N needs (N' of them not offered directly), R relations
  /// per need, o offers of the candidate, the pair's degrees d and group counts g. Throws only
  /// std::bad_alloc. Thread-safe.
  [[nodiscard]] std::optional<ScoreParts> score(core::ActorId seeker, std::span<const Need> needs,
                                                core::ActorId candidate) const;
  /// Why the pair scores as it does (see Explanation); the same terms as `score`, also for a
  /// pair `score` would not list. Same complexity as `score`, plus sorting the common partners.
  /// Throws only std::bad_alloc. Thread-safe.
  [[nodiscard]] Explanation explain(core::ActorId seeker, std::span<const Need> needs,
                                    core::ActorId candidate) const;

  /// Capacity of an actor in a matching round (data, or the defaults), and its ongoing transfer
  /// partnerships (see ScoreWeights::partnership_years). `a` must be in the region. Each O(1);
  /// they do not throw; thread-safe.
  [[nodiscard]] int capacity(core::ActorId a) const;
  [[nodiscard]] int load(core::ActorId a) const;
  [[nodiscard]] int free_capacity(core::ActorId a) const { return capacity(a) - load(a); }

  /// The BM25 idf of competence `c` among the candidates, ln(1 + (C - df + 1/2) / (df + 1/2)).
  /// `c` must be in the taxonomy. O(1), does not throw, thread-safe.
  [[nodiscard]] double rarity(core::CompetenceId c) const;

 private:
  friend struct detail::ScorerAccess;  // lib/match's search reads the index directly
  std::unique_ptr<const detail::ScoreIndex> index_;
};

}  // namespace verbund::match
