// `verbund train partners` and `recommend partners` with its model, on a small synthetic project
// history: the model is stored beside the database, used and announced, the same for the same
// seed, and a bad model file is refused with exit 2, leaving the database as it was.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "test_support.hpp"
#include "verbund/match/partner_features.hpp"

using namespace verbund;

namespace {

// 80 projects over 2014-2016 of 4-6 members drawn from 40 organisations, with two communities
// (organisations 0-19 and 20-39) that mostly work among themselves.
void write_history(const test::ScratchDir& dir) {
  std::mt19937_64 rng(5);
  std::ostringstream part, orgs, topics;
  part << "rcn,role,pic,type,contribution,country,start_year,end_year\n";
  orgs << "pic,name,short_name,type,city,country\n";
  topics << "rcn,programme_part\n";
  for (int o = 0; o < 40; ++o)
    orgs << 100 + o << ",Org " << o << ",O" << o << "," << (o % 3 ? "PRC" : "HES") << ","
         << (o < 20 ? "Essen" : "Delft") << "," << (o < 20 ? "DE" : "NL") << "\n";
  for (int p = 0; p < 80; ++p) {
    const int year = 2014 + p % 3;
    const int base = (p % 2) * 20;
    const int size = 4 + static_cast<int>(rng() % 3);
    std::vector<int> members;
    while (static_cast<int>(members.size()) < size) {
      const int o =
          rng() % 10 == 0 ? static_cast<int>(rng() % 40) : base + static_cast<int>(rng() % 20);
      if (std::find(members.begin(), members.end(), o) == members.end()) members.push_back(o);
    }
    for (const int o : members)
      part << 5000 + p << ",participant," << 100 + o << ",PRC,1000,DE," << year << "," << year + 3
           << "\n";
    topics << 5000 + p << "," << (p % 2 ? "SC1" : "LEIT") << "\n";
  }
  test::write_file(dir / "part.csv", part.str());
  test::write_file(dir / "orgs.csv", orgs.str());
  test::write_file(dir / "topics.csv", topics.str());
}

}  // namespace

TEST_CASE("train partners stores a model that recommend partners uses and announces",
          "[match][partners][learn][cli]") {
  const test::ScratchDir dir;
  write_history(dir);
  const std::vector<std::string> files{"--participations", "part.csv", "--organisations",
                                       "orgs.csv",         "--topics", "topics.csv"};
  auto with = [&](std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  REQUIRE(test::run_cli({"--db", "p.db", "init"}, dir.path()).exit_code == 0);
  REQUIRE(
      test::run_cli(with({"--db", "p.db", "-q", "import", "projects", "--to-year", "2015"}, files),
                    dir.path())
          .exit_code == 0);
  const auto trained = test::run_cli(with({"--db", "p.db", "--seed", "3", "train", "partners",
                                           "--until", "2016", "--first", "2015", "--rounds", "20"},
                                          files),
                                     dir.path());
  INFO(trained.err);
  REQUIRE(trained.exit_code == 0);
  CHECK_THAT(trained.out, Catch::Contains("trained_until") && Catch::Contains("2016") &&
                              Catch::Contains("partner model #1"));
  // Stored in the database, not as a file beside it.
  CHECK(!std::filesystem::exists(dir / "p.db.partner-model.json"));
  const auto model = test::query_text(dir / "p.db", "SELECT model FROM partner_models");
  REQUIRE(!model.empty());

  const auto used = test::run_cli(
      {"--db", "p.db", "recommend", "partners", "--members", "100,101,102", "--top", "3"},
      dir.path());
  INFO(used.err);
  REQUIRE(used.exit_code == 0);
  CHECK_THAT(used.err, Catch::Contains("using the learned model, the model stored in p.db"));
  CHECK_THAT(used.out, Catch::Contains("why") && !Catch::Contains("warum"));

  SECTION("--lang de names the features in German") {
    const auto german = test::run_cli({"--db", "p.db", "--lang", "de", "recommend", "partners",
                                       "--members", "100,101,102", "--top", "3"},
                                      dir.path());
    REQUIRE(german.exit_code == 0);
    CHECK_THAT(german.out, Catch::Contains("warum") && !Catch::Contains("why"));
    // Every candidate's reasons are German feature labels, never English ones.
    bool german_label = false;
    for (std::size_t f = 0; f < match::partner_feature_count; ++f) {
      const auto feature = static_cast<match::PartnerFeature>(f);
      german_label =
          german_label || german.out.find(match::feature_words_de(feature)) != std::string::npos;
      CHECK(used.out.find(match::feature_words_de(feature)) == std::string::npos);
    }
    CHECK(german_label);
    // CSV and JSON keep their English keys whatever the language.
    const auto csv = test::run_cli({"--db", "p.db", "--lang", "de", "--format", "csv", "recommend",
                                    "partners", "--members", "100,101,102", "--top", "3"},
                                   dir.path());
    REQUIRE(csv.exit_code == 0);
    CHECK_THAT(csv.out, Catch::Contains("rank,id,name,kind,municipality,score,why"));
  }

  SECTION("the same seed gives the same model file") {
    REQUIRE(
        test::run_cli(with({"--db", "p.db", "--seed", "3", "train", "partners", "--until", "2016",
                            "--first", "2015", "--rounds", "20", "--model", "again.json"},
                           files),
                      dir.path())
            .exit_code == 0);
    CHECK(test::read_file(dir / "again.json") + "\n" == model);  // query_text ends rows in \n
    // A file given with --model comes before the stored model.
    const auto from_file = test::run_cli({"--db", "p.db", "recommend", "partners", "--members",
                                          "100,101,102", "--top", "3", "--model", "again.json"},
                                         dir.path());
    REQUIRE(from_file.exit_code == 0);
    CHECK_THAT(from_file.err, Catch::Contains("the file again.json"));
    CHECK(from_file.out == used.out);
    // --no-model: the hand-weighted score, although a model is stored.
    const auto hand = test::run_cli({"--db", "p.db", "recommend", "partners", "--members",
                                     "100,101,102", "--top", "3", "--no-model"},
                                    dir.path());
    REQUIRE(hand.exit_code == 0);
    CHECK_THAT(hand.err, !Catch::Contains("learned model"));
    CHECK_THAT(hand.out, !Catch::Contains("why"));
  }

  SECTION("a damaged stored model: exit 2 naming the database, nothing changed") {
    test::exec_sql(dir / "p.db", "UPDATE partner_models SET model = '{\"learner\": 1}'");
    const auto before = test::dump_database(dir / "p.db");
    const auto bad = test::run_cli(
        {"--db", "p.db", "recommend", "partners", "--members", "100,101"}, dir.path());
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("the model stored in p.db"));
    CHECK(test::dump_database(dir / "p.db") == before);
  }

  SECTION("a file that is not a partner model: exit 2, database unchanged") {
    test::write_file(dir / "bad.json", "{\"learner\": 1}");
    const auto before = test::dump_database(dir / "p.db");
    const auto bad = test::run_cli(
        {"--db", "p.db", "recommend", "partners", "--members", "100,101", "--model", "bad.json"},
        dir.path());
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("bad.json"));
    CHECK(test::dump_database(dir / "p.db") == before);
  }

  SECTION("years without consortia to learn from: exit 2") {
    const auto none = test::run_cli(with({"--db", "p.db", "train", "partners", "--until", "2013",
                                          "--first", "2013", "--model", "none.json"},
                                         files),
                                    dir.path());
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.err, Catch::Contains("no training query"));
  }
}
