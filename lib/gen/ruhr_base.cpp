#include "verbund/gen/ruhr_base.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "verbund/io/csv_reader.hpp"
#include "verbund/io/founding.hpp"
#include "verbund/io/region_csv.hpp"

namespace verbund::gen {
namespace {

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto sep = text.find(';');
    std::string_view item = text.substr(0, sep);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    text = sep == std::string_view::npos ? std::string_view() : text.substr(sep + 1);
  }
  return out;
}

bool to_flag(const std::string& text, const SourceLocation& where, std::string_view what) {
  if (text == "1") return true;
  if (text == "0") return false;
  throw InvalidInput(where, std::string(what) + " must be 0 or 1, not '" + text + "'");
}

std::vector<MunicipalityInfo> read_municipalities(const std::filesystem::path& path) {
  io::CsvReader csv(path);
  const auto name = csv.require("name"), district = csv.require("district"),
             lat = csv.require("lat"), lon = csv.require("lon"),
             population = csv.require("population"), ihk = csv.require("ihk"),
             hwk = csv.require("hwk"), focus = csv.require("focus");
  std::vector<MunicipalityInfo> out;
  std::vector<std::string> row;
  while (csv.next(row)) {
    MunicipalityInfo m;
    m.name = row[name];
    m.district = row[district];
    m.centre = {io::cell::to_double(row[lat], csv.where(lat), "lat"),
                io::cell::to_double(row[lon], csv.where(lon), "lon")};
    if (!core::is_valid(m.centre)) throw InvalidInput(csv.where(lat), "coordinates out of range");
    m.population = io::cell::to_int(row[population], csv.where(population), "population");
    if (m.population <= 0) throw InvalidInput(csv.where(population), "population must be positive");
    m.ihk = row[ihk];
    m.hwk = row[hwk];
    m.focus = split_list(row[focus]);
    if (m.name.empty()) throw InvalidInput(csv.where(name), "empty municipality name");
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<SectorProfile> read_sectors(const std::filesystem::path& path) {
  io::CsvReader csv(path);
  const auto nace = csv.require("nace"), en = csv.require("label_en"), de = csv.require("label_de"),
             weight = csv.require("weight"), industrial = csv.require("industrial"),
             craft = csv.require("craft"), affinity = csv.require("science_affinity"),
             median = csv.require("median_employees"), word = csv.require("name_word"),
             offers = csv.require("offers"), needs = csv.require("needs"),
             buys = csv.require("buys_from");
  std::vector<SectorProfile> out;
  std::vector<std::string> row;
  while (csv.next(row)) {
    SectorProfile s;
    s.nace = row[nace];
    s.label_en = row[en];
    s.label_de = row[de];
    s.weight = io::cell::to_double(row[weight], csv.where(weight), "weight");
    if (s.weight <= 0.0) throw InvalidInput(csv.where(weight), "weight must be positive");
    s.industrial = to_flag(row[industrial], csv.where(industrial), "industrial");
    s.craft = to_flag(row[craft], csv.where(craft), "craft");
    s.science_affinity =
        io::cell::to_double(row[affinity], csv.where(affinity), "science_affinity");
    if (s.science_affinity < 0.0)
      throw InvalidInput(csv.where(affinity), "science_affinity must not be negative");
    s.median_employees = io::cell::to_double(row[median], csv.where(median), "median_employees");
    if (s.median_employees < 1.0)
      throw InvalidInput(csv.where(median), "median_employees must be at least 1");
    s.name_word = row[word];
    s.offers = split_list(row[offers]);
    s.needs = split_list(row[needs]);
    s.buys_from = split_list(row[buys]);
    if (s.offers.empty())
      throw InvalidInput(csv.where(offers), "a sector must offer at least one competence");
    out.push_back(std::move(s));
  }
  return out;
}

// A tie or membership that starts before one of its ends was founded (the base data are real:
// a cooperation with a merged university starts with the merger, not with its predecessors).
void check_founding(const core::RegionData& data, const std::filesystem::path& directory) {
  auto year_of = [&](std::string_view id) { return founding_year(data, id); };
  auto check = [&](const std::string& file, std::size_t line, std::optional<int> start,
                   std::string_view a, std::string_view b, std::string_view what) {
    const auto conflict = io::founding_conflict(start, a, b, year_of);
    if (!conflict) return;
    const auto path = directory / file;
    const auto column = io::CsvReader(path).column("start").value_or(0);
    throw InvalidInput(SourceLocation{path.string(), line, column},
                       io::founding_message(what, a, b, *start, *conflict));
  };
  for (const auto& t : data.ties) check("ties.csv", t.line, t.start, t.source, t.target, "the tie");
  for (const auto& m : data.memberships)
    check("memberships.csv", m.line, m.start, m.actor, m.group, "the membership");
}

}  // namespace

std::optional<int> founding_year(const core::RegionData& data, std::string_view id) {
  return io::founding_year(id, [&](std::string_view at) -> std::optional<io::FoundingFacts> {
    const auto it = std::find_if(data.actors.begin(), data.actors.end(),
                                 [&](const core::ActorRecord& a) { return a.id == at; });
    if (it == data.actors.end()) return std::nullopt;
    return io::FoundingFacts{it->founded, it->parent};
  });
}

RuhrBase load_ruhr_base(const std::filesystem::path& directory) {
  RuhrBase base;
  base.institutions = io::read_region_csv(io::RegionCsvFiles::in_directory(directory));
  core::validate(base.institutions);
  check_founding(base.institutions, directory);
  base.municipalities = read_municipalities(directory / "municipalities.csv");
  base.sectors = read_sectors(directory / "sectors.csv");

  // Cross-file references: chambers, focus sectors, sector competences.
  std::set<std::string> actor_ids, competences, naces;
  for (const auto& a : base.institutions.actors) actor_ids.insert(a.id);
  for (const auto& t : base.institutions.taxonomy) {
    if (!t.theme.empty()) competences.insert(t.id);
  }
  for (const auto& s : base.sectors) naces.insert(s.nace);
  const std::string municipalities_file = (directory / "municipalities.csv").string();
  const std::string sectors_file = (directory / "sectors.csv").string();
  for (std::size_t i = 0; i < base.municipalities.size(); ++i) {
    const auto& m = base.municipalities[i];
    const SourceLocation where{municipalities_file, i + 2, 0};
    for (const auto* chamber : {&m.ihk, &m.hwk}) {
      if (!actor_ids.contains(*chamber))
        throw InvalidInput(where, "unknown chamber '" + *chamber + "'");
    }
    for (const auto& f : m.focus) {
      if (!naces.contains(f)) throw InvalidInput(where, "unknown focus sector '" + f + "'");
    }
  }
  for (std::size_t i = 0; i < base.sectors.size(); ++i) {
    const auto& s = base.sectors[i];
    const SourceLocation where{sectors_file, i + 2, 0};
    for (const auto* list : {&s.offers, &s.needs}) {
      for (const auto& c : *list) {
        if (!competences.contains(c)) throw InvalidInput(where, "unknown competence '" + c + "'");
      }
    }
    for (const auto& b : s.buys_from) {
      if (!naces.contains(b)) throw InvalidInput(where, "unknown supplier sector '" + b + "'");
    }
  }
  return base;
}

std::filesystem::path bundled_ruhr_dir() {
  if (const char* env = std::getenv("VERBUND_DATA_DIR"); env != nullptr && *env != '\0') {
    return std::filesystem::path(env) / "ruhr";
  }
  // A build tree uses its sources; an installed copy on another machine uses its share dir.
  const std::filesystem::path source = std::filesystem::path(VERBUND_SOURCE_DATA_DIR) / "ruhr";
  if (std::filesystem::exists(source / "actors.csv")) return source;
  return std::filesystem::path(VERBUND_INSTALL_DATA_DIR) / "ruhr";
}

std::filesystem::path bundled_supply_dir() { return bundled_ruhr_dir().parent_path() / "supply"; }

}  // namespace verbund::gen
