#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/region_data.hpp"
#include "verbund/error.hpp"
#include "verbund/io/csv_reader.hpp"

namespace verbund::io {

/// Column names of a project-participation source; the defaults are those of the CORDIS
/// Horizon 2020 extracts. Keys for set(): project, pic, type, role, start_year, end_year,
/// country (participations); org.pic, org.name, org.short_name, org.type, org.city,
/// org.country (organisations); topic.project, topic.name (programme parts / topics).
struct ProjectColumns {
  std::string project = "rcn";
  std::string pic = "pic";
  std::string type = "type";
  std::string role = "role";
  std::string start_year = "start_year";
  std::string end_year = "end_year";
  std::string country = "country";
  std::string org_pic = "pic";
  std::string org_name = "name";
  std::string org_short_name = "short_name";
  std::string org_type = "type";
  std::string org_city = "city";
  std::string org_country = "country";
  std::string topic_project = "rcn";
  std::string topic_name = "programme_part";

  /// Renames one column. Throws InvalidInput naming the key if it is unknown. O(keys).
  /// Not thread-safe on one object.
  void set(std::string_view key, std::string name);
  /// Applies "KEY=NAME,KEY=NAME"; throws InvalidInput on a malformed or unknown entry (entries
  /// before it are applied). O(length x keys). Not thread-safe on one object.
  void apply(std::string_view mapping);
};

struct ProjectFiles {
  std::filesystem::path participations;
  std::filesystem::path organisations;
  std::optional<std::filesystem::path> topics;  ///< project -> programme part / topic
};

struct ProjectImportOptions {
  ProjectColumns columns;
  std::optional<int> from_year;  ///< keep projects starting in or after this year
  std::optional<int> to_year;    ///< keep projects starting in or before this year
  CsvOptions csv;                ///< the files' dialect; what it leaves open is detected
};

/// One project as imported: what a later import merges into (by id).
struct ProjectRecord {
  struct Member {
    std::string pic;
    bool coordinator = false;
    friend bool operator==(const Member&, const Member&) = default;
  };
  std::string id;
  std::optional<int> start;
  std::optional<int> end;
  std::vector<Member> members;      ///< sorted by pic, each once
  std::vector<std::string> topics;  ///< competence ids (see project_topic_id), sorted, each once
  friend bool operator==(const ProjectRecord&, const ProjectRecord&) = default;
};

/// The competence id of a project topic: "project-" and the topic in lower case, other
/// characters as '-' ("SC3" -> "project-sc3"). O(length). Thread-safe; throws only bad_alloc.
[[nodiscard]] std::string project_topic_id(std::string_view topic);

/// What projects make of their organisations: per organisation (pic) its number of projects,
/// coordinations and projects per topic; per pair its joint projects and their span.
struct ProjectStatistics {
  struct Organisation {
    int projects = 0;
    int coordinated = 0;
    std::map<std::string, int> per_topic;  ///< competence id -> projects
  };
  struct Pair {
    int projects = 0;
    std::optional<int> start;  ///< earliest start of a joint project
    std::optional<int> end;    ///< latest end of a joint project
  };
  std::map<std::string, Organisation> organisations;
  std::map<std::pair<std::string, std::string>, Pair> pairs;  ///< (smaller pic, larger pic)
};

/// Counts `projects` (each once, whatever order). O(sum over projects of members^2 log).
/// Thread-safe; throws only std::bad_alloc.
[[nodiscard]] ProjectStatistics project_statistics(const std::vector<ProjectRecord>& projects);

/// A project import's records and what was left out of them.
struct ProjectImport {
  core::RegionData data;
  /// The projects kept, by id: Store::merge_projects merges them into earlier imports.
  std::vector<ProjectRecord> projects;
  /// Rows that could not be used (e.g. an organisation row without an id), one line per cause
  /// with the first place it happened: real-world files are rarely clean.
  std::vector<std::string> warnings;
  /// Where each actor of `data` (same order) comes from: its row of the organisations file, or
  /// its first row of the participations file when the organisations file has none.
  std::vector<SourceLocation> actor_places;
};

/// Reads a consortium source (e.g. CORDIS) into a batch:
/// - every organisation taking part in a kept project becomes an actor with its pic as id
///   (type HES -> university, REC -> research_institute, PRC -> firm, PUB -> municipality when
///   the name says so, else agency, OTH -> association); attributes country, short_name,
///   projects and coordinated; the city becomes the municipality (spellings that differ only in
///   case, e.g. BERLIN/Berlin, are merged to the most common one);
/// - co-participation becomes one `project` tie per pair of organisations, weighted by their
///   number of joint projects, from the first joint project's start year to the last one's end;
/// - each organisation offers the topics of its projects, weighted by the share of its projects
///   under each topic; the topics become competences under the theme `projects`.
/// Organisations without a row in the organisations file are named "PIC <pic>"; rows of the
/// organisations file without an id cannot be matched and are skipped with a warning.
/// Throws InvalidInput naming file, line and column (or the options, if `from_year` is after
/// `to_year`); IoError if a file cannot be read.
/// O(P log P + S log S) for P participation rows and S = sum over projects of size^2 (the
/// co-participation pairs). Thread-safe (the files are only read).
[[nodiscard]] ProjectImport read_projects(const ProjectFiles& files,
                                          const ProjectImportOptions& options = {});

}  // namespace verbund::io
