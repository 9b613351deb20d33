// `verbund import`: CSV files of the five tables (appended, or with --update/--delete changed in
// place), or consortium data (`import projects`, merged into earlier project imports).
#include <cstdint>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbund/io/project_import.hpp"
#include "verbund/io/region_csv.hpp"

namespace verbund::cli {
namespace {

// `relations`: the rows of a --competence-relations file, stored (added or replaced); below 0
// when no such file was given.
void print_counts(const GlobalOptions& global, const io::StoreCounts& added,
                  std::int64_t relations) {
  if (global.quiet) return;
  Table t{"imported", {"table", "rows"}, {}};
  t.rows = {{"themes", added.themes}, {"competences", added.competences},
            {"actors", added.actors}, {"actor_competences", added.actor_competences},
            {"ties", added.ties},     {"memberships", added.memberships}};
  if (relations >= 0) t.rows.push_back({"competence_relations", relations});
  print_tables(std::cout, {t}, global);
}

void print_changes(const GlobalOptions& global, const io::UpdateSummary& summary) {
  if (global.quiet) return;
  Table t{"changes", {"table", "added", "changed", "unchanged", "deleted"}, {}};
  const std::pair<const char*, const io::RowChanges*> tables[] = {
      {"themes", &summary.themes},
      {"competences", &summary.competences},
      {"actors", &summary.actors},
      {"actor_attributes", &summary.attributes},
      {"actor_competences", &summary.actor_competences},
      {"ties", &summary.ties},
      {"memberships", &summary.memberships},
      {"projects", &summary.projects},
      {"competence_relations", &summary.competence_relations}};
  for (const auto& [name, c] : tables) {
    const bool optional = c == &summary.projects || c == &summary.competence_relations;
    if (optional && *c == io::RowChanges{}) continue;
    t.rows.push_back({name, c->added, c->changed, c->unchanged, c->deleted});
  }
  for (const auto& [name, deleted] : summary.other_deleted)
    t.rows.push_back({name, 0, 0, 0, deleted});
  print_tables(std::cout, {t}, global);
}

// "--delimiter ';'" as a character; "tab" or "\t" for a tab.
char delimiter_of(const std::string& text) {
  if (text == "tab" || text == "\\t" || text == "\t") return '\t';
  if (text.size() != 1 || text == "\"" || text == "\n" || text == "\r") {
    throw InvalidInput("--delimiter '" + text +
                       "' is not one character (give ',', ';', '|' or tab)");
  }
  return text[0];
}

}  // namespace

Verb add_import_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    io::RegionCsvFiles files;
    io::ProjectFiles projects;
    std::string columns;
    std::optional<int> from_year, to_year;
    bool update = false;
    std::optional<std::filesystem::path> deletions;
    std::optional<std::string> delimiter;
    bool decimal_comma = false;

