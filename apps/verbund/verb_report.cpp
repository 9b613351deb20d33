// `verbund report firm|call|scenario|region … --out FILE.html [--lang de|en]`: one
// self-contained HTML file (inline CSS and SVG, no script) to pass on, in German or English.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <optional>

#include "option_checks.hpp"
#include "sim_runs.hpp"
#include "verb_report.hpp"
#include "verbund/error.hpp"
#include "verbund/io/scenario_inputs.hpp"
#include "verbund/io/store_scoped.hpp"
#include "verbund/io/supply_store.hpp"
#include "verbund/match/consortium.hpp"
#include "verbund/report/call_report.hpp"
#include "verbund/report/empty_database.hpp"
#include "verbund/report/firm_report.hpp"
#include "verbund/report/region_report.hpp"
#include "verbund/report/scenario_report.hpp"
#include "verbund/supply/search.hpp"

namespace verbund::cli {
namespace {

struct ReportCli {
  std::string out;
  std::string firm;
  std::size_t top = 5;
  bool include_existing = false;
  std::string call;
  std::size_t restarts = 64;
  std::vector<std::string> scenarios;
  std::size_t replicates = 20;
};

void add_common(CLI::App* cmd, ReportCli& o) {
  // The language is the global --lang (de or en, default from the locale).
  cmd->add_option("--out", o.out, "the HTML file to write")->required();
}

// Before any work: an --out that cannot be written is bad input.
void check_out(const std::string& path) {
  check_writable(path);
  std::error_code error;
  if (std::filesystem::exists(path, error) && access(path.c_str(), W_OK) != 0)
    throw InvalidInput(SourceLocation{path, 0, 0}, "cannot write here: the file is read-only");
}

void write_report(const std::string& path, const std::string& html, const GlobalOptions& global) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << html;
  file.close();
  if (!file) throw InvalidInput(SourceLocation{path, 0, 0}, "cannot write the report");
  if (!global.quiet)
    std::cout << report::pick(global.lang, "wrote ", "geschrieben: ") << path << " ("
              << (html.size() + 1023) / 1024 << " KB)\n";
}

// Runs the baseline and each scenario on common random numbers; what the scenario report shows.
std::vector<report::ScenarioOutcome> run_scenarios(const GlobalOptions& global, const ReportCli& o,
                                                   const core::Region& region,
                                                   const std::vector<io::LoadedScenario>& loaded,
                                                   const std::vector<std::string>& names) {
  const auto seed = global.seed.value_or(1);
  // Every scenario compiles before any runs: a mistake in the last one costs no time.
  std::vector<sim::Model> models;
  models.reserve(loaded.size());
  for (const auto& l : loaded)
    models.push_back(sim::compile(region, l.scenario, l.inputs, {.seed = seed}));
  std::vector<sim::Scenario> scenarios;
  for (const auto& l : loaded) scenarios.push_back(l.scenario);
  sim::check_same_start_year(models, scenarios);
  for (const auto& model : models) print_notes(model, global.quiet);
  std::vector<report::ScenarioOutcome> outcomes;
  outcomes.reserve(models.size());
  const auto baseline = run_model(models.front(), o.replicates, global.quiet);
  if (baseline.cancelled) throw Interrupted{};
  // `extra`: the participant indicators' series (participants and non-participants of the
  // scenario's interventions), when the run measured them.
  auto participant_series =
      [](const sim::Run& run,
         const std::vector<std::array<sim::Estimate, sim::indicator_count>>& summary) {
        std::vector<report::NamedSeries> out;
        if (!run.participants) return out;
        for (auto k = sim::first_participant_indicator; k < sim::indicator_count; ++k) {
          report::NamedSeries series{std::string(sim::indicator_names[k]), {}};
          for (const auto& month : summary) series.months.push_back(month[k]);
          out.push_back(std::move(series));
        }
        return out;
      };
  const auto base_summary = sim::summarize(baseline);
  outcomes.push_back({names[0],
                      base_summary,
                      {},
                      report::programme_end(loaded[0].scenario),
                      participant_series(baseline, base_summary),
                      baseline.series.size(),
                      baseline.supply});
  for (std::size_t s = 1; s < models.size(); ++s) {
    const auto run = run_model(models[s], o.replicates, global.quiet);
    if (run.cancelled) throw Interrupted{};
    const auto summary = sim::summarize(run);
    outcomes.push_back({names[s], summary, sim::compare(baseline, run),
                        report::programme_end(loaded[s].scenario), participant_series(run, summary),
                        run.series.size(), run.supply});
  }
  return outcomes;
}

void scenario_verb(const GlobalOptions& global, const ReportCli& o, report::Lang lang,
                   const CLI::App& command) {
  std::vector<io::LoadedScenario> loaded;
  std::vector<sim::Scenario> scenarios;
  std::vector<std::string> names;
  loaded.reserve(o.scenarios.size());
  scenarios.reserve(o.scenarios.size());
  names.reserve(o.scenarios.size());
  for (const auto& f : o.scenarios) {
    loaded.push_back(io::load_scenario_inputs(f));
    scenarios.push_back(loaded.back().scenario);
    names.push_back(loaded.back().scenario.name);
  }
  sim::check_same_horizon(scenarios);
  check_series_fit_in_memory(scenarios.size(), o.replicates, scenarios.front().horizon);
  names = distinct_names(names);
  io::Store store = open_store(global, /*create=*/false);
  const core::Region region = store.load_region();
  if (region.size() == 0) {
    write_report(o.out,
                 report::empty_database_report(
                     lang, report::pick(lang, "Scenario report", "Szenariobericht")),
                 global);
    return;
  }
  const auto market = stored_market(store);  // shared by every scenario
  for (auto& l : loaded) l.inputs.market = market;
  const auto outcomes = run_scenarios(global, o, region, loaded, names);
  write_report(o.out, report::scenario_report(outcomes, {.lang = lang}), global);
  record_reading_run(store, global,
                     {"report scenario", describe_options(command), global.seed.value_or(1)});
}

// The firm's part of the supplier market: its demands, the offers of the suppliers of their
// categories, and those suppliers' flows summed up (committed capacity, customers) instead of
// read row by row.
io::BuyerMarket firm_market_data(const io::Store& store, const std::string& firm) {
  return io::load_buyer_market(store, firm);
}

// What a firm report reads: the region, with competences only where the report reads them
// (io::load_region_for_actor), and the firm's part of the supplier market. The two reads are
// independent: with more than one thread the market is read on a second, read-only connection
// while the region loads and the transfer scorer is built.
std::string firm_html(const GlobalOptions& global, io::Store& store, const ReportCli& o,
                      report::Lang lang) {
  const bool parallel = global.threads != 1;
  auto data = std::async(parallel ? std::launch::async : std::launch::deferred,
                         [&store, path = store.path(), parallel, &firm = o.firm] {
                           if (!parallel) return firm_market_data(store, firm);
                           const auto reader = io::Store::open(path, io::OpenMode::read_only);
                           return firm_market_data(reader, firm);
                         });
  const auto region = io::load_region_for_actor(store, o.firm);
  const match::TransferScorer scorer(region, {});  // the default pool: what the load read for
  core::ActorId id{0};
  // The firm's demands get regional suppliers when the database holds a market.
  std::optional<supply::Market> market;
  std::optional<supply::SupplierIndex> index;
  if (region.size() > 0) {  // an empty database gets a page saying so, whatever the id
    const auto found = region.find(o.firm);
    if (!found) throw InvalidInput("unknown actor id '" + o.firm + "'");
    id = *found;
    report::require_firm(region, id, lang);  // before the market slice is built
    if (const auto slice = data.get(); !slice.data.demands.empty()) {
      market.emplace(supply::Market::build_with_totals(region, slice.data, slice.totals));
      index.emplace(*market);
    }
  }
  return report::firm_report(scorer, id,
                             {.lang = lang,
                              .top = o.top,
                              .include_existing = o.include_existing,
                              .suppliers = index ? &*index : nullptr});
}

// The report, and whether the call has no consortium (the report then holds the diagnosis).
std::string call_html(const GlobalOptions& global, const core::Region& region, const ReportCli& o,
                      report::Lang lang, bool& infeasible) {
  const auto call = match::load_call(o.call);
  match::ConsortiumResult result;
  if (region.size() > 0) {
    match::check_call_against(call, region);
    const match::TransferScorer scorer(region, {});
    result = match::build_consortia(
        scorer, call, {.top = o.top, .restarts = o.restarts, .seed = global.seed.value_or(1)});
    infeasible = result.consortia.empty();
  }
  return report::call_report(region, call, result, {.lang = lang, .consortia = o.top});
}

}  // namespace

