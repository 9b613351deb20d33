// Upper bounds on the non-fit parts of transfer scores, for the indexed top-k search.
#include "score_bounds.hpp"

#include <algorithm>
#include <cmath>

#include "verbund/core/geo.hpp"

namespace verbund::match::detail {

using core::ActorId;

namespace {

constexpr double earth_radius_km = 6371.0088;
constexpr double slack = 1e-9;
// Partners or groups with more candidates than this add their evidence to every candidate
// instead of being expanded: the bound stays valid and the work per seeker small.
constexpr std::size_t expand_limit = 2048;

/// A lower bound on the great-circle distance from the chord between two unit vectors.
double chord_km(double ax, double ay, double az, double bx, double by, double bz) {
  const double dx = ax - bx, dy = ay - by, dz = az - bz;
  return earth_radius_km * (1.0 - 1e-12) * std::sqrt(dx * dx + dy * dy + dz * dz);
}

}  // namespace

ScoreBounds::ScoreBounds(const ScoreIndex& index)
    : index_(&index),
      evidence_(index.candidates().size(), 0.0),
      tied_(index.candidates().size(), 0),
      place_(index.buckets_.size(), 0.0),
      factor_(index.buckets_.size(), 1.0) {}

void ScoreBounds::prepare(ActorId seeker) {
  const auto& s = *index_;
  const auto& r = *s.region_;
  const auto& w = s.weights_;
  for (const auto i : marked_) evidence_[i] = 0.0, tied_[i] = 0;
  marked_.clear();
  evidence_everywhere_ = 0.0;
  seeker_ = s.facts_of(seeker);

  // Adamic–Adar over common partners: partners' partners that are candidates.
  auto mark = [&](std::uint32_t i, double amount) {
    if (evidence_[i] == 0.0 && !tied_[i]) marked_.push_back(i);
    evidence_[i] += amount;
  };
  for (const auto z : s.graph_.neighbours(seeker.value)) {
    if (s.is_candidate(ActorId{z})) {
      const auto i = s.candidate_index_[z];
      if (evidence_[i] == 0.0 && !tied_[i]) marked_.push_back(i);
      tied_[i] = 1;
    }
    const auto row = s.graph_.neighbours(z);
    if (row.size() < 2) continue;
    const double amount = 1.0 / std::log(static_cast<double>(row.size()));
    if (row.size() > expand_limit) {
      evidence_everywhere_ += amount;
      continue;
    }
    for (const auto c : row) {
      if (c != seeker.value && s.is_candidate(ActorId{c})) mark(s.candidate_index_[c], amount);
    }
  }
  // ... and shared groups.
  std::vector<ActorId> groups(r.groups_of(seeker).begin(), r.groups_of(seeker).end());
  std::sort(groups.begin(), groups.end());
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  for (const auto g : groups) {
    const double amount =
        1.0 / std::log(std::max(2.0, static_cast<double>(r.members_of(g).size())));
    const auto begin = s.group_offsets_[g.value], end = s.group_offsets_[g.value + 1];
    if (end - begin > expand_limit) {
      evidence_everywhere_ += amount;
      continue;
    }
    for (auto k = begin; k < end; ++k) mark(s.group_candidates_[k], amount);
  }

  // Proximity factor and same municipality, per municipality of candidates.
  double best_place = 0.0;
  max_factor_ = 0.0;
  for (std::size_t b = 0; b < place_.size(); ++b) {
    const auto& bucket = s.buckets_[b];
    double decay = 0.0;
    if (seeker_.located && bucket.any_located) {
      const double near =
          std::max(0.0, chord_km(seeker_.x, seeker_.y, seeker_.z, bucket.x, bucket.y, bucket.z) -
                            bucket.radius_km);
      decay = std::exp2(-near / w.half_distance_km);
    }
    factor_[b] = proximity_factor(w, decay) + slack;
    max_factor_ = std::max(max_factor_, factor_[b]);
    const double bound =
        b == seeker_.bucket && b < r.municipality_count() ? w.same_municipality : 0.0;
    place_[b] = bound;
    best_place = std::max(best_place, bound);
  }
  const double most_evidence = evidence_everywhere_ > 0.0 || !marked_.empty() ? 1.0 : 0.0;
  max_without_place_ = w.network * most_evidence + (marked_.empty() ? 0.0 : w.prior_tie) +
                       (seeker_.first_science ? w.first_science_tie : 0.0) + w.bridge + 2 * slack;
  max_ = best_place + max_without_place_;
}

double ScoreBounds::of(std::uint32_t i) const {
  const auto& s = *index_;
  const auto& w = s.weights_;
  const auto& c = s.candidate_brief_[i];
  if (c.full && w.capacity_policy == CapacityPolicy::exclude) return -INFINITY;  // never listed
  double bound = place_[c.bucket] + slack;
  const double evidence = evidence_[i] + evidence_everywhere_;
  if (evidence > 0.0) bound += w.network * evidence / (1.0 + evidence) + slack;
  if (tied_[i]) bound += w.prior_tie;
  if (seeker_.first_science && c.science) bound += w.first_science_tie;
  if (seeker_.component != c.component) bound += w.bridge;
  if (c.full) bound -= w.capacity_penalty;
  return bound;
}

}  // namespace verbund::match::detail
