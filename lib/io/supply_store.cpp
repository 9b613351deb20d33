// The supplier market's tables: append (checked against the stored region and market), load,
// counts.
#include "verbund/io/supply_store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sqlite.hpp"
#include "store_impl.hpp"
#include "verbund/error.hpp"
#include "verbund/supply/market.hpp"

namespace verbund::io {

using detail::Database;
using detail::Statement;
using detail::StoreAccess;
using detail::Transaction;

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ';';
    out += item;
  }
  return out;
}

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto sep = text.find(';');
    if (sep != 0) out.emplace_back(text.substr(0, sep));
    if (sep == std::string_view::npos) break;
    text.remove_prefix(sep + 1);
  }
  return out;
}

std::optional<double> optional_real(const Statement& stmt, int column) {
  if (stmt.is_null(column)) return std::nullopt;
  return stmt.real(column);
}

void bind_optional(Statement& stmt, int index, const std::optional<double>& value) {
  if (value) {
    stmt.bind(index, *value);
  } else {
    stmt.bind_null(index);
  }
}

// As the region's import: nothing is added to a file whose pages are already damaged. CHECK
// constraints are left out of the check (every insert enforced them), which makes it 5x cheaper.
void check_integrity(Database& db) {
  std::string verdict;
  db.exec("PRAGMA ignore_check_constraints = ON");
  try {
    Statement stmt(db, "PRAGMA quick_check(1)");
    if (stmt.step()) verdict = stmt.text(0);
  } catch (const IoError& e) {
    verdict = e.what();
  }
  db.exec("PRAGMA ignore_check_constraints = OFF");
  if (verdict != "ok") {
    throw InvalidInput(SourceLocation{db.path(), 0, 0},
                       "the database is damaged (SQLite quick_check: " + verdict +
                           "); nothing was written: restore it from a copy");
  }
}

// Certification lists by owner row id, in their order; only owners in `owners` (an SQL set of
// row ids, "" = all), which may use the buyer as ?1.
std::unordered_map<std::int64_t, std::vector<std::string>> read_lists(
    Database& db, const std::string& table, const std::string& owner, const std::string& owners,
    const std::optional<std::string_view>& buyer) {
  std::unordered_map<std::int64_t, std::vector<std::string>> out;
  Statement stmt(db, "SELECT " + owner + ", certification FROM " + table +
                         (owners.empty() ? "" : " WHERE " + owner + " IN " + owners) +
                         " ORDER BY " + owner + ", position");
  if (buyer && !owners.empty()) stmt.bind(1, *buyer);
  while (stmt.step()) out[stmt.int64(0)].emplace_back(stmt.text(1));
  return out;
}

// With a buyer (?1, its external id), only its demands are read, and only the suppliers that
// offer one of its categories: all their offers (a supplier's specialisation counts them) and all
// their flows (its committed capacity and references count them), plus the flows to the buyer.
const std::string buyer_row = "(SELECT id FROM actors WHERE ext_id = ?1)";
const std::string buyer_demands = "(SELECT id FROM supply_demands WHERE buyer = " + buyer_row + ")";
const std::string buyer_suppliers =
    "(SELECT DISTINCT supplier FROM supply_offers WHERE category IN (SELECT category FROM "
    "supply_demands WHERE buyer = " +
    buyer_row + "))";
const std::string buyer_supplier_offers =
    "(SELECT id FROM supply_offers WHERE supplier IN " + buyer_suppliers + ")";

