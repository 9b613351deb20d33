#include "verbund/match/transfer_outcome.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <nlopt.hpp>
#include <utility>

#include "core/parallel_loops.hpp"

#include "verbund/core/quantile.hpp"
#include "verbund/core/random.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/core/region_select.hpp"
#include "verbund/error.hpp"
#include "verbund/io/text_format.hpp"
#include "verbund/match/recommend.hpp"

namespace verbund::match {

using core::ActorId;

namespace {

bool started_by(const std::optional<int>& start, int year) { return !start || *start <= year; }

// Every actor (same ids, same order), the ties and memberships started by `until`.
core::Region known_until(const core::Region& region, int until) {
  return core::select(
      region, [](ActorId) { return true; },
      [until](const core::Tie& t) { return started_by(t.start, until); },
      [until](const core::Membership& m) { return started_by(m.start, until); });
}

// The additive score before fit came first: distance adds its own weighted part.
double additive_total(const ScoreWeights& w, const ScoreParts& p) {
  return w.fit * p.fit + w.proximity * p.proximity + w.same_municipality * p.same_municipality +
         w.network * p.network + w.prior_tie * p.prior_tie +
         w.first_science_tie * p.first_science_tie + w.bridge * p.bridge -
         w.capacity_penalty * p.capacity_penalty;
}

double dcg_term(std::size_t rank) { return 1.0 / std::log2(1.0 + static_cast<double>(rank)); }

// Per-query values of the five metrics, in OutcomeMetrics' order.
std::array<double, 5> query_values(const std::vector<std::size_t>& ranks) {
  std::size_t first = std::numeric_limits<std::size_t>::max();
  double dcg = 0.0, ideal = 0.0;
  for (const std::size_t r : ranks) {
    if (r == 0) continue;
    first = std::min(first, r);
    if (r <= 10) dcg += dcg_term(r);
  }
  for (std::size_t i = 1; i <= std::min<std::size_t>(ranks.size(), 10); ++i) ideal += dcg_term(i);
  const bool found = first != std::numeric_limits<std::size_t>::max();
  return {found && first <= 1 ? 1.0 : 0.0, found && first <= 5 ? 1.0 : 0.0,
          found && first <= 10 ? 1.0 : 0.0, found ? 1.0 / static_cast<double>(first) : 0.0,
          dcg / ideal};
}

// The parts of one query's ranked candidates (existing partners left out), for the fit.
struct QueryRows {
  std::vector<ScoreParts> rows;
  std::vector<std::size_t> positives;  // rows of true partners
};

std::vector<QueryRows> query_rows(const TransferOutcomeSplit& split, const ScoreWeights& w) {
  const TransferScorer scorer(split.known, w);
  const auto candidates = scorer.candidates();
  std::vector<QueryRows> out(split.queries.size());
  par::parallel_for(std::size_t{0}, split.queries.size(), [&](std::size_t q) {
    const auto& query = split.queries[q];
    const auto needs = needs_of(split.known, query.firm);
    for (const ActorId c : candidates) {
      if (split.known.connected(query.firm, c)) continue;
      const auto parts = scorer.score(query.firm, needs, c);
      if (!parts) continue;
      if (std::binary_search(query.partners.begin(), query.partners.end(), c))
        out[q].positives.push_back(out[q].rows.size());
      out[q].rows.push_back(*parts);
    }
  });
  return out;
}

// x = (log inverse temperature, proximity, same_municipality, network, bridge).
constexpr std::size_t fitted_count = 5;

double fitted_score(const std::vector<double>& x, double fit_weight, const ScoreParts& p) {
  return fit_weight * p.fit * (1.0 - x[1] + x[1] * p.proximity) + x[2] * p.same_municipality +
         x[3] * p.network + x[4] * p.bridge;
}

// Mean log-likelihood of the true partners under a softmax over each query's rows.
double log_likelihood(const std::vector<const QueryRows*>& queries, const std::vector<double>& x,
                      double fit_weight) {
  const double beta = std::exp(x[0]);
  double sum = 0.0;
  std::size_t count = 0;
  std::vector<double> s;
  for (const QueryRows* q : queries) {
    s.resize(q->rows.size());
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < s.size(); ++i) {
      s[i] = beta * fitted_score(x, fit_weight, q->rows[i]);
      top = std::max(top, s[i]);
    }
    double z = 0.0;
    for (const double v : s) z += std::exp(v - top);
    const double log_z = top + std::log(z);
    for (const std::size_t i : q->positives) sum += s[i] - log_z;
    count += q->positives.size();
  }
  return count == 0 ? 0.0 : sum / static_cast<double>(count);
}

double round4(double v) { return std::round(v * 1e4) / 1e4; }

}  // namespace

