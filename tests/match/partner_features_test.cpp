// Partner features against a brute-force reference written from their definitions (sets of
// distinct neighbours, dense vectors) on small random regions; the PageRank against a dense
// power iteration; the pool and the parallel batch against the single query.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <random>
#include <set>

#include "verbund/core/parallel.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/match/partner_features.hpp"

using namespace verbund;
using core::ActorId;
using match::PartnerFeature;

namespace {

core::RegionData partner_region_data(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto below = [&](std::uint64_t k) { return static_cast<std::size_t>(rng() % k); };
  core::RegionData d;
  d.taxonomy.push_back({"t", "theme", "Thema", "", 0});
  for (int c = 0; c < 5; ++c) d.taxonomy.push_back({"c" + std::to_string(c), "c", "c", "t", 0});
  const std::size_t n = 8 + below(14);
  const char* countries[] = {"DE", "NL", "FR"};
  const char* places[] = {"Essen", "Bochum", ""};
  const core::ActorKind kinds[] = {core::ActorKind::firm, core::ActorKind::university,
                                   core::ActorKind::research_institute};
  for (std::size_t v = 0; v < n; ++v) {
    core::ActorRecord a;
    a.id = "a" + std::to_string(v);
    a.name = a.id;
    a.kind = kinds[below(3)];
    a.municipality = places[below(3)];
    if (below(4) != 0) a.attributes.push_back({"country", countries[below(3)]});
    a.attributes.push_back({"coordinated", std::to_string(below(3))});
    a.attributes.push_back({"projects", std::to_string(below(9))});
    std::sort(a.attributes.begin(), a.attributes.end(),
              [](const auto& x, const auto& y) { return x.key < y.key; });
    d.actors.push_back(a);
    for (int c = 0; c < 5; ++c)
      if (below(3) == 0)
        d.competences.push_back({a.id, "c" + std::to_string(c), core::CompetenceRole::offer,
                                 0.1 + static_cast<double>(below(9)) / 10.0, 0});
  }
  const std::size_t ties = n + below(3 * n);
  for (std::size_t t = 0; t < ties; ++t) {
    const auto s = below(n), e = below(n);
    if (s == e) continue;
    core::TieRecord r{"a" + std::to_string(s),
                      "a" + std::to_string(e),
                      core::TieKind::project,
                      1.0 + static_cast<double>(below(3)),
                      std::nullopt,
                      std::nullopt,
                      0};
    if (below(5) != 0) r.start = 2012 + static_cast<int>(below(5));
    if (below(5) != 0) r.end = r.start.value_or(2013) + static_cast<int>(below(4));
    d.ties.push_back(r);
  }
  return d;
}

// The features of candidate c straight from the definitions.
std::array<double, match::partner_feature_count> brute_force(const core::Region& r,
                                                             const std::vector<ActorId>& members,
                                                             ActorId c, int year) {
  const std::size_t n = r.size();
  std::vector<std::set<std::uint32_t>> nb(n);
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> weight;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<int, int>> span;
  for (const auto& t : r.ties()) {
    const auto a = t.source.value, b = t.target.value;
    nb[a].insert(b);
    nb[b].insert(a);
    for (const auto& key : {std::pair{a, b}, std::pair{b, a}}) {
      weight[key] += t.weight;
      auto [it, fresh] = span.try_emplace(key, INT_MAX, INT_MIN);
      it->second.first = std::min(it->second.first, t.start.value_or(INT_MIN));
      it->second.second = std::max(it->second.second, t.end.value_or(INT_MAX));
    }
  }
  std::array<double, match::partner_feature_count> f{};
  auto set = [&](PartnerFeature x, double v) { f[static_cast<std::size_t>(x)] = v; };
  const double k = static_cast<double>(members.size());
  double tied = 0, cn = 0, aa = 0, ra = 0, rmax = 0, rsum = 0, running = 0, specific = 0;
  int latest_end = INT_MIN;
  for (const auto m : members) {
    if (nb[m.value].count(c.value)) {
      tied += 1;
      specific += 1.0 / static_cast<double>(nb[m.value].size());
      const int end = span[{m.value, c.value}].second;
      latest_end = std::max(latest_end, end);
      if (end >= year) running += 1;
      const double w = weight[{m.value, c.value}];
      rmax = std::max(rmax, w);
      rsum += w;
    }
    for (const auto z : nb[m.value]) {
      if (!nb[c.value].count(z)) continue;
      cn += 1;
      aa += 1.0 / std::log(static_cast<double>(nb[z].size()));
      ra += 1.0 / static_cast<double>(nb[z].size());
    }
  }
  set(PartnerFeature::ties_share, tied / k);
  set(PartnerFeature::common_neighbours, cn);
  set(PartnerFeature::adamic_adar, aa);
  set(PartnerFeature::resource_allocation, ra);
  // TF-IDF, dense.
  const std::size_t comps = r.taxonomy().competences().size();
  std::vector<double> df(comps, 0), idf(comps);
  for (std::uint32_t v = 0; v < n; ++v)
    for (const auto& o : r.offers(ActorId{v})) df[o.competence.value] += 1;
  for (std::size_t x = 0; x < comps; ++x)
    idf[x] = std::log((1.0 + static_cast<double>(n)) / (1.0 + df[x])) + 1.0;
  auto vec = [&](ActorId a) {
    std::vector<double> out(comps, 0);
    for (const auto& o : r.offers(a)) out[o.competence.value] = o.weight * idf[o.competence.value];
    return out;
  };
  std::vector<double> pooled(comps, 0);
  for (const auto m : members) {
    const auto v = vec(m);
    for (std::size_t x = 0; x < comps; ++x) pooled[x] += v[x];
  }
  const auto cv = vec(c);
  double dot = 0, n1 = 0, n2 = 0;
  for (std::size_t x = 0; x < comps; ++x) {
    dot += cv[x] * pooled[x];
    n1 += cv[x] * cv[x];
    n2 += pooled[x] * pooled[x];
  }
  set(PartnerFeature::topic, dot > 0 ? dot / std::sqrt(n1 * n2) : 0.0);
  double same_country = 0, same_place = 0, same_kind = 0;
  for (const auto m : members) {
    const auto a = r.attribute(m, "country"), b = r.attribute(c, "country");
    if (a && b && *a == *b) same_country += 1;
    if (r.municipality(m) && r.municipality(c) && *r.municipality(m) == *r.municipality(c))
      same_place += 1;
    if (r.kind(m) == r.kind(c)) same_kind += 1;
  }
  set(PartnerFeature::country_share, same_country / k);
  set(PartnerFeature::place_share, same_place / k);
  set(PartnerFeature::kind, static_cast<double>(r.kind(c)));
  set(PartnerFeature::kind_share, same_kind / k);
  set(PartnerFeature::degree, static_cast<double>(nb[c.value].size()));
  set(PartnerFeature::projects, std::stod(std::string(*r.attribute(c, "projects"))));
  set(PartnerFeature::coordinated, std::stod(std::string(*r.attribute(c, "coordinated"))));
  double n1y = 0, n2y = 0, n3y = 0, ongoing = 0;
  for (const auto z : nb[c.value]) {
    const auto [first, last] = span[{c.value, z}];
    if (first != INT_MIN && first >= year - 1) n1y += 1;
    if (first != INT_MIN && first >= year - 2) n2y += 1;
    if (first != INT_MIN && first >= year - 3) n3y += 1;
    if (last >= year) ongoing += 1;
  }
  set(PartnerFeature::new_partners_1y, n1y);
  set(PartnerFeature::new_partners_2y, n2y);
  set(PartnerFeature::new_partners_3y, n3y);
  set(PartnerFeature::ongoing_ties, ongoing);
  set(PartnerFeature::repeat_max, rmax);
  set(PartnerFeature::repeat_sum, rsum);
  std::size_t max_degree = 0;
  for (const auto& s : nb) max_degree = std::max(max_degree, s.size());
  set(PartnerFeature::hand_score, tied / k + 0.5 * aa / (1 + aa) +
                                      0.5 * f[static_cast<std::size_t>(PartnerFeature::topic)] +
                                      0.2 * std::log1p(static_cast<double>(nb[c.value].size())) /
                                          std::log1p(static_cast<double>(max_degree)));
  set(PartnerFeature::members_ongoing, running / k);
  set(PartnerFeature::joint_recency,
      tied > 0 ? 1.0 / (1.0 + std::max(0.0, static_cast<double>(year) - latest_end)) : 0.0);
  set(PartnerFeature::tie_specificity, specific);
  double triads = 0;
  for (std::size_t i = 0; i < members.size(); ++i)
    for (std::size_t j = i + 1; j < members.size(); ++j)
      if (nb[members[i].value].count(members[j].value) && nb[members[i].value].count(c.value) &&
          nb[members[j].value].count(c.value))
        triads += 1;
  set(PartnerFeature::member_triads, k >= 2 ? triads / (k * (k - 1) / 2) : 0.0);
  return f;
}

// Personalised PageRank by dense power iteration, with networkx's handling of isolated actors.
std::vector<double> power_iteration(const core::Region& r, const std::vector<ActorId>& members,
                                    double alpha) {
  const std::size_t n = r.size();
  std::vector<std::set<std::uint32_t>> nb(n);
  for (const auto& t : r.ties()) {
    nb[t.source.value].insert(t.target.value);
    nb[t.target.value].insert(t.source.value);
  }
  std::vector<double> s(n, 0), x(n, 0);
  for (const auto m : members) s[m.value] += 1.0 / static_cast<double>(members.size());
  x = s;
  for (int it = 0; it < 2000; ++it) {
    std::vector<double> y(n, 0);
    double dangling = 0;
    for (std::size_t u = 0; u < n; ++u) {
      if (nb[u].empty()) dangling += x[u];
      for (const auto v : nb[u]) y[v] += alpha * x[u] / static_cast<double>(nb[u].size());
    }
    for (std::size_t v = 0; v < n; ++v) y[v] += (alpha * dangling + (1 - alpha)) * s[v];
    x = y;
  }
  return x;
}

}  // namespace

