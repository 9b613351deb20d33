// The supplier market's tables: append (checked against the stored region and market), load,
// counts.
#include "verbund/io/supply_store.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
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

// Every category and certification.
void read_head(Database& db, supply::MarketData& out) {
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
}

// The demands (with a buyer, ?1, only its own); `actor` gives the external id of an actor row
// (nullptr: no such actor, the row is skipped).
template <typename ActorOf>
void read_demands(Database& db, const std::optional<std::string_view>& buyer, ActorOf actor,
                  supply::MarketData& out) {
  auto lists = read_lists(db, "supply_demand_certifications", "demand",
                          buyer ? buyer_demands : std::string(), buyer);
  Statement stmt(db,
                 "SELECT d.id, d.buyer, d.category, d.quantity, d.source, d.criticality "
                 "FROM supply_demands d " +
                     (buyer ? "WHERE d.buyer = " + buyer_row + " " : std::string()) +
                     "ORDER BY d.id");
  if (buyer) stmt.bind(1, *buyer);
  while (stmt.step()) {
    const std::string* buyer_id = actor(stmt.int64(1));
    if (buyer_id == nullptr) continue;
    supply::DemandRecord r;
    r.buyer = *buyer_id;
    r.category = stmt.text(2);
    r.quantity = stmt.real(3);
    const auto source = supply::parse_sourcing(stmt.text(4));
    const auto criticality = supply::parse_criticality(stmt.text(5));
    if (!source || !criticality) {  // the schema's CHECK rules this out
      throw InvalidInput(
          SourceLocation{db.path(), 0, 0},
          "demand row " + std::to_string(stmt.int64(0)) + " has an unknown source or criticality");
    }
    r.source = *source;
    r.criticality = *criticality;
    if (auto it = lists.find(stmt.int64(0)); it != lists.end()) r.certifications = it->second;
    out.demands.push_back(std::move(r));
  }
}

