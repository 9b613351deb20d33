#include "verbund/match/partner_model.hpp"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <mutex>
#include <numeric>
#include <random>
#include <string>

#include "verbund/core/parallel.hpp"
#include "verbund/error.hpp"

namespace verbund::match {

namespace {

constexpr std::string_view provenance_prefix = "verbund.";
constexpr std::string_view features_key = "verbund.features";

void check(int rc, std::string_view what) {
  if (rc != 0) throw Error(std::string(what) + ": XGBoost: " + XGBGetLastError());
}

std::string feature_list() {
  std::string s;
  for (std::size_t f = 0; f < partner_feature_count; ++f) {
    if (f) s += ',';
    s += feature_name(static_cast<PartnerFeature>(f));
  }
  return s;
}

// Owns an XGBoost handle.
struct Matrix {
  DMatrixHandle h = nullptr;
  ~Matrix() {
    if (h) XGDMatrixFree(h);
  }
};

Matrix dense_matrix(const std::vector<float>& values, std::size_t rows) {
  Matrix m;
  check(XGDMatrixCreateFromMat(values.data(), rows, partner_feature_count, NAN, &m.h),
        "partner model: feature matrix");
  return m;
}

// The features as the trees see them: recency as shares of the partners, and the network and
// size counts as ranks within the query's pool (1 = largest, ties share the best rank). The
// network grows by a year of projects from one split to the next, so raw counts do not mean
// the same in training and in use; "the 3rd closest by PageRank" does.
std::vector<float> normalised(const PartnerQueryFeatures& f) {
  constexpr auto w = partner_feature_count;
  std::vector<float> x = f.values;
  const std::size_t rows = f.candidates.size();
  auto col = [&](std::size_t r, PartnerFeature c) -> float& {
    return x[r * w + static_cast<std::size_t>(c)];
  };
  for (std::size_t r = 0; r < rows; ++r) {
    const float degree = std::max(col(r, PartnerFeature::degree), 1.0F);
    for (const auto c : {PartnerFeature::new_partners_1y, PartnerFeature::new_partners_2y,
                         PartnerFeature::new_partners_3y, PartnerFeature::ongoing_ties})
      col(r, c) /= degree;
  }
  std::vector<std::size_t> order(rows);
  for (const auto c :
       {PartnerFeature::common_neighbours, PartnerFeature::adamic_adar,
        PartnerFeature::resource_allocation, PartnerFeature::pagerank, PartnerFeature::topic,
        PartnerFeature::degree, PartnerFeature::projects, PartnerFeature::coordinated,
        PartnerFeature::repeat_sum, PartnerFeature::hand_score, PartnerFeature::tie_specificity}) {
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const float va = f.at(a, c), vb = f.at(b, c);
      return va != vb ? va > vb : a < b;
    });
    for (std::size_t k = 0; k < rows; ++k) {
      const std::size_t r = order[k];
      const bool same = k > 0 && f.at(order[k - 1], c) == f.at(r, c);
      col(r, c) = same ? col(order[k - 1], c) : static_cast<float>(k + 1);
    }
  }
  return x;
}

// The rows a training query contributes: its positives, the hardest negatives (network
// closeness first) and a seeded draw from the rest.
std::vector<std::size_t> training_rows(const PartnerTrainingQuery& q,
                                       const PartnerModelOptions& options, std::mt19937_64& rng) {
  const auto& f = q.features;
  const std::size_t n = f.candidates.size();
  std::vector<std::uint8_t> chosen(n, 0);
  std::vector<std::size_t> rows;
  for (const auto p : q.positives) {
    chosen[p] = 1;
    rows.push_back(p);
  }
  std::vector<std::size_t> rest;
  for (std::size_t r = 0; r < n; ++r)
    if (!chosen[r]) rest.push_back(r);
  auto closeness = [&](std::size_t r) { return f.at(r, PartnerFeature::pagerank); };
  const auto hard = std::min(options.hard_negatives, rest.size());
  std::partial_sort(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(hard), rest.end(),
                    [&](std::size_t a, std::size_t b) {
                      const auto ca = closeness(a), cb = closeness(b);
                      return ca != cb ? ca > cb : a < b;
                    });
  rows.insert(rows.end(), rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(hard));
  rest.erase(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(hard));
  for (std::size_t k = 0; k < options.random_negatives && !rest.empty(); ++k) {
    const auto pick = static_cast<std::size_t>(rng() % rest.size());
    rows.push_back(rest[pick]);
    rest[pick] = rest.back();
    rest.pop_back();
  }
  return rows;
}

}  // namespace

