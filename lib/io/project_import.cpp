#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>

#include "verbund/io/csv_reader.hpp"
#include "verbund/io/project_import.hpp"
#include "verbund/io/text_format.hpp"

namespace verbund::io {
namespace {

// Readable labels of the Horizon 2020 programme parts; other topics keep their own name.
constexpr std::array<std::array<std::string_view, 3>, 17> known_topics{{
    {"ARF", "Access to risk finance", "Zugang zu Risikofinanzierung"},
    {"ERC", "European Research Council frontier research", "ERC-Grundlagenforschung"},
    {"Euratom", "Nuclear research and training (Euratom)", "Nuklearforschung (Euratom)"},
    {"FET", "Future and emerging technologies", "Künftige und neu entstehende Technologien"},
    {"Innovation in SMEs", "Innovation in SMEs", "Innovation in KMU"},
    {"LEIT", "Leadership in enabling and industrial technologies",
     "Führende Rolle bei Grundlagen- und industriellen Technologien"},
    {"MSCA", "Marie Skłodowska-Curie researcher mobility", "Marie-Skłodowska-Curie-Mobilität"},
    {"RI", "Research infrastructures", "Forschungsinfrastrukturen"},
    {"SC1", "Health, demographic change and wellbeing", "Gesundheit, demografischer Wandel"},
    {"SC2", "Food security, bioeconomy, marine research",
     "Ernährung, Bioökonomie, Meeresforschung"},
    {"SC3", "Secure, clean and efficient energy", "Sichere, saubere und effiziente Energie"},
    {"SC4", "Smart, green and integrated transport", "Intelligenter, umweltfreundlicher Verkehr"},
    {"SC5", "Climate action, environment, raw materials", "Klimaschutz, Umwelt, Rohstoffe"},
    {"SC6", "Inclusive, innovative and reflective societies",
     "Integrative, innovative Gesellschaften"},
    {"SC7", "Secure societies", "Sichere Gesellschaften"},
    {"SEWP", "Spreading excellence and widening participation", "Exzellenz verbreiten"},
    {"SWAFS", "Science with and for society", "Wissenschaft mit der und für die Gesellschaft"},
}};

constexpr std::string_view topic_theme = "projects";

}  // namespace

std::string project_topic_id(std::string_view text) {
  std::string out = "project-";
  bool dash = false;
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
      dash = false;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
      dash = false;
    } else if (!dash) {
      out += '-';
      dash = true;
    }
  }
  while (out.ends_with('-')) out.pop_back();
  return out;
}

