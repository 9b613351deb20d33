// Store::merge_projects: a project import merged into the projects imported before, so that a
// project imported twice counts once and the ties and counts it implies are recounted.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "store_founding.hpp"
#include "store_impl.hpp"
#include "verbund/error.hpp"
#include "verbund/io/founding.hpp"

namespace verbund::io {

using detail::Database;
using detail::Statement;
using detail::Transaction;

namespace {

constexpr std::string_view topic_theme = "projects";

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

// `later` merged into `earlier`: members and topics united, the later import's years and
// coordinator flags where it has them.
ProjectRecord merged(const ProjectRecord& earlier, const ProjectRecord& later) {
  ProjectRecord out = earlier;
  if (later.start) out.start = later.start;
  if (later.end) out.end = later.end;
  for (const auto& m : later.members) {
    auto it = std::find_if(out.members.begin(), out.members.end(),
                           [&](const auto& x) { return x.pic == m.pic; });
    if (it == out.members.end()) {
      out.members.push_back(m);
    } else {
      it->coordinator = m.coordinator;
    }
  }
  std::sort(out.members.begin(), out.members.end(),
            [](const auto& a, const auto& b) { return a.pic < b.pic; });
  out.topics.insert(out.topics.end(), later.topics.begin(), later.topics.end());
  std::sort(out.topics.begin(), out.topics.end());
  out.topics.erase(std::unique(out.topics.begin(), out.topics.end()), out.topics.end());
  return out;
}

class ProjectMerger {
 public:
  ProjectMerger(Database& db, const ProjectImport& imported) : db_(db), imported_(imported) {}

  UpdateSummary run() {
    existing_ = detail::read_existing_actors(db_);
    read_stored_projects();
    check_and_validate();
    merge_records();
    statistics_ = project_statistics(all_projects_);
    write_taxonomy();
    write_actors();
    write_counts();
    write_ties();
    check_founding();
    write_projects();
    return summary_;
  }

 private:
  void read_stored_projects() {
    {
      Statement stmt(db_, "SELECT id, start, \"end\", topics FROM projects");
      while (stmt.step()) {
        const std::string id(stmt.text(0));
        ProjectRecord p{id, stmt.optional_int(1), stmt.optional_int(2), {}, {}};
        std::string_view topics = stmt.text(3);
        while (!topics.empty()) {
          const auto space = topics.find(' ');
          p.topics.emplace_back(topics.substr(0, space));
          topics = space == std::string_view::npos ? std::string_view() : topics.substr(space + 1);
        }
        stored_.emplace(id, std::move(p));
      }
    }
    {
      Statement stmt(db_,
                     "SELECT m.project, a.ext_id, m.coordinator FROM project_members m "
                     "JOIN actors a ON a.id = m.actor");
      while (stmt.step()) {
        stored_.at(std::string(stmt.text(0)))
            .members.push_back({std::string(stmt.text(1)), stmt.int64(2) != 0});
        with_projects_.emplace(stmt.text(1));
      }
    }
    for (auto& [id, p] : stored_) {
      std::sort(p.members.begin(), p.members.end(),
                [](const auto& a, const auto& b) { return a.pic < b.pic; });
      std::sort(p.topics.begin(), p.topics.end());
    }
  }

