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