std::string transfer_years_text(const core::Region& region) {
  std::optional<int> first, last;
  for (const core::Tie& t : region.ties()) {
    if (t.kind != core::TieKind::transfer || !t.start) continue;
    const auto a = region.kind(t.source), b = region.kind(t.target);
    const bool firm_science = (a == core::ActorKind::firm && core::is_science(b)) ||
                              (b == core::ActorKind::firm && core::is_science(a));
    if (!firm_science) continue;
    first = std::min(first.value_or(*t.start), *t.start);
    last = std::max(last.value_or(*t.start), *t.start);
  }
  if (!first) return "no transfer tie between a firm and science has a start year";
  return "transfer ties between firms and science start in " + std::to_string(*first) + ".." +
         std::to_string(*last);
}

TransferOutcomeSplit transfer_outcome_split(const core::Region& region, int until, int last) {
  if (last < until)
    throw InvalidInput("outcome years: the last year " + std::to_string(last) +
                       " is before the cut year " + std::to_string(until));
  TransferOutcomeSplit split;
  split.until = until;
  split.last = last;
  split.known = known_until(region, until);
  const TransferScorer pool(split.known, ScoreWeights{});
  std::map<std::uint32_t, std::vector<ActorId>> partners;  // by firm
  for (const core::Tie& t : region.ties()) {
    if (t.kind != core::TieKind::transfer || !t.start || *t.start <= until || *t.start > last)
      continue;
    ActorId firm = t.source, other = t.target;
    if (region.kind(firm) != core::ActorKind::firm) std::swap(firm, other);
    if (region.kind(firm) != core::ActorKind::firm || !core::is_science(region.kind(other)))
      continue;
    ++split.new_ties;
    if (!pool.is_candidate(other) || region.needs(firm).empty() ||
        split.known.connected(firm, other)) {
      ++split.not_asked;
      continue;
    }
    auto& list = partners[firm.value];
    if (std::find(list.begin(), list.end(), other) == list.end()) list.push_back(other);
  }
  for (auto& [firm, list] : partners) {
    std::sort(list.begin(), list.end());
    split.queries.push_back({ActorId{firm}, std::move(list)});
  }
  return split;
}

ScoreWeights capacity_ignored(ScoreWeights w) noexcept {
  w.capacity_policy = CapacityPolicy::penalise;
  w.capacity_penalty = 0.0;
  return w;
}

std::vector<TransferSetting> standard_transfer_settings() {
  std::vector<TransferSetting> s;
  s.push_back({"default (proximity 0.25)", ScoreWeights{}, false});
  s.push_back({"old additive (+0.25 x decay)", ScoreWeights{}, true});
  for (const double p : {0.0, 0.5}) {
    ScoreWeights w;
    w.proximity = p;
    s.push_back({"proximity " + io::format_double(p), w, false});
  }
  ScoreWeights no_credit;
  no_credit.theme_credit = 0.0;
  s.push_back({"no related credit", no_credit, false});
  return s;
}

std::vector<std::vector<std::size_t>> outcome_ranks(const TransferOutcomeSplit& split,
                                                    std::span<const ActorId> candidates,
                                                    const OutcomeScore& score) {
  std::vector<std::vector<std::size_t>> ranks(split.queries.size());
  par::parallel_for(std::size_t{0}, split.queries.size(), [&](std::size_t q) {
    const auto& query = split.queries[q];
    std::vector<std::pair<double, ActorId>> scored;
    for (const ActorId c : candidates) {
      if (c == query.firm || split.known.connected(query.firm, c)) continue;
      if (auto s = score(q, query.firm, c)) scored.emplace_back(*s, c);
    }
    auto& out = ranks[q];
    for (const ActorId truth : query.partners) {
      auto it = std::find_if(scored.begin(), scored.end(),
                             [&](const auto& e) { return e.second == truth; });
      if (it == scored.end()) {
        out.push_back(0);
        continue;
      }
      const auto [s, id] = *it;
      std::size_t rank = 1;
      for (const auto& [other, o] : scored)
        if (other > s || (other == s && o < id)) ++rank;
      out.push_back(rank);
    }
  });
  return ranks;
}

std::vector<std::vector<std::size_t>> outcome_ranks(const TransferOutcomeSplit& split,
                                                    const TransferSetting& setting) {
  const TransferScorer scorer(split.known, setting.weights);
  std::vector<std::vector<Need>> needs(split.queries.size());
  for (std::size_t q = 0; q < needs.size(); ++q)
    needs[q] = needs_of(split.known, split.queries[q].firm);
  return outcome_ranks(split, scorer.candidates(),
                       [&](std::size_t q, ActorId firm, ActorId c) -> std::optional<double> {
                         const auto parts = scorer.score(firm, needs[q], c);
                         if (!parts) return std::nullopt;
                         return setting.additive_proximity ? additive_total(setting.weights, *parts)
                                                           : parts->total;
                       });
}