supply::MarketData read_market(Database& db, const std::optional<std::string_view>& buyer) {
  supply::MarketData out;
  {
    Statement stmt(db,
                   "SELECT id, label_en, label_de, coalesce(theme, ''), cpa, unit FROM "
                   "supply_categories ORDER BY rowid");
    while (stmt.step()) {
      out.categories.push_back({std::string(stmt.text(0)), std::string(stmt.text(1)),
                                std::string(stmt.text(2)), std::string(stmt.text(3)),
                                split(stmt.text(4)), std::string(stmt.text(5)), 0});
    }
  }
  {
    Statement stmt(db, "SELECT id, label_en, label_de FROM certifications ORDER BY rowid");
    while (stmt.step()) {
      out.certifications.push_back(
          {std::string(stmt.text(0)), std::string(stmt.text(1)), std::string(stmt.text(2)), 0});
    }
  }
  // External ids by actor row, read once: cheaper than joining actors for every offer and flow
  // (a row without an actor is skipped, as the join skipped it).
  std::vector<std::string> ext_ids;
  std::vector<char> is_actor;
  {
    Statement stmt(db, "SELECT id, ext_id FROM actors");
    while (stmt.step()) {
      const auto row = static_cast<std::size_t>(stmt.int64(0));
      if (row >= ext_ids.size()) {
        ext_ids.resize(row + 1);
        is_actor.resize(row + 1, 0);
      }
      ext_ids[row] = stmt.text(1);
      is_actor[row] = 1;
    }
  }
  const auto actor = [&](std::int64_t row) -> const std::string* {
    const auto r = static_cast<std::size_t>(row);
    return row >= 0 && r < is_actor.size() && is_actor[r] ? &ext_ids[r] : nullptr;
  };
  {
    auto lists = read_lists(db, "supply_offer_certifications", "offer",
                            buyer ? buyer_supplier_offers : std::string(), buyer);
    Statement stmt(db,
                   "SELECT o.id, o.supplier, o.category, o.capacity, o.lead_time_weeks, "
                   "o.min_order FROM supply_offers o " +
                       (buyer ? "WHERE o.supplier IN " + buyer_suppliers + " " : std::string()) +
                       "ORDER BY o.id");
    if (buyer) stmt.bind(1, *buyer);
    while (stmt.step()) {
      const auto* supplier = actor(stmt.int64(1));
      if (supplier == nullptr) continue;
      supply::OfferRecord r;
      r.supplier = *supplier;
      r.category = stmt.text(2);
      r.capacity = stmt.real(3);
      r.lead_time_weeks = optional_real(stmt, 4);
      r.min_order = optional_real(stmt, 5);
      if (auto it = lists.find(stmt.int64(0)); it != lists.end()) r.certifications = it->second;
      out.offers.push_back(std::move(r));
    }
  }
  {
    auto lists = read_lists(db, "supply_demand_certifications", "demand",
                            buyer ? buyer_demands : std::string(), buyer);
    Statement stmt(db,
                   "SELECT d.id, d.buyer, d.category, d.quantity, d.source, d.criticality "
                   "FROM supply_demands d " +
                       (buyer ? "WHERE d.buyer = " + buyer_row + " " : std::string()) +
                       "ORDER BY d.id");
    if (buyer) stmt.bind(1, *buyer);
    while (stmt.step()) {
      const auto* buyer_id = actor(stmt.int64(1));
      if (buyer_id == nullptr) continue;
      supply::DemandRecord r;
      r.buyer = *buyer_id;
      r.category = stmt.text(2);
      r.quantity = stmt.real(3);
      const auto source = supply::parse_sourcing(stmt.text(4));
      const auto criticality = supply::parse_criticality(stmt.text(5));
      if (!source || !criticality) {  // the schema's CHECK rules this out
        throw InvalidInput(SourceLocation{db.path(), 0, 0},
                           "demand row " + std::to_string(stmt.int64(0)) +
                               " has an unknown source or criticality");
      }
      r.source = *source;
      r.criticality = *criticality;
      if (auto it = lists.find(stmt.int64(0)); it != lists.end()) r.certifications = it->second;
      out.demands.push_back(std::move(r));
    }
  }
  {
    Statement stmt(
        db,
        "SELECT t.source, t.target, f.category, f.volume, t.start, t.\"end\" "
        "FROM supply_flows f JOIN ties t ON t.id = f.tie " +
            (buyer ? "WHERE t.source IN " + buyer_suppliers + " OR t.target = " + buyer_row + " "
                   : std::string()) +
            "ORDER BY f.id");
    if (buyer) stmt.bind(1, *buyer);
    while (stmt.step()) {
      const auto* source = actor(stmt.int64(0));
      const auto* target = actor(stmt.int64(1));
      if (source == nullptr || target == nullptr) continue;
      out.flows.push_back({*source, *target, std::string(stmt.text(2)), optional_real(stmt, 3),
                           stmt.optional_int(4), stmt.optional_int(5), 0});
    }
  }
  for (auto* origin : {&out.categories_origin, &out.certifications_origin, &out.offers_origin,
                       &out.demands_origin, &out.flows_origin}) {
    origin->file = db.path();
  }
  return out;
}

bool same(const supply::CategoryRecord& a, const supply::CategoryRecord& b) {
  return a.label_en == b.label_en && a.label_de == b.label_de && a.theme == b.theme &&
         a.cpa == b.cpa && a.unit == b.unit;
}
bool same(const supply::CertificationRecord& a, const supply::CertificationRecord& b) {
  return a.label_en == b.label_en && a.label_de == b.label_de;
}

