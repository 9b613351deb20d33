// The sweep tables of the store (schema v5), through the store's connection.
#include "verbund/sweep/sweep_store.hpp"

#include <algorithm>
#include <iterator>
#include <map>

#include "io/store_impl.hpp"
#include "verbund/error.hpp"
#include "verbund/sim/indicators.hpp"

namespace verbund::sweep {

using io::detail::Statement;
using io::detail::StoreAccess;
using io::detail::Transaction;

OpenedSweep open_sweep(io::Store& store, const SweepPlan& plan, const io::RunRecord& run) {
  auto& db = StoreAccess::impl(store).db;
  Transaction tx(db);
  OpenedSweep opened;
  opened.run = io::detail::insert_run(db, run);
  Statement find(db, "SELECT id FROM sweeps WHERE key = ?");
  find.bind(1, std::string_view(plan.key));
  if (find.step()) {
    opened.id = find.int64(0);
    opened.resumed = true;
    Statement done(db,
                   "SELECT point, replicate FROM sweep_results WHERE sweep = ? "
                   "GROUP BY point, replicate HAVING count(*) = ? ORDER BY point, replicate");
    done.bind(1, opened.id);
    done.bind(2, static_cast<std::int64_t>(plan.spec.indicators.size()));
    while (done.step())
      opened.finished.push_back(
          {static_cast<std::uint32_t>(done.int64(0)), static_cast<std::uint32_t>(done.int64(1))});
  } else {
    Statement insert(db, "INSERT INTO sweeps(key, definition, run) VALUES (?, ?, ?)");
    insert.bind(1, std::string_view(plan.key));
    insert.bind(2, std::string_view(plan.definition));
    insert.bind(3, opened.run);
    insert.run();
    opened.id = sqlite3_last_insert_rowid(db.handle());
    Statement point(db,
                    "INSERT INTO sweep_points(sweep, point, parameter, value) VALUES (?,?,?,?)");
    for (std::size_t p = 0; p < plan.points.size(); ++p)
      for (const auto& s : plan.points[p].settings) {
        point.bind(1, opened.id);
        point.bind(2, static_cast<std::int64_t>(p));
        point.bind(3, std::string_view(s.key));
        const auto text = sim::to_string(s.value);
        point.bind(4, std::string_view(text));
        point.run();
      }
  }
  tx.commit();
  return opened;
}

void store_results(io::Store& store, std::int64_t sweep, const SweepPlan& plan,
                   std::span<const UnitResult> results) {
  auto& db = StoreAccess::impl(store).db;
  Transaction tx(db);
  Statement insert(db,
                   "INSERT OR IGNORE INTO sweep_results(sweep, point, replicate, indicator, value) "
                   "VALUES (?, ?, ?, ?, ?)");
  for (const auto& r : results)
    for (std::size_t i = 0; i < r.values.size(); ++i) {
      insert.bind(1, sweep);
      insert.bind(2, static_cast<std::int64_t>(r.unit.point));
      insert.bind(3, static_cast<std::int64_t>(r.unit.replicate));
      insert.bind(4, sim::indicator_names[plan.spec.indicators[i]]);
      insert.bind(5, r.values[i]);
      insert.run();
    }
  tx.commit();
}

std::vector<UnitResult> stored_results(const io::Store& store, std::int64_t sweep,
                                       const SweepPlan& plan) {
  auto& db = StoreAccess::impl(store).db;
  std::map<std::string_view, std::size_t> column;
  for (std::size_t i = 0; i < plan.spec.indicators.size(); ++i)
    column[sim::indicator_names[plan.spec.indicators[i]]] = i;
  Statement read(db,
                 "SELECT point, replicate, indicator, value FROM sweep_results WHERE sweep = ? "
                 "ORDER BY point, replicate");
  read.bind(1, sweep);
  std::vector<UnitResult> out;
  std::vector<int> seen;
  while (read.step()) {
    const Unit unit{static_cast<std::uint32_t>(read.int64(0)),
                    static_cast<std::uint32_t>(read.int64(1))};
    if (out.empty() || out.back().unit != unit) {
      out.push_back({unit, std::vector<double>(column.size(), 0.0)});
      seen.push_back(0);
    }
    const auto c = column.find(read.text(2));
    if (c == column.end()) continue;
    out.back().values[c->second] = read.real(3);
    ++seen.back();
  }
  for (std::size_t i = 0; i < out.size(); ++i)
    if (seen[i] != static_cast<int>(column.size()))
      throw InvalidInput("sweep " + std::to_string(sweep) + ": unit (point " +
                         std::to_string(out[i].unit.point) + ", replicate " +
                         std::to_string(out[i].unit.replicate) + ") lacks indicators in the store");
  return out;
}

}  // namespace verbund::sweep

namespace verbund::sweep {

ExecutedSweep execute_sweep(io::Store& store, const core::Region& region, const SweepPlan& plan,
                            const io::RunRecord& run, const ExecuteOptions& options) {
  ExecutedSweep out;
  out.opened = open_sweep(store, plan, run);
  const auto units = all_units(plan);
  std::vector<Unit> pending;
  std::set_difference(units.begin(), units.end(), out.opened.finished.begin(),
                      out.opened.finished.end(), std::back_inserter(pending));
  std::size_t done = units.size() - pending.size();
  out.complete = run_units(plan, region, pending,
                           {.on_batch =
                                [&](std::span<const UnitResult> batch) {
                                  store_results(store, out.opened.id, plan, batch);
                                  out.ran += batch.size();
                                  done += batch.size();
                                  if (options.progress) options.progress(done, units.size());
                                },
                            .cancel = options.cancel});
  out.results = stored_results(store, out.opened.id, plan);
  return out;
}

}  // namespace verbund::sweep
