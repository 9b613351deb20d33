// `verbund match consortium`: consortia for one call, or for several calls with shared caps
// (a subcommand of `match`, registered by verb_match.cpp).
#include <iostream>
#include <memory>
#include <sstream>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/match/calls.hpp"
#include "verbund/match/consortium.hpp"
#include "verbund/report/reasons.hpp"

namespace verbund::cli {
namespace {

std::string join_ids(const core::Region& region, const std::vector<core::ActorId>& actors) {
  std::string out;
  for (const auto a : actors) out += (out.empty() ? "" : " ") + std::string(region.external_id(a));
  return out;
}

std::vector<Json> score_cells(const match::ConsortiumScore& s) {
  return {s.total, s.coverage, s.optional, s.fit, s.cohesion, s.distance, s.novelty, s.balance};
}
const std::vector<std::string> score_columns{"score",    "coverage", "optional", "fit",
                                             "cohesion", "distance", "novelty",  "balance"};

Table consortia_table(const core::Region& region, const std::vector<match::Consortium>& list) {
  std::vector<std::string> columns{"rank"};
  columns.insert(columns.end(), score_columns.begin(), score_columns.end());
  columns.insert(columns.end(), {"size", "members"});
  Table t{"consortia", columns, {}};
  for (std::size_t r = 0; r < list.size(); ++r) {
    std::vector<Json> row{r + 1};
    for (auto& cell : score_cells(list[r].score)) row.push_back(std::move(cell));
    row.push_back(list[r].members.size());
    row.push_back(join_ids(region, list[r].members));
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<Table> explain_tables(const core::Region& region,
                                  const std::vector<match::Consortium>& list, report::Lang lang) {
  Table words{"what hangs on each member", {"rank", "id", "sentence"}, {}};
  Table members{"members",
                {"rank", "id", "name", "kind", "municipality", "must", "feasible without",
                 "score without", "best replacement", "score with replacement"},
                {}};
  Table coverage{"coverage", {"rank", "competence", "required", "needed", "covered by"}, {}};
  for (std::size_t r = 0; r < list.size(); ++r) {
    for (const auto& c : list[r].criticality) {
      words.rows.push_back(
          {r + 1, region.external_id(c.member), report::member_sentence(region, list[r], c, lang)});
      members.rows.push_back(
          {r + 1, region.external_id(c.member), region.name(c.member),
           std::string(to_string(region.kind(c.member))), place_of(region, c.member), c.must,
           c.feasible_without, c.total_without,
           c.replacement ? Json(region.external_id(*c.replacement)) : Json(nullptr),
           c.replacement ? Json(c.total_with_replacement) : Json(nullptr)});
    }
    for (const auto& cov : list[r].coverage) {
      coverage.rows.push_back({r + 1, cov.competence, cov.required,
                               cov.required ? Json(cov.needed) : Json(nullptr),
                               join_ids(region, cov.members)});
    }
  }
  return {words, members, coverage};
}

struct ConsortiumCli {
  std::string call;
  std::vector<std::string> calls;
  std::size_t top = 5;
  bool exact = false;
  bool explain = false;
  std::size_t restarts = 64;
};

}  // namespace

std::function<void()> add_consortium_subcommand(CLI::App& match, const GlobalOptions& global) {
  auto o = std::make_shared<ConsortiumCli>();
  CLI::App* cmd = match.add_subcommand(
      "consortium",
      "Consortia for a funding call (TOML rules, see data/calls/), or for several "
      "calls with shared caps");
  auto* one = cmd->add_option("--call", o->call, "the call file")->check(CLI::ExistingFile);
  auto* many = cmd->add_option("--calls", o->calls, "several call files, one consortium each")
                   ->check(CLI::ExistingFile);
  one->excludes(many);
  many->excludes(one);
  cmd->add_option("--top", o->top, "consortia to return (per call with --calls)")
      ->capture_default_str()
      ->check(number_range(1, 100));
  cmd->add_flag("--exact", o->exact, "enumerate every feasible consortium (small calls only)");
  cmd->add_flag("--explain", o->explain,
                "per member: what it covers, whether the consortium survives without it, and "
                "its best replacement");
  cmd->add_option("--restarts", o->restarts, "search restarts")
      ->capture_default_str()
      ->check(number_range(1, 100000));
  return [&global, o, cmd] {
    if (!cmd->parsed()) return;
    if (o->call.empty() && o->calls.empty())
      throw InvalidInput("match consortium: give --call FILE or --calls FILE...");
    std::vector<match::Call> calls;
    if (!o->call.empty()) calls.push_back(match::load_call(o->call));
    for (const auto& f : o->calls) calls.push_back(match::load_call(f));
    io::Store store = open_store(global, /*create=*/false);
    const core::Region region = store.load_region();
    for (const auto& c : calls) match::check_call_against(c, region);
    const match::TransferScorer scorer(region, {});
    const match::ConsortiumOptions options{
        .top = o->top, .restarts = o->restarts, .seed = global.seed.value_or(1), .exact = o->exact};
    std::vector<Table> tables;
    bool unsolved = false;  // a call without a consortium: exit 3 once everything is out
    if (calls.size() == 1 && o->calls.empty()) {
      const auto result = match::build_consortia(scorer, calls[0], options);
      Table summary{"call", {"indicator", "value"}, {}};
      summary.rows = {{"call", calls[0].name},
                      {"method", result.exact ? "exact enumeration" : "greedy + local search"},
                      {"eligible actors", result.eligible},
                      {"actors searched", result.pool},
                      {"consortia found", result.consortia.size()}};
      tables.push_back(summary);
      if (result.consortia.empty()) {
        unsolved = true;
        Table why{"diagnosis", {"reason"}, {}};
        for (const auto& d : result.diagnosis) why.rows.push_back({d});
        tables.push_back(why);
      } else {
        tables.push_back(consortia_table(region, result.consortia));
        if (o->explain) {
          for (auto& t : explain_tables(region, result.consortia, global.lang))
            tables.push_back(std::move(t));
        }
      }
    } else {
      const auto result = match::build_for_calls(scorer, calls, options);
      Table summary{"calls", {"call", "found", "chosen", "score", "members"}, {}};
      for (std::size_t k = 0; k < calls.size(); ++k) {
        const auto& found = result.options[k].consortia;
        const auto& chosen = result.chosen[k];
        if (!chosen) unsolved = true;
        summary.rows.push_back(
            {calls[k].name, found.size(), chosen ? Json(*chosen + 1) : Json(nullptr),
             chosen ? Json(found[*chosen].score.total) : Json(nullptr),
             chosen ? Json(join_ids(region, found[*chosen].members)) : Json("")});
      }
      Table totals{"assignment", {"indicator", "value"}, {}};
      totals.rows = {{"total score", result.total},
                     {"consortia per actor at most", result.actor_cap},
                     {"combinations", result.exhaustive ? "all tried" : "greedy (too many)"}};
      tables = {totals, summary};
      Table why{"diagnosis", {"call", "reason"}, {}};
      for (std::size_t k = 0; k < calls.size(); ++k)
        for (const auto& d : result.options[k].diagnosis) why.rows.push_back({calls[k].name, d});
      if (!why.rows.empty()) tables.push_back(why);
    }
    print_tables(std::cout, tables, global);
    record_reading_run(store, global, {"match consortium", describe_options(*cmd), global.seed});
    if (unsolved) throw NoSolution{};
  };
}

}  // namespace verbund::cli
