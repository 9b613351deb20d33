// Simulation: reproducibility for any thread count, common random numbers, the effect of
// interventions in the expected direction, scenario files.
#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/gen/ruhr_market.hpp"
#include "verbund/io/market_csv.hpp"
#include "verbund/io/scenario_inputs.hpp"
#include "verbund/match/call.hpp"
#include "verbund/sim/simulate.hpp"

using namespace verbund;

namespace {

const core::Region& region() {
  static const core::Region r = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 1500, .seed = 5});
  return r;
}

/// region()'s supplier market, as `generate ruhr` makes it.
std::shared_ptr<const supply::MarketData> market() {
  static const auto m = [] {
    const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
    io::MarketCsvFiles reference;
    reference.categories = gen::bundled_supply_dir() / "categories.csv";
    reference.certifications = gen::bundled_supply_dir() / "certifications.csv";
    return std::make_shared<const supply::MarketData>(
        gen::generate_ruhr_market(base, gen::generate_ruhr(base, {.firms = 1500, .seed = 5}),
                                  io::read_market_csv(reference), {.seed = 5}));
  }();
  return m;
}

sim::Scenario scenario(const std::string& interventions, int horizon = 12) {
  return sim::parse_scenario(
      "name = \"t\"\nhorizon_months = " + std::to_string(horizon) + "\n" + interventions, "t.toml");
}

bool same(const sim::Run& a, const sim::Run& b) {
  if (a.series.size() != b.series.size()) return false;
  for (std::size_t r = 0; r < a.series.size(); ++r)
    for (std::size_t t = 0; t < a.series[r].size(); ++t)
      if (sim::values(a.series[r][t]) != sim::values(b.series[r][t])) return false;
  return true;
}

/// A scenario file with everything it names, compiled and run.
sim::Run run_file(const std::filesystem::path& path, const sim::RunOptions& options,
                  std::uint64_t seed) {
  const auto loaded = io::load_scenario_inputs(path);
  return sim::simulate(sim::compile(region(), loaded.scenario, loaded.inputs, {.seed = seed}),
                       options);
}

}  // namespace

TEST_CASE("replicates are bit-identical for any thread count and differ between seeds", "[sim]") {
  const auto s =
      io::load_scenario_inputs(test::project_data_dir() / "scenarios" / "dortmund-post-crisis.toml")
          .scenario;
  auto shorter = s;
  shorter.horizon = 12;
  shorter.model.firm_exit = 0.01;  // firms close and start up too
  shorter.model.firm_entry = 0.05;
  sim::Run one, two;
  {
    const core::ThreadLimit limit(1);
    one = sim::simulate(region(), shorter, {.replicates = 4}, 3);
  }
  {
    const core::ThreadLimit limit(2);
    two = sim::simulate(region(), shorter, {.replicates = 4}, 3);
  }
  CHECK(same(one, two));
  REQUIRE(one.series.size() == 4);
  CHECK(one.series[0].size() == 13);
  const auto other = sim::simulate(region(), shorter, {.replicates = 4}, 4);
  CHECK_FALSE(same(one, other));
  // Replicates differ from each other.
  CHECK(sim::values(one.series[0].back()) != sim::values(one.series[1].back()));
}

TEST_CASE("a scenario compared with itself differs by exactly zero (common random numbers)",
          "[sim]") {
  const auto base = scenario("");
  const auto a = sim::simulate(region(), base, {.replicates = 5}, 8);
  const auto b = sim::simulate(region(), base, {.replicates = 5}, 8);
  for (const auto& month : sim::compare(a, b))
    for (const auto& e : month) {
      CHECK(e.mean == 0.0);
      CHECK(e.low == 0.0);
      CHECK(e.high == 0.0);
    }
  const auto summary = sim::summarize(a);
  REQUIRE(summary.size() == 13);
  CHECK(summary.front()[7].low == Approx(summary.front()[7].high));  // month 0 is the data
  CHECK(summary.back()[7].low < summary.back()[7].high);
}

TEST_CASE("working groups add ties, shocks remove them, against the paired baseline", "[sim]") {
  const auto base = sim::simulate(region(), scenario(""), {.replicates = 6}, 2);
  const auto group = sim::simulate(
      region(),
      scenario(
          "[[intervention]]\ntype = \"working_group\"\nname = \"wg\"\nstart = 1\nend = 12\n"
          "meetings = 4\nselect = { kinds = [\"firm\"], municipality = \"Essen\", size = 40 }\n"),
      {.replicates = 6}, 2);
  REQUIRE(group.groups.size() == 1);
  CHECK(group.groups[0].second.size() == 40);
  const auto more = sim::compare(base, group).back()[7];  // ties
  CHECK(more.low > 0.0);
  const auto shocked =
      sim::simulate(region(),
                    scenario("[[intervention]]\ntype = \"shock\"\nat = 1\nremove_share = 0.5\n"
                             "select = { kinds = [\"firm\"] }\n"),
                    {.replicates = 6}, 2);
  const auto fewer = sim::compare(base, shocked)[1][7];  // ties right after the shock
  CHECK(fewer.high < 0.0);
}

