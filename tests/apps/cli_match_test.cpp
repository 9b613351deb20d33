// End-to-end tests of `verbund match transfer` as a real process on a generated database.

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using verbund::test::dump_database;
using verbund::test::run_cli;
using verbund::test::ScratchDir;
using verbund::test::write_file;

namespace {

std::string first_firm_with_needs(const std::filesystem::path& dir) {
  const auto r = run_cli({"export", "--out", "x"}, dir);
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(verbund::test::read_file(dir / "x" / "competences.csv"));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind('F', 0) == 0 && line.find(",need,") != std::string::npos)
      return line.substr(0, line.find(','));
  }
  FAIL("no firm with needs");
  return {};
}

}  // namespace

TEST_CASE("cli: match transfer for one firm, explained", "[cli][match]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "800", "--seed", "5"}, dir.path()).exit_code ==
          0);
  const std::string firm = first_firm_with_needs(dir.path());
  auto r =
      run_cli({"--format", "json", "match", "transfer", "--firm", firm, "--top", "4", "--explain"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  const auto out = nlohmann::json::parse(r.out);
  REQUIRE(!out["recommendations"].empty());
  CHECK(out["recommendations"].size() <= 4);
  double previous = 1e9;
  for (const auto& row : out["recommendations"]) {
    CHECK(row["score"].get<double>() <= previous);
    previous = row["score"].get<double>();
  }
  // A chair's explanation starts by naming its university; then come the needs.
  std::set<std::string> reasons;
  for (const auto& row : out["explanations"]) reasons.insert(row["reason"].get<std::string>());
  CHECK(reasons.count("competence") == 1);
  CHECK(reasons.count("existing partner") == 0);  // left out without --include-existing

  r = run_cli({"--format", "csv", "match", "transfer", "--firm", firm, "--need",
               "artificial-intelligence,hydrogen-transport"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("\nrank,id,name,kind"));
  // first science tie and bridge are facts about the firm, shown once, not score columns.
  CHECK_THAT(r.out,
             Catch::Contains("# about the firm") && !Catch::Contains("first science tie,bridge"));
  // The run is recorded with its options.
  CHECK_THAT(dump_database(dir / "verbund.db"), Catch::Contains("match transfer"));
}

TEST_CASE("cli: the firm facts' sentences follow their values", "[cli][match]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "300", "--seed", "5"}, dir.path()).exit_code ==
          0);
  const auto r = run_cli({"export", "--out", "x"}, dir.path());
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(verbund::test::read_file(dir.path() / "x" / "competences.csv"));
  std::set<std::string> firms;
  for (std::string line; std::getline(lines, line) && firms.size() < 12;)
    if (line.rfind('F', 0) == 0 && line.find(",need,") != std::string::npos)
      firms.insert(line.substr(0, line.find(',')));
  std::set<std::string> seen;  // which sentences were reached
  for (const auto& firm : firms) {
    const auto m = run_cli({"--format", "json", "match", "transfer", "--firm", firm}, dir.path());
    REQUIRE(m.exit_code == 0);
    const auto out = nlohmann::json::parse(m.out);
    REQUIRE(out.contains("about the firm"));
    for (const auto& row : out["about the firm"]) {
      const auto& value = row["value"];
      const std::string sentence = row["sentence"];
      CAPTURE(firm, row.dump());
      if (value.is_null()) {
        CHECK_THAT(sentence, Catch::StartsWith("Some") || Catch::StartsWith("Candidates"));
      } else if (value.get<double>() > 0) {
        CHECK_THAT(sentence, Catch::Contains("no tie to science yet") ||
                                 Catch::Contains("Every candidate lies outside"));
      } else {
        CHECK_THAT(sentence,
                   Catch::Contains("already has a tie") || Catch::Contains("no bridge bonus"));
      }
      seen.insert(row["fact"].get<std::string>() + (value.is_null()           ? " varies"
                                                    : value.get<double>() > 0 ? " 1"
                                                                              : " 0"));
    }
  }
  CAPTURE(seen);
  CHECK(seen.count("first science tie 0") == 1);  // the case the old sentence got wrong
}

TEST_CASE("cli: match transfer for all firms: optimal beats stable and greedy, any thread count",
          "[cli][match]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "1500", "--seed", "6"}, dir.path()).exit_code ==
          0);
  std::map<std::string, double> total;
  for (const std::string method : {"optimal", "stable", "greedy"}) {
    const auto r = run_cli({"--format", "json", "match", "transfer", "--all", "--assign", method,
                            "--firm-capacity", "2"},
                           dir.path());
    REQUIRE(r.exit_code == 0);
    const auto out = nlohmann::json::parse(r.out);
    std::map<std::string, nlohmann::json> summary;
    for (const auto& row : out["assignment"]) summary[row["indicator"]] = row["value"];
    total[method] = summary["total score"].get<double>();
    CHECK(summary["matched pairs"].get<std::size_t>() == out["pairs"].size());
    for (const auto& row : out["loads"]) CHECK(row["assigned"] <= row["capacity"]);
    if (method == "optimal") CHECK(summary["optimality gap"].get<double>() < 1e-4);
    if (method == "stable") CHECK(summary["blocking pairs"] == 0);
  }
  CHECK(total["optimal"] >= total["stable"] - 1e-9);
  CHECK(total["optimal"] >= total["greedy"] - 1e-9);

  const auto one = run_cli(
      {"--threads", "1", "match", "transfer", "--all", "--out", "one.csv", "--format", "csv"},
      dir.path());
  const auto two = run_cli(
      {"--threads", "2", "match", "transfer", "--all", "--out", "two.csv", "--format", "csv"},
      dir.path());
  REQUIRE(one.exit_code == 0);
  REQUIRE(two.exit_code == 0);
  CHECK(one.out.empty());
  CHECK(verbund::test::read_file(dir / "one.csv") == verbund::test::read_file(dir / "two.csv"));
}

