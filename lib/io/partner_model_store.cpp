#include "verbund/io/partner_model_store.hpp"

#include "store_impl.hpp"

namespace verbund::io {
namespace {

using detail::Statement;
using detail::StoreAccess;
using detail::Transaction;
using detail::utc_now;

}  // namespace

std::int64_t store_partner_model(Store& store, std::string_view model_json) {
  auto& db = StoreAccess::impl(store).db;
  Transaction tx(db);
  Statement insert(db, "INSERT INTO partner_models(stored_at, model) VALUES (?, ?)");
  insert.bind(1, std::string_view(utc_now()));
  insert.bind(2, model_json);
  insert.run();
  const auto id = sqlite3_last_insert_rowid(db.handle());
  tx.commit();
  return id;
}

std::optional<StoredPartnerModel> latest_partner_model(const Store& store) {
  auto& db = StoreAccess::impl(store).db;
  Statement latest(db, "SELECT id, stored_at, model FROM partner_models ORDER BY id DESC LIMIT 1");
  if (!latest.step()) return std::nullopt;
  return StoredPartnerModel{latest.int64(0), std::string(latest.text(1)),
                            std::string(latest.text(2))};
}

}  // namespace verbund::io
