#include "test_support.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace verbund::test {

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("verbund-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string read_csv_export(const std::filesystem::path& directory) {
  std::string all;
  for (const char* name :
       {"taxonomy.csv", "actors.csv", "competences.csv", "ties.csv", "memberships.csv"}) {
    all += "== " + std::string(name) + "\n" + read_file(directory / name);
  }
  return all;
}

namespace {

/// Closes the database when the helper returns or throws.
struct Connection {
  sqlite3* db = nullptr;
  Connection(const std::filesystem::path& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path.string() + ": " + sqlite3_errmsg(db));
  }
  ~Connection() { sqlite3_close(db); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
};

/// Closes the statement when the helper returns or throws.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
};

}  // namespace

void exec_sql(const std::filesystem::path& db, const std::string& sql) {
  Connection c(db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  char* error = nullptr;
  if (sqlite3_exec(c.db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(sql + ": " + message);
  }
}

std::string query_text(const std::filesystem::path& db, const std::string& query) {
  Connection c(db, SQLITE_OPEN_READONLY);
  Statement s(c.db, query);
  std::string out;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(s.stmt)) == SQLITE_ROW) {
    const int columns = sqlite3_column_count(s.stmt);
    for (int col = 0; col < columns; ++col) {
      const auto* text = sqlite3_column_text(s.stmt, col);
      out += text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
      out += col + 1 < columns ? "|" : "\n";
    }
  }
  if (rc != SQLITE_DONE) throw std::runtime_error(query + ": " + sqlite3_errmsg(c.db));
  return out;
}

std::int64_t query_int(const std::filesystem::path& db, const std::string& query) {
  Connection c(db, SQLITE_OPEN_READONLY);
  Statement s(c.db, query);
  if (sqlite3_step(s.stmt) != SQLITE_ROW) throw std::runtime_error(query + ": no row");
  return sqlite3_column_int64(s.stmt, 0);
}

std::string dump_database(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path.string());
  }
  std::string out;
  auto query = [&](const std::string& sql, auto&& row) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db));
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) row(stmt);
    sqlite3_finalize(stmt);
  };
  std::vector<std::string> tables;
  query("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name",
        [&](sqlite3_stmt* s) {
          tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
          out += reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
          out += "\n";
        });
  query("PRAGMA user_version", [&](sqlite3_stmt* s) {
    out += "user_version " + std::to_string(sqlite3_column_int(s, 0)) + "\n";
  });
  for (const auto& table : tables) {
    out += "== " + table + "\n";
    query("SELECT * FROM \"" + table + "\" ORDER BY 1, 2, 3", [&](sqlite3_stmt* s) {
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        const auto* text = sqlite3_column_text(s, c);
        out += text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
        out += '|';
      }
      out += '\n';
    });
  }
  sqlite3_close(db);
  return out;
}

namespace {
std::string drain(int fd) {
  std::string out;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
    out.append(buffer, static_cast<std::size_t>(n));
  return out;
}
}  // namespace

namespace {

// Forks and execs the CLI with stdout and stderr going to files, so that a chatty child cannot
// block on a full pipe; returns the child's pid.
pid_t spawn_cli(const std::vector<std::string>& args, const std::filesystem::path& working_dir,
                const std::filesystem::path& out_path, const std::filesystem::path& err_path,
                std::size_t memory_limit = 0) {
  // Everything the child needs is built before fork: it only makes system calls.
  std::vector<std::string> argv_storage{VERBUND_CLI_PATH};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (::chdir(working_dir.c_str()) != 0) ::_exit(127);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    const int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, 0);
    if (memory_limit > 0) {
      const rlimit limit{memory_limit, memory_limit};
      if (::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(127);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

ProcessResult wait_cli(pid_t pid, const std::filesystem::path& out_path,
                       const std::filesystem::path& err_path) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return result;
}

}  // namespace

ProcessResult run_cli(const std::vector<std::string>& args,
                      const std::filesystem::path& working_dir) {
  const auto out_path = working_dir / ".stdout";
  const auto err_path = working_dir / ".stderr";
  return wait_cli(spawn_cli(args, working_dir, out_path, err_path), out_path, err_path);
}

std::vector<ProcessResult> run_cli_concurrently(
    const std::vector<std::vector<std::string>>& commands,
    const std::filesystem::path& working_dir) {
  std::vector<pid_t> pids;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const std::string n = std::to_string(i);
    pids.push_back(spawn_cli(commands[i], working_dir, working_dir / (".stdout-" + n),
                             working_dir / (".stderr-" + n)));
  }
  std::vector<ProcessResult> results;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const std::string n = std::to_string(i);
    results.push_back(
        wait_cli(pids[i], working_dir / (".stdout-" + n), working_dir / (".stderr-" + n)));
  }
  return results;
}

ProcessResult run_cli_with_memory_limit(const std::vector<std::string>& args,
                                        const std::filesystem::path& working_dir,
                                        std::size_t bytes) {
  const auto out_path = working_dir / ".stdout";
  const auto err_path = working_dir / ".stderr";
  return wait_cli(spawn_cli(args, working_dir, out_path, err_path, bytes), out_path, err_path);
}

std::filesystem::path project_data_dir() { return VERBUND_PROJECT_DATA_DIR; }
std::filesystem::path shared_data_dir() { return VERBUND_SHARED_DATA_DIR; }

}  // namespace verbund::test
