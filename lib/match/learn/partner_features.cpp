#include "verbund/match/partner_features.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <map>
#include <string>

#include "core/parallel_loops.hpp"
#include "partner_graph_impl.hpp"

#include "verbund/match/partners.hpp"

#include "verbund/error.hpp"

namespace verbund::match {

using core::ActorId;

namespace {

struct FeatureText {
  std::string_view name, en, de;
};
constexpr std::array<FeatureText, partner_feature_count> feature_texts{{
    {"ties_share", "already works with members", "arbeitet schon mit Mitgliedern"},
    {"common_neighbours", "common partners with members", "gemeinsame Partner mit Mitgliedern"},
    {"adamic_adar", "common partners, rare ones weighted up (Adamic-Adar)",
     "gemeinsame Partner, seltene stärker gewichtet (Adamic-Adar)"},
    {"resource_allocation", "common partners by resource allocation",
     "gemeinsame Partner (Resource Allocation)"},
    {"pagerank", "close to the members in the network (personalised PageRank)",
     "im Netz nahe bei den Mitgliedern (personalisierter PageRank)"},
    {"topic", "works on the members' topics (TF-IDF)", "arbeitet an den Themen der Mitglieder"},
    {"country_share", "same country as members", "gleiches Land wie Mitglieder"},
    {"place_share", "same place as members", "gleicher Ort wie Mitglieder"},
    {"kind", "its kind of organisation", "Art der Organisation"},
    {"kind_share", "kind the consortium has or lacks", "ob das Konsortium diese Art schon hat"},
    {"degree", "number of partners", "Zahl der Partner"},
    {"projects", "number of projects", "Zahl der Projekte"},
    {"coordinated", "projects coordinated", "koordinierte Projekte"},
    {"new_partners_1y", "new partners last year", "neue Partner im letzten Jahr"},
    {"new_partners_2y", "new partners in the last two years",
     "neue Partner in den letzten zwei Jahren"},
    {"new_partners_3y", "new partners in the last three years",
     "neue Partner in den letzten drei Jahren"},
    {"ongoing_ties", "ties still running", "laufende Verbindungen"},
    {"repeat_max", "repeated projects with one member", "wiederholte Projekte mit einem Mitglied"},
    {"repeat_sum", "joint projects with the members", "gemeinsame Projekte mit den Mitgliedern"},
    {"hand_score", "the hand-weighted partner score", "die handgewichtete Partnerbewertung"},
    {"members_ongoing", "projects with members still running", "laufende Projekte mit Mitgliedern"},
    {"joint_recency", "recent joint projects with members",
     "kürzliche gemeinsame Projekte mit Mitgliedern"},
    {"tie_specificity", "ties to members with few partners",
     "Verbindungen zu Mitgliedern mit wenigen Partnern"},
    {"member_triads", "worked with pairs of members who work together",
     "arbeitete mit Paaren von Mitgliedern, die zusammenarbeiten"},
}};

float number_attribute(const core::Region& r, ActorId a, std::string_view key) {
  const auto v = r.attribute(a, key);
  if (!v) return 0.0F;
  long long x = 0;
  const auto res = std::from_chars(v->data(), v->data() + v->size(), x);
  return res.ec == std::errc{} ? static_cast<float>(x) : 0.0F;
}

// Per-candidate sums over the members' neighbourhoods.
struct Acc {
  float tied = 0, repeat_max = 0, repeat_sum = 0, ongoing = 0, specificity = 0;
  int last_end = INT_MIN;  // the latest end of a tie with a member
  double cn = 0, aa = 0, ra = 0;
};

void check_members(std::span<const ActorId> members) {
  if (members.empty()) throw InvalidInput("partner features: give at least one member");
}

}  // namespace

std::string_view feature_name(PartnerFeature f) noexcept {
  return feature_texts[static_cast<std::size_t>(f)].name;
}
std::string_view feature_words(PartnerFeature f) noexcept {
  return feature_texts[static_cast<std::size_t>(f)].en;
}
std::string_view feature_words_de(PartnerFeature f) noexcept {
  return feature_texts[static_cast<std::size_t>(f)].de;
}

PartnerGraph::PartnerGraph(const core::Region& region) : impl_(std::make_unique<Impl>()) {
  auto& g = *impl_;
  g.region = &region;
  const std::size_t n = region.size();
  g.offsets.assign(n + 1, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    std::uint32_t last = UINT32_MAX;
    for (const auto& nb : region.neighbours(ActorId{v})) {
      const auto& t = region.tie(nb.tie);
      if (nb.actor.value != last) {
        g.neighbours.push_back(nb.actor.value);
        g.weight.push_back(0.0F);
        g.first_year.push_back(INT_MAX);
        g.last_year.push_back(INT_MIN);
        last = nb.actor.value;
      }
      g.weight.back() += static_cast<float>(t.weight);
      // Unknown start: known since ever; unknown end: still running.
      g.first_year.back() = std::min(g.first_year.back(), t.start.value_or(INT_MIN));
      g.last_year.back() = std::max(g.last_year.back(), t.end.value_or(INT_MAX));
    }
    g.offsets[v + 1] = g.neighbours.size();
  }

  std::map<std::string, std::uint32_t, std::less<>> countries;
  g.country.assign(n, UINT32_MAX);
  g.projects.assign(n, 0.0F);
  g.coordinated.assign(n, 0.0F);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (const auto c = region.attribute(ActorId{v}, "country"); c && !c->empty()) {
      auto it = countries.find(*c);
      if (it == countries.end())
        it = countries.emplace(std::string(*c), static_cast<std::uint32_t>(countries.size())).first;
      g.country[v] = it->second;
    }
    g.projects[v] = number_attribute(region, ActorId{v}, "projects");
    g.coordinated[v] = number_attribute(region, ActorId{v}, "coordinated");
  }