Verb add_report_verb(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<ReportCli>();
  CLI::App* verb = app.add_subcommand(
      "report",
      "A self-contained HTML report (German or English) on a firm, a call, scenarios "
      "or the region, to pass on");
  verb->require_subcommand(1);
  CLI::App* firm = verb->add_subcommand(
      "firm", "Profile, partners and recommended research partners with their reasons");
  firm->add_option("id", o->firm, "the firm's id")->required();
  firm->add_option("--top", o->top, "recommended partners")
      ->capture_default_str()
      ->check(number_range(1, 100));
  firm->add_flag("--include-existing", o->include_existing,
                 "also recommend current partners (marked as such)");
  CLI::App* call = verb->add_subcommand(
      "call", "The best consortia for a call, who covers what, critical members; or why none");
  call->add_option("file", o->call, "the call file (TOML)")->required()->check(CLI::ExistingFile);
  call->add_option("--top", o->top, "consortia shown")
      ->capture_default_str()
      ->check(number_range(1, 20));
  call->add_option("--restarts", o->restarts, "search restarts")
      ->capture_default_str()
      ->check(number_range(1, 100000));
  CLI::App* scenario = verb->add_subcommand(
      "scenario", "Scenarios against a baseline: time charts with 95 % bands, verdicts, fade-out");
  scenario->add_option("scenarios", o->scenarios, "BASELINE.toml SCENARIO.toml ...")
      ->required()
      ->expected(2, 1000)
      ->check(CLI::ExistingFile);
  scenario->add_option("--replicates", o->replicates, "replicates per scenario")
      ->capture_default_str()
      ->check(number_range(2, 100000));
  CLI::App* region = verb->add_subcommand(
      "region", "Map of actors and ties, indicators by municipality, brokers, communities");
  for (auto* cmd : {firm, call, scenario, region}) add_common(cmd, *o);

  return {
      verb, [&global, o, firm, call, scenario, region] {
        const auto lang = global.lang;
        check_out(o->out);
        if (scenario->parsed()) {
          scenario_verb(global, *o, lang, *scenario);
          return;
        }
        io::Store store = open_store(global, /*create=*/false);
        std::string html;
        const CLI::App* used = region;
        bool infeasible = false;
        if (firm->parsed()) {
          html = firm_html(global, store, *o, lang);
          write_report(o->out, html, global);
          record_reading_run(store, global, {"report firm", describe_options(*firm), global.seed});
          return;
        }
        const core::Region r = store.load_region();
        if (call->parsed()) {
          used = call;
          html = call_html(global, r, *o, lang, infeasible);
        } else {
          const report::RegionReportOptions options{.lang = lang, .seed = global.seed.value_or(1)};
          html = report::region_report(r, report::analyse_region(r, options), options);
        }
        write_report(o->out, html, global);
        record_reading_run(
            store, global,
            {std::string("report ") + used->get_name(), describe_options(*used), global.seed});
        // As `match consortium`: written, but no consortium meets the call's rules.
        if (infeasible) {
          if (!global.quiet)
            std::cerr << "verbund: "
                      << report::pick(global.lang,
                                      "no consortium meets the call's rules; the report says "
                                      "why",
                                      "kein Konsortium erfüllt die Regeln des Aufrufs; der "
                                      "Bericht sagt, warum")
                      << "\n";
          throw NoSolution{};
        }
      }};
}

}  // namespace verbund::cli
