// The index behind TransferScorer: rarity, posting lists, components, loads, and the facts
// the score bounds read; and the score itself.
#include "score_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "verbund/analysis/metrics.hpp"
#include "verbund/core/geo.hpp"

namespace verbund::match::detail {

using core::ActorId;

namespace {

template <class T>
bool sorted_contains(std::span<const T> sorted, T value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

/// Elements common to two sorted spans, looking up the shorter in the longer.
template <class T, class F>
void for_each_common(std::span<const T> a, std::span<const T> b, F&& f) {
  if (a.size() > b.size()) std::swap(a, b);
  for (const T& x : a) {
    if (std::binary_search(b.begin(), b.end(), x)) f(x);
  }
}

/// The ties active in the present: the weights' reference year, else the latest year a tie
/// starts in (all ties when no tie has a start year) — the year the loads are counted in.
analysis::TieFilter current_ties(const core::Region& r, std::optional<int> reference_year) {
  analysis::TieFilter f;
  f.year = reference_year;
  if (f.year) return f;
  for (const auto& t : r.ties())
    if (t.start && (!f.year || *t.start > *f.year)) f.year = t.start;
  return f;
}

/// Groups both actors belong to, sorted and unique (membership rows are short and unsorted).
std::vector<ActorId> shared_groups_of(const core::Region& r, ActorId a, ActorId b) {
  std::vector<ActorId> shared;
  const auto gb = r.groups_of(b);
  for (const auto g : r.groups_of(a)) {
    if (std::find(gb.begin(), gb.end(), g) != gb.end()) shared.push_back(g);
  }
  std::sort(shared.begin(), shared.end());
  shared.erase(std::unique(shared.begin(), shared.end()), shared.end());
  return shared;
}

core::GeoPoint point_of(double x, double y, double z) {
  constexpr double to_deg = 180.0 / std::numbers::pi;
  return {std::atan2(z, std::hypot(x, y)) * to_deg, std::atan2(y, x) * to_deg};
}

}  // namespace

ScoreIndex::ScoreIndex(const core::Region& region, ScoreWeights weights, CandidatePool pool)
    : region_(&region),
      weights_(weights),
      graph_(region),
      current_(region, current_ties(region, weights.reference_year)) {
  weights_.validate();
  const std::size_t n = region.size();
  auto wanted = [&](core::ActorKind kind) {
    return pool.kinds.empty()
               ? core::is_science(kind)
               : std::find(pool.kinds.begin(), pool.kinds.end(), kind) != pool.kinds.end();
  };
  // Chairs before universities: what a candidate child (a chair) offers is the child's; its
  // parent competes only with the offers none of its candidate children has.
  std::vector<std::vector<core::CompetenceId>> covered(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    const ActorId a{v};
    const auto parent = region.parent(a);
    if (!parent || !wanted(region.kind(a))) continue;
    for (const auto& o : region.offers(a)) covered[parent->value].push_back(o.competence);
  }
  candidate_index_.assign(n, UINT32_MAX);
  offer_offsets_.push_back(0);
  for (std::uint32_t v = 0; v < n; ++v) {
    const ActorId a{v};
    if (!wanted(region.kind(a))) continue;
    auto& taken = covered[v];
    std::sort(taken.begin(), taken.end());
    const std::size_t before = offers_.size();
    for (const auto& o : region.offers(a)) {  // sorted by competence
      if (!std::binary_search(taken.begin(), taken.end(), o.competence)) offers_.push_back(o);
    }
    if (offers_.size() == before) continue;
    candidate_index_[v] = static_cast<std::uint32_t>(candidates_.size());
    candidates_.push_back(a);
    offer_offsets_.push_back(offers_.size());
  }

  const auto& taxonomy = region.taxonomy();
  const std::size_t competences = taxonomy.competences().size();
  std::vector<std::uint64_t> df(competences, 0);
  for (std::uint32_t i = 0; i < candidates_.size(); ++i) {
    for (const auto& o : offers_of(i)) ++df[o.competence.value];
  }
  // BM25's idf: ln(1 + (N - df + 1/2) / (df + 1/2)), positive even for common competences.
  const double total = static_cast<double>(candidates_.size());
  idf_.resize(competences);
  for (std::size_t c = 0; c < competences; ++c) {
    const double d = static_cast<double>(df[c]);
    idf_[c] = std::log(1.0 + (total - d + 0.5) / (d + 0.5));
  }

  // Inverted index: candidates offering each competence, and, per competence, the candidates
  // offering a related one with their best strength x weight (partial credit).
  posting_offsets_.assign(competences + 1, 0);
  for (std::size_t c = 0; c < competences; ++c)
    posting_offsets_[c + 1] = posting_offsets_[c] + df[c];
  postings_.resize(posting_offsets_[competences]);
  std::vector<std::uint64_t> at(posting_offsets_.begin(), posting_offsets_.end() - 1);
  std::vector<std::vector<Posting>> related(competences);
  for (std::uint32_t i = 0; i < candidates_.size(); ++i) {
    std::vector<std::pair<std::uint32_t, float>> best;  // (related competence, best credit)
    for (const auto& o : offers_of(i)) {
      postings_[at[o.competence.value]++] = {i, o.weight};
      for (const auto& r : taxonomy.related(o.competence)) {
        const float credit = r.strength * o.weight;
        auto it = std::find_if(best.begin(), best.end(),
                               [&](const auto& b) { return b.first == r.other.value; });
        if (it == best.end()) {
          best.emplace_back(r.other.value, credit);
        } else {
          it->second = std::max(it->second, credit);
        }
      }
    }
    for (const auto& [c, w] : best) related[c].push_back({i, w});
  }
  related_offsets_.assign(competences + 1, 0);
  for (std::size_t c = 0; c < competences; ++c)
    related_offsets_[c + 1] = related_offsets_[c] + related[c].size();
  related_postings_.reserve(related_offsets_[competences]);
  for (const auto& list : related)
    related_postings_.insert(related_postings_.end(), list.begin(), list.end());

  component_ = analysis::components(graph_).of;
  has_science_tie_.assign(n, 0);
  load_.assign(n, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto row = graph_.neighbours(v);
    has_science_tie_[v] = std::any_of(row.begin(), row.end(), [&](std::uint32_t w) {
      return core::is_science(region.kind(ActorId{w}));
    });
  }
  int year = std::numeric_limits<int>::min();
  for (const auto& tie : region.ties()) {
    if (tie.start) year = std::max(year, *tie.start);
  }
  year = weights_.reference_year.value_or(year);
  for (const auto& tie : region.ties()) {
    const bool ongoing =
        tie.kind == core::TieKind::transfer && (!tie.end || *tie.end >= year) &&
        (!tie.start || (*tie.start <= year && *tie.start > year - weights_.partnership_years));
    if (ongoing) {
      ++load_[tie.source.value];
      ++load_[tie.target.value];
    }
  }
  prepare_bounds();
}

int ScoreIndex::capacity(ActorId a) const {
  if (auto c = region_->capacity(a)) return *c;
  return is_candidate(a) ? weights_.default_capacity : weights_.default_seeker_capacity;
}

double ScoreIndex::fit(std::span<const Need> needs, ActorId candidate,
                       std::vector<NeedMatch>* matches) const {
  const auto& taxonomy = region_->taxonomy();
  const auto offers = is_candidate(candidate) ? offers_of(candidate_index_[candidate.value])
                                              : region_->offers(candidate);
  double denominator = 0.0;
  for (const auto& need : needs) denominator += need.weight * idf_[need.competence.value];
  if (denominator <= 0.0) return 0.0;
  double fit = 0.0;
  for (const auto& need : needs) {
    NeedMatch m{need.competence, std::nullopt, false, idf_[need.competence.value], 0.0};
    double credit = 0.0;
    const auto direct = std::lower_bound(
        offers.begin(), offers.end(), need.competence,
        [](const core::CompetenceWeight& o, core::CompetenceId c) { return o.competence < c; });
    if (direct != offers.end() && direct->competence == need.competence) {
      credit = direct->weight;
      m.met_by = need.competence;
    } else if (weights_.theme_credit > 0.0) {
      // Partial credit only from competences the taxonomy relates to the need.
      for (const auto& r : taxonomy.related(need.competence)) {
        const auto o = std::lower_bound(
            offers.begin(), offers.end(), r.other,
            [](const core::CompetenceWeight& x, core::CompetenceId c) { return x.competence < c; });
        if (o == offers.end() || o->competence != r.other) continue;
        const double c = weights_.theme_credit * static_cast<double>(r.strength * o->weight);
        if (c > credit) {
          credit = c;
          m.met_by = r.other;
          m.within_theme = true;
          m.similarity = r.strength;
        }
      }
    }
    m.contribution = need.weight * m.rarity * credit / denominator;
    fit += m.contribution;
    if (matches) matches->push_back(m);
  }
  return fit;
}

std::optional<ScoreParts> ScoreIndex::score(ActorId seeker, std::span<const Need> needs,
                                            ActorId candidate) const {
  if (seeker == candidate || !is_candidate(candidate)) return std::nullopt;
  ScoreParts p;
  if (free_capacity(candidate) <= 0) {
    if (weights_.capacity_policy == CapacityPolicy::exclude) return std::nullopt;
    p.capacity_penalty = 1.0;
  }
  p.fit = fit(needs, candidate, nullptr);
  if (p.fit <= 0.0) return std::nullopt;

  const auto& r = *region_;
  const auto ls = r.location(seeker), lc = r.location(candidate);
  if (ls && lc) p.proximity = std::exp2(-core::distance_km(*ls, *lc) / weights_.half_distance_km);
  const auto ms = r.municipality(seeker), mc = r.municipality(candidate);
  p.same_municipality = ms && mc && *ms == *mc ? 1.0 : 0.0;

  // Adamic–Adar over common partners and shared groups: rare links count more.
  double evidence = 0.0;
  // Common partners over running ties only; their rarity over all ties, so that ScoreBounds,
  // which expands every tie, still bounds the evidence from above.
  for_each_common(
      current_.neighbours(seeker.value), current_.neighbours(candidate.value),
      [&](std::uint32_t z) { evidence += 1.0 / std::log(static_cast<double>(graph_.degree(z))); });
  if (!r.groups_of(seeker).empty()) {
    for (const auto g : shared_groups_of(r, seeker, candidate)) {
      evidence += 1.0 / std::log(std::max(2.0, static_cast<double>(r.members_of(g).size())));
    }
  }
  p.network = evidence / (1.0 + evidence);
  p.prior_tie = sorted_contains(graph_.neighbours(seeker.value), candidate.value) ? 1.0 : 0.0;
  p.first_science_tie = r.kind(seeker) == core::ActorKind::firm &&
                                !has_science_tie_[seeker.value] &&
                                core::is_science(r.kind(candidate))
                            ? 1.0
                            : 0.0;
  p.bridge = component_[seeker.value] != component_[candidate.value] ? 1.0 : 0.0;

  const auto& w = weights_;
  p.total = w.fit * p.fit * proximity_factor(w, p.proximity) +
            w.same_municipality * p.same_municipality + w.network * p.network +
            w.prior_tie * p.prior_tie + w.first_science_tie * p.first_science_tie +
            w.bridge * p.bridge - w.capacity_penalty * p.capacity_penalty;
  return p;
}

Explanation ScoreIndex::explain(ActorId seeker, std::span<const Need> needs,
                                ActorId candidate) const {
  Explanation e;
  const auto& r = *region_;
  (void)fit(needs, candidate, &e.needs);
  for_each_common(current_.neighbours(seeker.value), current_.neighbours(candidate.value),
                  [&](std::uint32_t z) { e.common_partners.push_back(ActorId{z}); });
  std::sort(e.common_partners.begin(), e.common_partners.end());
  e.shared_groups = shared_groups_of(r, seeker, candidate);
  const auto ls = r.location(seeker), lc = r.location(candidate);
  if (ls && lc) e.distance_km = core::distance_km(*ls, *lc);
  e.capacity = capacity(candidate);
  e.load = load(candidate);
  e.bridges = component_[seeker.value] != component_[candidate.value];
  return e;
}

Facts ScoreIndex::facts_of(ActorId a) const {
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

void ScoreIndex::prepare_bounds() {
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

  // Related postings grouped by bucket, so that far municipalities can be skipped wholesale.
  const std::size_t competences = related_offsets_.size() - 1, nb = buckets_.size();
  related_bucket_offsets_.assign(competences * nb + 1, 0);
  for (std::size_t c = 0; c < competences; ++c) {
    auto* begin = related_postings_.data() + related_offsets_[c];
    auto* end = related_postings_.data() + related_offsets_[c + 1];
    std::stable_sort(begin, end, [&](const Posting& a, const Posting& b) {
      return candidate_facts_[a.candidate].bucket < candidate_facts_[b.candidate].bucket;
    });
    for (auto* p = begin; p != end; ++p)
      ++related_bucket_offsets_[c * nb + candidate_facts_[p->candidate].bucket + 1];
  }
  for (std::size_t k = 0; k < competences * nb; ++k)
    related_bucket_offsets_[k + 1] += related_bucket_offsets_[k];

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

}  // namespace verbund::match::detail
