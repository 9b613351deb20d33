// The five region CSV files: reading them into a batch, writing a region as them.
#include "verbund/io/region_csv.hpp"

#include <array>
#include <fstream>
#include <set>
#include <unordered_map>

#include "verbund/error.hpp"
#include "verbund/io/csv_reader.hpp"
#include "verbund/io/text_format.hpp"

namespace verbund::io {
namespace {

using core::RegionData;

core::TableOrigin origin_of(const CsvReader& csv) { return {csv.file(), csv.header()}; }

// Column indices of one file: required ones must exist, optional ones may.
struct Columns {
  const CsvReader& csv;
  std::size_t get(std::string_view name) const { return csv.require(name); }
  std::optional<std::size_t> find(std::string_view name) const {
    if (auto c = csv.column(name)) return *c - 1;
    return std::nullopt;
  }
};

std::string_view field_or_empty(const std::vector<std::string>& row, std::optional<std::size_t> c) {
  return c ? std::string_view(row[*c]) : std::string_view();
}

void read_taxonomy(const std::filesystem::path& path, const CsvOptions& options, RegionData& out) {
  CsvReader csv(path, options);
  Columns cols{csv};
  const auto id = cols.get("id"), en = cols.get("label_en"), de = cols.get("label_de"),
             theme = cols.get("theme");
  out.taxonomy_origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    out.taxonomy.push_back(
        {row[id], row[en], row[de].empty() ? row[en] : row[de], row[theme], csv.line()});
  }
}

void read_actors(const std::filesystem::path& path, const CsvOptions& options, RegionData& out) {
  CsvReader csv(path, options);
  Columns cols{csv};
  const auto id = cols.get("id"), name = cols.get("name"), kind = cols.get("kind"),
             municipality = cols.get("municipality"), lat = cols.get("lat"), lon = cols.get("lon");
  const auto employees = cols.find("employees"), sector = cols.find("sector"),
             founded = cols.find("founded"), capacity = cols.find("capacity"),
             parent = cols.find("parent");
  std::vector<std::size_t> extra;
  constexpr std::array known{"id",        "name",   "kind",    "municipality", "lat",   "lon",
                             "employees", "sector", "founded", "capacity",     "parent"};
  for (std::size_t c = 0; c < csv.header().size(); ++c) {
    if (std::find(known.begin(), known.end(), csv.header()[c]) == known.end()) extra.push_back(c);
  }
  out.actors_origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    core::ActorRecord a;
    a.line = csv.line();
    a.id = row[id];
    a.name = row[name];
    auto parsed_kind = core::parse_actor_kind(row[kind]);
    if (!parsed_kind) {
      throw InvalidInput(csv.where(kind),
                         "unknown actor kind '" + row[kind] +
                             "' (expected firm, university, research_institute, research_group, "
                             "chamber, municipality, development_agency, union, association, "
                             "cluster, working_group, transfer_office or agency)");
    }
    a.kind = *parsed_kind;
    a.municipality = row[municipality];
    auto la = csv.optional_number(row, lat, "lat");
    auto lo = csv.optional_number(row, lon, "lon");
    if (la.has_value() != lo.has_value()) {
      throw InvalidInput(csv.where(la ? lon : lat),
                         "lat and lon must both be given or both be empty");
    }
    if (la) {
      if (*la < -90.0 || *la > 90.0)
        throw InvalidInput(csv.where(lat), "lat " + row[lat] + " is outside [-90, 90]");
      if (*lo < -180.0 || *lo > 180.0)
        throw InvalidInput(csv.where(lon), "lon " + row[lon] + " is outside [-180, 180]");
      a.location = core::GeoPoint{*la, *lo};
    }
    if (employees)
      a.employees = cell::to_optional_int(row[*employees], csv.where(*employees), "employees");
    a.sector = field_or_empty(row, sector);
    if (founded) a.founded = cell::to_optional_int(row[*founded], csv.where(*founded), "founded");
    if (capacity)
      a.capacity = cell::to_optional_int(row[*capacity], csv.where(*capacity), "capacity");
    a.parent = field_or_empty(row, parent);
    for (const std::size_t c : extra) {
      if (!row[c].empty()) a.attributes.push_back({csv.header()[c], row[c]});
    }
    out.actors.push_back(std::move(a));
  }
}

void read_competences(const std::filesystem::path& path, const CsvOptions& options,
                      RegionData& out) {
  CsvReader csv(path, options);
  Columns cols{csv};
  const auto actor = cols.get("actor"), competence = cols.get("competence"),
             role = cols.get("role"), weight = cols.get("weight");
  out.competences_origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    auto parsed_role = core::parse_competence_role(row[role]);
    if (!parsed_role) {
      throw InvalidInput(csv.where(role),
                         "unknown role '" + row[role] + "' (expected offer or need)");
    }
    out.competences.push_back({row[actor], row[competence], *parsed_role,
                               csv.optional_number(row, weight, "weight").value_or(1.0),
                               csv.line()});
  }
}

