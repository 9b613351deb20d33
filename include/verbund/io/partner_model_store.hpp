#pragma once

// The learned partner model (match::PartnerModel) kept in the database, so that `recommend
// partners` finds the model trained on this database's data without a path.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "verbund/io/store.hpp"

namespace verbund::io {

/// One stored partner model: the XGBoost JSON that match::PartnerModel::bytes gives (its
/// provenance is inside, as attributes) and when it was stored.
struct StoredPartnerModel {
  std::int64_t id = 0;
  std::string stored_at;  ///< UTC, ISO 8601
  std::string model;      ///< for match::PartnerModel::from_bytes
};

/// Adds a model; the latest stored is the one in use, older ones are kept as history. Returns its
/// id. O(model size). Throws IoError if the database fails (e.g. opened read-only). Not
/// thread-safe (as Store).
std::int64_t store_partner_model(Store& store, std::string_view model_json);

/// The latest stored model, if any. O(model size). Throws IoError if the database fails. Not
/// thread-safe (as Store).
[[nodiscard]] std::optional<StoredPartnerModel> latest_partner_model(const Store& store);

}  // namespace verbund::io