  // Smoothed inverse document frequency of each competence over the actors offering it.
  const std::size_t competences = region.taxonomy().competences().size();
  std::vector<double> df(competences, 0.0);
  for (std::uint32_t v = 0; v < n; ++v)
    for (const auto& o : region.offers(ActorId{v})) df[o.competence.value] += 1.0;
  g.idf.resize(competences);
  for (std::size_t c = 0; c < competences; ++c)
    g.idf[c] = std::log((1.0 + static_cast<double>(n)) / (1.0 + df[c])) + 1.0;
  g.offer_norm.assign(n, 0.0);
  for (std::uint32_t v = 0; v < n; ++v) {
    double s = 0.0;
    for (const auto& o : region.offers(ActorId{v})) {
      const double x = o.weight * g.idf[o.competence.value];
      s += x * x;
    }
    g.offer_norm[v] = std::sqrt(s);
  }

  g.by_degree.resize(n);
  for (std::uint32_t v = 0; v < n; ++v) g.by_degree[v] = v;
  std::stable_sort(g.by_degree.begin(), g.by_degree.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return g.degree(a) > g.degree(b); });
}

PartnerGraph::~PartnerGraph() = default;
PartnerGraph::PartnerGraph(PartnerGraph&&) noexcept = default;
const core::Region& PartnerGraph::region() const noexcept { return *impl_->region; }

std::vector<double> personalised_pagerank(const PartnerGraph& graph,
                                          std::span<const ActorId> members, double damping,
                                          double tolerance) {
  check_members(members);
  const auto& g = graph.impl();
  const std::size_t n = g.region->size();
  std::vector<double> p(n, 0.0), r(n, 0.0), limit(n);
  for (std::uint32_t v = 0; v < n; ++v)
    limit[v] = tolerance * static_cast<double>(std::max<std::size_t>(g.degree(v), 1));
  // FIFO of the actors whose residual reached their limit: a ring, since each is in it once.
  std::vector<std::uint8_t> queued(n, 0);
  std::vector<std::uint32_t> ring(n + 1);
  std::size_t head = 0, tail = 0;
  const double share = 1.0 / static_cast<double>(members.size());
  auto add = [&](std::uint32_t v, double amount) {
    r[v] += amount;
    if (!queued[v] && r[v] >= limit[v]) {
      queued[v] = 1;
      ring[tail] = v;
      tail = tail + 1 == ring.size() ? 0 : tail + 1;
    }
  };
  for (const auto m : members) add(m.value, share);
  while (head != tail) {
    const std::uint32_t u = ring[head];
    head = head + 1 == ring.size() ? 0 : head + 1;
    queued[u] = 0;
    const double ru = r[u];
    if (ru < limit[u]) continue;
    p[u] += (1.0 - damping) * ru;
    r[u] = 0.0;
    const auto begin = g.offsets[u], end = g.offsets[u + 1];
    if (begin == end) {  // an isolated actor: the walk restarts at the members
      for (const auto m : members) add(m.value, damping * ru * share);
      continue;
    }
    const double each = damping * ru / static_cast<double>(end - begin);
    for (std::uint64_t k = begin; k < end; ++k) add(g.neighbours[k], each);
  }
  return p;
}