TEST_CASE("cli: bad match input exits 2 with one message and stores nothing", "[cli][match]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "300", "--seed", "7"}, dir.path()).exit_code ==
          0);
  const std::string firm = first_firm_with_needs(dir.path());
  const std::string before = dump_database(dir / "verbund.db");
  auto refused = [&](const std::vector<std::string>& args, const std::string& message) {
    const auto r = run_cli(args, dir.path());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(message));
    CHECK(dump_database(dir / "verbund.db") == before);
  };
  refused({"match", "transfer", "--firm", "nobody"}, "unknown actor 'nobody'");
  // A university as --firm: what it is and what to ask instead (it has no needs of a firm).
  refused({"match", "transfer", "--firm", "rub"}, "(university) is not a firm");
  refused({"match", "transfer", "--firm", firm, "--need", "alchemy"},
          "unknown competence 'alchemy'");
  refused({"match", "transfer"}, "give --firm ID or --all");
  refused({"match", "transfer", "--firm", firm, "--all"}, "excludes");
  refused({"match", "transfer", "--all", "--top", "0"}, "--top");
  write_file(dir / "w.toml", "fit = 1\nnetwork = 0.2\nnetworks = 3\n");
  refused({"match", "transfer", "--all", "--weights", "w.toml"}, "w.toml:3:1: unknown key");
  write_file(dir / "w.toml", "bridge = nan\n");
  refused({"match", "transfer", "--all", "--weights", "w.toml"}, "must be a finite number");
  // The schema's CHECK keeps negative capacities out of the database; on the command line:
  refused({"match", "transfer", "--all", "--assign", "optimal", "--firm-capacity", "-1"},
          "--firm-capacity");
}

