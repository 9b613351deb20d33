#include "verbund/io/csv_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "utf8.hpp"
#include "verbund/io/text_format.hpp"

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

// Windows-1252 characters of the bytes 0x80..0x9F (Latin-1 has control characters there);
// empty where Windows-1252 defines none.
constexpr std::array<std::string_view, 32> windows_1252_high{
    "€", "",  "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", "", "Ž", "",
    "",  "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", "", "ž", "Ÿ"};

// What byte `b` (not valid UTF-8 where it stands) would be in Windows-1252, as UTF-8 text.
std::string windows_1252_character(unsigned char b) {
  if (b >= 0x80 && b < 0xA0) return std::string(windows_1252_high[b - 0x80U]);
  if (b < 0xA0) return {};
  // Latin-1 (and Windows-1252) 0xA0..0xFF are U+00A0..U+00FF.
  return {static_cast<char>(0xC0 | (b >> 6)), static_cast<char>(0x80 | (b & 0x3F))};
}

// Why a byte is not UTF-8, with the likely encoding and how to convert the file.
std::string not_utf8_message(unsigned char b, const std::string& file) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(b));
  const std::string character = windows_1252_character(b);
  if (character.empty()) return std::string("malformed UTF-8 (byte ") + hex + ")";
  return std::string("malformed UTF-8: byte ") + hex + " is '" + character +
         "' in Windows-1252 (Latin-1), so the file is probably Windows-1252 encoded, as Excel "
         "saves 'CSV'; convert it with `iconv -f WINDOWS-1252 -t UTF-8 '" +
         file + "' > '" + file + ".utf8.csv'` or save it as 'CSV UTF-8'";
}

}  // namespace

CsvReader::CsvReader(const std::filesystem::path& path, const CsvOptions& options)
    : CsvReader(path.string(), read_file(path), options) {}

CsvReader::CsvReader(std::string name, std::string content, const CsvOptions& options)
    : file_(std::move(name)), content_(std::move(content)) {
  if (content_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  if (content_.starts_with("\xFF\xFE") || content_.starts_with("\xFE\xFF")) {
    throw InvalidInput(SourceLocation{file_, 1, 1},
                       "the file is UTF-16 encoded (Excel's 'Unicode text'); convert it with "
                       "`iconv -f UTF-16 -t UTF-8 '" +
                           file_ + "' > '" + file_ + ".utf8.csv'` or save it as 'CSV UTF-8'");
  }
  choose_dialect(options);
  parse_header();
}

void CsvReader::choose_dialect(const CsvOptions& options) {
  const std::string_view s = std::string_view(content_).substr(pos_);
  // Excel reads (and some tools write) a first line "sep=;" that names the delimiter.
  std::optional<char> declared;
  if (s.starts_with("sep=") && s.size() >= 5 && s[4] != '\n' && s[4] != '\r' &&
      (s.size() == 5 || s[5] == '\n' || s[5] == '\r')) {
    declared = s[4];
    pos_ += 5;
    if (pos_ < content_.size() && content_[pos_] == '\r') ++pos_;
    if (pos_ < content_.size() && content_[pos_] == '\n') ++pos_;
    ++line_;
  }
  if (options.delimiter) {
    dialect_.delimiter = *options.delimiter;
  } else if (declared) {
    dialect_.delimiter = *declared;
  } else {
    // The header's most frequent candidate outside quotes; a one-column header stays ','.
    std::size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (std::size_t i = pos_; i < content_.size(); ++i) {
      const char c = content_[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == '\n' || c == '\r') break;
      commas += c == ',';
      semicolons += c == ';';
      tabs += c == '\t';
    }
    if (semicolons > commas && semicolons >= tabs) {
      dialect_.delimiter = ';';
    } else if (tabs > commas && tabs > semicolons) {
      dialect_.delimiter = '\t';
    }
  }
  if (dialect_.delimiter == '"' || dialect_.delimiter == '\n' || dialect_.delimiter == '\r') {
    throw InvalidInput(SourceLocation{file_, line_, 0},
                       "a quote or line break cannot be the delimiter");
  }
  // German Excel writes ';' because ',' is its decimal separator.
  dialect_.decimal_comma = options.decimal_comma.value_or(dialect_.delimiter == ';');
}

void CsvReader::parse_header() {
  if (!read_record(header_))
    throw InvalidInput(SourceLocation{file_, line_, 0}, "empty file: no header row");
  header_line_ = record_line_;
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
    // Our own exports guard formula-like text with a quote (io::csv_field); it goes again here.
    for (auto& field : fields) {
      if (!field.empty() && field.front() == '\'') field = strip_formula_guard(std::move(field));
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
    if (n == 0) fail(at, not_utf8_message(static_cast<unsigned char>(s[at]), file_));
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
    if (c == dialect_.delimiter) {
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
  const std::string separator(1, dialect_.delimiter == '\t' ? ',' : dialect_.delimiter);
  for (const auto& h : header_) found += (found.empty() ? "" : separator) + h;
  std::string hint;
  for (const char other : {',', ';', '\t'}) {
    if (other != dialect_.delimiter && header_.size() == 1 &&
        header_[0].find(other) != std::string::npos) {
      hint = other == '\t' ? "; the header holds tabs: give --delimiter tab"
                           : std::string("; the header holds '") + other + "': give --delimiter '" +
                                 other + "'";
    }
  }
  throw InvalidInput(
      SourceLocation{file_, header_line_, 0},
      "missing required column '" + std::string(name) + "' (header has: " + found + ")" + hint);
}

std::optional<double> CsvReader::optional_number(const std::vector<std::string>& row,
                                                 std::size_t index, std::string_view what) const {
  const std::string& text = row[index];
  if (text.empty()) return std::nullopt;
  return dialect_.decimal_comma ? cell::to_double_decimal_comma(text, where(index), what)
                                : cell::to_double(text, where(index), what);
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

double to_double_decimal_comma(std::string_view text, const SourceLocation& where,
                               std::string_view what) {
  const auto comma = text.find(',');
  if (comma == std::string_view::npos) return to_double(text, where, what);
  if (text.find(',', comma + 1) != std::string_view::npos ||
      text.find('.') != std::string_view::npos) {
    throw InvalidInput(where, std::string(what) + " '" + std::string(text) +
                                  "' is not a number (write 1234,5 or 1234.5, without thousands "
                                  "separators)");
  }
  std::string point(text);
  point[comma] = '.';
  return to_double(point, where, what);
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