    [[nodiscard]] io::CsvOptions csv() const {
      io::CsvOptions options;
      if (delimiter) options.delimiter = delimiter_of(*delimiter);
      if (decimal_comma) options.decimal_comma = true;
      return options;
    }
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Import CSV files (one transaction: any bad row and nothing is written)");
  cmd->add_option("--taxonomy", state->files.taxonomy,
                  "themes and competences: id,label_en,label_de,theme")
      ->check(CLI::ExistingFile);
  cmd->add_option("--actors", state->files.actors,
                  "actors: id,name,kind,municipality,lat,lon[,...]")
      ->check(CLI::ExistingFile);
  cmd->add_option("--competences", state->files.competences, "actor,competence,role,weight")
      ->check(CLI::ExistingFile);
  cmd->add_option("--ties", state->files.ties, "source,target,kind,weight,start,end")
      ->check(CLI::ExistingFile);
  cmd->add_option("--memberships", state->files.memberships, "actor,group,start,end")
      ->check(CLI::ExistingFile);
  cmd->add_option("--competence-relations", state->files.competence_relations,
                  "related competences: a,b,strength (strength in (0, 1]); with --update the "
                  "file replaces the stored pairs")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--update", state->update,
                "change what is stored: actors matched by id, competences replaced per actor and "
                "role, ties matched by source, target, kind and start; prints what changed");
  cmd->add_option("--delete", state->deletions,
                  "delete the actors listed in this CSV file (column id) with their ties, "
                  "memberships, competences and attributes")
      ->check(CLI::ExistingFile);
  auto add_dialect_options = [&](CLI::App* command) {
    command->add_option("--delimiter", state->delimiter,
                        "field delimiter: ',', ';' or tab (default: detected from the header)");
    command->add_flag("--decimal-comma", state->decimal_comma,
                      "numbers are written 1,5 (default: so when the delimiter is ';')");
  };
  add_dialect_options(cmd);
  cmd->require_subcommand(0, 1);

  CLI::App* projects = cmd->add_subcommand(
      "projects",
      "Import consortium data (CORDIS column names by default): organisations become "
      "actors, co-participation becomes project ties");
  projects
      ->add_option("--participations", state->projects.participations,
                   "project participations (rcn,role,pic,type,...)")
      ->required()
      ->check(CLI::ExistingFile);
  projects
      ->add_option("--organisations", state->projects.organisations,
                   "organisations (pic,name,short_name,type,city,country)")
      ->required()
      ->check(CLI::ExistingFile);
  projects->add_option("--topics", state->projects.topics, "project topics (rcn,programme_part)")
      ->check(CLI::ExistingFile);
  projects->add_option(
      "--columns", state->columns,
      "column names of another source: KEY=NAME,... (keys: project, pic, type, role, "
      "start_year, end_year, country, org.pic, org.name, org.short_name, org.type, "
      "org.city, org.country, topic.project, topic.name)");
  projects->add_option("--from-year", state->from_year,
                       "only projects starting in or after this year");
  projects->add_option("--to-year", state->to_year,
                       "only projects starting in or before this year");
  add_dialect_options(projects);

  return {
      cmd,
      [&global, state, cmd, projects, suppliers = add_import_suppliers_subcommand(*cmd, global)] {
        if (suppliers()) return;
        if (projects->parsed()) {
          if (state->update || state->deletions) {
            throw InvalidInput(
                "--update and --delete apply to the CSV tables, not to `import projects` "
                "(which merges into earlier project imports by itself)");
          }
          if (state->from_year && state->to_year && *state->from_year > *state->to_year) {
            throw InvalidInput("--from-year " + std::to_string(*state->from_year) +
                               " is after --to-year " + std::to_string(*state->to_year) +
                               ": no project can start in between");
          }
          io::ProjectImportOptions options;
          options.columns.apply(state->columns);
          options.from_year = state->from_year;
          options.to_year = state->to_year;
          options.csv = state->csv();
          const io::ProjectImport imported = io::read_projects(state->projects, options);
          if (!global.quiet) {
            for (const auto& w : imported.warnings)
              std::cerr << report::pick(global.lang, "verbund: warning: ", "verbund: Warnung: ")
                        << w << "\n";
          }
          io::Store store = open_store(global, /*create=*/true);
          const io::RunRecord run{"import projects", describe_options(*projects), std::nullopt};
          print_changes(
              global,
              store.merge_projects(imported, global.no_record ? std::nullopt : std::optional(run)));
          return;
        }
        const auto& f = state->files;
        const bool any_file = f.taxonomy || f.actors || f.competences || f.ties || f.memberships ||
                              f.competence_relations;
        if (!any_file && !state->deletions) {
          throw InvalidInput(
              "nothing to import: give at least one of --taxonomy, --actors, --competences, "
              "--ties, --memberships, --competence-relations, --delete (or `import projects`)");
        }
        if (state->deletions && any_file && !state->update) {
          throw InvalidInput(
              "--delete with files to import changes stored rows in place: give --update as well");
        }
        const core::RegionData data = io::read_region_csv(f, state->csv());
        if (state->update || state->deletions) {
          io::ActorDeletions deletions;
          if (state->deletions)
            deletions = io::read_actor_deletions(*state->deletions, state->csv());
          io::Store store = open_store(global, /*create=*/true);
          const io::RunRecord run{state->update ? "import --update" : "import --delete",
                                  describe_options(*cmd), std::nullopt};
          print_changes(global, store.update(data, deletions,
                                             global.no_record ? std::nullopt : std::optional(run)));
          return;
        }
        io::Store store = open_store(global, /*create=*/true);
        const io::RunRecord run{"import", describe_options(*cmd), std::nullopt};
        const auto relations = f.competence_relations
                                   ? static_cast<std::int64_t>(data.competence_relations.size())
                                   : std::int64_t{-1};
        print_counts(global, global.no_record ? store.append(data) : store.append(data, run),
                     relations);
      }};
}

}  // namespace verbund::cli