TEST_CASE("cancellation keeps finished replicates only", "[sim]") {
  std::atomic<bool> cancel{true};
  const auto run = sim::simulate(region(), scenario(""), {.replicates = 3, .cancel = &cancel}, 1);
  CHECK(run.cancelled);
  CHECK(run.series.empty());
}

TEST_CASE("scenario files: bundled ones parse, bad ones are refused at their place", "[sim]") {
  for (const auto& entry :
       std::filesystem::directory_iterator(test::project_data_dir() / "scenarios")) {
    const auto loaded = io::load_scenario_inputs(entry.path());
    const auto& s = loaded.scenario;
    CHECK(s.horizon == 60);
    auto quick = s;
    quick.horizon = s.fork ? s.fork->month.value_or(0) + 1 : 1;
    auto with_market = loaded.inputs;
    with_market.market = market();
    const auto model = sim::compile(region(), quick, with_market);
    CHECK(model.measures_supply());
    CHECK_NOTHROW(sim::simulate(model, {.replicates = 1}));
    // Without a market, only a supplier initiative that names no suppliers is refused.
    const bool needs_market = entry.path().filename() == "zulieferinitiative-ruhr.toml" ||
                              entry.path().filename() == "dortmund-value-chains.toml";
    if (needs_market) {
      CHECK_THROWS_WITH(sim::compile(region(), quick, loaded.inputs),
                        Catch::Contains("import suppliers"));
    } else {
      CHECK_NOTHROW(sim::simulate(sim::compile(region(), quick, loaded.inputs), {.replicates = 1}));
    }
  }
  auto message = [](const std::string& text) {
    try {
      (void)sim::parse_scenario(text, "s.toml");
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message("horizon = 3\n"), Catch::Contains("s.toml:1:1: unknown key 'horizon'"));
  CHECK_THAT(message("[model]\ndecay = 1.5\n"), Catch::Contains("'decay' must be below 1"));
  CHECK_THAT(message("[model.effects]\nbase = \"low\"\n"), Catch::Contains("s.toml:2:"));
  CHECK_THAT(message("[model.effects.spaceship]\nbase = 1\n"),
             Catch::Contains("unknown key 'spaceship'"));
  CHECK_THAT(
      message("[[intervention]]\ntype = \"parade\"\n"),
      Catch::Contains("s.toml:2:8") && Catch::Contains("unknown intervention type 'parade'"));
  CHECK_THAT(message("[[intervention]]\ntype = \"working_group\"\n"),
             Catch::Contains("list members or give select.size"));
  CHECK_THAT(message("[[intervention]]\ntype = \"shock\"\nat = 2\n"),
             Catch::Contains("needs a target"));
  CHECK_THAT(message("horizon_months = 24\n[[intervention]]\ntype = \"working_group\"\n"
                     "members = [\"a\"]\nend = 36\n"),
             Catch::Contains("s.toml:5:7") &&
                 Catch::Contains("'end' = 36 lies outside the horizon (months 1 to 24)"));
  CHECK_THAT(message("horizon_months = 24\n[[intervention]]\ntype = \"shock\"\nat = 0\n"),
             Catch::Contains("'at' = 0 lies outside the horizon"));
  CHECK_THAT(message("[[intervention]]\ntype = \"transfer_office\"\nstart = 1.5\n"),
             Catch::Contains("'start' must be a whole number of months"));
  const auto unknown =
      scenario("[[intervention]]\ntype = \"working_group\"\nmembers = [\"ghost\"]\n");
  CHECK_THROWS_WITH(sim::simulate(region(), unknown, {.replicates = 1}, 1),
                    Catch::Contains("unknown actor 'ghost'"));
  const auto nowhere = scenario(
      "[[intervention]]\ntype = \"working_group\"\nselect = { municipality = \"Atlantis\", size = "
      "3 }\n");
  CHECK_THROWS_WITH(sim::simulate(region(), nowhere, {.replicates = 1}, 1),
                    Catch::Contains("unknown municipality 'Atlantis'"));
  // Unknown values are pointed at where they are written, with the closest known ones.
  const auto ghost_at =
      scenario("[[intervention]]\ntype = \"working_group\"\nmembers = [\"rub\",\n  \"ghost\"]\n");
  CHECK_THROWS_WITH(sim::simulate(region(), ghost_at, {.replicates = 1}, 1),
                    Catch::StartsWith("t.toml:6:3: ") && Catch::Contains("unknown actor 'ghost'"));
  const auto typo = scenario(
      "[[intervention]]\ntype = \"working_group\"\n[intervention.select]\nsize = 3\ntheme = "
      "\"green-tec\"\n");
  CHECK_THROWS_WITH(sim::simulate(region(), typo, {.replicates = 1}, 1),
                    Catch::StartsWith("t.toml:7:9: ") &&
                        Catch::Contains("unknown theme 'green-tec' (closest: 'green-tech'"));
  CHECK_THAT(message("[[intervention]]\ntype = \"shock\"\nselect = { sector = \"metal\" }\n"),
             Catch::Contains("s.toml:3:21") && Catch::Contains("not a NACE/WZ code"));
  // Municipalities match the way people type them.
  const auto essen = scenario(
      "[[intervention]]\ntype = \"working_group\"\nselect = { municipality = \"ESSEN\", size = 2 "
      "}\n");
  CHECK_NOTHROW(sim::simulate(region(), essen, {.replicates = 1}, 1));
  const auto essn = scenario(
      "[[intervention]]\ntype = \"working_group\"\nselect = { municipality = \"Essn\", size = 2 "
      "}\n");
  CHECK_THROWS_WITH(sim::simulate(region(), essn, {.replicates = 1}, 1),
                    Catch::StartsWith("t.toml:5:27: ") && Catch::Contains("(closest: 'Essen'"));
  // A fork that replays its origin says when.
  CHECK_THAT(message("[fork]\nfrom = \"base.toml\"\n"),
             Catch::Contains("'month' says when to fork"));
}

TEST_CASE(
    "transfer offices raise the share of firms with a science tie, matchmaking days add "
    "ties in their month",
    "[sim]") {
  const auto base = sim::simulate(region(), scenario(""), {.replicates = 6}, 6);
  const auto office = sim::simulate(
      region(),
      scenario(
          "[[intervention]]\ntype = \"transfer_office\"\nintroductions = 30\nconversion = 0.5\n"),
      {.replicates = 6}, 6);
  CHECK(sim::compare(base, office).back()[4].low > 0.0);  // science share
  const auto day = sim::simulate(
      region(),
      scenario("[[intervention]]\ntype = \"matchmaking_event\"\nat = 2\nmeetings = 3\n"
               "conversion = 0.5\nselect = { kinds = [\"firm\"], size = 200 }\n"),
      {.replicates = 6}, 6);
  const auto diff = sim::compare(base, day);
  CHECK(diff[1][7].mean == 0.0);  // nothing before the day: the same random numbers
  CHECK(diff[2][7].low > 0.0);    // ties on the day
}

TEST_CASE(
    "funding calls add project ties of the funded consortia, supplier initiatives add "
    "supply ties",
    "[sim]") {
  const auto base = sim::simulate(region(), scenario(""), {.replicates = 4}, 7);
  const auto call = (test::project_data_dir() / "calls" / "efre-hydrogen.toml").string();
  auto funded_scenario = scenario(
      "[[intervention]]\ntype = \"funding_call\"\nat = 2\nconsortia = 2\nduration = 5\n"
      "call = \"" +
      call + "\"\n");
  // A scenario built in code brings the files it names already read.
  sim::ScenarioInputs inputs;
  inputs.calls.emplace(call, match::load_call(call));
  const auto funded = sim::simulate(sim::compile(region(), funded_scenario, inputs, {.seed = 7}),
                                    {.replicates = 4});
  CHECK_THROWS_WITH(sim::simulate(region(), funded_scenario, {.replicates = 1}, 7),
                    Catch::Contains("t.toml:3:1: funding_call #1: the call file") &&
                        Catch::Contains("was not loaded"));
  const auto diff = sim::compare(base, funded);
  CHECK(diff[1][7].mean == 0.0);
  CHECK(diff[2][7].low > 0.0);  // the consortia's pairs are tied in month 2
  const auto suppliers = sim::simulate(
      region(),
      scenario("[[intervention]]\ntype = \"supplier_initiative\"\nmeetings = 2\nvisibility = 3\n"
               "buyers = { sector = \"28\" }\nsuppliers = { sector = \"25\" }\n"),
      {.replicates = 4}, 7);
  CHECK(sim::compare(base, suppliers).back()[7].low > 0.0);
  // A spent budget means no meetings: with budget 0 the run is the baseline, draw for draw.
  const auto unfunded = sim::simulate(
      region(),
      scenario("[[intervention]]\ntype = \"supplier_initiative\"\nmeetings = 2\nbudget = 0\n"
               "buyers = { sector = \"28\" }\nsuppliers = { sector = \"25\" }\n"),
      {.replicates = 4}, 7);
  // (The participant indicators are the scenario's own: the baseline has none to pair.)
  for (const auto& month : sim::compare(base, unfunded))
    for (std::size_t k = 0; k < sim::first_participant_indicator; ++k) CHECK(month[k].mean == 0.0);
  // Without a supplier market, the initiative must say who the suppliers are.
  CHECK_THROWS_WITH(
      sim::simulate(region(), scenario("[[intervention]]\ntype = \"supplier_initiative\"\n"),
                    {.replicates = 1}, 1),
      Catch::Contains("holds no supplier market") && Catch::Contains("suppliers.sector"));
  CHECK_THROWS_AS(
      sim::simulate(region(),
                    scenario("[[intervention]]\ntype = \"funding_call\"\ncall = \"nope.toml\"\n"),
                    {.replicates = 1}, 1),
      InvalidInput);
}

TEST_CASE("a scenario forked from another shares its months up to the fork exactly", "[sim]") {
  test::ScratchDir dir;
  test::write_file(dir / "base.toml", "name = \"b\"\nhorizon_months = 10\n");
  test::write_file(dir / "fork.toml",
                   "name = \"f\"\nhorizon_months = 10\n[fork]\nfrom = \"base.toml\"\nmonth = 4\n"
                   "[[intervention]]\ntype = \"working_group\"\nstart = 5\nend = 10\nmeetings = 4\n"
                   "select = { kinds = [\"firm\"], size = 60 }\n");
  const auto base = run_file(dir / "base.toml", {.replicates = 4}, 5);
  const auto fork = run_file(dir / "fork.toml", {.replicates = 4}, 5);
  const auto diff = sim::compare(base, fork);
  for (std::size_t m = 0; m <= 4; ++m)
    for (const auto& e : diff[m]) CHECK(e.mean == 0.0);
  CHECK(diff[10][7].low > 0.0);  // the working group added ties after the fork
  test::write_file(dir / "loop.toml",
                   "horizon_months = 10\n[fork]\nfrom = \"fork.toml\"\nmonth = 2\n");
  CHECK_THROWS_WITH(run_file(dir / "loop.toml", {.replicates = 1}, 1),
                    Catch::Contains("is itself a fork"));
}

TEST_CASE("a fork resumed from a checkpoint file equals the replayed fork bit for bit", "[sim]") {
  test::ScratchDir dir;
  // Firms close and start up too: the checkpoint carries the closed ones.
  const std::string demography = "[model]\nfirm_exit = 0.02\nfirm_entry = 0.1\n";
  test::write_file(dir / "base.toml", "name = \"b\"\nhorizon_months = 9\n" + demography);
  const std::string group =
      "[[intervention]]\ntype = \"working_group\"\nstart = 4\nend = 9\nmeetings = 4\n"
      "select = { kinds = [\"firm\"], size = 50 }\n";
  test::write_file(dir / "replay.toml", "name = \"f\"\nhorizon_months = 9\n" + demography +
                                            "[fork]\nfrom = \"base.toml\"\nmonth = 3\n" + group);
  test::write_file(dir / "resume.toml",
                   "name = \"f\"\nhorizon_months = 9\n" + demography +
                       "[fork]\nfrom = \"base.toml\"\nmonth = 3\ncheckpoint = \"base-3.ckpt\"\n" +
                       group);
  const auto base = run_file(dir / "base.toml", {.replicates = 3, .checkpoint_at = 3}, 11);
  REQUIRE(base.checkpoint);
  CHECK(base.checkpoint->replicates.size() == 3);
  CHECK_FALSE(base.checkpoint->replicates[0].closed.empty());
  sim::write_checkpoint(*base.checkpoint, dir / "base-3.ckpt");
  const auto replay = run_file(dir / "replay.toml", {.replicates = 3}, 11);
  const auto resume = run_file(dir / "resume.toml", {.replicates = 3}, 11);
  CHECK(same(replay, resume));
  // A checkpoint fits only its seed, month and region.
  CHECK_THROWS_WITH(run_file(dir / "resume.toml", {.replicates = 3}, 12),
                    Catch::Contains("seed 11"));
  CHECK_THROWS_WITH(run_file(dir / "resume.toml", {.replicates = 4}, 11),
                    Catch::Contains("lacks replicate 3"));
  test::write_file(dir / "base-3.ckpt", "verbund-checkpoint 3\nmonth x\n");
  CHECK_THROWS_WITH(sim::read_checkpoint(dir / "base-3.ckpt"), Catch::Contains("base-3.ckpt:2"));
  test::write_file(dir / "base-3.ckpt", "verbund-checkpoint 1\nmonth 3\n");
  CHECK_THROWS_WITH(sim::read_checkpoint(dir / "base-3.ckpt"),
                    Catch::Contains("another verbund version"));
}
