#include "verbund/io/run_history.hpp"

#include "store_impl.hpp"

namespace verbund::io {
namespace {

using detail::Statement;
using detail::StoreAccess;

constexpr const char* run_columns =
    "SELECT r.id, r.verb, r.version, r.parameters, r.param_hash, r.seed, r.started_at, "
    "(SELECT count(*) FROM sim_series s WHERE s.run = r.id) FROM runs r";

StoredRun read_run(const Statement& row) {
  StoredRun run;
  run.id = row.int64(0);
  run.verb = row.text(1);
  run.version = row.text(2);
  run.parameters = row.text(3);
  run.param_hash = row.text(4);
  // Seeds are stored as the two's complement of their 64 bits (Store::record_run).
  if (!row.is_null(5)) run.seed = static_cast<std::uint64_t>(row.int64(5));
  run.started_at = row.text(6);
  run.series_values = row.int64(7);
  return run;
}

}  // namespace

std::vector<StoredRun> list_runs(const Store& store) {
  Statement stmt(StoreAccess::impl(store).db, std::string(run_columns) + " ORDER BY r.id");
  std::vector<StoredRun> runs;
  while (stmt.step()) runs.push_back(read_run(stmt));
  return runs;
}

std::optional<StoredRun> find_run(const Store& store, std::int64_t id) {
  Statement stmt(StoreAccess::impl(store).db, std::string(run_columns) + " WHERE r.id = ?");
  stmt.bind(1, id);
  if (!stmt.step()) return std::nullopt;
  return read_run(stmt);
}

std::vector<StoredSeriesValue> run_series(const Store& store, std::int64_t id) {
  Statement stmt(StoreAccess::impl(store).db,
                 "SELECT scenario, replicate, month, indicator, value FROM sim_series "
                 "WHERE run = ? ORDER BY scenario, replicate, month, indicator");
  stmt.bind(1, id);
  std::vector<StoredSeriesValue> values;
  while (stmt.step()) {
    values.push_back({std::string(stmt.text(0)), stmt.int64(1), stmt.int64(2),
                      std::string(stmt.text(3)), stmt.real(4)});
  }
  return values;
}

}  // namespace verbund::io
