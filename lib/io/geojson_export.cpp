#include "verbund/io/geojson_export.hpp"

#include <string>

#include <nlohmann/json.hpp>

namespace verbund::io {
namespace {

using Json = nlohmann::ordered_json;
using core::ActorId;

Json optional_int(const std::optional<int>& value) { return value ? Json(*value) : Json(nullptr); }

Json text_or_null(std::string_view text) {
  return text.empty() ? Json(nullptr) : Json(std::string(text));
}

// Malformed UTF-8 (a database written by other means) must not make the file unreadable.
std::string dumped(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

GeoJsonSummary write_geojson(const core::Region& region, std::ostream& out) {
  GeoJsonSummary summary;
  std::vector<std::string> groups(region.size());
  for (const auto& m : region.memberships()) {
    auto& text = groups[m.member.value];
    text += (text.empty() ? "" : ";") + std::string(region.external_id(m.group));
  }
  out << "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  auto separator = [&] {
    if (!first) out << ",";
    out << "\n";
    first = false;
  };
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const ActorId a{i};
    const auto loc = region.location(a);
    if (!loc) {
      summary.without_location.push_back(a);
      continue;
    }
    const auto m = region.municipality(a);
    const auto size = region.size_class(a);
    const auto parent = region.parent(a);
    const Json feature{
        {"type", "Feature"},
        {"id", std::string(region.external_id(a))},
        {"geometry", {{"type", "Point"}, {"coordinates", {loc->lon, loc->lat}}}},
        {"properties",
         {{"id", std::string(region.external_id(a))},
          {"name", std::string(region.name(a))},
          {"kind", std::string(to_string(region.kind(a)))},
          {"municipality", m ? Json(std::string(region.municipality_name(*m))) : Json(nullptr)},
          {"sector", text_or_null(region.sector(a))},
          {"employees", optional_int(region.employees(a))},
          {"size_class", size ? Json(std::string(to_string(*size))) : Json(nullptr)},
          {"founded", optional_int(region.founded(a))},
          {"capacity", optional_int(region.capacity(a))},
          {"parent", parent ? Json(std::string(region.external_id(*parent))) : Json(nullptr)},
          {"groups", text_or_null(groups[i])}}}};
    separator();
    out << dumped(feature);
    ++summary.actors;
  }
  for (std::size_t t = 0; t < region.tie_count(); ++t) {
    const auto& tie = region.ties()[t];
    const auto from = region.location(tie.source);
    const auto to = region.location(tie.target);
    if (!from || !to) continue;
    const Json feature{
        {"type", "Feature"},
        {"id", "t" + std::to_string(t)},
        {"geometry",
         {{"type", "LineString"}, {"coordinates", {{from->lon, from->lat}, {to->lon, to->lat}}}}},
        {"properties",
         {{"kind", std::string(to_string(tie.kind))},
          {"weight", tie.weight},
          {"start", optional_int(tie.start)},
          {"end", optional_int(tie.end)},
          {"source", std::string(region.external_id(tie.source))},
          {"target", std::string(region.external_id(tie.target))}}}};
    separator();
    out << dumped(feature);
    ++summary.ties;
  }
  Json missing = Json::array();
  for (const auto a : summary.without_location)
    missing.push_back(std::string(region.external_id(a)));
  out << "\n],\"actors_without_coordinates\":" << dumped(missing) << "}\n";
  return summary;
}

}  // namespace verbund::io
