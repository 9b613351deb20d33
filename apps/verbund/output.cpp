#include "output.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string_view>

#include "verbund/error.hpp"
#include "verbund/io/text_format.hpp"
#include "verbund/report/terms.hpp"

namespace verbund::cli {
namespace {

// Display width in code points, so that umlauts do not break the alignment.
std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// Columns whose whole numbers are names rather than quantities (a year, a seed, an id): their
// digits stay together, as typed.
bool identifier_column(std::string_view header) {
  for (const std::string_view word : {"year", "seed", "id", "pic", "rcn", "run"}) {
    const auto at = header.find(word);
    if (at == std::string_view::npos) continue;
    const bool starts = at == 0 || header[at - 1] == ' ';
    const bool ends = at + word.size() == header.size() || header[at + word.size()] == ' ' ||
                      header[at + word.size()] == 's';
    if (starts && ends) return true;
  }
  return false;
}

std::string grouped_digits(std::string digits, report::Lang lang) {
  const char separator = lang == report::Lang::de ? '.' : ',';
  const std::size_t first = !digits.empty() && digits[0] == '-' ? 1 : 0;
  for (auto at = digits.size(); at > first + 3; at -= 3) digits.insert(at - 3, 1, separator);
  return digits;
}

std::string table_number(const Json& cell, report::Lang lang, bool identifier) {
  if (cell.is_number_integer()) {
    std::string digits = cell.dump();
    const bool large = digits.size() - (digits[0] == '-' ? 1 : 0) > 4;
    return large && !identifier ? grouped_digits(std::move(digits), lang) : digits;
  }
  const double value = cell.get<double>();
  if (!std::isfinite(value)) return std::isnan(value) ? "nan" : value > 0 ? "inf" : "-inf";
  std::array<char, 512> buffer{};
  std::string text;
  if (std::abs(value) >= 999.95) {
    // Four significant digits would need an exponent: the whole number instead.
    std::snprintf(buffer.data(), buffer.size(), "%.0f", value);
    text = buffer.data();
    return grouped_digits(std::move(text), lang);
  }
  if (std::abs(value) < 1e-15) {
    text = "0";
  } else {
    // Four significant digits, written out ("0.00001234", not "1.234e-05").
    const int exponent = static_cast<int>(std::floor(std::log10(std::abs(value))));
    std::snprintf(buffer.data(), buffer.size(), "%.*f", std::max(0, 3 - exponent), value);
    text = buffer.data();
    if (text.find('.') != std::string::npos) {
      text.erase(text.find_last_not_of('0') + 1);
      if (text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
  }
  if (lang == report::Lang::de) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

// Text tables show four significant digits, and whole numbers with thousands separators from
// 1,000 on, in the language's style (16.750.000 / 16,750,000; 0,25 / 0.25). Integer cells get
// separators from 10,000 on only: a four-digit one may be a year ("network known up to 2019"),
// and no year gets a separator. CSV and JSON keep every digit, the point and no separators.
std::string text_cell(const Json& cell, report::Lang lang, bool identifier) {
  if (!cell.is_number() || cell.is_boolean()) return cell_text(cell);
  return table_number(cell, lang, identifier);
}

// `table` (in English) as text in `lang`: headers, vocabulary and numbers in its words.
void print_text(std::ostream& out, const Table& english, report::Lang lang) {
  std::vector<bool> identifier;
  for (const auto& c : english.columns) identifier.push_back(identifier_column(c));
  const Table t = localized(english, lang);
  if (!t.title.empty()) out << t.title << "\n";
  std::vector<std::size_t> width(t.columns.size());
  std::vector<bool> numeric(t.columns.size(), true);
  std::vector<std::vector<std::string>> texts;
  for (std::size_t c = 0; c < t.columns.size(); ++c) width[c] = display_width(t.columns[c]);
  for (const auto& row : t.rows) {
    auto& cells = texts.emplace_back();
    for (std::size_t c = 0; c < row.size(); ++c) {
      cells.push_back(text_cell(row[c], lang, c < identifier.size() && identifier[c]));
      width[c] = std::max(width[c], display_width(cells.back()));
      if (!row[c].is_number() && !row[c].is_null()) numeric[c] = false;
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text = "  ";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - display_width(cells[c]), ' ');
      text += numeric[c] && c > 0 ? pad + cells[c] : cells[c] + pad;
      if (c + 1 < cells.size()) text += "  ";
    }
    text.erase(text.find_last_not_of(' ') + 1);
    out << text << "\n";
  };
  line(t.columns);
  for (const auto& cells : texts) line(cells);
}

// Columns whose text cells are words of the vocabulary rather than names or ids.
bool vocabulary_column(std::string_view header) {
  static constexpr std::array<std::string_view, 21> columns{
      "indicator", "field", "kind",    "partner kind", "tie",       "side",    "reason",
      "method",    "value", "verdict", "size class",   "direction", "match",   "table",
      "what",      "why",   "change",  "source",       "unit",      "setting", "fact"};
  return std::find(columns.begin(), columns.end(), header) != columns.end();
}

// Words whose German name depends on the column: "high" is a criticality here, the upper end
// of an interval in report::term.
std::optional<std::string_view> column_term(std::string_view column, std::string_view value) {
  if (column != "criticality") return std::nullopt;
  if (value == "high") return "hoch";
  if (value == "medium") return "mittel";
  if (value == "low") return "niedrig";
  return std::nullopt;
}

}  // namespace

Table localized(const Table& table, report::Lang lang) {
  if (lang == report::Lang::en) return table;
  Table out{std::string(report::term(lang, table.title)), {}, table.rows};
  std::vector<bool> vocabulary;
  for (const auto& c : table.columns) {
    out.columns.emplace_back(report::term(lang, c));
    vocabulary.push_back(vocabulary_column(c));
  }
  for (auto& row : out.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (row[c].is_boolean()) {
        row[c] = row[c].get<bool>() ? "ja" : "nein";
      } else if (const auto word = row[c].is_string() && c < table.columns.size()
                                       ? column_term(table.columns[c], row[c].get<std::string>())
                                       : std::nullopt) {
        row[c] = std::string(*word);
      } else if (row[c].is_string() && c < vocabulary.size() && vocabulary[c]) {
        row[c] = std::string(report::term(lang, row[c].get<std::string>()));
      }
    }
  }
  return out;
}

void print_tables(std::ostream& out, const std::vector<Table>& tables,
                  const GlobalOptions& global) {
  if (global.format != Format::table) {
    print_tables(out, tables, global.format);
    return;
  }
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (i > 0) out << "\n";
    print_text(out, tables[i], global.lang);
  }
}

void write_tables(const std::string& path, const std::vector<Table>& tables,
                  const GlobalOptions& global) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw InvalidInput(SourceLocation{path, 0, 0}, "cannot write the output file");
  print_tables(file, tables, global);
  if (!file.flush()) throw IoError("writing " + path + " failed");
}

