#pragma once

// Helpers shared by the tests: scratch directories, files, child processes, database dumps.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "verbund/error.hpp"

namespace verbund::test {

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& content);
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

/// The five region CSV files in `directory` (as write_region_csv names them), concatenated in a
/// fixed order: equal strings mean byte-identical exports.
[[nodiscard]] std::string read_csv_export(const std::filesystem::path& directory);

/// Every row of every table of a SQLite database, as text in a fixed order: two databases with
/// equal dumps hold the same content.
[[nodiscard]] std::string dump_database(const std::filesystem::path& path);

/// Runs `sql` (one or more statements) on the SQLite file `db`, creating it if absent: for tests
/// that damage or prepare a database behind the library's back. Throws std::runtime_error with
/// SQLite's message when a statement fails.
void exec_sql(const std::filesystem::path& db, const std::string& sql);

/// Every row `query` returns from `db` (opened read-only), columns joined by '|', one line per row
/// ("NULL" for null). Throws std::runtime_error with SQLite's message when the query fails.
[[nodiscard]] std::string query_text(const std::filesystem::path& db, const std::string& query);

/// The first column of the first row of `query` as an integer. Throws std::runtime_error when the
/// query fails or returns no row.
[[nodiscard]] std::int64_t query_int(const std::filesystem::path& db, const std::string& query);

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs the verbund CLI with `args` (no shell involved) in `working_dir`.
[[nodiscard]] ProcessResult run_cli(const std::vector<std::string>& args,
                                    const std::filesystem::path& working_dir);

/// Starts one CLI process per command line, all before waiting for any, so that they run at
/// the same time; their results in the same order.
[[nodiscard]] std::vector<ProcessResult> run_cli_concurrently(
    const std::vector<std::vector<std::string>>& commands,
    const std::filesystem::path& working_dir);

/// Runs the CLI with its address space limited to `bytes` (setrlimit RLIMIT_AS), so that large
/// allocations fail. Not meaningful under AddressSanitizer, which reserves terabytes up front.
[[nodiscard]] ProcessResult run_cli_with_memory_limit(const std::vector<std::string>& args,
                                                      const std::filesystem::path& working_dir,
                                                      std::size_t bytes);

/// The project's data/ directory and ../shared/data (which may be absent).
[[nodiscard]] std::filesystem::path project_data_dir();
[[nodiscard]] std::filesystem::path shared_data_dir();

/// What `action` refuses with: the message of the verbund::InvalidInput it throws, or "no error"
/// when it returns, so that a CHECK_THAT on the message also fails when nothing was refused.
template <class Action>
[[nodiscard]] std::string invalid_input_message(Action&& action) {
  try {
    static_cast<void>(action());
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace verbund::test
