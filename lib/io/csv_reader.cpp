#include "verbund/io/csv_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "utf8.hpp"

namespace verbund::io {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open '" + path.string() + "' for reading");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw IoError("error while reading '" + path.string() + "'");
  return std::move(buffer).str();
}

}  // namespace

CsvReader::CsvReader(const std::filesystem::path& path)
    : CsvReader(path.string(), read_file(path)) {}

CsvReader::CsvReader(std::string name, std::string content)
    : file_(std::move(name)), content_(std::move(content)) {
  if (content_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  parse_header();
}

void CsvReader::parse_header() {
  if (!read_record(header_))
    throw InvalidInput(SourceLocation{file_, 1, 0}, "empty file: no header row");
  for (std::size_t i = 0; i < header_.size(); ++i) {
    // Headers are matched case-sensitively but forgiving of surrounding spaces.
    auto& h = header_[i];
    h.erase(0, h.find_first_not_of(" \t"));
    h.erase(h.find_last_not_of(" \t") + 1);
    if (h.empty()) throw InvalidInput(where(i), "empty column name in header");
    for (std::size_t j = 0; j < i; ++j) {
      if (header_[j] == h) throw InvalidInput(where(i), "duplicate column '" + h + "' in header");
    }
  }
}

bool CsvReader::next(std::vector<std::string>& fields) {
  while (read_record(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != header_.size()) {
      throw InvalidInput(
          SourceLocation{file_, record_line_, std::min(fields.size(), header_.size()) + 1},
          "expected " + std::to_string(header_.size()) + " fields as in the header, found " +
              std::to_string(fields.size()));
    }
    return true;
  }
  return false;
}

bool CsvReader::read_record(std::vector<std::string>& fields) {
  fields.clear();
  if (pos_ >= content_.size()) return false;
  record_line_ = line_;
  const std::string_view s = content_;
  std::string field;
  std::size_t line_start = pos_;
  auto fail = [&](std::size_t at, const std::string& message) {
    const std::size_t character = at - line_start + 1;
    throw InvalidInput(SourceLocation{file_, line_, fields.size() + 1},
                       message + " (character " + std::to_string(character) + ")");
  };
  auto check_utf8 = [&](std::size_t at) -> std::size_t {
    const std::size_t n = utf8_sequence_length(s, at);
    if (n == 0) fail(at, "malformed UTF-8");
    // Control characters break exports (XML 1.0 cannot carry them) and terminal output; a
    // quoted field may still span lines and any field may hold a tab.
    const auto b = static_cast<unsigned char>(s[at]);
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(b));
      fail(at, std::string("control character ") + code + " in a field");
    }
    return n;
  };

  bool quoted = false;
  bool after_quote = false;  // just closed a quoted field: only a separator or line end may follow
  std::size_t quote_open = 0;
  std::size_t quote_line = 0;
  std::size_t quote_line_start = 0;
  while (pos_ < s.size()) {
    const char c = s[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < s.size() && s[pos_ + 1] == '"') {
          field += '"';
          pos_ += 2;
        } else {
          quoted = false;
          after_quote = true;
          ++pos_;
        }
      } else {
        if (c == '\n') {
          ++line_;
          line_start = pos_ + 1;
        }
        const std::size_t n = check_utf8(pos_);
        field.append(s.substr(pos_, n));
        pos_ += n;
      }
      continue;
    }
    if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
      ++pos_;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ + 1 < s.size() && s[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
      fields.push_back(std::move(field));
      return true;
    }
    if (after_quote) fail(pos_, "unexpected character after closing quote");
    if (c == '"') {
      if (!field.empty()) fail(pos_, "quote inside an unquoted field");
      quoted = true;
      quote_open = pos_;
      quote_line = line_;
      quote_line_start = line_start;
      ++pos_;
      continue;
    }
    const std::size_t n = check_utf8(pos_);
    field.append(s.substr(pos_, n));
    pos_ += n;
  }
  if (quoted) {
    throw InvalidInput(SourceLocation{file_, quote_line, fields.size() + 1},
                       "unterminated quoted field (quote opened at character " +
                           std::to_string(quote_open - quote_line_start + 1) + ")");
  }
  fields.push_back(std::move(field));
  return true;
}

std::optional<std::size_t> CsvReader::column(std::string_view name) const {
  auto it = std::find(header_.begin(), header_.end(), name);
  if (it == header_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header_.begin()) + 1;
}

std::size_t CsvReader::require(std::string_view name) const {
  if (auto c = column(name)) return *c - 1;
  std::string found;
  for (const auto& h : header_) found += (found.empty() ? "" : ",") + h;
  throw InvalidInput(SourceLocation{file_, 1, 0}, "missing required column '" + std::string(name) +
                                                      "' (header has: " + found + ")");
}

namespace cell {

double to_double(std::string_view text, const SourceLocation& where, std::string_view what) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (!text.empty() && ec == std::errc::result_out_of_range && ptr == end) {
    throw InvalidInput(where, std::string(what) + " '" + std::string(text) +
                                  "' is out of range for a double (magnitudes from 2.3e-308 "
                                  "to 1.8e308, or 0)");
  }
  if (text.empty() || ec != std::errc() || ptr != end) {
    throw InvalidInput(where, std::string(what) + " '" + std::string(text) + "' is not a number");
  }
  if (!std::isfinite(value)) {
    throw InvalidInput(where, std::string(what) + " '" + std::string(text) + "' is not finite");
  }
  return value;
}

long long to_integer(std::string_view text, const SourceLocation& where, std::string_view what) {
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (!text.empty() && ec == std::errc::result_out_of_range && ptr == end)
    throw InvalidInput(where, std::string(what) + " '" + std::string(text) + "' is out of range");
  if (text.empty() || ec != std::errc() || ptr != end) {
    throw InvalidInput(where, std::string(what) + " '" + std::string(text) + "' is not an integer");
  }
  return value;
}

int to_int(std::string_view text, const SourceLocation& where, std::string_view what) {
  const long long value = to_integer(text, where, what);
  if (value < INT32_MIN || value > INT32_MAX) {
    throw InvalidInput(where, std::string(what) + " '" + std::string(text) + "' is out of range");
  }
  return static_cast<int>(value);
}

std::optional<int> to_optional_int(std::string_view text, const SourceLocation& where,
                                   std::string_view what) {
  if (text.empty()) return std::nullopt;
  return to_int(text, where, what);
}

std::optional<double> to_optional_double(std::string_view text, const SourceLocation& where,
                                         std::string_view what) {
  if (text.empty()) return std::nullopt;
  return to_double(text, where, what);
}

}  // namespace cell
}  // namespace verbund::io