TEST_CASE("cli: match consortium for one call, several calls, and partner recommendation",
          "[cli][match]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "1500", "--seed", "8"}, dir.path()).exit_code ==
          0);
  const auto calls = verbund::test::project_data_dir() / "calls";
  auto r = run_cli({"--format", "json", "match", "consortium", "--call",
                    (calls / "efre-hydrogen.toml").string(), "--top", "3", "--explain"},
                   dir.path());
  REQUIRE(r.exit_code == 0);
  auto out = nlohmann::json::parse(r.out);
  REQUIRE(!out["consortia"].empty());
  CHECK(out["consortia"].size() <= 3);
  CHECK(out["members"][0].contains("best replacement"));
  CHECK(out["coverage"][0]["competence"] == "hydrogen-production");
  // Same seed, same consortia, any thread count.
  const std::vector<std::string> args{
      "--format", "csv",        "--seed", "3",
      "match",    "consortium", "--call", (calls / "grw-logistics.toml").string()};
  auto with_threads = [&](const char* t) {
    auto a = args;
    a.insert(a.begin(), {"--threads", t});
    return run_cli(a, dir.path());
  };
  CHECK(with_threads("1").out == with_threads("2").out);

  r = run_cli(
      {"--format", "json", "match", "consortium", "--calls",
       (calls / "efre-hydrogen.toml").string(), (calls / "horizon-ai-manufacturing.toml").string()},
      dir.path());
  REQUIRE(r.exit_code == 0);
  out = nlohmann::json::parse(r.out);
  CHECK(out["calls"].size() == 2);
  // The cap holds: nobody is in both chosen consortia.
  std::set<std::string> seen;
  for (const auto& row : out["calls"]) {
    std::istringstream members(row["members"].get<std::string>());
    std::string id;
    while (members >> id) CHECK(seen.insert(id).second);
  }

  r = run_cli({"--format", "json", "recommend", "partners", "--members", "rub,ude", "--top", "5"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  out = nlohmann::json::parse(r.out);
  CHECK(out["partners"].size() == 5);
  for (const auto& row : out["partners"]) CHECK(row["id"] != "rub");
  r = run_cli({"--format", "json", "recommend", "partners", "--members", "rub", "--call",
               (calls / "efre-hydrogen.toml").string()},
              dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["partners"][0].contains("rule deficits left"));
}

TEST_CASE("cli: bad calls exit 2 at their place and store nothing", "[cli][match]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "200", "--seed", "9"}, dir.path()).exit_code ==
          0);
  const std::string before = dump_database(dir / "verbund.db");
  auto refused = [&](const std::string& toml, const std::string& message) {
    write_file(dir / "call.toml", toml);
    const auto r = run_cli({"match", "consortium", "--call", "call.toml"}, dir.path());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(message));
    CHECK(dump_database(dir / "verbund.db") == before);
  };
  refused("[size\nmin = 2\n", "call.toml:1:");
  refused("name = \"x\"\ncolour = \"red\"\n", "call.toml:2:1: unknown key 'colour'");
  refused("[size]\nmax = 3\n[[quota]]\nkinds = [\"firm\"]\nmin = 4\n",
          "more than the maximum size 3");
  // Unknown ids at their line and column (issue 12: the file alone was named).
  refused("[competences]\nrequired = { \"alchemy\" = 1 }\n",
          "call.toml:2:14: unknown competence 'alchemy'");
  refused("[competences]\nrequired = { \"software\" = 1 }\noptional = { \"alchemy\" = 1 }\n",
          "call.toml:3:14: unknown competence 'alchemy'");
  refused("[members]\nlead = \"nobody\"\n", "call.toml:2:8: unknown actor 'nobody'");
  refused("[members]\ninclude = [\"rub\",\n  \"ghost\"]\n", "call.toml:3:3: unknown actor 'ghost'");
  refused("[members]\nexclude = [\"rub\", \"nobody\"]\n", "call.toml:2:19: unknown actor 'nobody'");
  refused("[members]\ninclude = [\"rub\", \"rub\"]\n",
          "call.toml:2:19: [members] include names 'rub' twice");
  refused("[size]\nmax = 3\nmin = 1e400\n", "call.toml:3:");
  refused("[objective]\ncoverage = 1\nnovelty = 1e300\n",
          "call.toml:3:11: 'novelty' = 1e+300 is out of range: a weight must be at most 1000");
  const auto r = run_cli({"recommend", "partners", "--members", "rub,ghost"}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown actor 'ghost'"));
  CHECK(run_cli({"match", "consortium"}, dir.path()).exit_code == 2);

  // --exact on a call too large to enumerate says how large, also past 2^63 (issue 12: it said
  // "-9223372036854775808 subsets").
  for (const auto& [size, count] :
       {std::pair{"8", "349412992146551 "}, std::pair{"1000", "about 1.8e+75 "}}) {
    write_file(dir / "call.toml", std::string("[size]\nmin = 2\nmax = ") + size + "\n");
    const auto big = run_cli({"match", "consortium", "--call", "call.toml", "--exact"}, dir.path());
    INFO(big.err);
    CHECK(big.exit_code == 2);
    CHECK_THAT(big.err, Catch::Contains(std::string("give ") + count) &&
                            Catch::Contains("subsets to enumerate") &&
                            !Catch::Contains("-9223372036854775808"));
    CHECK(dump_database(dir / "verbund.db") == before);
  }
}

