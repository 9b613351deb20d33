// TOML files that break toml++'s internal preconditions are refused like any other syntax error
// (found by fuzzing, tests/fuzz/; before, a build without NDEBUG aborted on them).

#include <catch2/catch.hpp>

#include <string>

#include "io/toml.hpp"
#include "verbund/error.hpp"
#include "verbund/match/call.hpp"
#include "verbund/match/weights_file.hpp"
#include "verbund/sim/scenario.hpp"

using namespace verbund;

TEST_CASE("malformed table headers are syntax errors at their line", "[io][toml]") {
  for (const std::string header : {"[=a]", "[[=a]]", "[[[a]]]", "[[[1]]]", "[[[]]"}) {
    INFO(header);
    const std::string text = "name = \"x\"\n" + header + "\nmin = 1\n";
    CHECK_THROWS_WITH(io::parse_toml(text, "f.toml"), Catch::StartsWith("f.toml:2:"));
    CHECK_THROWS_AS(match::parse_call(text, "call.toml"), InvalidInput);
    CHECK_THROWS_AS(sim::parse_scenario(text, "scenario.toml"), InvalidInput);
    CHECK_THROWS_AS(match::parse_score_weights(text, "weights.toml"), InvalidInput);
  }
}

TEST_CASE("non-ASCII text outside strings and comments is refused before toml++ reads it",
          "[io][toml]") {
  // toml++ 3.3's whitespace table reaches __builtin_unreachable for most of these characters
  // (UBSan: "execution reached an unreachable program point").
  const auto refused_at = [](const std::string& text, const std::string& where) {
    INFO(text);
    CHECK_THROWS_WITH(io::parse_toml(text, "f.toml"), Catch::StartsWith("f.toml:" + where + ":"));
  };
  refused_at("name = \"x\"\ngröße = 1\n", "2:3");
  refused_at("fit = 1ä\n", "1:8");
  refused_at("a = [ \"ä\", ä ]\n", "1:12");
  refused_at("a = { b = 1 } \xEF\xB3\xBF\n", "1:15");
  refused_at("a = \"\"\"x\\\n   ä\"\"\"\n", "2:4");
  CHECK_THROWS_AS(match::parse_score_weights("fit = 1ä\n", "w.toml"), InvalidInput);
  CHECK_THROWS_AS(sim::parse_scenario("größe = 1\n", "s.toml"), InvalidInput);

  // Strings and comments keep any UTF-8.
  const auto table = io::parse_toml(
      "# Kommentar: Mülheim\nname = \"Mülheim an der Ruhr\" # ä\nq = \"\\\"ä\"\ne = \"\"\n"
      "f = 'ö'\nm = \"\"\"\nä \"\" ö\"\"\"\"\nl = '''\nü'''\nk = \"\"\"ä\\\n  x\"\"\"\n",
      "f.toml");
  CHECK(table["name"].value<std::string>() == "Mülheim an der Ruhr");
  CHECK(table["q"].value<std::string>() == "\"ä");
  CHECK(table["m"].value<std::string>() == "ä \"\" ö\"");
  CHECK(table["l"].value<std::string>() == "ü");
  CHECK(table["k"].value<std::string>() == "äx");
}

TEST_CASE("a quote inside a malformed unquoted value does not start a string", "[io][toml]") {
  // toml++ reads `1x"…` to the next space before it reports the bad number.
  CHECK_THROWS_WITH(io::parse_toml("a = 1x\"ä\"\n", "f.toml"), Catch::StartsWith("f.toml:1:8:"));
  CHECK_THROWS_WITH(io::parse_toml("a = 1x=\"ä\"\n", "f.toml"), Catch::StartsWith("f.toml:1:9:"));
  CHECK_THROWS_WITH(io::parse_toml("a = [1, 2x'ü']\n", "f.toml"),
                    Catch::StartsWith("f.toml:1:12:"));
  // Quotes after keys, in arrays and inline tables still start strings.
  const auto table = io::parse_toml(
      "a=\"ä\"\nb = [\"ä\",'ö', {c=\"ü\", d.\"é\" = \"ß\"}]\n[t.\"ä\"]\ne = { f = [ \"ö\" ] }\n",
      "f.toml");
  CHECK(table["a"].value<std::string>() == "ä");
  CHECK(table["b"][2]["d"]["é"].value<std::string>() == "ß");
  CHECK(table["t"]["ä"]["e"]["f"][0].value<std::string>() == "ö");
}

TEST_CASE("a SQLite database given as a TOML file is named as one", "[io][toml]") {
  std::string text("SQLite format 3\0", 16);
  text += "\x10\x00\x01\x01 binary pages follow \xC3";
  CHECK_THROWS_WITH(
      io::parse_toml(text, "verbund.db"),
      Catch::StartsWith("verbund.db") && Catch::Contains("is a SQLite database, not a TOML file"));
  CHECK_THROWS_WITH(match::parse_score_weights(text, "verbund.db"),
                    Catch::Contains("SQLite database"));
}