TEST_CASE("partner features equal a brute force from their definitions",
          "[match][partners][learn]") {
  // How often each column is non-zero: a column never exercised would pass unchecked.
  std::array<std::size_t, match::partner_feature_count> nonzero{};
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const auto region = core::build_region(partner_region_data(seed));
    const match::PartnerGraph graph(region);
    std::mt19937_64 rng(seed * 7);
    std::vector<ActorId> members;
    for (std::size_t k = 0, want = 1 + rng() % 4; k < want; ++k) {
      const ActorId a{static_cast<std::uint32_t>(rng() % region.size())};
      if (std::find(members.begin(), members.end(), a) == members.end()) members.push_back(a);
    }
    std::vector<ActorId> all;  // every actor but the members
    for (std::uint32_t v = 0; v < region.size(); ++v)
      if (std::find(members.begin(), members.end(), ActorId{v}) == members.end())
        all.push_back(ActorId{v});
    const int year = 2016;
    const auto got =
        match::partner_features(graph, members, {.query_year = year, .tolerance = 1e-12}, all);
    const auto ppr = power_iteration(region, members, 0.85);
    REQUIRE(got.candidates == all);
    for (std::size_t row = 0; row < all.size(); ++row) {
      const auto want = brute_force(region, members, all[row], year);
      for (std::size_t f = 0; f < match::partner_feature_count; ++f) {
        if (static_cast<PartnerFeature>(f) == PartnerFeature::pagerank) continue;
        INFO("seed " << seed << " row " << row << " feature "
                     << match::feature_name(static_cast<PartnerFeature>(f)));
        CHECK(got.at(row, static_cast<PartnerFeature>(f)) ==
              Approx(want[f]).margin(1e-5).epsilon(1e-5));
        if (want[f] != 0.0) ++nonzero[f];
      }
      INFO("seed " << seed << " pagerank of row " << row);
      CHECK(got.at(row, PartnerFeature::pagerank) == Approx(ppr[all[row].value]).margin(1e-6));
    }
  }
  for (const auto f : {PartnerFeature::members_ongoing, PartnerFeature::joint_recency,
                       PartnerFeature::tie_specificity, PartnerFeature::member_triads}) {
    INFO(match::feature_name(f));
    CHECK(nonzero[static_cast<std::size_t>(f)] > 5);
  }
}

