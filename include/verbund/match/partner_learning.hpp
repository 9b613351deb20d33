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
};

/// One time split: the network of the projects starting up to query_year - 1 and the queries
/// of the projects starting in query_year. The first query of a project hides its member at
/// position (project id mod size) in the participations file's order (the hash of the id for
/// non-numeric ids), the next ones the members after it. Hidden members absent from the known
/// network are counted, not asked (no method can name them).
struct PartnerSplit {
  int query_year = 0;
  core::Region region;
  std::vector<PartnerQuery> queries;
  std::size_t projects = 0;        ///< projects of the query year with min_members or more
  std::size_t unknown_hidden = 0;  ///< hidden members not in the known network
};

/// Reads one split from project files (the CORDIS layout of io::read_projects). Throws
/// InvalidInput naming file:line on malformed files, IoError when unreadable. O(file size +
/// E log E). Thread-safe for distinct outputs.
[[nodiscard]] PartnerSplit partner_split(const io::ProjectFiles& files, int query_year,
                                         const PartnerSplitOptions& options = {});

/// Features and positives of every query of a split (in parallel over queries; the same for
/// any thread count). O(sum of partner_features over the queries). Thread-safe.
[[nodiscard]] std::vector<PartnerTrainingQuery> training_queries(
    const PartnerGraph& graph, std::span<const PartnerQuery> queries,
    const PartnerFeatureOptions& features);

/// Trains on the splits of query years first_year..until_year (each from its own past), with
/// `hidden_per_project` queries per project; records the years and files in the provenance.
/// Throws as partner_split and PartnerModel::train. O(splits x (import + features) + training).
[[nodiscard]] PartnerModel train_partner_model(const io::ProjectFiles& files, int first_year,
                                               int until_year,
                                               const PartnerModelOptions& model = {},
                                               std::size_t hidden_per_project = 3);

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