supply::MarketData read_market(Database& db, const std::optional<std::string_view>& buyer) {
  supply::MarketData out;
  read_head(db, out);
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
  read_demands(db, buyer, actor, out);
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

// A buyer's market with its suppliers' flows summed up (load_buyer_market). The flows are
// found by two plain scans (ties, then supply_flows) rather than a join: a lookup per flow row
// costs ten times a scanned row, and the suppliers of five categories own a third of all flows.
BuyerMarket read_buyer_market(Database& db, std::string_view buyer, std::optional<int> year) {
  BuyerMarket result;
  result.totals.year = year;
  auto& out = result.data;
  read_head(db, out);
  for (auto* origin : {&out.categories_origin, &out.certifications_origin, &out.offers_origin,
                       &out.demands_origin, &out.flows_origin}) {
    origin->file = db.path();
  }
  std::int64_t buyer_id = 0;
  {
    Statement stmt(db, "SELECT id FROM actors WHERE ext_id = ?");
    stmt.bind(1, buyer);
    if (!stmt.step()) return result;  // not stored: no demands, nothing to search
    buyer_id = stmt.int64(0);
  }
  const std::string buyer_text(buyer);
  read_demands(
      db, std::optional<std::string_view>(buyer),
      [&](std::int64_t) -> const std::string* { return &buyer_text; }, out);

  // The category of each text, as the market numbers them (the order read).
  std::unordered_map<std::string, std::uint32_t, detail::StringHash, std::equal_to<>> category_of;
  for (std::uint32_t i = 0; i < out.categories.size(); ++i)
    category_of.emplace(out.categories[i].id, i);
  constexpr std::uint32_t none = UINT32_MAX;
  const auto category_index = [&](std::string_view id) {
    const auto it = category_of.find(id);
    return it == category_of.end() ? none : it->second;
  };

  // The suppliers' offers; a slot per supplier and one per (supplier, category).
  // Dense by actor row: a hash look-up per tie row would cost more than the scan.
  const auto actor_rows =
      static_cast<std::size_t>(db.query_int("SELECT coalesce(max(id), 0) FROM actors")) + 1;
  std::vector<std::uint32_t> supplier_slot(actor_rows, none);  // actor row -> slot
  const auto slot_of = [&](std::int64_t row) {
    return row >= 0 && static_cast<std::size_t>(row) < actor_rows
               ? supplier_slot[static_cast<std::size_t>(row)]
               : none;
  };
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> offer_of;  // (category, offer)
  std::vector<std::uint32_t> slot_of_offer;
  {
    // The offers scanned whole (a look-up per row costs more than a scanned row), kept for the
    // suppliers with an offer in one of the buyer's categories.
    std::vector<char> wanted(out.categories.size(), 0);
    for (const auto& d : out.demands)
      if (const auto c = category_index(d.category); c != none) wanted[c] = 1;
    // Numbers only while scanning: a record (with its strings) is made for the rows kept.
    struct OfferRow {
      std::int64_t id, supplier;
      std::uint32_t category;
      double capacity;
      std::optional<double> lead_time_weeks, min_order;
      std::string unknown_category;  // a category not in the table (the foreign key rules it out)
    };
    std::vector<OfferRow> rows;
    std::vector<char> supplies(actor_rows, 0);
    Statement stmt(db,
                   "SELECT id, supplier, category, capacity, lead_time_weeks, min_order FROM "
                   "supply_offers ORDER BY id");
    while (stmt.step()) {
      const auto supplier = stmt.int64(1);
      if (supplier < 0 || static_cast<std::size_t>(supplier) >= actor_rows) continue;  // no actor
      const auto c = category_index(stmt.text(2));
      if (c != none && wanted[c] != 0) supplies[static_cast<std::size_t>(supplier)] = 1;
      rows.push_back({stmt.int64(0), supplier, c, stmt.real(3), optional_real(stmt, 4),
                      optional_real(stmt, 5),
                      c == none ? std::string(stmt.text(2)) : std::string()});
    }
    std::erase_if(rows, [&](const OfferRow& r) {
      return supplies[static_cast<std::size_t>(r.supplier)] == 0;
    });
    // The suppliers' external ids, from one scan of the actors.
    std::vector<std::string> ext_ids(actor_rows);
    {
      Statement actors(db, "SELECT id, ext_id FROM actors");
      while (actors.step()) {
        const auto row = static_cast<std::size_t>(actors.int64(0));
        if (row < actor_rows && supplies[row] != 0) ext_ids[row] = actors.text(1);
      }
    }
    std::erase_if(rows, [&](const OfferRow& r) {
      return ext_ids[static_cast<std::size_t>(r.supplier)].empty();  // the join skipped it
    });
    // Their certification lists, in list order.
    std::vector<std::tuple<std::uint32_t, std::int64_t, std::string>> lists;
    {
      Statement certs(db, "SELECT offer, position, certification FROM supply_offer_certifications");
      while (certs.step()) {
        const auto offer = certs.int64(0);
        const auto it =
            std::lower_bound(rows.begin(), rows.end(), offer,
                             [](const OfferRow& r, std::int64_t id) { return r.id < id; });
        if (it == rows.end() || it->id != offer) continue;
        lists.emplace_back(static_cast<std::uint32_t>(it - rows.begin()), certs.int64(1),
                           std::string(certs.text(2)));
      }
    }
    std::sort(lists.begin(), lists.end());
    out.offers.reserve(rows.size());
    for (const auto& row : rows) {
      auto& slot = supplier_slot[static_cast<std::size_t>(row.supplier)];
      if (slot == none) {
        slot = static_cast<std::uint32_t>(offer_of.size());
        offer_of.emplace_back();
      }
      offer_of[slot].emplace_back(row.category, static_cast<std::uint32_t>(out.offers.size()));
      slot_of_offer.push_back(slot);
      supply::OfferRecord r;
      r.supplier = ext_ids[static_cast<std::size_t>(row.supplier)];
      r.category = row.category == none ? row.unknown_category : out.categories[row.category].id;
      r.capacity = row.capacity;
      r.lead_time_weeks = row.lead_time_weeks;
      r.min_order = row.min_order;
      out.offers.push_back(std::move(r));
    }
    for (auto& [offer, position, certification] : lists)
      out.offers[offer].certifications.push_back(std::move(certification));
  }

  // The ties the flows can sit on: from a supplier, or to the buyer.
  struct TieRow {
    std::int64_t source, target;
    std::optional<int> start, end;
  };
  std::vector<TieRow> ties;
  std::vector<std::uint32_t> tie_at;  // tie row -> index into ties
  {
    Statement stmt(db, "SELECT id, source, target, start, \"end\" FROM ties");
    while (stmt.step()) {
      const auto source = stmt.int64(1), target = stmt.int64(2);
      if (target != buyer_id && slot_of(source) == none) continue;
      const auto row = static_cast<std::size_t>(stmt.int64(0));
      if (row >= tie_at.size()) tie_at.resize(std::max(row + 1, 2 * tie_at.size()), none);
      tie_at[row] = static_cast<std::uint32_t>(ties.size());
      ties.push_back({source, target, stmt.optional_int(3), stmt.optional_int(4)});
    }
  }
  const auto current = [year](const TieRow& t) {
    return year ? (!t.start || *t.start <= *year) && (!t.end || *year <= *t.end) : !t.end;
  };
  // Committed volume in the order Market::build adds it up: by buyer (actor ids follow the
  // rows), start year (unknown first), then flow row.
  struct Part {
    std::uint32_t offer;
    std::int64_t buyer;
    std::optional<int> start;
    std::int64_t flow;
    double volume;
  };
  std::vector<Part> parts;
  std::vector<std::pair<std::uint32_t, std::int64_t>> customers;  // (supplier slot, buyer row)
  std::vector<std::pair<std::int64_t, std::size_t>> flows_in;     // (supplier row, record)
  {
    Statement stmt(db, "SELECT id, tie, category, volume FROM supply_flows ORDER BY id");
    while (stmt.step()) {
      const auto row = static_cast<std::size_t>(stmt.int64(1));
      if (row >= tie_at.size() || tie_at[row] == none) continue;
      const auto& t = ties[tie_at[row]];
      if (t.target == buyer_id) {
        flows_in.emplace_back(t.source, out.flows.size());
        out.flows.push_back({std::string(), std::string(buyer), std::string(stmt.text(2)),
                             optional_real(stmt, 3), t.start, t.end, 0});
      }
      const auto slot = slot_of(t.source);
      if (slot == none || !current(t)) continue;
      customers.emplace_back(slot, t.target);
      if (stmt.is_null(3)) continue;
      const auto category = category_index(stmt.text(2));
      for (const auto& [c, offer] : offer_of[slot]) {
        if (c == category) parts.push_back({offer, t.target, t.start, stmt.int64(0), stmt.real(3)});
      }
    }
  }
  std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) {
    return std::tie(a.offer, a.buyer, a.start, a.flow) <
           std::tie(b.offer, b.buyer, b.start, b.flow);
  });
  result.totals.committed.assign(out.offers.size(), 0.0);
  for (const auto& p : parts) result.totals.committed[p.offer] += p.volume;
  std::sort(customers.begin(), customers.end());
  customers.erase(std::unique(customers.begin(), customers.end()), customers.end());
  std::vector<std::uint32_t> by_slot(offer_of.size(), 0);
  for (const auto& c : customers) ++by_slot[c.first];
  result.totals.customers.resize(out.offers.size());
  for (std::size_t i = 0; i < out.offers.size(); ++i)
    result.totals.customers[i] = by_slot[slot_of_offer[i]];
  // The suppliers of the flows to the buyer, by row (few).
  Statement ext(db, "SELECT ext_id FROM actors WHERE id = ?");
  for (const auto& [row, record] : flows_in) {
    ext.bind(1, row);
    if (ext.step()) out.flows[record].supplier = ext.text(0);
    ext.reset();
  }
  std::erase_if(out.flows, [](const supply::FlowRecord& f) { return f.supplier.empty(); });
  return result;
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

BuyerMarket load_buyer_market(const Store& store, std::string_view buyer, std::optional<int> year) {
  auto& db = StoreAccess::impl(store).db;
  const bool own_read = sqlite3_get_autocommit(db.handle()) != 0;
  if (own_read) db.exec("BEGIN");
  try {
    auto out = read_buyer_market(db, buyer, year);
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
