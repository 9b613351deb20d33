// The sweep file reader: what it accepts, and every refusal at file:line:column.
#include <catch2/catch.hpp>

#include "verbund/error.hpp"
#include "verbund/sweep/sweep.hpp"

using namespace verbund;

namespace {
const char* good = R"(scenario = "base.toml"
design = "grid"
replicates = 3
seed = 9
month = 4
indicators = ["ties", "science share"]

[[parameter]]
key = "model.effects.base"
range = [0.1, 0.3]
steps = 3

[[parameter]]
key = "intervention[1].select.size"
levels = [10, 20]
)";

std::string refusal(const std::string& text) {
  try {
    static_cast<void>(sweep::parse_sweep(text, "dir/s.toml"));
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "accepted";
}
}  // namespace

TEST_CASE("a sweep file is read with every field", "[sweep]") {
  const auto s = sweep::parse_sweep(good, "dir/s.toml");
  CHECK(s.scenario == std::filesystem::path("dir/base.toml"));
  CHECK(s.design == sweep::Design::grid);
  CHECK(s.replicates == 3);
  CHECK(s.seed == 9);
  CHECK(s.month == 4);
  CHECK(s.indicators == std::vector<std::size_t>{4, 7});  // science share, ties: ascending
  REQUIRE(s.parameters.size() == 2);
  CHECK(s.parameters[0].steps == 3);
  CHECK(s.parameters[1].levels.size() == 2);
}

TEST_CASE("a sweep file's mistakes are refused at their place", "[sweep]") {
  const std::string base = good;
  CHECK_THAT(refusal(base + "colour = 1\n"),
             Catch::StartsWith("dir/s.toml:16:1") && Catch::Contains("unknown key 'colour'"));
  CHECK_THAT(
      refusal(base + "[[parameter]]\nkey = \"model.decay\"\nrange = [0.2, 0.2]\nsteps = 2\n"),
      Catch::StartsWith("dir/s.toml:18:") && Catch::Contains("range of 'model.decay' is empty"));
  CHECK_THAT(refusal(base + "[[parameter]]\nkey = \"model.decay\"\nlevels = []\n"),
             Catch::Contains("levels of 'model.decay' are empty"));
  CHECK_THAT(refusal(base + "[[parameter]]\nkey = \"model.effects.base\"\nlevels = [1]\n"),
             Catch::StartsWith("dir/s.toml:17:") && Catch::Contains("varied twice"));
  CHECK_THAT(refusal(base + "[[parameter]]\nkey = \"model.decay\"\nlevels = [0.1]\nhue = 2\n"),
             Catch::StartsWith("dir/s.toml:19:") && Catch::Contains("unknown key 'hue'"));
  std::string sobol = good;
  sobol.replace(sobol.find("design = \"grid\""), 15, "design = \"sobol\"\nsamples = 6");
  sobol.replace(sobol.find("steps = 3\n"), 10, "");
  CHECK_THAT(refusal(sobol), Catch::StartsWith("dir/s.toml:3:") &&
                                 Catch::Contains("power of two") && Catch::Contains("not 6"));
  sobol.replace(sobol.find("samples = 6"), 11, "samples = 8");
  CHECK(refusal(sobol) == "accepted");
  std::string lhs = sobol;
  lhs.replace(lhs.find("sobol"), 5, "lhs");
  lhs.replace(lhs.find("samples = 8"), 11, "samples = 6");
  CHECK(refusal(lhs) == "accepted");  // a Latin hypercube takes any count
  CHECK_THAT(
      refusal("scenario = \"b.toml\"\n[[parameter]]\nkey = \"model.decay\"\nrange = [0, 1]\n"),
      Catch::Contains("needs 'steps'"));
  CHECK_THAT(refusal("scenario = \"b.toml\"\nindicators = [\"bliss\"]\n[[parameter]]\n"
                     "key = \"model.decay\"\nlevels = [0.1]\n"),
             Catch::StartsWith("dir/s.toml:2:") && Catch::Contains("unknown indicator 'bliss'"));
  CHECK_THAT(refusal("scenario = \"b.toml\"\n"), Catch::Contains("varies nothing"));
  CHECK_THAT(refusal("scenario = \"b.toml\"\ndesign = \"lhs\"\n[[parameter]]\n"
                     "key = \"model.decay\"\nrange = [0.1, 0.2]\n"),
             Catch::Contains("needs 'samples'"));
  CHECK_THAT(refusal("scenario = \"b.toml\"\ndesign = \"morris\"\nsamples = 4\nlevels = 5\n"
                     "[[parameter]]\nkey = \"model.decay\"\nrange = [0.1, 0.2]\n"),
             Catch::StartsWith("dir/s.toml:4:") && Catch::Contains("even"));
}
