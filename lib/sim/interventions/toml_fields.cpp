#include "sim/interventions/toml_fields.hpp"

namespace verbund::sim::detail {

int read_month(io::TomlReader& r, std::string_view key, int horizon, int fallback) {
  const auto* node = r.get(key);
  if (!node) return fallback;
  const auto v = node->value_exact<std::int64_t>();
  if (!v) r.fail(*node, "'" + std::string(key) + "' must be a whole number of months");
  if (*v < 1 || *v > horizon)
    r.fail(*node, "'" + std::string(key) + "' = " + std::to_string(*v) +
                      " lies outside the horizon (months 1 to " + std::to_string(horizon) + ")");
  return static_cast<int>(*v);
}

double read_share(io::TomlReader& r, std::string_view key, double fallback,
                  const std::string& name) {
  const double v = r.number(key).value_or(fallback);
  if (v > 1.0)
    throw InvalidInput(r.where(), name + ": '" + std::string(key) + "' must be at most 1");
  return v;
}

Selection read_selection(io::TomlReader& r, const std::string& file, const std::string& key) {
  Selection s;
  const auto* node = r.get(key);
  if (!node) return s;
  io::TomlReader sel(io::sub_table(r, node, key), file, "[intervention." + key + "]");
  for (const auto& name : sel.strings("kinds")) {
    const auto kind = core::parse_actor_kind(name);
    if (!kind) sel.fail(*node, "unknown actor kind '" + name + "'");
    s.kinds.push_back(*kind);
  }
  // Each value's own place, so that an unknown one is pointed at where it is written.
  auto place_of = [&](std::string_view k) {
    const auto* value = sel.get(k);
    return value ? sel.where(*value) : sel.where();
  };
  s.municipality_at = place_of("municipality");
  s.theme_at = place_of("theme");
  s.sector_at = place_of("sector");
  s.municipality = sel.string("municipality").value_or("");
  s.theme = sel.string("theme").value_or("");
  s.sector = sel.string("sector").value_or("");
  if (!s.sector.empty() && (s.sector.find_first_not_of("0123456789.") != std::string::npos ||
                            !std::isdigit(static_cast<unsigned char>(s.sector.front())))) {
    throw InvalidInput(s.sector_at, "sector '" + s.sector +
                                        "' is not a NACE/WZ code: give a division such as "
                                        "\"25\" or a class such as \"25.62\"");
  }
  s.size = static_cast<std::size_t>(sel.integer("size", 0, 10000000).value_or(0));
  sel.finish();
  return s;
}

}  // namespace verbund::sim::detail
