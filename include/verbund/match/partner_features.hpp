#pragma once
// Features of a (partial consortium, candidate) pair for learned partner recommendation: what
// the network, the topics, the places, the kinds and the recent activity say about whether the
// candidate would complete the consortium. Computed once per query over a candidate pool.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "verbund/core/ids.hpp"
#include "verbund/core/region.hpp"

namespace verbund::match {

/// The feature columns, in order. Network features sum over the members m:
/// common_neighbours = sum_m |N(m) ∩ N(c)|, adamic_adar = sum_m sum_{z in N(m) ∩ N(c)}
/// 1/log deg(z), resource_allocation likewise with 1/deg(z) (deg = distinct neighbours).
enum class PartnerFeature : std::uint8_t {
  ties_share,           ///< share of the members the candidate is tied to
  common_neighbours,    ///< see above
  adamic_adar,          ///< see above
  resource_allocation,  ///< see above
  pagerank,             ///< personalised PageRank from the members (uniform restart)
  topic,                ///< TF-IDF cosine of its offers with the members' pooled offers
  country_share,        ///< share of the members in its country (attribute "country")
  place_share,          ///< share of the members in its municipality
  kind,                 ///< its kind (ActorKind as a number)
  kind_share,           ///< share of the members of its kind (0: a kind the consortium lacks)
  degree,               ///< its distinct partners
  projects,             ///< its projects (attribute "projects"; 0 when absent)
  coordinated,          ///< projects it coordinated (attribute "coordinated")
  new_partners_1y,      ///< partners first met in the last year before the query year
  new_partners_2y,      ///< ... in the last two years
  new_partners_3y,      ///< ... in the last three years
  ongoing_ties,         ///< ties that run into the query year or later
  repeat_max,           ///< the most joint projects (tie weight) with one member
  repeat_sum,           ///< joint projects with all members together
  /// today's hand-weighted partner score from these features (PartnerWeights' ties, evidence,
  /// topic and activity; no needs): ties_share + 0.5 aa/(1+aa) + 0.5 topic
  /// + 0.2 log(1+degree)/log(1+largest degree)
  hand_score,
  members_ongoing,  ///< share of the members with a tie to it that runs into the query year
  /// 1 / (1 + years since its latest tie with a member ended): 1 while one still runs (or its
  /// end is unknown), 0 without a tie to a member
  joint_recency,
  tie_specificity,  ///< sum over the members m tied to it of 1 / deg(m): ties to small members
  /// share of the pairs of members that are tied to each other and both to it (a triangle with
  /// the pair: a former consortium of theirs that it was likely part of); 0 below two members
  member_triads,
};
inline constexpr std::size_t partner_feature_count = 24;

/// The column's name (English, snake_case, as in the model file). O(1). Thread-safe; no throw.
[[nodiscard]] std::string_view feature_name(PartnerFeature f) noexcept;
/// The column's meaning in words, English and German, for explanations. O(1). Thread-safe.
[[nodiscard]] std::string_view feature_words(PartnerFeature f) noexcept;
[[nodiscard]] std::string_view feature_words_de(PartnerFeature f) noexcept;

struct PartnerFeatureOptions {
  int query_year = 0;           ///< the year the consortium forms (recency counts years before it)
  double damping = 0.85;        ///< PageRank's probability to follow a tie (networkx's alpha)
  double tolerance = 1e-6;      ///< push residual per unit of degree (PageRank error <= tol x deg)
  std::size_t shortlist = 300;  ///< the pool: this many actors closest by PageRank
};

/// A region prepared for partner features: distinct neighbours with tie weights and first
/// years, TF-IDF offer vectors, countries. Immutable once built; thread-safe to share.
class PartnerGraph {
 public:
  /// Prepares `region` (kept by reference: it must outlive this object). O(n o + E log E) for
  /// n actors with o offers and E ties. Throws only std::bad_alloc.
  explicit PartnerGraph(const core::Region& region);
  PartnerGraph(core::Region&&) = delete;
  ~PartnerGraph();
  PartnerGraph(PartnerGraph&&) noexcept;
  PartnerGraph& operator=(PartnerGraph&&) = delete;

  [[nodiscard]] const core::Region& region() const noexcept;

  struct Impl;
  [[nodiscard]] const Impl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// Personalised PageRank with restart uniform over `members`, on the distinct-neighbour graph
/// (unweighted; an isolated actor's mass restarts): networkx's pagerank(G, alpha=damping,
/// personalization=members, weight=None). By forward push (Andersen, Chung, Lang): each entry
/// is within tolerance x degree of the exact value. Dense result, one entry per actor.
/// Throws InvalidInput on empty members. O(n + 1 / (tolerance (1 - damping))). Thread-safe.
[[nodiscard]] std::vector<double> personalised_pagerank(const PartnerGraph& graph,
                                                        std::span<const core::ActorId> members,
                                                        double damping, double tolerance);

/// The features of one query, one row per candidate (row-major, partner_feature_count wide).
struct PartnerQueryFeatures {
  std::vector<core::ActorId> candidates;
  std::vector<float> values;
  [[nodiscard]] float at(std::size_t row, PartnerFeature f) const {
    return values[row * partner_feature_count + static_cast<std::size_t>(f)];
  }
};

/// The candidate pool of a query and its features: the `shortlist` actors with the largest
/// personalised PageRank from the members (ties by id; only actors it reaches), members left
/// out, ascending by id. With
/// `candidates` given, exactly those (members included if asked). Throws InvalidInput on empty
/// members. O(n log shortlist + E_2 + PageRank + pool x (o + members)) for E_2 ties within two
/// hops. Thread-safe.
[[nodiscard]] PartnerQueryFeatures partner_features(const PartnerGraph& graph,
                                                    std::span<const core::ActorId> members,
                                                    const PartnerFeatureOptions& options,
                                                    std::span<const core::ActorId> candidates = {});

/// partner_features for many queries, in parallel over queries; the same result for any thread
/// count. O(sum of the queries' costs / threads). Thread-safe.
[[nodiscard]] std::vector<PartnerQueryFeatures> partner_features_many(
    const PartnerGraph& graph, std::span<const std::vector<core::ActorId>> member_lists,
    const PartnerFeatureOptions& options);

}  // namespace verbund::match