TEST_CASE(
    "cli: weights out of range exit 2 naming the file and key, and the ends of the range work",
    "[cli][match]") {
  // Issue 12, defect 1: fit = 1e20 left the optimal assignment silently empty; 1e13..1e18 failed
  // with "costs too large for 64-bit prices" without naming the file.
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "2000", "--seed", "1"}, dir.path()).exit_code ==
          0);
  const std::string before = dump_database(dir / "verbund.db");
  for (const std::string line : {"fit = 1e20", "fit = 1e13", "fit = 1e18", "proximity = 1e20",
                                 "bridge = 5000", "capacity_penalty = 1e300"}) {
    write_file(dir / "w.toml", "network = 0.2\n" + line + "\n");
    const auto r = run_cli(
        {"match", "transfer", "--all", "--assign", "optimal", "--weights", "w.toml"}, dir.path());
    INFO(line << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("w.toml:2:") &&
                          Catch::Contains("'" + line.substr(0, line.find(' ')) + "'") &&
                          Catch::Contains("out of range"));
    CHECK(r.out.empty());
    CHECK(dump_database(dir / "verbund.db") == before);
  }
  // At the top of the range and far below it the optimal assignment is found and certified.
  for (const std::string weights :
       {"fit = 1000\n", "fit = 1000\nproximity = 1\nnetwork = 1000\nbridge = 1000\n",
        "fit = 1e-12\nproximity = 1e-12\nsame_municipality = 0\nnetwork = 1e-12\nprior_tie = 0\n"
        "first_science_tie = 0\nbridge = 0\n"}) {
    write_file(dir / "w.toml", weights);
    const auto r = run_cli({"--format", "json", "match", "transfer", "--all", "--assign", "optimal",
                            "--weights", "w.toml"},
                           dir.path());
    INFO(weights << r.err);
    REQUIRE(r.exit_code == 0);
    const auto out = nlohmann::json::parse(r.out);
    std::map<std::string, nlohmann::json> summary;
    for (const auto& row : out["assignment"]) summary[row["indicator"]] = row["value"];
    CHECK(summary["matched pairs"].get<std::size_t>() > 100);
    CHECK(summary["matched pairs"].get<std::size_t>() == out["pairs"].size());
    CHECK(summary["optimality gap"].get<double>() <= 1e-6 * summary["total score"].get<double>());
  }
}

TEST_CASE("cli: a call nobody can meet prints its diagnosis and exits 3", "[cli][match]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "300", "--seed", "8"}, dir.path()).exit_code ==
          0);
  // Six municipalities within 1 km of the lead cannot be found.
  write_file(dir.path() / "tight.toml", R"(name = "Too tight"
[size]
min = 3
max = 6
[place]
min_municipalities = 6
radius_km = 1
[competences]
required = { "intralogistics" = 1 }
[members]
lead = "tu-dortmund"
)");
  const auto before = dump_database(dir.path() / "verbund.db");
  auto r = run_cli({"--no-record", "match", "consortium", "--call", "tight.toml"}, dir.path());
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.out, Catch::Contains("diagnosis"));
  CHECK(r.err.empty());
  CHECK(dump_database(dir.path() / "verbund.db") == before);
  // Among several calls, one without a consortium is enough for 3; the others are still shown.
  const auto calls = verbund::test::project_data_dir() / "calls";
  r = run_cli({"--format", "json", "match", "consortium", "--calls",
               (calls / "grw-logistics.toml").string(), "tight.toml"},
              dir.path());
  CHECK(r.exit_code == 3);
  const auto out = nlohmann::json::parse(r.out);
  CHECK(out["calls"].size() == 2);
  CHECK(!out["diagnosis"].empty());
}

TEST_CASE("cli: a transfer matching without free research actors says why", "[cli][match]") {
  // The generator keeps every partner below its capacity for the default three partnership
  // years; counting thirty years of transfer ties fills all of them.
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "20000", "--seed", "1"}, dir.path()).exit_code ==
          0);
  verbund::test::write_file(dir.path() / "long.toml", "partnership_years = 30\n");
  auto r = run_cli(
      {"--format", "csv", "match", "transfer", "--all", "--top", "1000", "--weights", "long.toml"},
      dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("research actors are at their capacity") &&
                        Catch::Contains("capacity_policy"));
  // The note in German under --lang de (it was English).
  r = run_cli({"--lang", "de", "--no-record", "--format", "csv", "match", "transfer", "--all",
               "--top", "1", "--weights", "long.toml"},
              dir.path());
  CHECK_THAT(r.err, Catch::StartsWith("verbund: Hinweis: keine Empfehlungen: alle ") &&
                        Catch::Contains("Forschungsakteure sind ausgelastet"));
  r = run_cli({"-q", "--format", "csv", "match", "transfer", "--all", "--top", "3", "--weights",
               "long.toml"},
              dir.path());
  CHECK(r.err.empty());
}

