// Evaluation of partner recommendation on real consortia (CORDIS H2020): the network of the
// projects up to KNOWN_TO; for every project starting in QUERY_YEAR with at least three
// members, one member hidden (position rcn mod size, a fixed choice) and the partners asked for
// the members still known (match::partner_split). Reports hits@10, MRR (over the first 1000
// ranks) and NDCG@10 with 95 % bootstrap intervals, for all queries and separately for hidden
// members already tied to a given member ("known") and those that are not ("new to them"):
//   learned            the XGBoost ranker trained on query years FIRST..KNOWN_TO, each from
//                      its own past (match::train_partner_model), over the candidate pool
//   hand_weighted      `recommend partners` without a model (match::recommend_partners)
//   common_neighbours  common-partner count with the members, ties by degree then id
//   adamic_adar        Adamic–Adar over the members, over the candidate pool
//   pagerank           personalised PageRank from the members, over the candidate pool
//   popularity         the most connected organisations
//
//   verbund_cordis_partners CORDIS_DIR [KNOWN_TO=2016] [QUERY_YEAR=KNOWN_TO+1] [--check]
//       [--first FIRST=2015] [--objective rank:pairwise] [--rounds N] [--depth D] [--eta E]
//       [--hidden H=1] [--folds F=3] [--no-time-splits] [--min-network N] [--seed S]
//       [--tolerance T] [--pool N] [--features-report] [--pool-report]
//
// --pool-report: the recall of candidate sources (PageRank top N, the members' partners, two
// hops, topic, popular in a member's country, unions of them) on stderr, for the pool's design.
// --check: exit 1 unless the hand-weighted score beats common neighbours and popularity on
// hits@10 and MRR; --check-learned: exit 1 unless the learned ranker beats every baseline on
// both (ctest runs both on the validation years); exit 77 (skipped) if the CORDIS files are
// absent.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "verbund/match/partner_learning.hpp"
#include "verbund/match/partners.hpp"

namespace {

using namespace verbund;
using core::ActorId;

constexpr std::size_t depth = 1000;  // ranks looked at for the MRR

// Per query: the hidden member's rank (1-based, 0 = not within depth).
using Ranks = std::vector<std::size_t>;

double hit(std::size_t r) { return r >= 1 && r <= 10 ? 1.0 : 0.0; }
double reciprocal(std::size_t r) { return r >= 1 ? 1.0 / static_cast<double>(r) : 0.0; }
double ndcg(std::size_t r) {  // one relevant item: 1 / log2(1 + rank) within the first ten
  return r >= 1 && r <= 10 ? 1.0 / std::log2(1.0 + static_cast<double>(r)) : 0.0;
}

struct Estimate {
  double mean = 0, low = 0, high = 0;
};

// Mean with a 95 % percentile bootstrap interval over the queries in `subset` (seeded).
Estimate bootstrap(const Ranks& ranks, const std::vector<std::size_t>& subset,
                   double (*metric)(std::size_t)) {
  Estimate e;
  if (subset.empty()) return e;
  for (const auto q : subset) e.mean += metric(ranks[q]);
  e.mean /= static_cast<double>(subset.size());
  std::mt19937_64 rng(20170101);
  std::vector<double> means;
  for (int b = 0; b < 1000; ++b) {
    double s = 0;
    for (std::size_t k = 0; k < subset.size(); ++k)
      s += metric(ranks[subset[rng() % subset.size()]]);
    means.push_back(s / static_cast<double>(subset.size()));
  }
  std::sort(means.begin(), means.end());
  e.low = means[25];
  e.high = means[974];
  return e;
}

// The rank of `hidden` among `items` by descending score, ties by ascending `tie` key; items
// with a score of at most `floor` are not ranked.
template <typename Tie>
std::size_t rank_among(std::span<const ActorId> items, const std::vector<double>& score,
                       ActorId hidden, double floor, Tie tie) {
  const auto at = std::find(items.begin(), items.end(), hidden);
  if (at == items.end()) return 0;
  const auto h = static_cast<std::size_t>(at - items.begin());
  if (score[h] <= floor) return 0;
  std::size_t better = 0;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (k == h || score[k] <= floor) continue;
    if (score[k] > score[h] || (score[k] == score[h] && tie(items[k]) < tie(items[h]))) ++better;
  }
  return better + 1 <= depth ? better + 1 : 0;
}

