#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "verbund/analysis/simple_graph.hpp"
#include "verbund/core/region.hpp"

namespace verbund::match {

/// What to do with candidates whose capacity is used up.
enum class CapacityPolicy { exclude, penalise };

/// The weights of the transfer score's named parts, and their parameters. The defaults are the
/// documented defaults of `verbund match transfer` (README, "Matchmaking"); a TOML file can set
/// any of them (see `load_score_weights`).
struct ScoreWeights {
  double fit = 1.0;           ///< competence fit, in [0, 1]
  double theme_credit = 0.3;  ///< partial credit for a need met only within its theme
  double proximity = 0.25;    ///< distance decay 2^(-km / half_distance_km)
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

  /// Throws InvalidInput naming the first field that is negative or not finite.
  void validate() const;
};

/// Which actors are candidates: default the science kinds (university, research institute,
/// research group) that offer at least one competence.
struct CandidatePool {
  std::vector<core::ActorKind> kinds;  ///< empty = the science kinds
};

/// The named parts of one score (each already in [0, 1] before weighting) and the total.
struct ScoreParts {
  double fit = 0.0;
  double proximity = 0.0;
  double same_municipality = 0.0;
  double network = 0.0;
  double prior_tie = 0.0;
  double first_science_tie = 0.0;
  double bridge = 0.0;
  double capacity_penalty = 0.0;  ///< 1 when full and penalised
  double total = 0.0;             ///< the weighted sum
};

/// A need of the seeker and how the candidate meets it.
struct NeedMatch {
  core::CompetenceId need;
  /// The offered competence that meets it: the need itself, or the best one of its theme.
  std::optional<core::CompetenceId> met_by;
  bool within_theme = false;  ///< only partial credit
  double rarity = 0.0;        ///< the need's BM25 idf among candidates
  double contribution = 0.0;  ///< its share of the fit, before the fit weight
};

/// The "why" of a recommendation, for a transfer officer to read out.
struct Explanation {
  std::vector<NeedMatch> needs;
  std::vector<core::ActorId> common_partners;
  std::vector<core::ActorId> shared_groups;
  std::optional<double> distance_km;
  int capacity = 0;
  int load = 0;  ///< ongoing transfer partnerships
};

/// One seeker's need: competence and weight in (0, 1].
using Need = core::CompetenceWeight;

/// Scores (seeker, candidate) pairs of one region. Precomputes rarity (BM25 idf over the
/// candidates), the inverted index over competences and themes, components, loads and
/// capacities. Immutable after construction and safe to use from many threads.
class TransferScorer {
 public:
  TransferScorer(const core::Region& region, ScoreWeights weights, CandidatePool pool = {});

  [[nodiscard]] const core::Region& region() const noexcept { return *region_; }
  [[nodiscard]] const ScoreWeights& weights() const noexcept { return weights_; }
  /// Candidates, ascending by actor id.
  [[nodiscard]] std::span<const core::ActorId> candidates() const noexcept { return candidates_; }
  [[nodiscard]] bool is_candidate(core::ActorId a) const;

  /// The score of a pair, or nothing when they share no competence or theme, when the candidate
  /// is the seeker, or when the candidate is full and the policy excludes it. `needs` sorted by
  /// competence, without duplicates.
  [[nodiscard]] std::optional<ScoreParts> score(core::ActorId seeker, std::span<const Need> needs,
                                                core::ActorId candidate) const;
  [[nodiscard]] Explanation explain(core::ActorId seeker, std::span<const Need> needs,
                                    core::ActorId candidate) const;

  /// Capacity of an actor in a matching round (data, or the defaults), and its ongoing transfer
  /// partnerships (see ScoreWeights::partnership_years).
  [[nodiscard]] int capacity(core::ActorId a) const;
  [[nodiscard]] int load(core::ActorId a) const;
  [[nodiscard]] int free_capacity(core::ActorId a) const { return capacity(a) - load(a); }

