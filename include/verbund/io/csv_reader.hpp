#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/error.hpp"

namespace verbund::io {

/// How a CSV file is written. German Excel writes `;` between fields and `1,5` for one and a
/// half; others write `,` and `1.5`.
struct CsvDialect {
  char delimiter = ',';
  bool decimal_comma = false;  ///< numbers may use ',' as decimal separator ("1,5")
};

/// What the caller knows about a file's dialect; what it leaves open is detected from the header
/// (the delimiter: whichever of `,` `;` and tab occurs most often in the header row outside
/// quotes, or an Excel `sep=X` first line; decimal commas: exactly when the delimiter is `;`).
struct CsvOptions {
  std::optional<char> delimiter;
  std::optional<bool> decimal_comma;
};

/// Reads RFC 4180 CSV with a header row: quoted fields (with "" escapes and line breaks), CRLF or
/// LF line ends, an optional UTF-8 byte-order mark. Rejects malformed UTF-8, unterminated or
/// stray quotes and records whose field count differs from the header's, with InvalidInput
/// naming file, line and column (the 1-based field number, as spreadsheets count). A file that
/// is not UTF-8 but reads as Windows-1252 (Latin-1), as Excel saves "CSV", or UTF-16, is refused
/// with a message that names the encoding and how to convert it. The delimiter and decimal
/// separator are taken from CsvOptions or detected (see there).
/// A reader advances as it reads: not thread-safe, one per thread.
class CsvReader {
 public:
  /// Reads the whole file into memory and parses the header. O(file size + header). Throws
  /// IoError if it cannot be read, InvalidInput if the header is missing, has an empty or a
  /// duplicate column name, or is not valid UTF-8.
  explicit CsvReader(const std::filesystem::path& path, const CsvOptions& options = {});
  /// Parses `content` as if read from a file called `name`. O(header). Throws InvalidInput as
  /// above.
  CsvReader(std::string name, std::string content, const CsvOptions& options = {});

  /// The column names. O(1); does not throw.
  [[nodiscard]] const std::vector<std::string>& header() const noexcept { return header_; }
  /// The file name given, for messages. O(1); does not throw.
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  /// The dialect given or detected. O(1); does not throw.
  [[nodiscard]] const CsvDialect& dialect() const noexcept { return dialect_; }

  /// Reads the next record into `fields`; false at the end. Blank lines are skipped. A field
  /// that our CSV writer guarded against formula injection ("'=...") loses that quote
  /// (strip_formula_guard in text_format.hpp). O(record length). Throws InvalidInput on malformed
  /// UTF-8, a stray or unterminated quote, or a field count that differs from the header's.
  bool next(std::vector<std::string>& fields);
  /// The line on which the last record returned by next() started. O(1); does not throw.
  [[nodiscard]] std::size_t line() const noexcept { return record_line_; }

  /// The 1-based column of `name` in the header, if present. O(columns); does not throw.
  [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
  /// The 0-based index of a required column; throws InvalidInput at line 1 if it is missing.
  /// O(columns).
  [[nodiscard]] std::size_t require(std::string_view name) const;

  /// Location of field `index` (0-based) of the current record. O(file name); throws only
  /// std::bad_alloc.
  [[nodiscard]] SourceLocation where(std::size_t index) const {
    return {file_, record_line_, index + 1};
  }

  /// Field `index` of `row` as a number in this file's dialect (decimal comma or point); empty
  /// is nullopt. O(length). Throws InvalidInput at the field as cell::to_double does.
  [[nodiscard]] std::optional<double> optional_number(const std::vector<std::string>& row,
                                                      std::size_t index,
                                                      std::string_view what) const;

 private:
  void choose_dialect(const CsvOptions& options);
  void parse_header();
  bool read_record(std::vector<std::string>& fields);

  std::string file_;
  std::string content_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
  std::size_t header_line_ = 1;
  std::vector<std::string> header_;
  CsvDialect dialect_;
};

/// Parsers for CSV cells that throw InvalidInput at `where` with a message naming the column
/// (`what`) when the text is not a (finite, in-range) number. Each O(length of text),
/// thread-safe.
namespace cell {
/// A finite number. O(length). Thread-safe. Throws InvalidInput otherwise.
[[nodiscard]] double to_double(std::string_view text, const SourceLocation& where,
                               std::string_view what);
/// A finite number written with a decimal comma ("1,5") or point ("1.5"), not both. O(length).
/// Thread-safe. Throws InvalidInput otherwise.
[[nodiscard]] double to_double_decimal_comma(std::string_view text, const SourceLocation& where,
                                             std::string_view what);
/// A whole number in range of long long. O(length). Thread-safe. Throws InvalidInput otherwise.
[[nodiscard]] long long to_integer(std::string_view text, const SourceLocation& where,
                                   std::string_view what);
/// A whole number in range of int. O(length). Thread-safe. Throws InvalidInput otherwise.
[[nodiscard]] int to_int(std::string_view text, const SourceLocation& where, std::string_view what);
/// Empty text is nullopt, else as to_int. O(length). Thread-safe. Throws InvalidInput.
[[nodiscard]] std::optional<int> to_optional_int(std::string_view text, const SourceLocation& where,
                                                 std::string_view what);
/// Empty text is nullopt, else as to_double. O(length). Thread-safe. Throws InvalidInput.
[[nodiscard]] std::optional<double> to_optional_double(std::string_view text,
                                                       const SourceLocation& where,
                                                       std::string_view what);
}  // namespace cell

}  // namespace verbund::io
