// Scenario parameters set by name (sim::parse_scenario with settings): sweeps and calibration
// rely on a setting meaning exactly what writing it in the file means.
#include <catch2/catch.hpp>

#include "verbund/sim/parameters.hpp"

using namespace verbund;
using namespace verbund::sim;

namespace {

const char* const two_groups = R"(
name = "two groups"
horizon_months = 24

[model]
decay = 0.03

[[intervention]]
type = "working_group"
name = "AG Logistik"
start = 1
end = 12
select = { municipality = "Duisburg", size = 10 }

[[intervention]]
type = "transfer_office"
name = "office.west"
conversion = 0.3
)";

Scenario with(std::vector<ParameterSetting> settings) {
  return parse_scenario(two_groups, "s.toml", settings);
}

std::string refusal(std::vector<ParameterSetting> settings) {
  try {
    static_cast<void>(with(std::move(settings)));
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("a setting equals the same value written in the file", "[sim][parameters]") {
  const auto s = with({{"model.decay", 0.05},
                       {"model.effects.base", -5.5},
                       {"model.effects.firm.proximity", 2.0},
                       {"model.meetings.triadic", 0.9},
                       {"horizon_months", 36.0},
                       {"intervention[AG Logistik].end", 18.0},
                       {"intervention[1].select.size", std::int64_t{15}},
                       {"intervention[office.west].conversion", 0.45}});
  CHECK(s.model.decay == 0.05);
  CHECK(s.model.effects.base == -5.5);
  CHECK(s.model.effects_of(core::ActorKind::firm).proximity == 2.0);
  CHECK(s.model.effects_of(core::ActorKind::university).proximity == 1.0);  // default kept
  CHECK(s.model.meetings.triadic == 0.9);
  CHECK(s.horizon == 36);
  const auto* group = s.interventions[0].spec_if<WorkingGroup>();
  REQUIRE(group);
  CHECK(group->end == 18);
  CHECK(group->select.size == 15);
  CHECK(group->select.municipality == "Duisburg");  // the rest of the inline table stays
  const auto* office = s.interventions[1].spec_if<TransferOffice>();
  REQUIRE(office);
  CHECK(office->conversion == 0.45);

  const auto plain = parse_scenario(two_groups, "s.toml");
  CHECK(plain.model.decay == 0.03);
  CHECK(with({}).model.decay == 0.03);
}

TEST_CASE("model_parameter reads what a setting wrote, for every model key", "[sim][parameters]") {
  const auto keys = model_parameter_keys();
  REQUIRE(keys.size() == 7 + 3 + 4 + 9 * (1 + core::all_actor_kinds.size()));
  double value = 0.0625;
  for (const auto& key : keys) {
    INFO(key);
    // half_distance_km must stay > 0, probabilities <= 1, decay < 1: a small positive value fits.
    const auto s = with({{key, value}});
    const auto read = model_parameter(s.model, key);
    REQUIRE(read);
    CHECK(*read == value);
    value += 0.0001;
  }
  CHECK_FALSE(model_parameter(ModelParams{}, "model.effects.nobody.base"));
  CHECK_FALSE(model_parameter(ModelParams{}, "model.decayy"));
  CHECK(model_parameter(ModelParams{}, "model.effects.base") == -5.845612);  // calibrated default
  CHECK(model_parameter(ModelParams{}, "model.effects.firm.industrial_science") == 0.6679882);
}

TEST_CASE("a refused setting is named with its value", "[sim][parameters]") {
  CHECK_THAT(refusal({{"model.decay", 1.5}}),
             Catch::Contains("parameter 'model.decay' = 1.5") && Catch::Contains("below 1"));
  CHECK_THAT(refusal({{"model.decayy", 0.1}}),
             Catch::Contains("parameter 'model.decayy'") && Catch::Contains("decayy"));
  CHECK_THAT(refusal({{"intervention[AG Bau].end", 3.0}}),
             Catch::Contains("no intervention is named 'AG Bau'"));
  CHECK_THAT(refusal({{"intervention[3].end", 3.0}}), Catch::Contains("no intervention #3 (2"));
  CHECK_THAT(refusal({{"intervention[AG Logistik].end", 2.5}}),
             Catch::Contains("parameter 'intervention[AG Logistik].end' = 2.5") &&
                 Catch::Contains("whole number"));
  CHECK_THAT(refusal({{"model..decay", 0.1}}), Catch::Contains("empty part"));
  CHECK_THAT(refusal({{"intervention[1]", 0.1}}), Catch::Contains("must name a field"));
  CHECK_THAT(refusal({{"name.x", 0.1}}), Catch::Contains("'name' is not a table"));
  // The file's own mistakes stand as they are, with their place.
  CHECK_THROWS_WITH(parse_scenario("horizon_months = 0", "bad.toml",
                                   std::vector<ParameterSetting>{{"model.decay", 0.1}}),
                    Catch::Contains("bad.toml:1:"));
}

TEST_CASE("to_string writes values as TOML does", "[sim][parameters]") {
  CHECK(to_string(ParameterValue{0.25}) == "0.25");
  CHECK(to_string(ParameterValue{std::int64_t{3}}) == "3");
  CHECK(to_string(ParameterValue{true}) == "true");
  CHECK(to_string(ParameterValue{std::string("Essen")}) == "\"Essen\"");
}

TEST_CASE("scenario_text writes the settings into a file that parses to the same scenario",
          "[sim][parameters]") {
  const std::vector<ParameterSetting> settings{{"model.effects.base", -5.25},
                                               {"intervention[office.west].conversion", 0.4}};
  const auto text = scenario_text(two_groups, "s.toml", settings);
  const auto again = parse_scenario(text, "calibrated.toml");
  const auto direct = with(settings);
  CHECK(again.model.effects.base == direct.model.effects.base);
  CHECK(again.model.decay == 0.03);
  CHECK(again.interventions[1].spec_if<TransferOffice>()->conversion == 0.4);
  CHECK(again.interventions[0].spec_if<WorkingGroup>()->select.size == 10);
  CHECK_THROWS_WITH(
      scenario_text(two_groups, "s.toml", std::vector<ParameterSetting>{{"model.decay", 2.0}}),
      Catch::Contains("parameter 'model.decay' = 2"));
}
