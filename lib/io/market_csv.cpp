// The supplier market's CSV files: categories, certifications, offers, demands, flows.
#include "verbund/io/market_csv.hpp"

#include <array>
#include <cstdio>

#include "verbund/core/region_data.hpp"
#include "verbund/error.hpp"
#include "verbund/io/csv_reader.hpp"

namespace verbund::io {
namespace {

core::TableOrigin origin_of(const CsvReader& csv) { return {csv.file(), csv.header()}; }

std::optional<std::size_t> optional_column(const CsvReader& csv, std::string_view name) {
  if (auto c = csv.column(name)) return *c - 1;
  return std::nullopt;
}

std::string_view field(const std::vector<std::string>& row, std::optional<std::size_t> c) {
  return c ? std::string_view(row[*c]) : std::string_view();
}

// Ids and labels go into every table and export: no control characters (as actor ids and names).
const std::string& plain_text(const CsvReader& csv, const std::vector<std::string>& row,
                              std::size_t c, std::string_view what) {
  const std::string& text = row[c];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto ch = static_cast<unsigned char>(text[i]);
    if (ch < 0x20 || ch == 0x7F) {
      std::array<char, 8> code{};
      std::snprintf(code.data(), code.size(), "U+%04X", ch);
      throw InvalidInput(csv.where(c), std::string(what) + " holds control character " +
                                           code.data() + " at byte " + std::to_string(i + 1));
    }
  }
  return text;
}

std::string required_id(const CsvReader& csv, const std::vector<std::string>& row, std::size_t c,
                        std::string_view what) {
  const auto& text = plain_text(csv, row, c, what);
  if (text.empty()) throw InvalidInput(csv.where(c), "empty " + std::string(what));
  return text;
}

// A `;`-separated list; items are trimmed of spaces, an empty item (";;") is refused.
std::vector<std::string> list(const CsvReader& csv, const std::vector<std::string>& row,
                              std::optional<std::size_t> c, std::string_view what) {
  std::vector<std::string> out;
  if (!c) return out;
  std::string_view text = plain_text(csv, row, *c, what);
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  if (trim(text).empty()) return out;
  while (true) {
    const auto sep = text.find(';');
    const auto item = trim(text.substr(0, sep));
    if (item.empty()) {
      throw InvalidInput(csv.where(*c), "empty item in the list of " + std::string(what) + " '" +
                                            row[*c] + "' (items are separated by ';')");
    }
    out.emplace_back(item);
    if (sep == std::string_view::npos) break;
    text.remove_prefix(sep + 1);
  }
  return out;
}

std::optional<int> year(const CsvReader& csv, const std::vector<std::string>& row,
                        std::optional<std::size_t> c, std::string_view what) {
  if (!c) return std::nullopt;
  const auto y = cell::to_optional_int(row[*c], csv.where(*c), what);
  if (y && (*y < core::min_year || *y > core::max_year)) {
    throw InvalidInput(csv.where(*c), std::string(what) + " " + std::to_string(*y) +
                                          " is outside [" + std::to_string(core::min_year) + ", " +
                                          std::to_string(core::max_year) + "]");
  }
  return y;
}

std::optional<double> optional_number(const CsvReader& csv, const std::vector<std::string>& row,
                                      std::optional<std::size_t> c, std::string_view what) {
  if (!c) return std::nullopt;
  return cell::to_optional_double(row[*c], csv.where(*c), what);
}

void read_categories(const std::filesystem::path& path, supply::MarketData& out) {
  CsvReader csv(path);
  const auto id = csv.require("id"), en = csv.require("label_en"), de = csv.require("label_de");
  const auto theme = optional_column(csv, "theme"), cpa = optional_column(csv, "cpa"),
             unit = optional_column(csv, "unit");
  out.categories_origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    supply::CategoryRecord r;
    r.line = csv.line();
    r.id = required_id(csv, row, id, "category id");
    r.label_en = plain_text(csv, row, en, "label_en");
    r.label_de = plain_text(csv, row, de, "label_de");
    if (r.label_de.empty()) r.label_de = r.label_en;
    if (theme) r.theme = plain_text(csv, row, *theme, "theme");
    r.cpa = list(csv, row, cpa, "CPA codes");
    if (unit && !row[*unit].empty()) r.unit = plain_text(csv, row, *unit, "unit");
    out.categories.push_back(std::move(r));
  }
}

