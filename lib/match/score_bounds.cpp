// Upper bounds on the non-fit parts of transfer scores, for the indexed top-k search.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "verbund/core/geo.hpp"
#include "verbund/match/score.hpp"

namespace verbund::match {

using core::ActorId;

namespace {

constexpr double earth_radius_km = 6371.0088;
constexpr double slack = 1e-9;
// Partners or groups with more candidates than this add their evidence to every candidate
// instead of being expanded: the bound stays valid and the work per seeker small.
constexpr std::size_t expand_limit = 2048;

core::GeoPoint point_of(double x, double y, double z) {
  constexpr double to_deg = 180.0 / std::numbers::pi;
  return {std::atan2(z, std::hypot(x, y)) * to_deg, std::atan2(y, x) * to_deg};
}

/// A lower bound on the great-circle distance from the chord between two unit vectors.
double chord_km(double ax, double ay, double az, double bx, double by, double bz) {
  const double dx = ax - bx, dy = ay - by, dz = az - bz;
  return earth_radius_km * (1.0 - 1e-12) * std::sqrt(dx * dx + dy * dy + dz * dz);
}

}  // namespace

TransferScorer::Facts TransferScorer::facts_of(ActorId a) const {
  const auto& r = *region_;
  Facts f;
  if (const auto l = r.location(a)) {
    constexpr double to_rad = std::numbers::pi / 180.0;
    const double lat = l->lat * to_rad, lon = l->lon * to_rad;
    f.x = std::cos(lat) * std::cos(lon);
    f.y = std::cos(lat) * std::sin(lon);
    f.z = std::sin(lat);
    f.located = true;
  }
  f.linked = graph_.degree(a.value) > 0;
  f.science = core::is_science(r.kind(a));
  f.first_science = r.kind(a) == core::ActorKind::firm && !has_science_tie_[a.value];
  f.full = is_candidate(a) && free_capacity(a) <= 0;
  const auto m = r.municipality(a);
  f.bucket = m ? m->value : static_cast<std::uint32_t>(r.municipality_count());
  f.component = component_[a.value];
  return f;
}

void TransferScorer::prepare_bounds() {
  const auto& r = *region_;
  candidate_facts_.reserve(candidates_.size());
  for (const auto a : candidates_) candidate_facts_.push_back(facts_of(a));
  for (const auto& f : candidate_facts_) {
    candidate_brief_.push_back({f.bucket, f.component, static_cast<std::uint8_t>(f.linked),
                                static_cast<std::uint8_t>(f.science),
                                static_cast<std::uint8_t>(f.full)});
  }

  buckets_.assign(r.municipality_count() + 1, {});
  std::vector<std::size_t> located(buckets_.size(), 0);
  for (const auto& f : candidate_facts_) {
    if (!f.located) continue;
    auto& b = buckets_[f.bucket];
    b.x += f.x, b.y += f.y, b.z += f.z;
    ++located[f.bucket];
  }
  for (auto& b : buckets_) {
    const double norm = std::sqrt(b.x * b.x + b.y * b.y + b.z * b.z);
    b.any_located = norm > 0.0;
    if (b.any_located) b.x /= norm, b.y /= norm, b.z /= norm;
  }
  for (std::size_t i = 0; i < candidates_.size(); ++i) {
    const auto& f = candidate_facts_[i];
    if (!f.located) continue;
    auto& b = buckets_[f.bucket];
    const double d = core::distance_km(point_of(b.x, b.y, b.z), *r.location(candidates_[i]));
    b.radius_km = std::max(b.radius_km, d + 1e-6);
  }

  // Theme postings grouped by bucket, so that far municipalities can be skipped wholesale.
  const std::size_t themes = theme_offsets_.size() - 1, nb = buckets_.size();
  theme_bucket_offsets_.assign(themes * nb + 1, 0);
  for (std::size_t t = 0; t < themes; ++t) {
    auto* begin = theme_postings_.data() + theme_offsets_[t];
    auto* end = theme_postings_.data() + theme_offsets_[t + 1];
    std::stable_sort(begin, end, [&](const Posting& a, const Posting& b) {
      return candidate_facts_[a.candidate].bucket < candidate_facts_[b.candidate].bucket;
    });
    for (auto* p = begin; p != end; ++p)
      ++theme_bucket_offsets_[t * nb + candidate_facts_[p->candidate].bucket + 1];
  }
  for (std::size_t k = 0; k < themes * nb; ++k)
    theme_bucket_offsets_[k + 1] += theme_bucket_offsets_[k];

  // Candidates among the members of every group, deduplicated.
  group_offsets_.assign(r.size() + 1, 0);
  std::vector<std::vector<std::uint32_t>> members(r.size());
  for (const auto& m : r.memberships()) {
    if (is_candidate(m.member)) members[m.group.value].push_back(candidate_index_[m.member.value]);
  }
  for (std::size_t g = 0; g < r.size(); ++g) {
    auto& list = members[g];
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    group_offsets_[g + 1] = group_offsets_[g] + list.size();
  }
  group_candidates_.reserve(group_offsets_.back());
  for (const auto& list : members)
    group_candidates_.insert(group_candidates_.end(), list.begin(), list.end());
}

std::span<const TransferScorer::Posting> TransferScorer::offering_theme(
    core::ThemeId t, std::uint32_t bucket) const {
  const std::size_t k = std::size_t{t.value} * buckets_.size() + bucket;
  return {theme_postings_.data() + theme_bucket_offsets_[k],
          theme_bucket_offsets_[k + 1] - theme_bucket_offsets_[k]};
}

ScoreBounds::ScoreBounds(const TransferScorer& scorer)
    : scorer_(&scorer),
      evidence_(scorer.candidates().size(), 0.0),
      tied_(scorer.candidates().size(), 0),
      place_(scorer.buckets_.size(), 0.0) {}

void ScoreBounds::prepare(ActorId seeker) {
  const auto& s = *scorer_;
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

  // Proximity and same municipality, per municipality of candidates.
  double best_place = 0.0;
  for (std::size_t b = 0; b < place_.size(); ++b) {
    const auto& bucket = s.buckets_[b];
    double bound = 0.0;
    if (seeker_.located && bucket.any_located) {
      const double near =
          std::max(0.0, chord_km(seeker_.x, seeker_.y, seeker_.z, bucket.x, bucket.y, bucket.z) -
                            bucket.radius_km);
      bound += w.proximity * std::exp2(-near / w.half_distance_km);
    }
    if (b == seeker_.bucket && b < r.municipality_count()) bound += w.same_municipality;
    place_[b] = bound;
    best_place = std::max(best_place, bound);
  }
  const double most_evidence = evidence_everywhere_ > 0.0 || !marked_.empty() ? 1.0 : 0.0;
  max_without_place_ = w.network * most_evidence + (marked_.empty() ? 0.0 : w.prior_tie) +
                       (seeker_.first_science ? w.first_science_tie : 0.0) + w.bridge + 2 * slack;
  max_ = best_place + max_without_place_;
}

double ScoreBounds::of(std::uint32_t i) const {
  const auto& s = *scorer_;
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

}  // namespace verbund::match