void read_ties(const std::filesystem::path& path, const CsvOptions& options, RegionData& out) {
  CsvReader csv(path, options);
  Columns cols{csv};
  const auto source = cols.get("source"), target = cols.get("target"), kind = cols.get("kind"),
             weight = cols.get("weight"), start = cols.get("start"), end = cols.get("end");
  out.ties_origin = origin_of(csv);
  std::unordered_map<std::string, std::size_t> lines;  // tie key -> line of its first row
  std::vector<std::string> row;
  while (csv.next(row)) {
    auto parsed_kind = core::parse_tie_kind(row[kind]);
    if (!parsed_kind) {
      throw InvalidInput(
          csv.where(kind),
          "unknown tie kind '" + row[kind] +
              "' (expected supply, research, transfer, project, informal or advisory)");
    }
    core::TieRecord tie{row[source],
                        row[target],
                        *parsed_kind,
                        csv.optional_number(row, weight, "weight").value_or(default_tie_weight),
                        cell::to_optional_int(row[start], csv.where(start), "start year"),
                        cell::to_optional_int(row[end], csv.where(end), "end year"),
                        csv.line()};
    const auto [first, fresh] = lines.emplace(tie_key(tie), csv.line());
    if (!fresh) {
      throw InvalidInput(csv.where(source),
                         "duplicate tie: " + describe_tie(tie) + " is already on line " +
                             std::to_string(first->second) +
                             " (ties are matched by source, target, kind and start)");
    }
    out.ties.push_back(std::move(tie));
  }
}

void read_memberships(const std::filesystem::path& path, const CsvOptions& options,
                      RegionData& out) {
  CsvReader csv(path, options);
  Columns cols{csv};
  const auto actor = cols.get("actor"), group = cols.get("group"), start = cols.get("start"),
             end = cols.get("end");
  out.memberships_origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    out.memberships.push_back(
        {row[actor], row[group], cell::to_optional_int(row[start], csv.where(start), "start year"),
         cell::to_optional_int(row[end], csv.where(end), "end year"), csv.line()});
  }
}

void read_competence_relations(const std::filesystem::path& path, const CsvOptions& options,
                               RegionData& out) {
  CsvReader csv(path, options);
  Columns cols{csv};
  const auto a = cols.get("a"), b = cols.get("b"), strength = cols.get("strength");
  out.competence_relations_origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    const auto s = csv.optional_number(row, strength, "strength");
    if (!s) throw InvalidInput(csv.where(strength), "empty strength");
    out.competence_relations.push_back({row[a], row[b], *s, csv.line()});
  }
}

}  // namespace

RegionCsvFiles RegionCsvFiles::in_directory(const std::filesystem::path& directory) {
  RegionCsvFiles files{directory / "taxonomy.csv", directory / "actors.csv",
                       directory / "competences.csv", directory / "ties.csv",
                       directory / "memberships.csv"};
  std::error_code ec;
  if (std::filesystem::exists(directory / "competence_relations.csv", ec))
    files.competence_relations = directory / "competence_relations.csv";
  return files;
}

core::RegionData read_region_csv(const RegionCsvFiles& files, const CsvOptions& options) {
  RegionData out;
  if (files.taxonomy) read_taxonomy(*files.taxonomy, options, out);
  if (files.actors) read_actors(*files.actors, options, out);
  if (files.competences) read_competences(*files.competences, options, out);
  if (files.ties) read_ties(*files.ties, options, out);
  if (files.memberships) read_memberships(*files.memberships, options, out);
  if (files.competence_relations)
    read_competence_relations(*files.competence_relations, options, out);
  return out;
}

ActorDeletions read_actor_deletions(const std::filesystem::path& path, const CsvOptions& options) {
  CsvReader csv(path, options);
  const auto id = csv.require("id");
  ActorDeletions out;
  out.origin = origin_of(csv);
  std::vector<std::string> row;
  while (csv.next(row)) {
    if (row[id].empty()) throw InvalidInput(csv.where(id), "empty actor id");
    out.entries.push_back({row[id], csv.line()});
  }
  return out;
}

std::string tie_key(const core::TieRecord& tie) {
  const bool swap = !core::is_directed(tie.kind) && tie.target < tie.source;
  const std::string& a = swap ? tie.target : tie.source;
  const std::string& b = swap ? tie.source : tie.target;
  std::string key(to_string(tie.kind));
  key += '\0';
  key += a;
  key += '\0';
  key += b;
  key += '\0';
  if (tie.start) key += std::to_string(*tie.start);
  return key;
}

std::string describe_tie(const core::TieRecord& tie) {
  return "'" + tie.source + "' " + (core::is_directed(tie.kind) ? "->" : "--") + " '" + tie.target +
         "' (" + std::string(to_string(tie.kind)) + ", start " +
         (tie.start ? std::to_string(*tie.start) : std::string("open")) + ")";
}

}  // namespace verbund::io