OutcomeMetrics outcome_metrics(std::span<const std::vector<std::size_t>> ranks,
                               std::size_t resamples, std::uint64_t seed) {
  std::vector<std::array<double, 5>> values;
  for (const auto& r : ranks)
    if (!r.empty()) values.push_back(query_values(r));
  OutcomeMetrics m;
  m.queries = values.size();
  if (values.empty()) return m;
  std::array<OutcomeEstimate*, 5> fields{&m.hits_at_1, &m.hits_at_5, &m.hits_at_10, &m.mrr,
                                         &m.ndcg_at_10};
  const auto n = static_cast<double>(values.size());
  for (std::size_t f = 0; f < 5; ++f) {
    double sum = 0.0;
    for (const auto& v : values) sum += v[f];
    fields[f]->mean = sum / n;
    fields[f]->low = fields[f]->high = fields[f]->mean;
  }
  if (resamples == 0) return m;
  std::array<std::vector<double>, 5> means;
  core::RandomStream rng(seed, 0);
  for (std::size_t b = 0; b < resamples; ++b) {
    std::array<double, 5> sum{};
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto& v = values[rng.below(values.size())];
      for (std::size_t f = 0; f < 5; ++f) sum[f] += v[f];
    }
    for (std::size_t f = 0; f < 5; ++f) means[f].push_back(sum[f] / n);
  }
  for (std::size_t f = 0; f < 5; ++f) {
    fields[f]->low = core::quantile(means[f], 0.025);
    fields[f]->high = core::quantile(means[f], 0.975);
  }
  return m;
}

TransferFit fit_transfer_weights(std::span<const TransferOutcomeSplit> train,
                                 const TransferOutcomeSplit& validation,
                                 const TransferFitOptions& options) {
  options.base.validate();
  std::optional<TransferFit> best;
  std::size_t train_queries = 0;
  for (const double theme_credit : options.theme_credits) {
    for (const double half_km : options.half_distances_km) {
      ScoreWeights w = options.base;
      w.theme_credit = theme_credit;
      w.half_distance_km = half_km;
      w.validate();
      const ScoreWeights ranked = options.ignore_capacity ? capacity_ignored(w) : w;
      std::vector<std::vector<QueryRows>> rows;
      std::vector<const QueryRows*> usable;
      for (const auto& split : train) rows.push_back(query_rows(split, ranked));
      for (const auto& split_rows : rows)
        for (const auto& q : split_rows)
          if (!q.positives.empty()) usable.push_back(&q);
      if (usable.empty()) continue;
      train_queries = usable.size();
      nlopt::opt opt(nlopt::LN_BOBYQA, fitted_count);
      opt.set_lower_bounds({std::log(0.1), 0.0, 0.0, 0.0, 0.0});
      opt.set_upper_bounds({std::log(1000.0), 1.0, 5.0, 5.0, 5.0});
      opt.set_maxeval(options.max_evaluations);
      opt.set_xtol_rel(1e-6);
      struct Data {
        const std::vector<const QueryRows*>* queries;
        double fit_weight;
      } data{&usable, w.fit};
      opt.set_max_objective(
          [](const std::vector<double>& x, std::vector<double>&, void* d) {
            const auto* fd = static_cast<const Data*>(d);
            return log_likelihood(*fd->queries, x, fd->fit_weight);
          },
          &data);
      std::vector<double> x{std::log(10.0), w.proximity, w.same_municipality, w.network, w.bridge};
      double value = 0.0;
      try {
        (void)opt.optimize(x, value);
      } catch (const nlopt::roundoff_limited&) {
        value = log_likelihood(usable, x, w.fit);  // x holds the best point found
      } catch (const std::exception& e) {
        throw Error(std::string("transfer weight fit: NLopt failed: ") + e.what());
      }
      w.proximity = std::clamp(round4(x[1]), 0.0, 1.0);
      w.same_municipality = round4(x[2]);
      w.network = round4(x[3]);
      w.bridge = round4(x[4]);
      const ScoreWeights judged = options.ignore_capacity ? capacity_ignored(w) : w;
      const auto metrics = outcome_metrics(outcome_ranks(validation, {"fitted", judged, false}), 0);
      if (!best || metrics.mrr.mean > best->validation_mrr) {
        best = TransferFit{w, value, metrics.mrr.mean, 0, metrics.queries};
      }
    }
  }
  if (!best) throw InvalidInput("transfer weight fit: no training query has a ranked partner");
  best->train_queries = train_queries;
  return *best;
}

TransferFit train_transfer_weights(const core::Region& region, int first, int until,
                                   const TransferFitOptions& options) {
  if (first > until)
    throw InvalidInput("training years: the first year " + std::to_string(first) +
                       " is after the last " + std::to_string(until));
  std::vector<TransferOutcomeSplit> train;
  for (int year = first; year <= until; ++year)
    train.push_back(transfer_outcome_split(region, year - 1, year));
  const auto validation = transfer_outcome_split(region, until, until + 1);
  if (validation.queries.empty())
    throw InvalidInput("--until " + std::to_string(until) + ": no partnership of " +
                       std::to_string(until + 1) + " to validate on (" +
                       transfer_years_text(region) + ")");
  return fit_transfer_weights(train, validation, options);
}

}  // namespace verbund::match