// The batch's categories or certifications that are not stored yet; a stored id with other
// fields is refused.
template <typename Record>
std::vector<Record> new_records(const std::vector<Record>& stored, const std::vector<Record>& batch,
                                const core::TableOrigin& origin, std::string_view what) {
  std::unordered_map<std::string_view, const Record*> by_id;
  for (const auto& r : stored) by_id.emplace(r.id, &r);
  std::vector<Record> out;
  for (const auto& r : batch) {
    const auto it = by_id.find(r.id);
    if (it == by_id.end()) {
      out.push_back(r);
    } else if (!same(*it->second, r)) {
      throw InvalidInput(origin.locate(r.line, "id"),
                         std::string(what) + " '" + r.id +
                             "' is already stored with other labels or fields; change its id "
                             "or leave the stored one as it is");
    }
  }
  return out;
}

template <typename Record>
void append_all(std::vector<Record>& into, const std::vector<Record>& from) {
  into.insert(into.end(), from.begin(), from.end());
}

class ActorRows {
 public:
  explicit ActorRows(Database& db) : stmt_(db, "SELECT id FROM actors WHERE ext_id = ?") {}
  std::int64_t operator()(const std::string& ext_id) {
    if (auto it = cache_.find(ext_id); it != cache_.end()) return it->second;
    stmt_.bind(1, std::string_view(ext_id));
    if (!stmt_.step()) throw Error("actor '" + ext_id + "' vanished during the import");
    const auto row = stmt_.int64(0);
    stmt_.reset();
    cache_.emplace(ext_id, row);
    return row;
  }

 private:
  Statement stmt_;
  std::unordered_map<std::string, std::int64_t> cache_;
};

void insert_list(Statement& stmt, std::int64_t owner, const std::vector<std::string>& items) {
  std::int64_t position = 0;
  for (const auto& item : items) {
    stmt.bind(1, owner);
    stmt.bind(2, position++);
    stmt.bind(3, std::string_view(item));
    stmt.run();
  }
}