void read_certifications(const std::filesystem::path& path, supply::MarketData& out) {
  CsvReader csv(path);
  const auto id = csv.require("id"), en = csv.require("label_en"), de = csv.require("label_de");
  out.certifications_origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    supply::CertificationRecord r;
    r.line = csv.line();
    r.id = required_id(csv, row, id, "certification id");
    r.label_en = plain_text(csv, row, en, "label_en");
    r.label_de = plain_text(csv, row, de, "label_de");
    if (r.label_de.empty()) r.label_de = r.label_en;
    out.certifications.push_back(std::move(r));
  }
}

void read_offers(const std::filesystem::path& path, supply::MarketData& out) {
  CsvReader csv(path);
  const auto supplier = csv.require("supplier"), category = csv.require("category"),
             capacity = csv.require("capacity");
  const auto certifications = optional_column(csv, "certifications"),
             lead_time = optional_column(csv, "lead_time_weeks"),
             min_order = optional_column(csv, "min_order");
  out.offers_origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    supply::OfferRecord r;
    r.line = csv.line();
    r.supplier = required_id(csv, row, supplier, "supplier id");
    r.category = required_id(csv, row, category, "category");
    if (row[capacity].empty())
      throw InvalidInput(csv.where(capacity), "a supplier's offer needs a capacity (units a year)");
    r.capacity = cell::to_double(row[capacity], csv.where(capacity), "capacity");
    r.certifications = list(csv, row, certifications, "certifications");
    r.lead_time_weeks = optional_number(csv, row, lead_time, "lead_time_weeks");
    r.min_order = optional_number(csv, row, min_order, "min_order");
    out.offers.push_back(std::move(r));
  }
}

void read_demands(const std::filesystem::path& path, supply::MarketData& out) {
  CsvReader csv(path);
  const auto buyer = csv.require("buyer"), category = csv.require("category"),
             quantity = csv.require("quantity");
  const auto certifications = optional_column(csv, "certifications"),
             source = optional_column(csv, "source"),
             criticality = optional_column(csv, "criticality");
  out.demands_origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    supply::DemandRecord r;
    r.line = csv.line();
    r.buyer = required_id(csv, row, buyer, "buyer id");
    r.category = required_id(csv, row, category, "category");
    if (row[quantity].empty())
      throw InvalidInput(csv.where(quantity), "a demand needs a quantity (units a year)");
    r.quantity = cell::to_double(row[quantity], csv.where(quantity), "quantity");
    r.certifications = list(csv, row, certifications, "certifications");
    if (const auto text = field(row, source); !text.empty()) {
      const auto parsed = supply::parse_sourcing(text);
      if (!parsed) {
        throw InvalidInput(csv.where(*source), "unknown source '" + std::string(text) +
                                                   "' (expected region, germany or abroad)");
      }
      r.source = *parsed;
    }
    if (const auto text = field(row, criticality); !text.empty()) {
      const auto parsed = supply::parse_criticality(text);
      if (!parsed) {
        throw InvalidInput(csv.where(*criticality), "unknown criticality '" + std::string(text) +
                                                        "' (expected low, medium or high)");
      }
      r.criticality = *parsed;
    }
    out.demands.push_back(std::move(r));
  }
}

void read_flows(const std::filesystem::path& path, supply::MarketData& out) {
  CsvReader csv(path);
  const auto supplier = csv.require("supplier"), buyer = csv.require("buyer"),
             category = csv.require("category");
  const auto volume = optional_column(csv, "volume"), start = optional_column(csv, "start"),
             end = optional_column(csv, "end");
  out.flows_origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    supply::FlowRecord r;
    r.line = csv.line();
    r.supplier = required_id(csv, row, supplier, "supplier id");
    r.buyer = required_id(csv, row, buyer, "buyer id");
    r.category = required_id(csv, row, category, "category");
    r.volume = optional_number(csv, row, volume, "volume");
    r.start = year(csv, row, start, "start year");
    r.end = year(csv, row, end, "end year");
    out.flows.push_back(std::move(r));
  }
}

}  // namespace

MarketCsvFiles MarketCsvFiles::in_directory(const std::filesystem::path& directory) {
  auto present = [&](const char* name) -> std::optional<std::filesystem::path> {
    const auto path = directory / name;
    if (std::filesystem::exists(path)) return path;
    return std::nullopt;
  };
  return {present("categories.csv"), present("certifications.csv"), present("offers.csv"),
          present("demands.csv"), present("flows.csv")};
}

supply::MarketData read_market_csv(const MarketCsvFiles& files) {
  supply::MarketData out;
  if (files.categories) read_categories(*files.categories, out);
  if (files.certifications) read_certifications(*files.certifications, out);
  if (files.offers) read_offers(*files.offers, out);
  if (files.demands) read_demands(*files.demands, out);
  if (files.flows) read_flows(*files.flows, out);
  return out;
}

}  // namespace verbund::io