// --- writing -------------------------------------------------------------------------------------

namespace verbund::io {
namespace {

using core::ActorId;
using core::Region;

class CsvFile {
 public:
  explicit CsvFile(const std::filesystem::path& path) : path_(path), out_(path, std::ios::binary) {
    if (!out_) throw IoError("cannot open '" + path.string() + "' for writing");
  }
  void row(const std::vector<std::string>& fields) { out_ << csv_line(fields); }
  void close() {
    out_.close();
    if (!out_) throw IoError("error while writing '" + path_.string() + "'");
  }

 private:
  std::filesystem::path path_;
  std::ofstream out_;
};

void write_taxonomy(const Region& region, CsvFile& file) {
  const auto& tax = region.taxonomy();
  file.row({"id", "label_en", "label_de", "theme"});
  for (const auto& t : tax.themes()) file.row({t.id, t.label_en, t.label_de, ""});
  for (const auto& c : tax.competences()) {
    file.row({c.id, c.label_en, c.label_de, tax.theme(c.theme).id});
  }
}

void write_actors(const Region& region, CsvFile& file) {
  std::set<std::string> extra_keys;
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    for (const auto& a : region.attributes(ActorId{i})) extra_keys.insert(a.key);
  }
  std::vector<std::string> header{"id",        "name",   "kind",    "municipality", "lat",   "lon",
                                  "employees", "sector", "founded", "capacity",     "parent"};
  header.insert(header.end(), extra_keys.begin(), extra_keys.end());
  file.row(header);
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const ActorId a{i};
    const auto m = region.municipality(a);
    const auto loc = region.location(a);
    const auto parent = region.parent(a);
    std::vector<std::string> row{std::string(region.external_id(a)),
                                 std::string(region.name(a)),
                                 std::string(to_string(region.kind(a))),
                                 m ? std::string(region.municipality_name(*m)) : std::string(),
                                 loc ? format_double(loc->lat) : std::string(),
                                 loc ? format_double(loc->lon) : std::string(),
                                 format_optional(region.employees(a)),
                                 std::string(region.sector(a)),
                                 format_optional(region.founded(a)),
                                 format_optional(region.capacity(a)),
                                 parent ? std::string(region.external_id(*parent)) : std::string()};
    for (const auto& key : extra_keys) row.emplace_back(region.attribute(a, key).value_or(""));
    file.row(row);
  }
}

void write_competences(const Region& region, CsvFile& file) {
  const auto& tax = region.taxonomy();
  file.row({"actor", "competence", "role", "weight"});
  for (std::uint32_t i = 0; i < region.size(); ++i) {
    const ActorId a{i};
    for (const auto& [role, entries] : {std::pair{core::CompetenceRole::offer, region.offers(a)},
                                        std::pair{core::CompetenceRole::need, region.needs(a)}}) {
      for (const auto& e : entries) {
        file.row({std::string(region.external_id(a)), tax.competence(e.competence).id,
                  std::string(to_string(role)), format_float(e.weight)});
      }
    }
  }
}

void write_ties(const Region& region, CsvFile& file) {
  file.row({"source", "target", "kind", "weight", "start", "end"});
  for (const auto& t : region.ties()) {
    file.row({std::string(region.external_id(t.source)), std::string(region.external_id(t.target)),
              std::string(to_string(t.kind)), format_double(t.weight), format_optional(t.start),
              format_optional(t.end)});
  }
}

void write_memberships(const Region& region, CsvFile& file) {
  file.row({"actor", "group", "start", "end"});
  for (const auto& m : region.memberships()) {
    file.row({std::string(region.external_id(m.member)), std::string(region.external_id(m.group)),
              format_optional(m.start), format_optional(m.end)});
  }
}

}  // namespace

void write_region_csv(const Region& region, const std::filesystem::path& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) throw IoError("cannot create directory '" + directory.string() + "': " + ec.message());
  const RegionCsvFiles files = RegionCsvFiles::in_directory(directory);
  const std::pair<const std::filesystem::path&, void (*)(const Region&, CsvFile&)> tables[] = {
      {*files.taxonomy, write_taxonomy},
      {*files.actors, write_actors},
      {*files.competences, write_competences},
      {*files.ties, write_ties},
      {*files.memberships, write_memberships}};
  for (const auto& [path, write] : tables) {
    CsvFile file(path);
    write(region, file);
    file.close();
  }
  const auto& tax = region.taxonomy();
  if (tax.relation_count() == 0) return;
  CsvFile file(directory / "competence_relations.csv");
  file.row({"a", "b", "strength"});
  for (std::uint32_t c = 0; c < tax.competences().size(); ++c) {
    for (const auto& r : tax.related(core::CompetenceId{c})) {
      if (c < r.other.value)
        file.row({tax.competences()[c].id, tax.competence(r.other).id, format_float(r.strength)});
    }
  }
  file.close();
}

}  // namespace verbund::io