MarketCounts append(Store& store, const supply::MarketData& data, const RunRecord* run) {
  Database& db = StoreAccess::impl(store).db;
  Transaction tx(db);
  check_integrity(db);
  const core::Region region = store.load_region();  // within this transaction's snapshot

  // What is stored, with the batch after it, checked as one market.
  supply::MarketData merged = read_market(db, std::nullopt);
  const auto categories =
      new_records(merged.categories, data.categories, data.categories_origin, "category");
  const auto certifications = new_records(merged.certifications, data.certifications,
                                          data.certifications_origin, "certification");
  for (auto* table : {&merged.categories_origin, &merged.certifications_origin,
                      &merged.offers_origin, &merged.demands_origin, &merged.flows_origin}) {
    *table = {};
  }
  append_all(merged.categories, categories);
  append_all(merged.certifications, certifications);
  append_all(merged.offers, data.offers);
  append_all(merged.demands, data.demands);
  append_all(merged.flows, data.flows);
  merged.categories_origin = data.categories_origin;
  merged.certifications_origin = data.certifications_origin;
  merged.offers_origin = data.offers_origin;
  merged.demands_origin = data.demands_origin;
  merged.flows_origin = data.flows_origin;
  (void)supply::Market::build(region, merged);

  {
    Statement stmt(db,
                   "INSERT INTO supply_categories(id, label_en, label_de, theme, cpa, unit) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& c : categories) {
      stmt.bind(1, std::string_view(c.id));
      stmt.bind(2, std::string_view(c.label_en));
      stmt.bind(3, std::string_view(c.label_de));
      if (c.theme.empty()) {
        stmt.bind_null(4);
      } else {
        stmt.bind(4, std::string_view(c.theme));
      }
      stmt.bind(5, std::string_view(join(c.cpa)));
      stmt.bind(6, std::string_view(c.unit));
      stmt.run();
    }
  }
  {
    Statement stmt(db, "INSERT INTO certifications(id, label_en, label_de) VALUES (?, ?, ?)");
    for (const auto& c : certifications) {
      stmt.bind(1, std::string_view(c.id));
      stmt.bind(2, std::string_view(c.label_en));
      stmt.bind(3, std::string_view(c.label_de));
      stmt.run();
    }
  }
  ActorRows actor_row(db);
  {
    Statement offer(db,
                    "INSERT INTO supply_offers(supplier, category, capacity, lead_time_weeks, "
                    "min_order) VALUES (?, ?, ?, ?, ?)");
    Statement list(db,
                   "INSERT INTO supply_offer_certifications(offer, position, certification) "
                   "VALUES (?, ?, ?)");
    for (const auto& o : data.offers) {
      offer.bind(1, actor_row(o.supplier));
      offer.bind(2, std::string_view(o.category));
      offer.bind(3, o.capacity);
      bind_optional(offer, 4, o.lead_time_weeks);
      bind_optional(offer, 5, o.min_order);
      offer.run();
      insert_list(list, sqlite3_last_insert_rowid(db.handle()), o.certifications);
    }
  }
  {
    Statement demand(db,
                     "INSERT INTO supply_demands(buyer, category, quantity, source, criticality) "
                     "VALUES (?, ?, ?, ?, ?)");
    Statement list(db,
                   "INSERT INTO supply_demand_certifications(demand, position, certification) "
                   "VALUES (?, ?, ?)");
    for (const auto& d : data.demands) {
      demand.bind(1, actor_row(d.buyer));
      demand.bind(2, std::string_view(d.category));
      demand.bind(3, d.quantity);
      demand.bind(4, supply::to_string(d.source));
      demand.bind(5, supply::to_string(d.criticality));
      demand.run();
      insert_list(list, sqlite3_last_insert_rowid(db.handle()), d.certifications);
    }
  }
  {
    // The first supply tie of the same ends and years without a flow (ties_by_ends finds it).
    Statement free_tie(db,
                       "SELECT t.id FROM ties t WHERE t.source = ?1 AND t.target = ?2 AND "
                       "t.kind = 'supply' AND t.start IS ?3 AND t.\"end\" IS ?4 AND NOT EXISTS "
                       "(SELECT 1 FROM supply_flows f WHERE f.tie = t.id) ORDER BY t.id LIMIT 1");
    Statement tie(db,
                  "INSERT INTO ties(source, target, kind, weight, start, \"end\") "
                  "VALUES (?, ?, 'supply', 1.0, ?, ?)");
    Statement flow(db, "INSERT INTO supply_flows(tie, category, volume) VALUES (?, ?, ?)");
    for (const auto& f : data.flows) {
      const auto source = actor_row(f.supplier), target = actor_row(f.buyer);
      free_tie.bind(1, source);
      free_tie.bind(2, target);
      free_tie.bind(3, f.start);
      free_tie.bind(4, f.end);
      std::int64_t tie_row = 0;
      if (free_tie.step()) {
        tie_row = free_tie.int64(0);
      } else {
        tie.bind(1, source);
        tie.bind(2, target);
        tie.bind(3, f.start);
        tie.bind(4, f.end);
        tie.run();
        tie_row = sqlite3_last_insert_rowid(db.handle());
      }
      free_tie.reset();
      flow.bind(1, tie_row);
      flow.bind(2, std::string_view(f.category));
      bind_optional(flow, 3, f.volume);
      flow.run();
    }
  }
  if (run != nullptr) (void)store.record_run(*run);
  tx.commit();
  return {static_cast<std::int64_t>(categories.size()),
          static_cast<std::int64_t>(certifications.size()),
          static_cast<std::int64_t>(data.offers.size()),
          static_cast<std::int64_t>(data.demands.size()),
          static_cast<std::int64_t>(data.flows.size())};
}

}  // namespace

MarketCounts append_market(Store& store, const supply::MarketData& data) {
  return append(store, data, nullptr);
}

MarketCounts append_market(Store& store, const supply::MarketData& data, const RunRecord& run) {
  return append(store, data, &run);
}

supply::MarketData load_market(const Store& store) { return load_market_for_buyer(store, {}); }

supply::MarketData load_market_for_buyer(const Store& store,
                                         const std::optional<std::string_view>& buyer) {
  auto& db = StoreAccess::impl(store).db;
  const bool own_read = sqlite3_get_autocommit(db.handle()) != 0;
  if (own_read) db.exec("BEGIN");
  try {
    auto out = read_market(db, buyer);
    if (own_read) db.exec("COMMIT");
    return out;
  } catch (...) {
    if (own_read) sqlite3_exec(db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

MarketCounts market_counts(const Store& store) {
  auto& db = StoreAccess::impl(store).db;
  return {db.query_int("SELECT count(*) FROM supply_categories"),
          db.query_int("SELECT count(*) FROM certifications"),
          db.query_int("SELECT count(*) FROM supply_offers"),
          db.query_int("SELECT count(*) FROM supply_demands"),
          db.query_int("SELECT count(*) FROM supply_flows")};
}

}  // namespace verbund::io
