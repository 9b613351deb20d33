#pragma once

// The provenance table `runs` and the simulated series (`sim_series`) read back: what was run,
// with which options and inputs, and what it produced.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "verbund/io/store.hpp"

namespace verbund::io {

/// One stored run as the table `runs` holds it.
struct StoredRun {
  std::int64_t id = 0;
  std::string verb;        ///< e.g. "simulate", "match transfer"
  std::string version;     ///< the verbund version that ran it
  std::string parameters;  ///< its options as JSON text (simulate and compare add inputs)
  std::string param_hash;  ///< FNV-1a of `parameters`, hex
  std::optional<std::uint64_t> seed;
  std::string started_at;          ///< UTC, ISO 8601
  std::int64_t series_values = 0;  ///< rows in sim_series
};

/// One stored value of a simulated series.
struct StoredSeriesValue {
  std::string scenario;
  std::int64_t replicate = 0;
  std::int64_t month = 0;
  std::string indicator;
  double value = 0.0;
};

/// Every stored run, ascending by id. O(R + S) for R runs and S series rows (SQLite counts by
/// scanning the series' primary key). Throws IoError if the database fails. Not thread-safe
/// (as Store).
[[nodiscard]] std::vector<StoredRun> list_runs(const Store& store);

/// The run with this id, or nothing. O(log R + S_run). Throws IoError. Not thread-safe.
[[nodiscard]] std::optional<StoredRun> find_run(const Store& store, std::int64_t id);

/// The run's series, ordered by scenario, replicate, month and indicator (the table's key).
/// Empty for a run without series. O(S_run + log S). Throws IoError. Not thread-safe.
[[nodiscard]] std::vector<StoredSeriesValue> run_series(const Store& store, std::int64_t id);

}  // namespace verbund::io