TEST_CASE("the pool is the PageRank shortlist and the batch equals single queries",
          "[match][partners][learn]") {
  const auto region = core::build_region(partner_region_data(99));
  const match::PartnerGraph graph(region);
  const std::vector<std::vector<ActorId>> queries{
      {ActorId{0}}, {ActorId{1}, ActorId{2}}, {ActorId{3}, ActorId{4}, ActorId{5}}};
  const match::PartnerFeatureOptions options{.query_year = 2016, .shortlist = 4};
  for (const auto& members : queries) {
    const auto got = match::partner_features(graph, members, options);
    const auto ppr = match::personalised_pagerank(graph, members, 0.85, options.tolerance);
    std::vector<std::pair<double, std::uint32_t>> order;
    for (std::uint32_t v = 0; v < region.size(); ++v)
      if (ppr[v] > 0 && std::find(members.begin(), members.end(), ActorId{v}) == members.end())
        order.emplace_back(-ppr[v], v);
    std::sort(order.begin(), order.end());
    std::vector<ActorId> want;
    for (std::size_t k = 0; k < std::min<std::size_t>(4, order.size()); ++k)
      want.push_back(ActorId{order[k].second});
    std::sort(want.begin(), want.end());
    CHECK(got.candidates == want);
  }
  std::vector<match::PartnerQueryFeatures> one, two;
  {
    const core::ThreadLimit limit(1);
    one = match::partner_features_many(graph, queries, options);
  }
  {
    const core::ThreadLimit limit(2);
    two = match::partner_features_many(graph, queries, options);
  }
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const auto single = match::partner_features(graph, queries[q], options);
    CHECK(one[q].candidates == single.candidates);
    CHECK(one[q].values == single.values);
    CHECK(two[q].values == single.values);
  }
  CHECK_THROWS_AS(match::partner_features(graph, std::vector<ActorId>{}, options), InvalidInput);
}
