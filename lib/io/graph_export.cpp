#include "verbund/io/graph_export.hpp"

#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "utf8.hpp"
#include "verbund/io/text_format.hpp"

namespace verbund::io {
namespace {

using core::ActorId;
using core::Region;

// Escapes text for XML 1.0 element content and attribute values. Whatever XML 1.0 cannot carry
// at all (control characters other than tab, line feed and carriage return; U+FFFE and U+FFFF;
// malformed UTF-8, e.g. from a database written before import refused it) becomes U+FFFD, so
// that the file is always well-formed. Tab, line feed and carriage return are written as
// character references, which attribute-value normalisation leaves as they are.
std::string xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const std::size_t n = utf8_sequence_length(text, i);
    const auto b = static_cast<unsigned char>(c);
    const bool non_character = n == 3 && b == 0xEF &&
                               static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                               static_cast<unsigned char>(text[i + 2]) >= 0xBE;  // U+FFFE, U+FFFF
    if (n == 0 || non_character || (b < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += n == 0 ? 1 : n;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string dot_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// One node attribute: its name, type in the file, and its value for an actor (empty = absent).
struct Column {
  std::string name;
  std::string type;  // "string", "double", "int"
};

std::vector<Column> node_columns(const Region& region, std::vector<std::string>& extra) {
  std::set<std::string> keys;
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    for (const auto& a : region.attributes(ActorId{i})) keys.insert(a.key);
  }
  extra.assign(keys.begin(), keys.end());
  std::vector<Column> cols{
      {"name", "string"}, {"kind", "string"},   {"municipality", "string"}, {"lat", "double"},
      {"lon", "double"},  {"employees", "int"}, {"size_class", "string"},   {"sector", "string"},
      {"founded", "int"}, {"capacity", "int"},  {"parent", "string"},       {"offers", "string"},
      {"needs", "string"}};
  for (const auto& k : extra) {
    // Extra attributes share the namespace; prefix those that clash with a field.
    bool clash = false;
    for (const auto& c : cols) clash = clash || c.name == k;
    cols.push_back({clash ? "attr_" + k : k, "string"});
  }
  return cols;
}

// Competence ids joined by ";", for a node attribute that Gephi can filter on.
std::string competence_list(const Region& region, std::span<const core::CompetenceWeight> list) {
  std::string text;
  for (const auto& c : list) {
    if (!text.empty()) text += ';';
    text += region.taxonomy().competence(c.competence).id;
  }
  return text;
}

// Edges besides the ties, so that Gephi can draw a chair under its university and a cluster
// with its members: child -> parent ("parent") and member -> group ("membership").
struct ExtraEdge {
  std::string id;
  ActorId source;
  ActorId target;
  std::string_view kind;
  std::optional<int> start;
  std::optional<int> end;
};

std::vector<ExtraEdge> extra_edges(const Region& region) {
  std::vector<ExtraEdge> edges;
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    if (const auto p = region.parent(ActorId{i}))
      edges.push_back({"p" + std::to_string(i), ActorId{i}, *p, "parent", {}, {}});
  }
  const auto memberships = region.memberships();
  for (std::size_t k = 0; k < memberships.size(); ++k) {
    const auto& m = memberships[k];
    edges.push_back({"m" + std::to_string(k), m.member, m.group, "membership", m.start, m.end});
  }
  return edges;
}

std::vector<std::string> node_values(const Region& region, ActorId a,
                                     const std::vector<std::string>& extra) {
  const auto m = region.municipality(a);
  const auto loc = region.location(a);
  const auto size = region.size_class(a);
  const auto parent = region.parent(a);
  std::vector<std::string> v{std::string(region.name(a)),
                             std::string(to_string(region.kind(a))),
                             m ? std::string(region.municipality_name(*m)) : "",
                             loc ? format_double(loc->lat) : "",
                             loc ? format_double(loc->lon) : "",
                             format_optional(region.employees(a)),
                             size ? std::string(to_string(*size)) : "",
                             std::string(region.sector(a)),
                             format_optional(region.founded(a)),
                             format_optional(region.capacity(a)),
                             parent ? std::string(region.external_id(*parent)) : "",
                             competence_list(region, region.offers(a)),
                             competence_list(region, region.needs(a))};
  for (const auto& k : extra) v.emplace_back(region.attribute(a, k).value_or(""));
  return v;
}

void write_graphml(const Region& region, std::ostream& out) {
  std::vector<std::string> extra;
  const auto cols = node_columns(region, extra);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (std::size_t c = 0; c < cols.size(); ++c) {
    out << "  <key id=\"n" << c << "\" for=\"node\" attr.name=\"" << xml(cols[c].name)
        << "\" attr.type=\"" << (cols[c].type == "int" ? "long" : cols[c].type) << "\"/>\n";
  }
  out << "  <key id=\"e0\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
         "  <key id=\"e1\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
         "  <key id=\"e2\" for=\"edge\" attr.name=\"start\" attr.type=\"long\"/>\n"
         "  <key id=\"e3\" for=\"edge\" attr.name=\"end\" attr.type=\"long\"/>\n"
         "  <graph id=\"verbund\" edgedefault=\"undirected\">\n";
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const ActorId a{i};
    out << "    <node id=\"" << xml(region.external_id(a)) << "\">";
    const auto values = node_values(region, a, extra);
    for (std::size_t c = 0; c < values.size(); ++c) {
      if (!values[c].empty()) out << "<data key=\"n" << c << "\">" << xml(values[c]) << "</data>";
    }
    out << "</node>\n";
  }
  for (std::size_t t = 0; t < region.tie_count(); ++t) {
    const auto& tie = region.ties()[t];
    out << "    <edge id=\"t" << t << "\" source=\"" << xml(region.external_id(tie.source))
        << "\" target=\"" << xml(region.external_id(tie.target)) << "\"><data key=\"e0\">"
        << to_string(tie.kind) << "</data><data key=\"e1\">" << format_double(tie.weight)
        << "</data>";
    if (tie.start) out << "<data key=\"e2\">" << *tie.start << "</data>";
    if (tie.end) out << "<data key=\"e3\">" << *tie.end << "</data>";
    out << "</edge>\n";
  }
  for (const auto& e : extra_edges(region)) {
    out << "    <edge id=\"" << e.id << "\" source=\"" << xml(region.external_id(e.source))
        << "\" target=\"" << xml(region.external_id(e.target)) << "\"><data key=\"e0\">" << e.kind
        << "</data><data key=\"e1\">1</data>";
    if (e.start) out << "<data key=\"e2\">" << *e.start << "</data>";
    if (e.end) out << "<data key=\"e3\">" << *e.end << "</data>";
    out << "</edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

void write_gexf(const Region& region, std::ostream& out) {
  std::vector<std::string> extra;
  const auto cols = node_columns(region, extra);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
         "  <meta><creator>verbund</creator><description>regional stakeholder "
         "network</description></meta>\n"
         "  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"integer\">\n"
         "    <attributes class=\"node\">\n";
  // name is the node label; the other columns are attributes.
  for (std::size_t c = 1; c < cols.size(); ++c) {
    out << "      <attribute id=\"" << c << "\" title=\"" << xml(cols[c].name) << "\" type=\""
        << (cols[c].type == "int" ? "integer" : cols[c].type) << "\"/>\n";
  }
  out << "    </attributes>\n"
         "    <attributes class=\"edge\">\n"
         "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
         "    </attributes>\n"
         "    <nodes>\n";
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const ActorId a{i};
    const auto values = node_values(region, a, extra);
    out << "      <node id=\"" << xml(region.external_id(a)) << "\" label=\"" << xml(values[0])
        << "\"";
    if (auto f = region.founded(a)) out << " start=\"" << *f << "\"";
    out << "><attvalues>";
    for (std::size_t c = 1; c < values.size(); ++c) {
      if (!values[c].empty())
        out << "<attvalue for=\"" << c << "\" value=\"" << xml(values[c]) << "\"/>";
    }
    out << "</attvalues></node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  for (std::size_t t = 0; t < region.tie_count(); ++t) {
    const auto& tie = region.ties()[t];
    out << "      <edge id=\"t" << t << "\" source=\"" << xml(region.external_id(tie.source))
        << "\" target=\"" << xml(region.external_id(tie.target)) << "\" weight=\""
        << format_double(tie.weight) << "\"";
    if (tie.start) out << " start=\"" << *tie.start << "\"";
    if (tie.end) out << " end=\"" << *tie.end << "\"";
    out << "><attvalues><attvalue for=\"kind\" value=\"" << to_string(tie.kind)
        << "\"/></attvalues></edge>\n";
  }
  for (const auto& e : extra_edges(region)) {
    out << "      <edge id=\"" << e.id << "\" source=\"" << xml(region.external_id(e.source))
        << "\" target=\"" << xml(region.external_id(e.target)) << "\" weight=\"1\"";
    if (e.start) out << " start=\"" << *e.start << "\"";
    if (e.end) out << " end=\"" << *e.end << "\"";
    out << "><attvalues><attvalue for=\"kind\" value=\"" << e.kind << "\"/></attvalues></edge>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

void write_dot(const Region& region, std::ostream& out) {
  out << "graph verbund {\n";
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const ActorId a{i};
    const auto m = region.municipality(a);
    out << "  " << dot_quoted(region.external_id(a)) << " [label=" << dot_quoted(region.name(a))
        << ", kind=" << dot_quoted(to_string(region.kind(a)));
    if (m) out << ", municipality=" << dot_quoted(region.municipality_name(*m));
    out << "];\n";
  }
  for (const auto& tie : region.ties()) {
    out << "  " << dot_quoted(region.external_id(tie.source)) << " -- "
        << dot_quoted(region.external_id(tie.target))
        << " [kind=" << dot_quoted(to_string(tie.kind)) << ", weight=" << format_double(tie.weight);
    if (tie.start) out << ", start=" << *tie.start;
    if (tie.end) out << ", end=" << *tie.end;
    out << "];\n";
  }
  for (const auto& e : extra_edges(region)) {
    out << "  " << dot_quoted(region.external_id(e.source)) << " -- "
        << dot_quoted(region.external_id(e.target)) << " [kind=" << dot_quoted(e.kind)
        << ", weight=1";
    if (e.start) out << ", start=" << *e.start;
    if (e.end) out << ", end=" << *e.end;
    out << "];\n";
  }
  out << "}\n";
}

}  // namespace

void write_graph(const core::Region& region, GraphFormat format, std::ostream& out) {
  switch (format) {
    case GraphFormat::graphml:
      write_graphml(region, out);
      break;
    case GraphFormat::gexf:
      write_gexf(region, out);
      break;
    case GraphFormat::dot:
      write_dot(region, out);
      break;
  }
}

}  // namespace verbund::io