// Recall of candidate sources over the queries: the share of hidden members each source (and
// some unions) holds, with the mean number of candidates it adds. Features over every actor.
void pool_recall_report(const match::PartnerGraph& graph,
                        std::span<const match::PartnerQuery> queries,
                        const match::PartnerFeatureOptions& options) {
  const auto& region = graph.region();
  const std::size_t n = region.size();
  std::vector<ActorId> everyone(n);
  for (std::uint32_t v = 0; v < n; ++v) everyone[v] = ActorId{v};
  using F = match::PartnerFeature;
  // source name -> (hits, total size)
  std::map<std::string, std::pair<double, double>> stats;
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& q : queries) {
    const auto f = match::partner_features(graph, q.members, options, everyone);
    std::vector<std::uint8_t> member(n, 0);
    for (const auto m : q.members) member[m.value] = 1;
    // Top k of the non-members by a column (largest first, ties by id), only values > 0.
    auto top = [&](auto score, std::size_t k) {
      std::vector<std::uint32_t> c;
      for (std::uint32_t v = 0; v < n; ++v)
        if (!member[v] && score(v) > 0.0) c.push_back(v);
      const auto keep = std::min(k, c.size());
      std::partial_sort(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(keep), c.end(),
                        [&](std::uint32_t a, std::uint32_t b) {
                          return score(a) != score(b) ? score(a) > score(b) : a < b;
                        });
      c.resize(keep);
      return std::set<std::uint32_t>(c.begin(), c.end());
    };
    const auto col = [&](F feature) {
      return [&f, feature](std::uint32_t v) { return static_cast<double>(f.at(v, feature)); };
    };
    const auto deg = col(F::degree);
    std::map<std::string, std::set<std::uint32_t>> sources;
    sources["ppr300"] = top(col(F::pagerank), 300);
    sources["ppr600"] = top(col(F::pagerank), 600);
    sources["ppr1000"] = top(col(F::pagerank), 1000);
    sources["ppr3000"] = top(col(F::pagerank), 3000);
    sources["1hop"] = top(col(F::ties_share), n);
    sources["2hop"] = top(
        [&](std::uint32_t v) { return f.at(v, F::common_neighbours) + f.at(v, F::ties_share); }, n);
    sources["repeat_tieweight50"] = top(col(F::repeat_sum), 50);
    sources["topic100"] = top(col(F::topic), 100);
    sources["topic300"] = top(col(F::topic), 300);
    sources["country_popular50"] = top(
        [&](std::uint32_t v) { return f.at(v, F::country_share) > 0 ? 1.0 + deg(v) : 0.0; }, 50);
    sources["country_popular200"] = top(
        [&](std::uint32_t v) { return f.at(v, F::country_share) > 0 ? 1.0 + deg(v) : 0.0; }, 200);
    sources["topic_x_popular100"] =
        top([&](std::uint32_t v) { return f.at(v, F::topic) * std::log1p(deg(v)); }, 100);
    sources["topic_x_popular300"] =
        top([&](std::uint32_t v) { return f.at(v, F::topic) * std::log1p(deg(v)); }, 300);
    sources["popular100"] = top([&](std::uint32_t v) { return 1.0 + deg(v); }, 100);
    auto unite = [&](std::initializer_list<const char*> names) {
      std::set<std::uint32_t> u;
      for (const auto* s : names) u.insert(sources[s].begin(), sources[s].end());
      return u;
    };
    sources["ppr300+1hop"] = unite({"ppr300", "1hop"});
    sources["ppr300+topic100+country50"] = unite({"ppr300", "topic100", "country_popular50"});
    sources["ppr300+topicpop100"] = unite({"ppr300", "topic_x_popular100"});
    sources["ppr300+topicpop300"] = unite({"ppr300", "topic_x_popular300"});
    sources["ppr300+1hop+topicpop100"] = unite({"ppr300", "1hop", "topic_x_popular100"});
    for (const auto& [name, set] : sources) {
      auto& st = stats[name];
      st.first += set.count(q.hidden.value) ? 1.0 : 0.0;
      st.second += static_cast<double>(set.size());
    }
  }
  const double count = static_cast<double>(std::max<std::size_t>(queries.size(), 1));
  std::cerr << "pool recall by source over " << queries.size() << " queries ("
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
            << " s): source recall mean_size\n";
  for (const auto& [name, st] : stats)
    std::cerr << "  " << name << " " << st.first / count << " " << st.second / count << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: verbund_cordis_partners CORDIS_DIR [KNOWN_TO] [QUERY_YEAR] [--check] "
                 "[--first Y] [--objective O] [--rounds N] [--depth D] [--eta E] [--hidden H] "
                 "[--seed S]\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::vector<std::string> args;
  bool check = false, check_learned = false, learned_on = true, features_report = false,
       pool_report = false;
  int first = 2015;
  match::PartnerTrainingPlan plan;
  match::PartnerFeatureOptions feature_options;
  match::PartnerModelOptions model_options;
  for (int k = 2; k < argc; ++k) {
    const std::string a = argv[k];
    auto value = [&] { return k + 1 < argc ? std::string(argv[++k]) : std::string(); };
    if (a == "--check")
      check = true;
    else if (a == "--check-learned")
      check_learned = true;
    else if (a == "--no-learned")
      learned_on = false;
    else if (a == "--features-report")
      features_report = true;
    else if (a == "--pool-report")
      pool_report = true;
    else if (a == "--first")
      first = std::stoi(value());
    else if (a == "--objective")
      model_options.objective = value();
    else if (a == "--booster")
      model_options.booster = value();
    else if (a == "--rounds")
      model_options.rounds = std::stoi(value());
    else if (a == "--depth")
      model_options.max_depth = std::stoi(value());
    else if (a == "--eta")
      model_options.eta = std::stod(value());
    else if (a == "--hidden")
      plan.hidden_per_project = std::stoull(value());
    else if (a == "--tolerance")
      feature_options.tolerance = std::stod(value());
    else if (a == "--pool")
      feature_options.shortlist = std::stoull(value());
    else if (a == "--folds")
      plan.folds = std::stoull(value());
    else if (a == "--no-time-splits")
      plan.time_splits = false;
    else if (a == "--min-network")
      plan.min_network = std::stoull(value());
    else if (a == "--seed")
      model_options.seed = std::stoull(value());
    else
      args.push_back(a);
  }
  const int known_to = !args.empty() ? std::stoi(args[0]) : 2016;
  const int query_year = args.size() > 1 ? std::stoi(args[1]) : known_to + 1;
  if (!std::filesystem::exists(dir / "h2020_participations_2014_2017.csv")) {
    std::cerr << "no CORDIS data in " << dir << ": skipped\n";
    return 77;
  }
  const io::ProjectFiles files{dir / "h2020_participations_2014_2017.csv",
                               dir / "h2020_organisations_2017.csv",
                               dir / "h2020_programme_parts_2014_2017.csv"};

  const auto with_year = [&](int year) {
    auto o = feature_options;
    o.query_year = year;
    return o;
  };
  plan.features = feature_options;
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  std::optional<match::PartnerModel> model;
  if (learned_on) model = match::train_partner_model(files, first, known_to, model_options, plan);
  const double train_s = std::chrono::duration<double>(Clock::now() - t0).count();

  const auto split = match::partner_split(files, query_year);
  const auto& region = split.region;
  const std::size_t n = region.size();
  const match::PartnerGraph graph(region);
  const auto t1 = Clock::now();
  const auto queries = match::training_queries(graph, split.queries, with_year(query_year));
  const double features_s = std::chrono::duration<double>(Clock::now() - t1).count();

  std::vector<std::size_t> degree(n);
  for (std::uint32_t v = 0; v < n; ++v) {  // distinct partners
    std::uint32_t last = UINT32_MAX;
    for (const auto& nb : region.neighbours(ActorId{v})) {
      if (nb.actor.value != last) ++degree[v];
      last = nb.actor.value;
    }
  }
  std::vector<ActorId> by_activity(n);
  for (std::uint32_t v = 0; v < n; ++v) by_activity[v] = ActorId{v};
  std::stable_sort(by_activity.begin(), by_activity.end(),
                   [&](ActorId a, ActorId b) { return degree[a.value] > degree[b.value]; });
  const auto by_id = [](ActorId a) { return a.value; };
  const auto by_degree_then_id = [&](ActorId a) {
    return std::pair{-static_cast<long long>(degree[a.value]), a.value};
  };

  const match::TransferScorer scorer(region, {});
  const std::vector<std::string> names{"learned",     "hand_weighted", "common_neighbours",
                                       "adamic_adar", "pagerank",      "popularity"};
  std::vector<Ranks> ranks(names.size(), Ranks(queries.size(), 0));
  std::vector<std::size_t> all, known, fresh;
  double pool_size = 0, in_pool = 0;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const auto& query = split.queries[q];
    const auto& f = queries[q].features;
    const auto& items = f.candidates;
    all.push_back(q);
    const bool tied = std::any_of(query.members.begin(), query.members.end(),
                                  [&](ActorId m) { return region.connected(m, query.hidden); });
    (tied ? known : fresh).push_back(q);
    pool_size += static_cast<double>(items.size());
    in_pool += queries[q].positives.empty() ? 0.0 : 1.0;

    if (model) {
      const auto predicted = model->predict(f);
      const std::vector<double> learned(predicted.begin(), predicted.end());
      ranks[0][q] = rank_among(items, learned, query.hidden, -INFINITY, by_id);
    }

    std::vector<ActorId> ranking;
    for (const auto& p : match::recommend_partners(scorer, query.members, {.top = depth}))
      ranking.push_back(p.actor);
    const auto it = std::find(ranking.begin(), ranking.end(), query.hidden);
    ranks[1][q] = it == ranking.end() ? 0 : static_cast<std::size_t>(it - ranking.begin()) + 1;

    auto column = [&](match::PartnerFeature feature) {
      std::vector<double> s(items.size());
      for (std::size_t r = 0; r < items.size(); ++r) s[r] = f.at(r, feature);
      return s;
    };
    ranks[2][q] = rank_among(items, column(match::PartnerFeature::common_neighbours), query.hidden,
                             0.0, by_degree_then_id);
    ranks[3][q] =
        rank_among(items, column(match::PartnerFeature::adamic_adar), query.hidden, 0.0, by_id);
    ranks[4][q] =
        rank_among(items, column(match::PartnerFeature::pagerank), query.hidden, 0.0, by_id);

    std::size_t seen = 0;
    for (const auto a : by_activity) {
      if (std::find(query.members.begin(), query.members.end(), a) != query.members.end()) continue;
      if (++seen > depth) break;
      if (a == query.hidden) {
        ranks[5][q] = seen;
        break;
      }
    }
  }

  // Diagnosis: which candidate sources hold the hidden member (recall) and at what pool size.
  if (pool_report) pool_recall_report(graph, split.queries, with_year(query_year));

  // Diagnosis: each feature alone, ranking the pool (largest first, ties by id).
  if (features_report) {
    std::cerr << "feature alone: hits@10 within the pool (all, known)\n";
    for (std::size_t c = 0; c < match::partner_feature_count; ++c) {
      double all_hits = 0, known_hits = 0;
      for (std::size_t q = 0; q < queries.size(); ++q) {
        const auto& f = queries[q].features;
        std::vector<double> s(f.candidates.size());
        for (std::size_t r = 0; r < s.size(); ++r)
          s[r] = f.at(r, static_cast<match::PartnerFeature>(c));
        const double h =
            hit(rank_among(f.candidates, s, split.queries[q].hidden, -INFINITY, by_id));
        all_hits += h;
        if (std::find(known.begin(), known.end(), q) != known.end()) known_hits += h;
      }
      std::cerr << "  " << match::feature_name(static_cast<match::PartnerFeature>(c)) << " "
                << all_hits / static_cast<double>(queries.size()) << " "
                << known_hits / static_cast<double>(std::max<std::size_t>(known.size(), 1)) << "\n";
    }
  }
  const double count = static_cast<double>(std::max<std::size_t>(queries.size(), 1));
  std::cout << std::fixed << std::setprecision(3);
  std::cout << "{\n  \"known_to\": " << known_to << ", \"query_year\": " << query_year
            << ", \"trained_on_query_years\": \"" << first << "-" << known_to << "\""
            << ", \"known_actors\": " << n << ",\n  \"projects_with_3_or_more\": " << split.projects
            << ", \"hidden_not_in_network\": " << split.unknown_hidden
            << ", \"queries\": " << queries.size() << ", \"known\": " << known.size()
            << ", \"new_to_them\": " << fresh.size() << ",\n  \"mean_pool\": " << pool_size / count
            << ", \"pool_recall\": " << in_pool / count << ", \"train_seconds\": " << train_s
            << ", \"feature_seconds\": " << features_s << ",\n  \"model\": {\"objective\": \""
            << model_options.objective << "\", \"booster\": \"" << model_options.booster
            << "\", \"rounds\": " << model_options.rounds
            << ", \"depth\": " << model_options.max_depth << ", \"eta\": " << model_options.eta
            << ", \"hidden_per_project\": " << plan.hidden_per_project
            << ", \"folds\": " << plan.folds << ", \"time_splits\": " << plan.time_splits
            << ", \"splits\": \"" << (model ? model->provenance().at("splits") : "") << "\"},\n";
  auto estimate = [](const Estimate& e) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << "[" << e.mean << ", " << e.low << ", " << e.high
      << "]";
    return s.str();
  };
  for (std::size_t m = 0; m < names.size(); ++m) {
    std::cout << "  \"" << names[m] << "\": {";
    const std::pair<const char*, const std::vector<std::size_t>*> parts[] = {
        {"all", &all}, {"known", &known}, {"new_to_them", &fresh}};
    for (std::size_t p = 0; p < 3; ++p) {
      const auto& subset = *parts[p].second;
      std::cout << (p ? ", " : "") << "\"" << parts[p].first
                << "\": {\"hits_at_10\": " << estimate(bootstrap(ranks[m], subset, hit))
                << ", \"mrr\": " << estimate(bootstrap(ranks[m], subset, reciprocal))
                << ", \"ndcg_at_10\": " << estimate(bootstrap(ranks[m], subset, ndcg)) << "}";
    }
    std::cout << "}" << (m + 1 < names.size() ? ",\n" : "\n");
  }
  std::cout << "}\n";

  if (check || check_learned) {
    auto total = [&](std::size_t m, double (*metric)(std::size_t)) {
      double s = 0;
      for (const auto r : ranks[m]) s += metric(r);
      return s;
    };
    bool ok = true;
    for (std::size_t m = 1; check_learned && m < names.size(); ++m) {
      if (total(0, hit) <= total(m, hit) || total(0, reciprocal) <= total(m, reciprocal)) {
        std::cerr << "the learned ranker does not beat " << names[m] << "\n";
        ok = false;
      }
    }
    for (const std::size_t m : {std::size_t{2}, std::size_t{5}}) {
      if (!check) break;
      if (total(1, hit) <= total(m, hit) || total(1, reciprocal) <= total(m, reciprocal)) {
        std::cerr << "the hand-weighted score does not beat " << names[m] << "\n";
        ok = false;
      }
    }
    if (!ok) return 1;
  }
  return 0;
}