  // --- for the inverted-index search (recommend.cpp) --------------------------------------
  struct Posting {
    std::uint32_t candidate;  ///< index into candidates()
    float weight;             ///< offer weight (competence) or best offer weight (theme)
  };
  [[nodiscard]] std::span<const Posting> offering(core::CompetenceId c) const;
  [[nodiscard]] std::span<const Posting> offering_theme(core::ThemeId t) const;
  /// The part of offering_theme(t) located in one municipality bucket (see ScoreBounds).
  [[nodiscard]] std::span<const Posting> offering_theme(core::ThemeId t,
                                                        std::uint32_t bucket) const;
  [[nodiscard]] std::uint32_t bucket_count() const noexcept {
    return static_cast<std::uint32_t>(buckets_.size());
  }
  [[nodiscard]] std::uint32_t bucket_of(std::uint32_t candidate_index) const {
    return candidate_brief_[candidate_index].bucket;
  }
  [[nodiscard]] double rarity(core::CompetenceId c) const { return idf_[c.value]; }

 private:
  [[nodiscard]] double fit(std::span<const Need> needs, core::ActorId candidate,
                           std::vector<NeedMatch>* matches) const;

  const core::Region* region_;
  ScoreWeights weights_;
  analysis::SimpleGraph graph_;
  std::vector<core::ActorId> candidates_;
  std::vector<std::uint32_t> candidate_index_;  // per actor, UINT32_MAX if none
  std::vector<double> idf_;                     // per competence
  std::vector<std::uint64_t> posting_offsets_, theme_offsets_;
  std::vector<Posting> postings_, theme_postings_;
  std::vector<std::uint32_t> component_;
  std::vector<std::uint8_t> has_science_tie_;
  std::vector<std::int32_t> load_;
  // For ScoreBounds: per candidate its place and flags; per group its candidate members.
  friend class ScoreBounds;
  struct Facts {
    double x = 0, y = 0, z = 0;  // unit vector, when located
    bool located = false;
    bool linked = false;  // has a tie
    bool science = false;
    bool first_science = false;  // a firm without a science tie yet
    bool full = false;           // candidate without free capacity
    std::uint32_t bucket = 0;    // municipality, or municipality_count() for none
    std::uint32_t component = 0;
  };
  [[nodiscard]] Facts facts_of(core::ActorId actor) const;
  void prepare_bounds();
  std::vector<Facts> candidate_facts_;
  struct Brief {  // the facts the per-candidate bound reads, packed
    std::uint32_t bucket;
    std::uint32_t component;
    std::uint8_t linked, science, full;
  };
  std::vector<Brief> candidate_brief_;
  struct Bucket {
    double x = 0, y = 0, z = 0;  // centre of its located candidates
    double radius_km = 0;        // largest distance of one of them from the centre
    bool any_located = false;
  };
  std::vector<Bucket> buckets_;
  std::vector<std::uint64_t> theme_bucket_offsets_;  // theme postings by (theme, bucket)
  std::vector<std::uint64_t> group_offsets_;         // per actor: candidates among its members
  std::vector<std::uint32_t> group_candidates_;
};

/// Upper bounds on everything but the fit, for one seeker against every candidate, O(1) per
/// candidate after an O(2-hop neighbourhood + municipalities) preparation: proximity by
/// municipality (centre and radius of its candidates), network evidence from the seeker's
/// partners' partners and groups, and the flags. Scratch for one thread; reuse across seekers.
class ScoreBounds {
 public:
  explicit ScoreBounds(const TransferScorer& scorer);
  void prepare(core::ActorId seeker);
  /// The bound over all candidates.
  [[nodiscard]] double max() const noexcept { return max_; }
  [[nodiscard]] double of(std::uint32_t candidate_index) const;
  /// Proximity and same-municipality bound of a bucket.
  [[nodiscard]] double place(std::uint32_t bucket) const { return place_[bucket]; }
  /// The bound on everything but fit and place, over all candidates.
  [[nodiscard]] double max_without_place() const noexcept { return max_without_place_; }

 private:
  const TransferScorer* scorer_;
  TransferScorer::Facts seeker_;
  std::vector<double> evidence_;  // Adamic–Adar sum per candidate
  std::vector<std::uint8_t> tied_;
  std::vector<std::uint32_t> marked_;
  double evidence_everywhere_ = 0.0;  // from partners and groups too large to expand
  std::vector<double> place_;         // per bucket: proximity + same municipality
  double max_ = 0.0;
  double max_without_place_ = 0.0;
};

}  // namespace verbund::match
