// Reading a joint-offer requirement from TOML, as strictly as a funding call (match/call.cpp).
#include "verbund/supply/requirement.hpp"

#include <set>

#include "io/read_text.hpp"
#include "io/toml_reader.hpp"

namespace verbund::supply {

namespace {

using Reader = io::TomlReader;
using io::sub_table;

/// Records where each string of the array `key` of `table` stands.
void locate_strings(const toml::table& table, std::string_view key, const std::string& file,
                    std::map<std::string, SourceLocation, std::less<>>& at) {
  const auto* array = table.get_as<toml::array>(key);
  if (!array) return;
  for (const auto& item : *array) {
    if (const auto* s = item.as_string())
      at.emplace(s->get(), io::location_of(file, item.source()));
  }
}

std::vector<core::FirmSize> read_sizes(Reader& r, const toml::table& table, const char* key) {
  std::vector<core::FirmSize> out;
  for (const auto& name : r.strings(key)) {
    if (name == "sme") {
      out.insert(out.end(), {core::FirmSize::micro, core::FirmSize::small, core::FirmSize::medium});
      continue;
    }
    std::optional<core::FirmSize> size;
    for (const auto s : {core::FirmSize::micro, core::FirmSize::small, core::FirmSize::medium,
                         core::FirmSize::large}) {
      if (core::to_string(s) == name) size = s;
    }
    if (!size)
      r.fail(*table.get(key),
             "unknown size class '" + name + "' (micro, small, medium, large, sme)");
    out.push_back(*size);
  }
  return out;
}

RequiredInput read_input(const toml::table& table, const std::string& file, std::size_t index,
                         Requirement& req) {
  Reader r(table, file, "input #" + std::to_string(index + 1));
  RequiredInput in;
  const auto category = r.string("category");
  if (!category) r.fail(table, "'category' is missing");
  in.category = *category;
  const auto* quantity = r.get("quantity");
  if (!quantity) r.fail(table, "'quantity' is missing");
  const auto q = quantity->value<double>();
  if (!q || !std::isfinite(*q) || *q <= 0.0)
    r.fail(*quantity, "'quantity' must be a finite number > 0 (units per year)");
  in.quantity = *q;
  in.certifications = r.strings("certifications");
  r.finish();
  const auto where = io::location_of(file, table.get("category")->source());
  if (!req.category_at.emplace(in.category, where).second)
    throw InvalidInput(where, "category '" + in.category + "' is required twice");
  locate_strings(table, "certifications", file, req.certification_at);
  return in;
}

}  // namespace

Requirement parse_requirement(std::string_view toml_text, const std::string& file) {
  const toml::table root = io::parse_toml(toml_text, file);
  Reader r(root, file, "the requirement");
  Requirement req;
  req.file = file;
  req.name = r.string("name").value_or(file);
  req.customer = r.string("customer").value_or("");
  req.certifications = r.strings("certifications");
  locate_strings(root, "certifications", file, req.certification_at);
  if (const auto* node = r.get("partners")) {
    const toml::table& table = sub_table(r, node, "partners");
    Reader p(table, file, "[partners]");
    req.min_partners = static_cast<int>(p.integer("min", 1, 64).value_or(req.min_partners));
    req.max_partners = static_cast<int>(p.integer("max", 1, 64).value_or(req.max_partners));
    req.min_smes = static_cast<int>(p.integer("min_smes", 0, 64).value_or(0));
    if (const auto m = p.integer("max_per_municipality", 1, 64))
      req.max_per_municipality = static_cast<int>(*m);
    req.lead_sizes = read_sizes(p, table, "lead_sizes");
    req.excluded = p.strings("exclude");
    locate_strings(table, "exclude", file, req.actor_at);
    p.finish();
    if (req.max_partners < req.min_partners)
      throw InvalidInput(p.where(), "[partners] max " + std::to_string(req.max_partners) +
                                        " is below min " + std::to_string(req.min_partners));
    if (req.min_smes > req.max_partners)
      throw InvalidInput(p.where(), "[partners] min_smes " + std::to_string(req.min_smes) +
                                        " exceeds max " + std::to_string(req.max_partners));
  }
  if (const auto* node = r.get("input")) {
    const auto* array = node->as_array();
    if (!array) r.fail(*node, "'input' must be an array of tables ([[input]])");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto* table = (*array)[i].as_table();
      if (!table) r.fail((*array)[i], "each [[input]] must be a table");
      req.inputs.push_back(read_input(*table, file, i, req));
    }
  }
  r.finish();
  if (req.inputs.empty())
    throw InvalidInput(SourceLocation{file, 1, 1},
                       "the requirement names no [[input]] (category and quantity)");
  if (req.inputs.size() > 64)
    throw InvalidInput(SourceLocation{file, 1, 1}, "a requirement may name at most 64 inputs");
  return req;
}

Requirement load_requirement(const std::filesystem::path& path) {
  return parse_requirement(io::read_text_file(path, "requirement file"), path.string());
}

}  // namespace verbund::supply
