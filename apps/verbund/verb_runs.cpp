// `verbund runs` and `verbund runs show N`: the provenance table read back, with a run's options,
// input files and simulated series.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/io/run_history.hpp"

namespace verbund::cli {
namespace {

// What simulate and compare add to the options: shown in their own tables, not as options.
bool is_provenance_key(const std::string& key) {
  return key == "inputs" || key == "scenario_inputs" || key == "scenario_hashes" ||
         key == "scenario_hash" || key == "region_fingerprint" || key == "replicates_finished";
}

Json parsed_parameters(const io::StoredRun& run) {
  Json doc = Json::parse(run.parameters, nullptr, /*allow_exceptions=*/false);
  return doc.is_object() ? doc : Json::object();
}

std::string value_text(const Json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// "--firms=2000 --seed=1 scenario=baseline.toml": the options in one line.
std::string options_summary(const io::StoredRun& run) {
  std::string text;
  const Json params = parsed_parameters(run);
  for (const auto& [key, value] : params.items()) {
    if (is_provenance_key(key)) continue;
    text += (text.empty() ? "" : " ") + key + "=" + value_text(value);
  }
  return text;
}

Json seed_cell(const io::StoredRun& run) { return run.seed ? Json(*run.seed) : Json(nullptr); }

Table run_list(const std::vector<io::StoredRun>& runs, bool shorten) {
  Table t{"runs", {"id", "time", "verb", "options", "seed", "series values"}, {}};
  for (const auto& run : runs) {
    std::string options = options_summary(run);
    if (shorten && options.size() > 60) options = options.substr(0, 57) + "...";
    t.rows.push_back(
        {run.id, run.started_at, run.verb, options, seed_cell(run), run.series_values});
  }
  return t;
}

std::vector<Table> run_details(const io::StoredRun& run) {
  const Json params = parsed_parameters(run);
  Table head{"run", {"field", "value"}, {}};
  head.rows = {
      {"id", run.id},
      {"verb", run.verb},
      {"time", run.started_at},
      {"version", run.version},
      {"seed", seed_cell(run)},
      {"options hash", run.param_hash},
      {"region fingerprint",
       params.contains("region_fingerprint") ? params["region_fingerprint"] : Json(nullptr)},
      {"series values", run.series_values}};
  Table options{"options", {"option", "value"}, {}};
  for (const auto& [key, value] : params.items()) {
    if (!is_provenance_key(key)) options.rows.push_back({key, value_text(value)});
  }
  Table inputs{"inputs", {"scenario", "role", "path", "hash"}, {}};
  auto add_inputs = [&](const Json& scenario, const Json& files) {
    if (!files.is_array()) return;
    for (const auto& f : files) {
      inputs.rows.push_back(
          {scenario, f.value("role", ""), f.value("path", ""), f.value("hash", "")});
    }
  };
  if (params.contains("inputs")) add_inputs(nullptr, params["inputs"]);
  if (params.contains("scenario_inputs") && params["scenario_inputs"].is_array()) {
    for (const auto& s : params["scenario_inputs"])
      add_inputs(s.value("name", ""), s.contains("inputs") ? s["inputs"] : Json());
  }
  return {head, options, inputs};
}

Table series_table(const std::vector<io::StoredSeriesValue>& values) {
  Table t{"series", {"scenario", "replicate", "month", "indicator", "value"}, {}};
  t.rows.reserve(values.size());
  for (const auto& v : values)
    t.rows.push_back({v.scenario, v.replicate, v.month, v.indicator, v.value});
  return t;
}

}  // namespace

Verb add_runs_verb(CLI::App& app, const GlobalOptions& global) {
  struct State {
    std::int64_t id = 0;
    std::string out;
  };
  auto o = std::make_shared<State>();
  CLI::App* cmd = app.add_subcommand(
      "runs", "The stored runs (provenance): what ran when, with which options and seed");
  CLI::App* show = cmd->add_subcommand(
      "show",
      "One run: its options, input files with their hashes, region fingerprint and stored "
      "series");
  show->add_option("run", o->id, "the run's id (first column of `verbund runs`)")->required();
  show->add_option("--out", o->out,
                   "write the series to this file: CSV, or JSON (every table) when it ends in "
                   ".json");
  return {cmd, [&global, o, show] {
            const io::Store store = open_store(global, /*create=*/false);
            if (!show->parsed()) {
              print_tables(std::cout,
                           {run_list(io::list_runs(store), global.format == Format::table)},
                           global);
              return;
            }
            const auto run = io::find_run(store, o->id);
            if (!run) {
              const auto runs = io::list_runs(store);
              throw InvalidInput("runs show: no run " + std::to_string(o->id) + "; " +
                                 (runs.empty() ? std::string("the database holds no runs")
                                               : "the database holds runs " +
                                                     std::to_string(runs.front().id) + " to " +
                                                     std::to_string(runs.back().id)));
            }
            auto tables = run_details(*run);
            const Table series = series_table(io::run_series(store, run->id));
            if (!o->out.empty()) {
              const bool json =
                  o->out.size() >= 5 && o->out.compare(o->out.size() - 5, 5, ".json") == 0;
              if (json) {
                auto all = tables;
                all.push_back(series);
                write_tables(o->out, all, Format::json);
              } else {
                write_tables(o->out, {series}, Format::csv);
              }
            } else if (global.format != Format::table) {
              tables.push_back(series);
            } else if (!series.rows.empty()) {
              std::cerr << report::pick(global.lang, "verbund: note: ", "verbund: Hinweis: ")
                        << series.rows.size()
                        << report::pick(global.lang,
                                        " series values not shown; --format csv or json, or "
                                        "--out FILE, gives them",
                                        " Reihenwerte nicht gezeigt; --format csv oder json oder "
                                        "--out DATEI gibt sie aus")
                        << "\n";
            }
            if (global.format == Format::table) {
              std::erase_if(tables, [](const Table& t) { return t.rows.empty(); });
            }
            if (!global.quiet || o->out.empty()) print_tables(std::cout, tables, global);
          }};
}

}  // namespace verbund::cli
