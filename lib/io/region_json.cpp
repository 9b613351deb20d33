#include "verbund/io/region_json.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "verbund/io/text_format.hpp"

namespace verbund::io {
namespace {

using Json = nlohmann::ordered_json;
using core::ActorId;

Json optional_int(const std::optional<int>& value) { return value ? Json(*value) : Json(nullptr); }

// Competence weights are floats; print them as the short decimal they were read from.
Json float_weight(float w) { return std::stod(format_float(w)); }

Json competence_list(const core::Region& region, std::span<const core::CompetenceWeight> entries) {
  Json out = Json::array();
  for (const auto& e : entries) {
    out.push_back({{"competence", region.taxonomy().competence(e.competence).id},
                   {"weight", float_weight(e.weight)}});
  }
  return out;
}

}  // namespace

void write_region_json(const core::Region& region, std::ostream& out) {
  const auto& tax = region.taxonomy();
  // Written piecewise so that a large region never exists twice in memory as JSON.
  out << "{\"taxonomy\":{\"themes\":[";
  for (std::size_t i = 0; i < tax.themes().size(); ++i) {
    const auto& t = tax.themes()[i];
    out << (i ? "," : "")
        << Json{{"id", t.id}, {"label_en", t.label_en}, {"label_de", t.label_de}}.dump();
  }
  out << "],\"competences\":[";
  for (std::size_t i = 0; i < tax.competences().size(); ++i) {
    const auto& c = tax.competences()[i];
    out << (i ? "," : "")
        << Json{{"id", c.id},
                {"label_en", c.label_en},
                {"label_de", c.label_de},
                {"theme", tax.theme(c.theme).id}}
               .dump();
  }
  out << "]},\n\"actors\":[\n";
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const ActorId a{i};
    const auto m = region.municipality(a);
    const auto loc = region.location(a);
    const auto parent = region.parent(a);
    const auto size = region.size_class(a);
    Json attrs = Json::object();
    for (const auto& attr : region.attributes(a)) attrs[attr.key] = attr.value;
    Json actor{{"id", region.external_id(a)},
               {"name", region.name(a)},
               {"kind", to_string(region.kind(a))},
               {"municipality", m ? Json(region.municipality_name(*m)) : Json(nullptr)},
               {"lat", loc ? Json(loc->lat) : Json(nullptr)},
               {"lon", loc ? Json(loc->lon) : Json(nullptr)},
               {"employees", optional_int(region.employees(a))},
               {"size_class", size ? Json(to_string(*size)) : Json(nullptr)},
               {"sector", region.sector(a).empty() ? Json(nullptr) : Json(region.sector(a))},
               {"founded", optional_int(region.founded(a))},
               {"capacity", optional_int(region.capacity(a))},
               {"parent", parent ? Json(region.external_id(*parent)) : Json(nullptr)},
               {"attributes", attrs},
               {"offers", competence_list(region, region.offers(a))},
               {"needs", competence_list(region, region.needs(a))}};
    out << (i ? ",\n" : "") << actor.dump();
  }
  out << "\n],\n\"ties\":[\n";
  for (std::size_t i = 0; i < region.ties().size(); ++i) {
    const auto& t = region.ties()[i];
    out << (i ? ",\n" : "")
        << Json{{"source", region.external_id(t.source)},
                {"target", region.external_id(t.target)},
                {"kind", to_string(t.kind)},
                {"weight", t.weight},
                {"start", optional_int(t.start)},
                {"end", optional_int(t.end)}}
               .dump();
  }
  out << "\n],\n\"memberships\":[\n";
  for (std::size_t i = 0; i < region.memberships().size(); ++i) {
    const auto& mb = region.memberships()[i];
    out << (i ? ",\n" : "")
        << Json{{"actor", region.external_id(mb.member)},
                {"group", region.external_id(mb.group)},
                {"start", optional_int(mb.start)},
                {"end", optional_int(mb.end)}}
               .dump();
  }
  out << "\n]}\n";
}

}  // namespace verbund::io