struct PartnerModel::Impl {
  BoosterHandle booster = nullptr;
  std::map<std::string, std::string> provenance;
  mutable std::mutex mutex;  // XGBoost's prediction buffer belongs to the booster
  ~Impl() {
    if (booster) XGBoosterFree(booster);
  }

  void read_provenance() {
    bst_ulong count = 0;
    const char** names = nullptr;
    check(XGBoosterGetAttrNames(booster, &count, &names), "partner model: attributes");
    std::vector<std::string> keys(names, names + count);
    for (const auto& key : keys) {
      if (!key.starts_with(provenance_prefix)) continue;
      const char* value = nullptr;
      int found = 0;
      check(XGBoosterGetAttr(booster, key.c_str(), &value, &found), "partner model: attribute");
      if (found) provenance[key.substr(provenance_prefix.size())] = value;
    }
  }

  std::vector<float> predict(const PartnerQueryFeatures& features, int type) const {
    const std::size_t rows = features.candidates.size();
    const std::size_t width = type == 2 ? partner_feature_count + 1 : 1;
    if (rows == 0) return {};
    const Matrix m = dense_matrix(normalised(features), rows);
    const std::string config = R"({"type": )" + std::to_string(type) +
                               R"(, "training": false, "iteration_begin": 0, )"
                               R"("iteration_end": 0, "strict_shape": false})";
    const std::lock_guard lock(mutex);
    const bst_ulong* shape = nullptr;
    bst_ulong dim = 0;
    const float* result = nullptr;
    check(XGBoosterPredictFromDMatrix(booster, m.h, config.c_str(), &shape, &dim, &result),
          "partner model: predict");
    return {result, result + rows * width};
  }
};

PartnerModel::PartnerModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PartnerModel::PartnerModel(PartnerModel&&) noexcept = default;
PartnerModel& PartnerModel::operator=(PartnerModel&&) noexcept = default;
PartnerModel::~PartnerModel() = default;

