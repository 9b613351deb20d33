// `verbund metrics --where K=V` through the CLI: about the selected actors it agrees with row V of
// `--by K` for every value V; of the network among them it reports the induced sub-region; it
// matches names leniently and suggests close values when nothing matches.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "test_support.hpp"

using namespace verbund;
using test::run_cli;
using test::ScratchDir;

namespace {

nlohmann::json metrics(const std::vector<std::string>& args, const ScratchDir& dir) {
  std::vector<std::string> all{"--format", "json", "metrics"};
  all.insert(all.end(), args.begin(), args.end());
  const auto r = run_cli(all, dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

// The indicator rows of one table as name -> value.
std::map<std::string, nlohmann::json> indicators(const nlohmann::json& table) {
  std::map<std::string, nlohmann::json> values;
  for (const auto& row : table) values[row["indicator"].get<std::string>()] = row["value"];
  return values;
}

}  // namespace

TEST_CASE("cli: metrics --where K=V agrees with --by K for every value of K", "[cli][where]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "1200", "--seed", "1"}, dir.path()).exit_code ==
          0);
  // --where's indicator -> --by's column, for every indicator about the selected actors that
  // --by reports.
  const std::vector<std::pair<std::string, std::string>> same{
      {"actors", "actors"},
      {"ties among them", "ties inside"},
      {"ties to other actors", "ties outside"},
      {"E-I index, ties out vs among them", "E-I index"},
      {"mean degree", "mean degree"},
      {"average local clustering in the whole network", "average clustering"},
      {"firms", "firms"},
      {"share of firms with a science tie", "science share"},
      {"cross-municipal share of ties", "cross-municipal share"},
      {"share of SMEs in projects", "SME project share"}};
  for (const std::string key : {"municipality", "kind", "sector", "theme"}) {
    const auto by = metrics({"--by", key, "--tie-kinds", "research,supply,transfer"}, dir);
    REQUIRE(by["by " + key].size() >= 2);
    for (const auto& row : by["by " + key]) {
      const auto group = row[key].get<std::string>();
      const std::string value = group == "(none)" ? "" : group;
      CAPTURE(key, value);
      const auto got =
          metrics({"--where", key + "=" + value, "--tie-kinds", "research,supply,transfer"}, dir);
      const auto about = indicators(got["selected actors, ties to anyone"]);
      for (const auto& [indicator, column] : same) {
        CAPTURE(indicator);
        CHECK(about.at(indicator) == row[column]);
      }
      const auto among = indicators(got["network among the selected actors"]);
      CHECK(among.at("actors") == row["actors"]);
      CHECK(among.at("connected pairs") == row["ties inside"]);
    }
  }
}

TEST_CASE("cli: metrics --where matches names leniently and suggests close ones", "[cli][where]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "600", "--seed", "3"}, dir.path()).exit_code ==
          0);
  const auto exact = metrics({"--where", "municipality=Mülheim an der Ruhr"}, dir);
  CHECK(exact["selected actors, ties to anyone"][0]["value"].get<int>() > 0);
  CHECK(metrics({"--where", "municipality=muelheim an der ruhr"}, dir) == exact);
  CHECK(metrics({"--where", "municipality=MÜLHEIM AN DER RUHR"}, dir) == exact);
  CHECK(metrics({"--where", "kind=University"},
                dir)["selected actors, ties to anyone"][0]["value"] == 17);

  const std::vector<std::pair<std::vector<std::string>, std::string>> nothing{
      {{"--where", "municipality=Mulheim"},
       "--where municipality=Mulheim selects no actor: no municipality is 'Mulheim'; closest: "
       "Mülheim an der Ruhr"},
      {{"--where", "kind=firms"}, "no kind is 'firms'; closest: firm"},
      {{"--where", "Municipality=Essen"},
       "no actor has a 'Municipality'; closest keys: municipality"},
      {{"--where", "kind=firm", "--where", "kind=university"},
       "--where kind=firm, kind=university selects no actor: each condition holds for some "
       "actors, but none meets them all"}};
  for (const auto& [args, message] : nothing) {
    std::vector<std::string> all{"metrics"};
    all.insert(all.end(), args.begin(), args.end());
    const auto r = run_cli(all, dir.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(message));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one clear line
  }
}
