#pragma once
// A learned partner ranker: gradient-boosted trees (XGBoost, learning to rank) over the
// partner features, trained on consortia that really formed. The model file is XGBoost's JSON
// with verbund's provenance in its attributes, so that any XGBoost can read it too.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "verbund/match/partner_features.hpp"

namespace verbund::match {

/// One training query: its features and which rows are partners that really joined.
struct PartnerTrainingQuery {
  PartnerQueryFeatures features;
  std::vector<std::size_t> positives;  ///< rows of `features`
};

struct PartnerModelOptions {
  std::string objective = "rank:pairwise";  ///< or "rank:ndcg"
  std::string booster = "gbtree";           ///< or "gblinear"
  int rounds = 100;
  int max_depth = 3;
  double eta = 0.1;
  double min_child_weight = 0.1;
  std::uint64_t seed = 1;
  std::size_t threads = 0;  ///< 0: as many as verbund may use (core::ThreadLimit::active)
  // Negatives per query; the defaults take the whole shortlist, as the ranker sees it in use.
  std::size_t hard_negatives = 1000;  ///< per query: the best by personalised PageRank
  std::size_t random_negatives = 0;   ///< per query: drawn from the rest of the pool (seeded)
};

class PartnerModel {
 public:
  /// Trains on `queries` (queries without a positive are skipped); `provenance` is stored in
  /// the model (keys and values free text). Deterministic for a fixed seed and thread count.
  /// Throws InvalidInput when no query has a positive, Error when XGBoost fails.
  /// O(rounds x rows x features x log rows / threads) for rows = queries x (1 + negatives).
  [[nodiscard]] static PartnerModel train(std::span<const PartnerTrainingQuery> queries,
                                          const PartnerModelOptions& options,
                                          const std::map<std::string, std::string>& provenance);
  /// Reads a model written by save. Throws InvalidInput naming the file when it is not a
  /// verbund partner model or its feature columns differ from this verbund's. O(file size).
  [[nodiscard]] static PartnerModel load(const std::filesystem::path& file);
  /// Reads a model from the bytes save writes (as kept in the database); `origin` names where
  /// they came from in messages. Throws InvalidInput as load. O(size).
  [[nodiscard]] static PartnerModel from_bytes(std::span<const char> bytes,
                                               const std::string& origin);

  PartnerModel(PartnerModel&&) noexcept;
  PartnerModel& operator=(PartnerModel&&) noexcept;
  ~PartnerModel();

  /// Writes the model (XGBoost JSON). Throws IoError when it cannot. O(model size).
  void save(const std::filesystem::path& file) const;
  /// The model as XGBoost JSON bytes (what save writes). O(model size). Thread-safe.
  [[nodiscard]] std::vector<char> bytes() const;
  /// The provenance stored with the model (trained_until, seed, threads, queries, ...).
  [[nodiscard]] const std::map<std::string, std::string>& provenance() const noexcept;

  /// A score per row of `features`, higher is better. The rows must be one query's whole pool:
  /// the trees see counts as ranks within the rows given (see partner_model.cpp, normalised).
  /// O(rows x rounds x depth). Thread-safe (XGBoost's prediction is; calls are serialised
  /// internally).
  [[nodiscard]] std::vector<float> predict(const PartnerQueryFeatures& features) const;
  /// Per row, what each feature added to its score (SHAP values, XGBoost pred_contribs), then
  /// the bias: partner_feature_count + 1 values per row. O(rows x rounds x depth^2).
  [[nodiscard]] std::vector<float> contributions(const PartnerQueryFeatures& features) const;

 private:
  struct Impl;
  explicit PartnerModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace verbund::match