namespace {

// Key under which city spellings are merged: case folded, including German umlauts.
std::string city_key(std::string_view city) {
  std::string out;
  for (std::size_t i = 0; i < city.size(); ++i) {
    const auto c = static_cast<unsigned char>(city[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < city.size()) {
      auto next = static_cast<unsigned char>(city[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97)
        next = static_cast<unsigned char>(next + 0x20);
      out += static_cast<char>(c);
      out += static_cast<char>(next);
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool has_lower_case(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool looks_like_municipality(std::string_view name) {
  const std::string key = city_key(name);
  constexpr std::array markers{"stadt ",    "gemeinde",     "city of",      "municipality",
                               "comune di", "ayuntamiento", "commune de",   "gemeente",
                               "kreis ",    "landkreis",    "city council", "borough council"};
  return std::any_of(markers.begin(), markers.end(),
                     [&](const char* m) { return key.find(m) != std::string::npos; });
}

std::optional<core::ActorKind> kind_of_type(std::string_view type, std::string_view name) {
  if (type == "HES") return core::ActorKind::university;
  if (type == "REC") return core::ActorKind::research_institute;
  if (type == "PRC") return core::ActorKind::firm;
  if (type == "OTH") return core::ActorKind::association;
  if (type == "PUB") {
    return looks_like_municipality(name) ? core::ActorKind::municipality : core::ActorKind::agency;
  }
  return std::nullopt;
}

// Extracts made with R write "NA" for a missing value.
std::optional<int> year_cell(const std::string& text, const SourceLocation& where,
                             std::string_view what) {
  if (text == "NA") return std::nullopt;
  return cell::to_optional_int(text, where, what);
}

struct Organisation {
  std::string name;
  std::string short_name;
  std::string type;
  std::string city;
  std::string country;
  std::size_t line = 0;
};

struct Participation {
  std::uint32_t org;  // index into the sorted organisation list
  bool coordinator;
};

struct Project {
  std::optional<int> start;
  std::optional<int> end;
  std::vector<Participation> members;
};

}  // namespace

void ProjectColumns::set(std::string_view key, std::string name) {
  const std::pair<std::string_view, std::string*> fields[] = {{"project", &project},
                                                              {"pic", &pic},
                                                              {"type", &type},
                                                              {"role", &role},
                                                              {"start_year", &start_year},
                                                              {"end_year", &end_year},
                                                              {"country", &country},
                                                              {"org.pic", &org_pic},
                                                              {"org.name", &org_name},
                                                              {"org.short_name", &org_short_name},
                                                              {"org.type", &org_type},
                                                              {"org.city", &org_city},
                                                              {"org.country", &org_country},
                                                              {"topic.project", &topic_project},
                                                              {"topic.name", &topic_name}};
  for (const auto& [k, field] : fields) {
    if (k == key) {
      *field = std::move(name);
      return;
    }
  }
  std::string keys;
  for (const auto& [k, field] : fields) keys += (keys.empty() ? "" : ", ") + std::string(k);
  throw InvalidInput("unknown column key '" + std::string(key) + "' (known keys: " + keys + ")");
}

void ProjectColumns::apply(std::string_view mapping) {
  while (!mapping.empty()) {
    const auto comma = mapping.find(',');
    const std::string_view entry = mapping.substr(0, comma);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == entry.size()) {
      throw InvalidInput("column mapping '" + std::string(entry) + "' is not KEY=NAME");
    }
    set(entry.substr(0, eq), std::string(entry.substr(eq + 1)));
    mapping = comma == std::string_view::npos ? std::string_view() : mapping.substr(comma + 1);
  }
}

ProjectImport read_projects(const ProjectFiles& files, const ProjectImportOptions& options) {
  const ProjectColumns& cols = options.columns;
  if (options.from_year && options.to_year && *options.from_year > *options.to_year) {
    throw InvalidInput("the first year " + std::to_string(*options.from_year) +
                       " is after the last year " + std::to_string(*options.to_year) +
                       ": no project can start in between");
  }
  std::vector<std::string> warnings;

  // Organisations file: pic -> details.
  std::unordered_map<std::string, Organisation> organisations;
  {
    CsvReader csv(files.organisations, options.csv);
    const auto pic = csv.require(cols.org_pic), name = csv.require(cols.org_name),
               type = csv.require(cols.org_type), city = csv.require(cols.org_city);
    const auto short_name = csv.column(cols.org_short_name);
    const auto country = csv.column(cols.org_country);
    std::vector<std::string> row;
    std::size_t without_id = 0;
    SourceLocation first_without_id;
    while (csv.next(row)) {
      if (row[pic].empty()) {
        if (without_id++ == 0) first_without_id = csv.where(pic);
        continue;
      }
      Organisation org{row[name], short_name ? row[*short_name - 1] : std::string(), row[type],
                       row[city], country ? row[*country - 1] : std::string(),       csv.line()};
      if (!organisations.emplace(row[pic], std::move(org)).second) {
        throw InvalidInput(csv.where(pic), "duplicate organisation id '" + row[pic] + "'");
      }
    }
    if (without_id > 0) {
      warnings.push_back(first_without_id.to_string() + ": skipped " + std::to_string(without_id) +
                         " organisation row(s) without an id");
    }
  }

  // Participations: projects with their members, filtered by start year.
  struct RawParticipation {
    std::string project, pic, type, country;
    bool coordinator;
    std::optional<int> start, end;
    SourceLocation where;  // of the pic
  };
  std::vector<RawParticipation> raw;
  std::string participations_file;
  {
    CsvReader csv(files.participations, options.csv);
    participations_file = csv.file();
    const auto project = csv.require(cols.project), pic = csv.require(cols.pic),
               type = csv.require(cols.type);
    const auto role = csv.column(cols.role), start = csv.column(cols.start_year),
               end = csv.column(cols.end_year), country = csv.column(cols.country);
    std::vector<std::string> row;
    while (csv.next(row)) {
      if (row[project].empty()) throw InvalidInput(csv.where(project), "empty project id");
      if (row[pic].empty()) throw InvalidInput(csv.where(pic), "empty organisation id");
      RawParticipation p{row[project],
                         row[pic],
                         row[type],
                         country ? row[*country - 1] : "",
                         role && row[*role - 1] == "coordinator",
                         std::nullopt,
                         std::nullopt,
                         csv.where(pic)};
      if (start) p.start = year_cell(row[*start - 1], csv.where(*start - 1), "start year");
      if (end) p.end = year_cell(row[*end - 1], csv.where(*end - 1), "end year");
      if (p.start && p.end && *p.end < *p.start) {
        throw InvalidInput(csv.where(*end - 1), "end year is before start year");
      }
      if (options.from_year && (!p.start || *p.start < *options.from_year)) continue;
      if (options.to_year && (!p.start || *p.start > *options.to_year)) continue;
      if (!kind_of_type(p.type, "")) {
        const auto it = organisations.find(p.pic);
        if (it == organisations.end() || !kind_of_type(it->second.type, "")) {
          throw InvalidInput(csv.where(type), "unknown organisation type '" + p.type +
                                                  "' (expected HES, REC, PRC, PUB or OTH)");
        }
      }
      raw.push_back(std::move(p));
    }
  }

  // Actors in pic order, so output does not depend on file order.
  std::vector<std::string> pics;
  for (const auto& p : raw) pics.push_back(p.pic);
  std::sort(pics.begin(), pics.end());
  pics.erase(std::unique(pics.begin(), pics.end()), pics.end());
  auto index_of = [&](const std::string& pic) {
    return static_cast<std::uint32_t>(std::lower_bound(pics.begin(), pics.end(), pic) -
                                      pics.begin());
  };

  std::map<std::string, Project> projects;
  std::vector<std::string> first_type(pics.size()), first_country(pics.size());
  std::vector<SourceLocation> first_place(pics.size());
  for (const auto& p : raw) {
    const auto org = index_of(p.pic);
    if (first_place[org].file.empty()) first_place[org] = p.where;
    if (first_type[org].empty()) first_type[org] = p.type;
    if (first_country[org].empty()) first_country[org] = p.country;
    Project& project = projects[p.project];
    if (p.start && (!project.start || *p.start < *project.start)) project.start = p.start;
    if (p.end && (!project.end || *p.end > *project.end)) project.end = p.end;
    auto same = [&](const Participation& x) { return x.org == org; };
    auto it = std::find_if(project.members.begin(), project.members.end(), same);
    if (it == project.members.end()) {
      project.members.push_back({org, p.coordinator});
    } else {
      it->coordinator = it->coordinator || p.coordinator;
    }
  }

  // Topics per project.
  std::map<std::string, std::vector<std::string>> topics_of;
  std::set<std::string> topics;
  if (files.topics) {
    CsvReader csv(*files.topics, options.csv);
    const auto project = csv.require(cols.topic_project), name = csv.require(cols.topic_name);
    std::vector<std::string> row;
    while (csv.next(row)) {
      if (row[name].empty() || !projects.contains(row[project])) continue;
      auto& list = topics_of[row[project]];
      if (std::find(list.begin(), list.end(), row[name]) == list.end()) list.push_back(row[name]);
      topics.insert(row[name]);
    }
  }

  // Canonical city spelling: the most frequent among spellings with the same key, preferring
  // mixed case ("Berlin" over "BERLIN"), then the smallest.
  std::map<std::string, std::map<std::string, int>> spellings;
  for (const auto& pic : pics) {
    if (auto it = organisations.find(pic); it != organisations.end() && !it->second.city.empty()) {
      ++spellings[city_key(it->second.city)][it->second.city];
    }
  }
  std::unordered_map<std::string, std::string> canonical;
  for (const auto& [key, variants] : spellings) {
    const std::string* best = nullptr;
    int best_count = 0;
    for (const auto& [spelling, count] : variants) {
      const bool better = best == nullptr || (has_lower_case(spelling) && !has_lower_case(*best)) ||
                          (has_lower_case(spelling) == has_lower_case(*best) && count > best_count);
      if (better) {
        best = &spelling;
        best_count = count;
      }
    }
    for (const auto& [spelling, count] : variants) canonical[spelling] = *best;
  }

  core::RegionData out;
  std::vector<SourceLocation> actor_places;
  out.actors_origin = {files.organisations.string(), {}};
  out.ties_origin = {participations_file, {}};

  out.taxonomy.push_back(
      {std::string(topic_theme), "Funding programme topics", "Themen der Förderprogramme", "", 0});
  for (const auto& topic : topics) {
    std::string en = topic, de = topic;
    for (const auto& known : known_topics) {
      if (known[0] == topic) {
        en = known[1];
        de = known[2];
      }
    }
    out.taxonomy.push_back({project_topic_id(topic), en, de, std::string(topic_theme), 0});
  }

  // The projects as records, then what they make of their organisations.
  std::vector<ProjectRecord> records;
  for (const auto& [id, project] : projects) {
    ProjectRecord r{id, project.start, project.end, {}, {}};
    for (const auto& m : project.members) r.members.push_back({pics[m.org], m.coordinator});
    std::sort(r.members.begin(), r.members.end(),
              [](const auto& a, const auto& b) { return a.pic < b.pic; });
    if (const auto it = topics_of.find(id); it != topics_of.end()) {
      for (const auto& t : it->second) r.topics.push_back(project_topic_id(t));
      std::sort(r.topics.begin(), r.topics.end());
      r.topics.erase(std::unique(r.topics.begin(), r.topics.end()), r.topics.end());
    }
    records.push_back(std::move(r));
  }
  const ProjectStatistics statistics = project_statistics(records);

  for (std::uint32_t i = 0; i < pics.size(); ++i) {
    core::ActorRecord a;
    a.id = pics[i];
    const auto it = organisations.find(pics[i]);
    const bool named = it != organisations.end();
    a.name = named && !it->second.name.empty() ? it->second.name : "PIC " + pics[i];
    const std::string& type =
        named && kind_of_type(it->second.type, "") ? it->second.type : first_type[i];
    a.kind = *kind_of_type(type, a.name);
    if (named && !it->second.city.empty()) a.municipality = canonical.at(it->second.city);
    const std::string country =
        named && !it->second.country.empty() ? it->second.country : first_country[i];
    if (!country.empty()) a.attributes.push_back({"country", country});
    if (named && !it->second.short_name.empty())
      a.attributes.push_back({"short_name", it->second.short_name});
    const auto& stats = statistics.organisations.at(pics[i]);
    a.attributes.push_back({"projects", std::to_string(stats.projects)});
    a.attributes.push_back({"coordinated", std::to_string(stats.coordinated)});
    a.line = named ? it->second.line : 0;
    actor_places.push_back(named ? SourceLocation{files.organisations.string(), a.line, 0}
                                 : first_place[i]);
    out.actors.push_back(std::move(a));
    for (const auto& [topic, count] : stats.per_topic) {
      out.competences.push_back({pics[i], topic, core::CompetenceRole::offer,
                                 static_cast<double>(count) / stats.projects, 0});
    }
  }
  for (const auto& [key, pair] : statistics.pairs) {
    out.ties.push_back({key.first, key.second, core::TieKind::project,
                        static_cast<double>(pair.projects), pair.start, pair.end, 0});
  }
  return {std::move(out), std::move(records), std::move(warnings), std::move(actor_places)};
}

ProjectStatistics project_statistics(const std::vector<ProjectRecord>& projects) {
  ProjectStatistics out;
  for (const auto& project : projects) {
    for (const auto& m : project.members) {
      auto& org = out.organisations[m.pic];
      ++org.projects;
      if (m.coordinator) ++org.coordinated;
      for (const auto& t : project.topics) ++org.per_topic[t];
    }
    for (std::size_t i = 0; i < project.members.size(); ++i) {
      for (std::size_t j = i + 1; j < project.members.size(); ++j) {
        const auto& a = project.members[i].pic;
        const auto& b = project.members[j].pic;
        auto& pair = out.pairs[{std::min(a, b), std::max(a, b)}];
        ++pair.projects;
        if (project.start && (!pair.start || *project.start < *pair.start))
          pair.start = project.start;
        if (project.end && (!pair.end || *project.end > *pair.end)) pair.end = project.end;
      }
    }
  }
  return out;
}

}  // namespace verbund::io