  void check_and_validate() {
    const auto& actors = imported_.data.actors;
    Statement counted(db_, "SELECT 1 FROM actor_attributes WHERE actor = ? AND key = 'projects'");
    core::RegionData fresh;
    fresh.actors_origin = imported_.data.actors_origin;
    fresh.taxonomy_origin = imported_.data.taxonomy_origin;
    for (std::size_t i = 0; i < actors.size(); ++i) {
      const auto it = existing_.by_id.find(actors[i].id);
      if (it == existing_.by_id.end()) {
        fresh.actors.push_back(actors[i]);
        continue;
      }
      counted.reset();
      counted.bind(1, it->second.first);
      const bool has_count = counted.step();
      counted.reset();
      if (has_count && !with_projects_.contains(actors[i].id)) {
        const SourceLocation where =
            i < imported_.actor_places.size() ? imported_.actor_places[i] : SourceLocation{};
        throw InvalidInput(where, "organisation " + in_quotes(actors[i].id) +
                                      " was imported by an older verbund that kept no record of "
                                      "its projects, so they cannot be merged without counting "
                                      "them twice; import all project files into a new database");
      }
    }
    std::set<std::string, std::less<>> themes, competences;
    for (const auto& [table, into] :
         {std::pair{"themes", &themes}, std::pair{"competences", &competences}}) {
      Statement stmt(db_, std::string("SELECT id FROM ") + table);
      while (stmt.step()) into->emplace(stmt.text(0));
    }
    for (const auto& row : imported_.data.taxonomy) {
      if (!(row.theme.empty() ? themes : competences).contains(row.id))
        fresh.taxonomy.push_back(row);
    }
    core::KnownContent known{[&](std::string_view id) -> std::optional<core::ActorKind> {
                               auto it = existing_.by_id.find(id);
                               if (it == existing_.by_id.end()) return std::nullopt;
                               return it->second.second;
                             },
                             [&](std::string_view id) { return themes.contains(id); },
                             [&](std::string_view id) { return competences.contains(id); }};
    core::validate(fresh, known);
    new_taxonomy_ = std::move(fresh.taxonomy);
  }

  void merge_records() {
    std::map<std::string, ProjectRecord> all = stored_;
    for (const auto& p : imported_.projects) {
      const auto it = stored_.find(p.id);
      if (it == stored_.end()) {
        all[p.id] = p;
        ++summary_.projects.added;
        changed_projects_.insert(p.id);
        continue;
      }
      ProjectRecord m = merged(it->second, p);
      if (m == it->second) {
        ++summary_.projects.unchanged;
      } else {
        ++summary_.projects.changed;
        changed_projects_.insert(p.id);
      }
      all[p.id] = std::move(m);
    }
    for (auto& [id, p] : all) all_projects_.push_back(std::move(p));
  }

  void write_taxonomy() {
    Statement theme(db_, "INSERT INTO themes(id, label_en, label_de) VALUES (?, ?, ?)");
    Statement competence(
        db_, "INSERT INTO competences(id, label_en, label_de, theme) VALUES (?, ?, ?, ?)");
    for (const auto& row : new_taxonomy_) {
      Statement& stmt = row.theme.empty() ? theme : competence;
      stmt.bind(1, row.id);
      stmt.bind(2, row.label_en);
      stmt.bind(3, row.label_de);
      if (!row.theme.empty()) stmt.bind(4, row.theme);
      stmt.run();
      ++(row.theme.empty() ? summary_.themes.added : summary_.competences.added);
    }
  }

  void write_actors() {
    Statement insert(db_,
                     "INSERT INTO actors(ext_id, name, kind, municipality) VALUES (?, ?, ?, ?)");
    Statement attribute(
        db_, "INSERT OR IGNORE INTO actor_attributes(actor, key, value) VALUES (?, ?, ?)");
    Statement name(db_, "SELECT name FROM actors WHERE id = ?");
    Statement rename(db_, "UPDATE actors SET name = ? WHERE id = ?");
    for (const auto& a : imported_.data.actors) {
      auto it = existing_.by_id.find(a.id);
      std::int64_t row = 0;
      if (it == existing_.by_id.end()) {
        insert.bind(1, a.id);
        insert.bind(2, a.name);
        insert.bind(3, to_string(a.kind));
        detail::bind_optional_text(insert, 4, a.municipality);
        insert.run();
        row = sqlite3_last_insert_rowid(db_.handle());
        existing_.by_id.emplace(a.id, std::pair{row, a.kind});
        ++summary_.actors.added;
      } else {
        row = it->second.first;
        // A name the organisations file lacked becomes the real one once a file has it.
        name.reset();
        name.bind(1, row);
        const bool placeholder = name.step() && name.text(0) == "PIC " + a.id;
        name.reset();
        if (placeholder && a.name != "PIC " + a.id) {
          rename.bind(1, a.name);
          rename.bind(2, row);
          rename.run();
          ++summary_.actors.changed;
        } else {
          ++summary_.actors.unchanged;
        }
      }
      // Counted attributes are written by write_counts; the others only where missing.
      for (const auto& attr : a.attributes) {
        if (attr.key == "projects" || attr.key == "coordinated") continue;
        attribute.bind(1, row);
        attribute.bind(2, attr.key);
        attribute.bind(3, attr.value);
        attribute.run();
        if (sqlite3_changes(db_.handle()) > 0) ++summary_.attributes.added;
      }
    }
  }

