#pragma once

// Helpers shared by the tests: scratch directories, files, child processes, database dumps.

#include <filesystem>
#include <string>
#include <vector>

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

}  // namespace verbund::test