namespace {

// The CSV export's rows as maps by column name (no quoted commas in the columns read here).
std::vector<std::map<std::string, std::string>> csv_rows(const std::filesystem::path& file) {
  std::istringstream lines(verbund::test::read_file(file));
  std::string line;
  std::getline(lines, line);
  std::vector<std::string> header;
  for (std::istringstream cells(line); std::getline(cells, line, ',');) header.push_back(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(lines, line)) {
    std::map<std::string, std::string> row;
    std::istringstream cells(line + ",");
    for (const auto& column : header) std::getline(cells, row[column], ',');
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

TEST_CASE(
    "cli: existing partners are left out unless asked for; a chair never beside its "
    "university, and named with it",
    "[cli][match]") {
  ScratchDir dir;
  REQUIRE(run_cli({"generate", "ruhr", "--firms", "600", "--seed", "8"}, dir.path()).exit_code ==
          0);
  REQUIRE(run_cli({"export", "--out", "x"}, dir.path()).exit_code == 0);
  // The oracle, from the exported files: since when each pair is tied, and who is whose parent.
  std::map<std::pair<std::string, std::string>, std::optional<int>> since;
  for (auto& t : csv_rows(dir / "x" / "ties.csv")) {
    const std::optional<int> start =
        t["start"].empty() ? std::nullopt : std::optional<int>(std::stoi(t["start"]));
    for (const auto& key :
         {std::pair{t["source"], t["target"]}, std::pair{t["target"], t["source"]}}) {
      auto [it, fresh] = since.emplace(key, start);
      if (!fresh && start && (!it->second || *start < *it->second)) it->second = start;
    }
  }
  REQUIRE(run_cli({"export", "--format", "json", "--out", "region.json"}, dir.path()).exit_code ==
          0);
  std::map<std::string, std::string> parent, name;
  const auto region = nlohmann::json::parse(verbund::test::read_file(dir / "region.json"));
  for (const auto& a : region["actors"]) {
    name[a["id"]] = a["name"];
    if (!a["parent"].is_null()) parent[a["id"]] = a["parent"];
  }

  std::size_t existing_seen = 0, chairs_seen = 0;
  for (const bool include : {false, true}) {
    std::vector<std::string> args{"--format", "json", "match", "transfer", "--all", "--top", "8"};
    if (include) args.emplace_back("--include-existing");
    const auto r = run_cli(args, dir.path());
    REQUIRE(r.exit_code == 0);
    const auto out = nlohmann::json::parse(r.out);
    std::map<std::string, std::set<std::string>> lists;
    for (const auto& row : out["recommendations"]) {
      const std::string firm = row["firm"], id = row["id"];
      lists[firm].insert(id);
      const auto tie = since.find({firm, id});
      if (!include) {
        CHECK(tie == since.end());
        CHECK_FALSE(row.contains("existing"));
      } else {
        CHECK(row["existing"] == (tie != since.end()));
        if (tie != since.end()) {
          ++existing_seen;
          CHECK(row["existing_since"] ==
                (tie->second ? nlohmann::json(*tie->second) : nlohmann::json(nullptr)));
        }
      }
      if (const auto p = parent.find(id); p != parent.end()) {
        ++chairs_seen;
        CHECK(row["name"] == name[id] + ", " + name[p->second]);
      }
    }
    for (const auto& [firm, ids] : lists) {
      for (const auto& id : ids) {
        const auto p = parent.find(id);
        if (p != parent.end()) CHECK(ids.count(p->second) == 0);
      }
    }
  }
  REQUIRE(!parent.empty());
  CHECK(existing_seen > 0);
  CHECK(chairs_seen > 0);

  // recommend partners: the same default, with the members' ties.
  const std::string member = "ude";
  auto r =
      run_cli({"--format", "json", "recommend", "partners", "--members", member, "--top", "30"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  const auto without = nlohmann::json::parse(r.out);
  REQUIRE(!without["partners"].empty());
  for (const auto& row : without["partners"]) {
    CHECK(since.count({member, row["id"].get<std::string>()}) == 0);
  }
  r = run_cli({"--format", "json", "recommend", "partners", "--members", member, "--top", "30",
               "--include-existing"},
              dir.path());
  REQUIRE(r.exit_code == 0);
  std::size_t tied = 0;
  const auto with = nlohmann::json::parse(r.out);
  for (const auto& row : with["partners"]) tied += row["existing"].get<bool>();
  CHECK(tied > 0);
}
