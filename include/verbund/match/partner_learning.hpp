#pragma once
// Learning partner recommendation from project history: time splits (the network known up to
// year t-1, queries from the projects starting in year t with one member hidden), training a
// PartnerModel on them, and recommending with a trained model.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/io/project_import.hpp"
#include "verbund/match/partner_features.hpp"
#include "verbund/match/partner_model.hpp"

namespace verbund::match {

/// A consortium that formed in the query year, with one member hidden.
struct PartnerQuery {
  std::string project;
  std::vector<core::ActorId> members;  ///< the known members still given
  core::ActorId hidden;                ///< the member to find
};

struct PartnerSplitOptions {
  std::size_t min_members = 3;         ///< projects with fewer members are not asked
  std::size_t hidden_per_project = 1;  ///< queries per project, hiding members in turn
  io::ProjectImportOptions import{};   ///< columns and dialect (the years are set here)
  /// 0: a time split. Otherwise a within-year split: of query_year's projects with min_members
  /// or more, those in fold `fold` of `folds` (by a hash of the project id) are asked, and the
  /// network holds every other project up to query_year; the split's features then count as of
  /// query_year + 1, since its network reaches into query_year as a time split to query_year + 1
  /// does. It gives a training year the network size it will be used on (CORDIS: 2014 alone has a
  /// tenth of 2015's organisations).
  std::size_t folds = 0;
  std::size_t fold = 0;
};

/// One time split: the network of the projects starting up to query_year - 1 and the queries
/// of the projects starting in query_year. The first query of a project hides its member at
/// position (project id mod size) in the participations file's order (the hash of the id for
/// non-numeric ids), the next ones the members after it. Hidden members absent from the known
/// network are counted, not asked (no method can name them).
struct PartnerSplit {
  int query_year = 0;  ///< the year the features count from (query_year + 1 within a year)
  core::Region region;
  std::vector<PartnerQuery> queries;
  std::size_t projects = 0;        ///< projects of the query year with min_members or more
  std::size_t unknown_hidden = 0;  ///< hidden members not in the known network
};

/// Reads one split from project files (the CORDIS layout of io::read_projects). Throws
/// InvalidInput naming file:line on malformed files, IoError when unreadable. A within-year
/// split imports a filtered copy of the participations from a temporary file (removed after;
/// IoError when it cannot be written): CSV errors still name the user's file, but an error
/// only the import finds (an unknown organisation type) names the copy. O(file size +
/// E log E). Thread-safe for distinct outputs.
[[nodiscard]] PartnerSplit partner_split(const io::ProjectFiles& files, int query_year,
                                         const PartnerSplitOptions& options = {});

/// Features and positives of every query of a split (in parallel over queries; the same for
/// any thread count). O(sum of partner_features over the queries). Thread-safe.
[[nodiscard]] std::vector<PartnerTrainingQuery> training_queries(
    const PartnerGraph& graph, std::span<const PartnerQuery> queries,
    const PartnerFeatureOptions& features);

/// Which splits a model learns from, for each query year t from first to until.
struct PartnerTrainingPlan {
  std::size_t hidden_per_project = 1;  ///< queries per project, members hidden in turn
  bool time_splits = true;             ///< the time split of t (network to t-1, queries of t)
  /// > 0: also the within-year splits of t in this many folds (every project of t asked once,
  /// with the rest of t in the network; see PartnerSplitOptions::folds).
  /// The default, 3, was chosen on the validation split (CORDIS: network to 2015, queries from
  /// 2016), as was hidden_per_project 1 (3 was no better and three times the work).
  std::size_t folds = 3;
  /// Time splits whose network has fewer organisations than this are left out (CORDIS 2014:
  /// 1,212 against 11,042 in 2015, a network unlike the one the model is used on).
  std::size_t min_network = 0;
  PartnerFeatureOptions features{};  ///< the pool and PageRank (query_year is set per split)
};

/// Trains on the splits of query years first_year..until_year (each from its own past) that
/// `plan` names; records the years, splits and files in the provenance. Throws as
/// partner_split and PartnerModel::train. O(splits x (import + features) + training).
[[nodiscard]] PartnerModel train_partner_model(const io::ProjectFiles& files, int first_year,
                                               int until_year,
                                               const PartnerModelOptions& model = {},
                                               const PartnerTrainingPlan& plan = {});

/// A feature that drove a learned recommendation, with what it added to the score.
struct PartnerDriver {
  PartnerFeature feature{};
  float contribution = 0.0F;
  float value = 0.0F;  ///< the feature's value for this candidate
};

struct LearnedPartner {
  core::ActorId actor;
  double score = 0.0;
  std::vector<PartnerDriver> drivers;  ///< the largest positive contributions, largest first
};

struct LearnedPartnerOptions {
  std::size_t top = 10;
  int query_year = 0;  ///< the year the consortium forms (recency features count back from it)
  bool include_existing = true;  ///< false: actors tied to a member are left out
  bool one_per_family = false;   ///< an actor and its parent never both (match::one_per_family)
  std::size_t drivers = 3;       ///< features named per candidate
};

/// The candidates of the pool (see partner_features) best first by the model, ties by actor
/// id, with the features that drove each. Throws InvalidInput on empty members.
/// O(partner_features + pool x model + top x explanation). Thread-safe.
[[nodiscard]] std::vector<LearnedPartner> recommend_partners_learned(
    const PartnerModel& model, const PartnerGraph& graph, std::span<const core::ActorId> members,
    const LearnedPartnerOptions& options);

}  // namespace verbund::match
