#include <fstream>
#include <set>

#include "verbund/error.hpp"
#include "verbund/io/region_csv.hpp"
#include "verbund/io/text_format.hpp"

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
}

}  // namespace verbund::io