  // The attributes projects and coordinated, and the topic offers, of every organisation.
  void write_counts() {
    Statement read_attribute(db_, "SELECT value FROM actor_attributes WHERE actor = ? AND key = ?");
    Statement set_attribute(
        db_, "INSERT OR REPLACE INTO actor_attributes(actor, key, value) VALUES (?, ?, ?)");
    Statement read_offers(db_,
                          "SELECT ac.competence, ac.weight FROM actor_competences ac JOIN "
                          "competences c ON c.id = ac.competence WHERE ac.actor = ? AND ac.role = "
                          "'offer' AND c.theme = ?");
    Statement set_offer(db_,
                        "INSERT OR REPLACE INTO actor_competences(actor, competence, role, weight) "
                        "VALUES (?, ?, 'offer', ?)");
    Statement drop_offer(
        db_, "DELETE FROM actor_competences WHERE actor = ? AND competence = ? AND role = 'offer'");
    for (const auto& [pic, stats] : statistics_.organisations) {
      const std::int64_t row = existing_.by_id.at(pic).first;
      for (const auto& [key, value] :
           {std::pair{"projects", stats.projects}, std::pair{"coordinated", stats.coordinated}}) {
        const std::string text = std::to_string(value);
        read_attribute.reset();
        read_attribute.bind(1, row);
        read_attribute.bind(2, std::string_view(key));
        const bool found = read_attribute.step();
        const bool same = found && read_attribute.text(0) == text;
        read_attribute.reset();
        if (same) {
          ++summary_.attributes.unchanged;
          continue;
        }
        ++(found ? summary_.attributes.changed : summary_.attributes.added);
        set_attribute.bind(1, row);
        set_attribute.bind(2, std::string_view(key));
        set_attribute.bind(3, text);
        set_attribute.run();
      }
      std::map<std::string, double, std::less<>> stored;
      read_offers.reset();
      read_offers.bind(1, row);
      read_offers.bind(2, topic_theme);
      while (read_offers.step())
        stored.emplace(std::string(read_offers.text(0)), read_offers.real(1));
      read_offers.reset();
      for (const auto& [topic, count] : stats.per_topic) {
        const double weight = static_cast<double>(count) / stats.projects;
        const auto it = stored.find(topic);
        if (it != stored.end() && it->second == weight) {
          ++summary_.actor_competences.unchanged;
          continue;
        }
        ++(it == stored.end() ? summary_.actor_competences.added
                              : summary_.actor_competences.changed);
        set_offer.bind(1, row);
        set_offer.bind(2, topic);
        set_offer.bind(3, weight);
        set_offer.run();
      }
      for (const auto& [topic, weight] : stored) {
        if (stats.per_topic.contains(topic)) continue;
        ++summary_.actor_competences.deleted;
        drop_offer.bind(1, row);
        drop_offer.bind(2, topic);
        drop_offer.run();
      }
    }
  }

  void write_ties() {
    struct StoredTie {
      std::int64_t id;
      double weight;
      std::optional<int> start, end;
    };
    std::map<std::pair<std::string, std::string>, StoredTie> marked;
    {
      Statement stmt(db_,
                     "SELECT t.id, s.ext_id, g.ext_id, t.weight, t.start, t.\"end\" FROM "
                     "project_ties p JOIN ties t ON t.id = p.tie JOIN actors s ON s.id = t.source "
                     "JOIN actors g ON g.id = t.target");
      while (stmt.step()) {
        std::string a(stmt.text(1)), b(stmt.text(2));
        if (b < a) std::swap(a, b);
        marked.emplace(std::pair{a, b}, StoredTie{stmt.int64(0), stmt.real(3), stmt.optional_int(4),
                                                  stmt.optional_int(5)});
      }
    }
    Statement insert(db_,
                     "INSERT INTO ties(source, target, kind, weight, start, \"end\") "
                     "VALUES (?, ?, 'project', ?, ?, ?)");
    Statement mark(db_, "INSERT INTO project_ties(tie, first, second) VALUES (?, ?, ?)");
    Statement update(db_, "UPDATE ties SET weight = ?, start = ?, \"end\" = ? WHERE id = ?");
    for (const auto& [key, pair] : statistics_.pairs) {
      const auto weight = static_cast<double>(pair.projects);
      const auto it = marked.find(key);
      if (it == marked.end()) {
        const std::int64_t a = existing_.by_id.at(key.first).first;
        const std::int64_t b = existing_.by_id.at(key.second).first;
        insert.bind(1, a);
        insert.bind(2, b);
        insert.bind(3, weight);
        insert.bind(4, pair.start);
        insert.bind(5, pair.end);
        insert.run();
        mark.bind(1, static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_.handle())));
        mark.bind(2, std::min(a, b));
        mark.bind(3, std::max(a, b));
        mark.run();
        ++summary_.ties.added;
        continue;
      }
      const StoredTie& t = it->second;
      if (t.weight == weight && t.start == pair.start && t.end == pair.end) {
        ++summary_.ties.unchanged;
        continue;
      }
      update.bind(1, weight);
      update.bind(2, pair.start);
      update.bind(3, pair.end);
      update.bind(4, t.id);
      update.run();
      ++summary_.ties.changed;
    }
  }

