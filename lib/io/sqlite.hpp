#pragma once

// Thin RAII wrappers over the SQLite C API, private to lib/io. Every failure becomes an
// IoError naming the database file and SQLite's message.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verbund::io::detail {

class Database {
 public:
  Database(const std::string& path, int flags);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;

  /// Runs one or more statements without results.
  void exec(const std::string& sql);
  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[noreturn]] void fail(std::string_view what) const;
  /// Result of a query with a single integer value.
  [[nodiscard]] std::int64_t query_int(const std::string& sql);

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  void bind(int index, std::string_view value);
  void bind(int index, const std::optional<int>& value);
  void bind_null(int index);
  /// Steps once; true while a row is available.
  bool step();
  /// Steps a statement that returns no rows, then resets it for the next bindings.
  void run();
  void reset();

  [[nodiscard]] bool is_null(int column) const;
  [[nodiscard]] std::int64_t int64(int column) const;
  [[nodiscard]] double real(int column) const;
  [[nodiscard]] std::string_view text(int column) const;
  [[nodiscard]] std::optional<int> optional_int(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool nested_ = false;  ///< a savepoint inside the caller's transaction
  bool open_ = true;
};

}  // namespace verbund::io::detail