std::string cell_text(const Json& cell) {
  if (cell.is_null()) return "";
  if (cell.is_string()) return cell.get<std::string>();
  if (cell.is_number_float()) return io::format_double(cell.get<double>());
  return cell.dump();
}

void write_tables(const std::string& path, const std::vector<Table>& tables, Format format) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw InvalidInput(SourceLocation{path, 0, 0}, "cannot write the output file");
  print_tables(file, tables, format);
  if (!file.flush()) throw IoError("writing " + path + " failed");
}

void print_tables(std::ostream& out, const std::vector<Table>& tables, Format format) {
  switch (format) {
    case Format::table:
      for (std::size_t i = 0; i < tables.size(); ++i) {
        if (i > 0) out << "\n";
        print_text(out, tables[i], report::Lang::en);
      }
      break;
    case Format::csv:
      for (std::size_t i = 0; i < tables.size(); ++i) {
        if (tables.size() > 1) out << (i > 0 ? "\n" : "") << "# " << tables[i].title << "\n";
        out << io::csv_line(tables[i].columns);
        for (const auto& row : tables[i].rows) {
          std::vector<std::string> cells;
          for (const auto& cell : row) cells.push_back(cell_text(cell));
          out << io::csv_line(cells);
        }
      }
      break;
    case Format::json: {
      Json doc = Json::object();
      for (const auto& t : tables) {
        Json rows = Json::array();
        for (const auto& row : t.rows) {
          Json object = Json::object();
          for (std::size_t c = 0; c < t.columns.size(); ++c) object[t.columns[c]] = row[c];
          rows.push_back(std::move(object));
        }
        doc[t.title] = std::move(rows);
      }
      out << doc.dump(2) << "\n";
      break;
    }
  }
}

std::string name_with_parent(const core::Region& region, core::ActorId a) {
  std::string name(region.name(a));
  if (const auto parent = region.parent(a)) name += " (" + std::string(region.name(*parent)) + ")";
  return name;
}

Json place_of(const core::Region& region, core::ActorId a) {
  const auto m = region.municipality(a);
  return m ? Json(region.municipality_name(*m)) : Json(nullptr);
}

}  // namespace verbund::cli