PartnerModel PartnerModel::train(std::span<const PartnerTrainingQuery> queries,
                                 const PartnerModelOptions& options,
                                 const std::map<std::string, std::string>& provenance) {
  std::vector<float> values, labels;
  std::vector<unsigned> groups;
  std::mt19937_64 rng(options.seed);
  std::size_t used = 0;
  for (const auto& q : queries) {
    if (q.positives.empty()) continue;
    const auto rows = training_rows(q, options, rng);
    const auto all = normalised(q.features);
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const auto r = rows[k];
      const float* x = &all[r * partner_feature_count];
      values.insert(values.end(), x, x + partner_feature_count);
      labels.push_back(k < q.positives.size() ? 1.0F : 0.0F);
    }
    groups.push_back(static_cast<unsigned>(rows.size()));
    ++used;
  }
  if (used == 0) throw InvalidInput("train partners: no training query has a known partner");

  const Matrix m = dense_matrix(values, labels.size());
  check(XGDMatrixSetFloatInfo(m.h, "label", labels.data(), labels.size()), "partner model");
  check(XGDMatrixSetUIntInfo(m.h, "group", groups.data(), groups.size()), "partner model");

  auto impl = std::make_unique<Impl>();
  check(XGBoosterCreate(&m.h, 1, &impl->booster), "partner model");
  const std::size_t threads = options.threads ? options.threads : core::ThreadLimit::active();
  const std::map<std::string, std::string> params{
      {"objective", options.objective},
      {"eta", std::to_string(options.eta)},
      {"max_depth", std::to_string(options.max_depth)},
      {"min_child_weight", std::to_string(options.min_child_weight)},
      {"tree_method", "hist"},
      {"booster", options.booster},
      {"seed", std::to_string(options.seed)},
      {"nthread", std::to_string(threads)},
      {"verbosity", "0"},
  };
  for (const auto& [key, value] : params)
    check(XGBoosterSetParam(impl->booster, key.c_str(), value.c_str()), "partner model: " + key);
  for (int round = 0; round < options.rounds; ++round)
    check(XGBoosterUpdateOneIter(impl->booster, round, m.h), "partner model: training");

  impl->provenance = provenance;
  impl->provenance["features"] = feature_list();
  impl->provenance["objective"] = options.objective;
  impl->provenance["booster"] = options.booster;
  impl->provenance["rounds"] = std::to_string(options.rounds);
  impl->provenance["max_depth"] = std::to_string(options.max_depth);
  impl->provenance["eta"] = std::to_string(options.eta);
  impl->provenance["seed"] = std::to_string(options.seed);
  impl->provenance["threads"] = std::to_string(threads);
  impl->provenance["training_queries"] = std::to_string(used);
  impl->provenance["training_rows"] = std::to_string(labels.size());
  for (const auto& [key, value] : impl->provenance) {
    const std::string name = std::string(provenance_prefix) + key;
    check(XGBoosterSetAttr(impl->booster, name.c_str(), value.c_str()), "partner model");
  }
  return PartnerModel(std::move(impl));
}

PartnerModel PartnerModel::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InvalidInput({file.string(), 0, 0}, "cannot read the partner model");
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  return from_bytes(bytes, file.string());
}

PartnerModel PartnerModel::from_bytes(std::span<const char> bytes, const std::string& origin) {
  auto impl = std::make_unique<Impl>();
  check(XGBoosterCreate(nullptr, 0, &impl->booster), "partner model");
  if (XGBoosterLoadModelFromBuffer(impl->booster, bytes.data(), bytes.size()) != 0) {
    std::string why = XGBGetLastError();
    why = why.substr(0, why.find('\n'));
    throw InvalidInput({origin, 0, 0}, "not an XGBoost model (" + why + ")");
  }
  impl->read_provenance();
  const auto it = impl->provenance.find(std::string(features_key.substr(provenance_prefix.size())));
  if (it == impl->provenance.end())
    throw InvalidInput({origin, 0, 0},
                       "an XGBoost model, but not one of verbund's partner models (no features)");
  if (it->second != feature_list())
    throw InvalidInput({origin, 0, 0}, "the model's features (" + it->second +
                                           ") are not this verbund's (" + feature_list() +
                                           "): train it again with `verbund train partners`");
  return PartnerModel(std::move(impl));
}

void PartnerModel::save(const std::filesystem::path& file) const {
  const auto data = bytes();
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out) throw IoError("cannot write the partner model " + file.string());
}

std::vector<char> PartnerModel::bytes() const {
  const std::lock_guard lock(impl_->mutex);
  bst_ulong length = 0;
  const char* data = nullptr;
  check(XGBoosterSaveModelToBuffer(impl_->booster, R"({"format": "json"})", &length, &data),
        "partner model: save");
  return {data, data + length};
}

const std::map<std::string, std::string>& PartnerModel::provenance() const noexcept {
  return impl_->provenance;
}

std::vector<float> PartnerModel::predict(const PartnerQueryFeatures& features) const {
  return impl_->predict(features, 0);
}

std::vector<float> PartnerModel::contributions(const PartnerQueryFeatures& features) const {
  return impl_->predict(features, 2);
}

}  // namespace verbund::match
