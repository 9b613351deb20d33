#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace verbund {

/// Where in a file (or database) a piece of input came from. line/column are 1-based; 0 = unknown.
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;

  /// "file:line:column", leaving out what is unknown.
  [[nodiscard]] std::string to_string() const;
};

/// Base of every error verbund throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Bad data from the caller: a file, an argument, database contents. The CLI exits 2 on it.
class InvalidInput : public Error {
 public:
  explicit InvalidInput(const std::string& message);
  InvalidInput(SourceLocation where, const std::string& message);

  /// Where the problem is; empty file when not tied to a file.
  [[nodiscard]] const SourceLocation& where() const noexcept { return where_; }
  /// The message without the location prefix.
  [[nodiscard]] const std::string& detail() const noexcept { return detail_; }

 private:
  SourceLocation where_;
  std::string detail_;
};

/// A file or database could not be read or written.
class IoError : public Error {
 public:
  using Error::Error;
};

/// A well-formed request that has no solution (e.g. constraints nobody can meet).
class Infeasible : public Error {
 public:
  using Error::Error;
};

}  // namespace verbund
