// `verbund import`: CSV files of the five tables, or consortium data (`import projects`).
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbund/io/project_import.hpp"
#include "verbund/io/region_csv.hpp"
#include "verbund/io/taxonomy_merge.hpp"

namespace verbund::cli {
namespace {

void print_counts(const GlobalOptions& global, const io::StoreCounts& added) {
  if (global.quiet) return;
  Table t{"imported", {"table", "rows"}, {}};
  t.rows = {{"themes", added.themes}, {"competences", added.competences},
            {"actors", added.actors}, {"actor_competences", added.actor_competences},
            {"ties", added.ties},     {"memberships", added.memberships}};
  print_tables(std::cout, {t}, global.format);
}

}  // namespace

Verb add_import_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    io::RegionCsvFiles files;
    io::ProjectFiles projects;
    std::string columns;
    std::optional<int> from_year, to_year;
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

  return {cmd, [&global, state, cmd, projects,
                suppliers = add_import_suppliers_subcommand(*cmd, global)] {
            if (suppliers()) return;
            core::RegionData data;
            std::string verb = "import";
            const CLI::App* described = cmd;
            std::vector<SourceLocation> project_actor_places;
            if (projects->parsed()) {
              if (state->from_year && state->to_year && *state->from_year > *state->to_year) {
                throw InvalidInput("--from-year " + std::to_string(*state->from_year) +
                                   " is after --to-year " + std::to_string(*state->to_year) +
                                   ": no project can start in between");
              }
              io::ProjectImportOptions options;
              options.columns.apply(state->columns);
              options.from_year = state->from_year;
              options.to_year = state->to_year;
              io::ProjectImport imported = io::read_projects(state->projects, options);
              data = std::move(imported.data);
              project_actor_places = std::move(imported.actor_places);
              if (!global.quiet) {
                for (const auto& w : imported.warnings)
                  std::cerr << "verbund: warning: " << w << "\n";
              }
              verb = "import projects";
              described = projects;
            } else {
              const auto& f = state->files;
              if (!f.taxonomy && !f.actors && !f.competences && !f.ties && !f.memberships) {
                throw InvalidInput(
                    "nothing to import: give at least one of --taxonomy, --actors, "
                    "--competences, --ties, --memberships (or `import projects`)");
              }
              data = io::read_region_csv(f);
            }
            io::Store store = open_store(global, /*create=*/true);
            if (projects->parsed()) {
              io::drop_known_taxonomy(data, store);
              // Organisations missing from the organisations file have no row there to name.
              for (std::size_t i = 0; i < data.actors.size(); ++i) {
                if (store.has_actor_id(data.actors[i].id)) {
                  throw InvalidInput(project_actor_places[i],
                                     "duplicate actor id '" + data.actors[i].id +
                                         "': the database already holds this organisation "
                                         "(project imports cannot merge yet)");
                }
              }
            }
            const io::RunRecord run{verb, describe_options(*described), std::nullopt};
            const io::StoreCounts added =
                global.no_record ? store.append(data) : store.append(data, run);
            print_counts(global, added);
          }};
}

}  // namespace verbund::cli