  // A project tie may not start before either organisation was founded (a year that an
  // import --update gave it): refused at the organisation's row, naming the first joint project.
  void check_founding() {
    detail::FoundingYears years(db_, {});
    auto year_of = [&](std::string_view id) { return years.of(id); };
    for (const auto& [key, pair] : statistics_.pairs) {
      const auto conflict = founding_conflict(pair.start, key.first, key.second, year_of);
      if (!conflict) continue;
      std::string project;
      for (const auto& p : all_projects_) {
        auto has = [&](const std::string& pic) {
          return std::any_of(p.members.begin(), p.members.end(),
                             [&](const auto& m) { return m.pic == pic; });
        };
        if (p.start == pair.start && has(key.first) && has(key.second)) {
          project = p.id;
          break;
        }
      }
      SourceLocation where;
      const auto& actors = imported_.data.actors;
      for (std::size_t i = 0; i < actors.size() && i < imported_.actor_places.size(); ++i) {
        if (actors[i].id == conflict->actor) where = imported_.actor_places[i];
      }
      throw InvalidInput(where, founding_message("the project tie", key.first, key.second,
                                                 *pair.start, *conflict) +
                                    " (joint project " + in_quotes(project) +
                                    "); correct the project's start or the founding year");
    }
  }

  void write_projects() {
    Statement project(
        db_, "INSERT OR REPLACE INTO projects(id, start, \"end\", topics) VALUES (?, ?, ?, ?)");
    Statement member(db_,
                     "INSERT OR REPLACE INTO project_members(project, actor, coordinator) "
                     "VALUES (?, ?, ?)");
    for (const auto& p : all_projects_) {
      if (!changed_projects_.contains(p.id)) continue;
      project.bind(1, p.id);
      project.bind(2, p.start);
      project.bind(3, p.end);
      std::string topics;
      for (const auto& t : p.topics) topics += (topics.empty() ? "" : " ") + t;
      project.bind(4, topics);
      project.run();
      for (const auto& m : p.members) {
        member.bind(1, p.id);
        member.bind(2, existing_.by_id.at(m.pic).first);
        member.bind(3, static_cast<std::int64_t>(m.coordinator ? 1 : 0));
        member.run();
      }
    }
  }

  Database& db_;
  const ProjectImport& imported_;
  detail::ExistingActors existing_;
  std::map<std::string, ProjectRecord> stored_;
  std::set<std::string, std::less<>> with_projects_;  // pics with stored project members
  std::vector<core::TaxonomyRecord> new_taxonomy_;
  std::vector<ProjectRecord> all_projects_;
  std::set<std::string> changed_projects_;
  ProjectStatistics statistics_;
  UpdateSummary summary_;
};

}  // namespace

UpdateSummary Store::merge_projects(const ProjectImport& imported,
                                    const std::optional<RunRecord>& run) {
  auto& db = impl_->db;
  Transaction tx(db);
  detail::check_integrity(db, impl_->path.string());
  UpdateSummary summary = ProjectMerger(db, imported).run();
  if (run) (void)detail::insert_run(db, *run);
  tx.commit();
  return summary;
}

}  // namespace verbund::io
