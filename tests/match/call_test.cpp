#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/match/call.hpp"

using namespace verbund;

namespace {

std::string message_of(const std::string& text) {
  return test::invalid_input_message([&] { return match::parse_call(text, "call.toml"); });
}

}  // namespace

TEST_CASE("the bundled calls parse and fit the Ruhr region", "[match][call]") {
  const auto region = gen::generate_ruhr_region(gen::load_ruhr_base(gen::bundled_ruhr_dir()),
                                                {.firms = 200, .seed = 1});
  std::size_t count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::project_data_dir() / "calls")) {
    const auto call = match::load_call(entry.path());
    CHECK_NOTHROW(match::check_call_against(call, region));
    CHECK(call.min_size <= call.max_size);
    CHECK(!call.required.empty());
    ++count;
  }
  CHECK(count >= 4);
  const auto efre = match::load_call(test::project_data_dir() / "calls" / "efre-hydrogen.toml");
  CHECK(efre.min_size == 4);
  CHECK(efre.max_size == 8);
  REQUIRE(efre.quotas.size() == 2);
  CHECK(efre.quotas[1].sizes.size() == 3);  // "sme" = micro, small, medium
  CHECK(efre.required[0].id == "hydrogen-production");
  CHECK(efre.required[0].min_members == 2);
  CHECK(efre.within_region);
  const auto grw = match::load_call(test::project_data_dir() / "calls" / "grw-logistics.toml");
  CHECK(grw.members == std::vector<std::string>{"tu-dortmund"});  // the lead is a must-member
  CHECK(*grw.radius_km == 40.0);
}

TEST_CASE("bad calls are refused with file, line and column", "[match][call]") {
  CHECK_THAT(message_of("name = \"x\"\nsizes = 3\n"),
             Catch::Contains("call.toml:2:1") && Catch::Contains("unknown key 'sizes'"));
  CHECK_THAT(
      message_of("[size]\nmin = 2\nmax = 5\nmaximum = 3\n"),
      Catch::Contains("call.toml:4:1") && Catch::Contains("unknown key 'maximum' in [size]"));
  CHECK_THAT(message_of("[size\nmin = 1\n"), Catch::Contains("call.toml:1:"));
  CHECK_THAT(message_of("[size]\nmin = 5\nmax = 3\n"), Catch::Contains("max 3 is below min 5"));
  CHECK_THAT(
      message_of("[size]\nmax = 4\n[[quota]]\nlabel = \"SMEs\"\nkinds = [\"firm\"]\nmin = 5\n"),
      Catch::Contains("SMEs asks for at least 5 members, more than the maximum size 4"));
  CHECK_THAT(message_of("[size]\nmax = 4\n[[quota]]\nkinds = [\"firm\"]\nmin = 3\n"
                        "[[quota]]\nkinds = [\"university\"]\nmin = 2\n"),
             Catch::Contains("minimums add up to 5"));
  CHECK_THAT(message_of("[[quota]]\nkinds = [\"spaceship\"]\n"),
             Catch::Contains("call.toml:2:") && Catch::Contains("unknown actor kind 'spaceship'"));
  CHECK_THAT(message_of("[[quota]]\nsizes = [\"huge\"]\n"), Catch::Contains("unknown size class"));
  CHECK_THAT(message_of("[[quota]]\nmin = 3\nmax = 1\n"), Catch::Contains("below min"));
  CHECK_THAT(message_of("[members]\ninclude = [\"a\"]\nexclude = [\"a\"]\n"),
             Catch::Contains("'a' is both a must-member and excluded"));
  CHECK_THAT(message_of("[place]\nradius_km = 30\n"), Catch::Contains("radius_km needs a lead"));
  CHECK_THAT(message_of("[competences]\nrequired = { \"ai\" = 0 }\n"),
             Catch::Contains("call.toml:2:") && Catch::Contains("from 1 to 100"));
  CHECK_THAT(message_of("[competences]\noptional = { \"ai\" = nan }\n"), Catch::Contains("finite"));
  CHECK_THAT(message_of("[size]\nmin = \"two\"\n"), Catch::Contains("call.toml:2:7"));
  CHECK_THAT(message_of("[objective]\ncoverage = -1\n"), Catch::Contains("finite number >= 0"));

  const auto region = gen::generate_ruhr_region(gen::load_ruhr_base(gen::bundled_ruhr_dir()),
                                                {.firms = 50, .seed = 1});
  auto call = match::parse_call("[competences]\nrequired = { \"alchemy\" = 1 }\n", "c.toml");
  CHECK_THROWS_WITH(match::check_call_against(call, region),
                    Catch::Contains("c.toml") && Catch::Contains("unknown competence 'alchemy'"));
  call = match::parse_call("[members]\nlead = \"nobody\"\n", "c.toml");
  CHECK_THROWS_WITH(match::check_call_against(call, region),
                    Catch::Contains("unknown actor 'nobody'"));
}