PartnerQueryFeatures partner_features(const PartnerGraph& graph, std::span<const ActorId> members,
                                      const PartnerFeatureOptions& options,
                                      std::span<const ActorId> candidates) {
  check_members(members);
  const auto& g = graph.impl();
  const auto& region = *g.region;
  const std::size_t n = region.size();
  const double k = static_cast<double>(members.size());

  std::vector<Acc> acc(n);
  // Ties and repeats from the members' lists; how many members each actor is tied to, for the
  // common-partner sums below (a candidate's sums then cost its degree, not two hops).
  std::vector<std::uint32_t> member_ties(n, 0);
  const int year = options.query_year;
  for (const auto m : members) {
    const float inverse_degree =
        1.0F / static_cast<float>(std::max<std::size_t>(g.degree(m.value), 1));
    for (std::uint64_t e = g.offsets[m.value]; e < g.offsets[m.value + 1]; ++e) {
      const std::uint32_t z = g.neighbours[e];
      Acc& a = acc[z];
      a.tied += 1.0F;
      a.repeat_sum += g.weight[e];
      a.repeat_max = std::max(a.repeat_max, g.weight[e]);
      a.last_end = std::max(a.last_end, g.last_year[e]);
      if (g.last_year[e] >= year) a.ongoing += 1.0F;
      a.specificity += inverse_degree;
      ++member_ties[z];
    }
  }

  std::vector<std::uint8_t> member(n, 0);
  for (const auto m : members) member[m.value] = 1;
  // Which members are tied to each other (k x k), for the triads below.
  const std::size_t km = members.size();
  std::vector<std::uint32_t> member_index(n, UINT32_MAX);
  for (std::size_t i = 0; i < km; ++i)
    member_index[members[i].value] = static_cast<std::uint32_t>(i);
  std::vector<std::uint8_t> member_pair(km * km, 0);
  for (std::size_t i = 0; i < km; ++i)
    for (std::uint64_t e = g.offsets[members[i].value]; e < g.offsets[members[i].value + 1]; ++e)
      if (const auto j = member_index[g.neighbours[e]]; j != UINT32_MAX)
        member_pair[i * km + j] = 1;
  const double member_pairs = static_cast<double>(km) * static_cast<double>(km - 1) / 2.0;
  std::vector<std::uint32_t> tied_members;

  const auto ppr = personalised_pagerank(graph, members, options.damping, options.tolerance);

  PartnerQueryFeatures out;
  if (!candidates.empty()) {
    out.candidates.assign(candidates.begin(), candidates.end());
  } else {
    // The shortlist: the actors closest to the members by PageRank.
    std::vector<std::uint32_t> reached;
    for (std::uint32_t v = 0; v < n; ++v)
      if (ppr[v] > 0.0 && !member[v]) reached.push_back(v);
    const auto keep = std::min(options.shortlist, reached.size());
    std::partial_sort(reached.begin(), reached.begin() + static_cast<std::ptrdiff_t>(keep),
                      reached.end(), [&](std::uint32_t a, std::uint32_t b) {
                        return ppr[a] != ppr[b] ? ppr[a] > ppr[b] : a < b;
                      });
    reached.resize(keep);
    std::sort(reached.begin(), reached.end());
    for (const auto v : reached) out.candidates.push_back(ActorId{v});
  }

  // The members' pooled TF-IDF offers, countries, places and kinds.
  const std::size_t competences = g.idf.size();
  std::vector<double> pooled(competences, 0.0);
  std::map<std::uint32_t, double> country_count, place_count;
  std::map<core::ActorKind, double> kind_count;
  for (const auto m : members) {
    for (const auto& o : region.offers(m))
      pooled[o.competence.value] += o.weight * g.idf[o.competence.value];
    if (g.country[m.value] != UINT32_MAX) country_count[g.country[m.value]] += 1.0;
    if (const auto place = region.municipality(m)) place_count[place->value] += 1.0;
    kind_count[region.kind(m)] += 1.0;
  }
  double pooled_norm = 0.0;
  for (const double x : pooled) pooled_norm += x * x;
  pooled_norm = std::sqrt(pooled_norm);

  const std::size_t max_degree = n ? g.degree(g.by_degree.front()) : 0;
  out.values.assign(out.candidates.size() * partner_feature_count, 0.0F);
  for (std::size_t row = 0; row < out.candidates.size(); ++row) {
    const std::uint32_t v = out.candidates[row].value;
    float* x = &out.values[row * partner_feature_count];
    auto set = [&](PartnerFeature f, double value) {
      x[static_cast<std::size_t>(f)] = static_cast<float>(value);
    };
    Acc a = acc[v];
    // sum_m |N(m) ∩ N(v)| = sum over v's partners z of the members tied to z (deg z >= 2).
    for (std::uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      const std::uint32_t z = g.neighbours[e];
      const auto dz = g.degree(z);
      if (member_ties[z] == 0 || dz < 2) continue;
      const double c = member_ties[z];
      a.cn += c;
      a.aa += c / std::log(static_cast<double>(dz));
      a.ra += c / static_cast<double>(dz);
    }
    set(PartnerFeature::ties_share, a.tied / k);
    set(PartnerFeature::common_neighbours, a.cn);
    set(PartnerFeature::adamic_adar, a.aa);
    set(PartnerFeature::resource_allocation, a.ra);
    set(PartnerFeature::pagerank, ppr[v]);
    double dot = 0.0;
    for (const auto& o : region.offers(ActorId{v}))
      dot += o.weight * g.idf[o.competence.value] * pooled[o.competence.value];
    if (dot > 0.0) set(PartnerFeature::topic, dot / (g.offer_norm[v] * pooled_norm));
    if (const auto it = country_count.find(g.country[v]); it != country_count.end())
      set(PartnerFeature::country_share, it->second / k);
    if (const auto place = region.municipality(ActorId{v}))
      if (const auto it = place_count.find(place->value); it != place_count.end())
        set(PartnerFeature::place_share, it->second / k);
    const auto kind = region.kind(ActorId{v});
    set(PartnerFeature::kind, static_cast<double>(kind));
    if (const auto it = kind_count.find(kind); it != kind_count.end())
      set(PartnerFeature::kind_share, it->second / k);
    set(PartnerFeature::degree, static_cast<double>(g.degree(v)));
    set(PartnerFeature::projects, g.projects[v]);
    set(PartnerFeature::coordinated, g.coordinated[v]);
    double new1 = 0, new2 = 0, new3 = 0, ongoing = 0;
    for (std::uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      const int first = g.first_year[e];
      if (first != INT_MIN && first >= year - 1) new1 += 1;
      if (first != INT_MIN && first >= year - 2) new2 += 1;
      if (first != INT_MIN && first >= year - 3) new3 += 1;
      if (g.last_year[e] >= year) ongoing += 1;
    }
    set(PartnerFeature::new_partners_1y, new1);
    set(PartnerFeature::new_partners_2y, new2);
    set(PartnerFeature::new_partners_3y, new3);
    set(PartnerFeature::ongoing_ties, ongoing);
    set(PartnerFeature::repeat_max, a.repeat_max);
    set(PartnerFeature::repeat_sum, a.repeat_sum);
    const PartnerWeights w;
    const double topic = x[static_cast<std::size_t>(PartnerFeature::topic)];
    const double activity = max_degree > 0 ? std::log1p(static_cast<double>(g.degree(v))) /
                                                 std::log1p(static_cast<double>(max_degree))
                                           : 0.0;
    set(PartnerFeature::hand_score, w.ties * a.tied / k + w.evidence * a.aa / (1.0 + a.aa) +
                                        w.topic * topic + w.activity * activity);
    set(PartnerFeature::members_ongoing, a.ongoing / k);
    if (a.tied > 0)
      set(PartnerFeature::joint_recency,
          1.0 / (1.0 + static_cast<double>(year - std::min(a.last_end, year))));
    set(PartnerFeature::tie_specificity, a.specificity);
    if (km >= 2 && a.tied >= 2.0F) {  // a triad needs two members tied to it
      tied_members.clear();
      for (std::uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e)
        if (const auto i = member_index[g.neighbours[e]]; i != UINT32_MAX)
          tied_members.push_back(i);
      double triads = 0;
      for (std::size_t i = 0; i < tied_members.size(); ++i)
        for (std::size_t j = i + 1; j < tied_members.size(); ++j)
          triads += member_pair[tied_members[i] * km + tied_members[j]];
      set(PartnerFeature::member_triads, triads / member_pairs);
    }
  }
  return out;
}

std::vector<PartnerQueryFeatures> partner_features_many(
    const PartnerGraph& graph, std::span<const std::vector<ActorId>> member_lists,
    const PartnerFeatureOptions& options) {
  for (const auto& m : member_lists) check_members(m);
  std::vector<PartnerQueryFeatures> out(member_lists.size());
  par::parallel_for(std::size_t{0}, member_lists.size(), [&](std::size_t q) {
    out[q] = partner_features(graph, member_lists[q], options);
  });
  return out;
}

}  // namespace verbund::match
