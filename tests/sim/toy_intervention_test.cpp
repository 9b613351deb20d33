// Adding an intervention takes one file, one registry line and its TOML reader: this test adds
// a toy one exactly that way (the file is the part above the TEST_CASE, the registry line is
// `registry.add(introducer_type)`), and runs it.

#include <catch2/catch.hpp>

#include "sim/interventions/intervention.hpp"
#include "sim/interventions/registry.hpp"
#include "sim/interventions/toml_fields.hpp"
#include "sim/month.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/sim/simulate.hpp"

using namespace verbund;
using namespace verbund::sim::detail;

namespace {

// --- the one file: its fields, its TOML reader, its compiled unit ---------------------------

/// An introducer: at month `at` it ties two named actors (an informal tie).
struct Introducer {
  std::string name;
  int at = 1;
  std::string first, second;
};

class IntroducerUnit final : public CompiledIntervention {
 public:
  IntroducerUnit(int at, core::ActorId a, core::ActorId b) : at_(at), a_(a), b_(b) {}
  void apply(MonthContext& month, InterventionState*) const override {
    if (month.month() == at_ && !month.network().connected(a_.value, b_.value))
      month.network().connect(a_.value, b_.value, core::TieKind::informal);
  }

 private:
  int at_;
  core::ActorId a_, b_;
};

std::any read_introducer(io::TomlReader& r, const ReadContext& where) {
  Introducer i;
  i.name = where.name;
  i.at = read_month(r, "at", where.horizon, 1);
  i.first = r.string("first").value_or("");
  i.second = r.string("second").value_or("");
  r.finish();
  return i;
}

std::unique_ptr<const CompiledIntervention> compile_introducer(
    const sim::Intervention& intervention, CompileContext& ctx) {
  const auto& i = *intervention.spec_if<Introducer>();
  const auto both = ctx.select({}, {i.first, i.second}, i.name);  // throws at an unknown actor
  return std::make_unique<IntroducerUnit>(i.at, both[0], both[1]);
}

const InterventionType introducer_type{"introducer", 1, read_introducer, compile_introducer};

// --------------------------------------------------------------------------------------------

const core::Region& region() {
  static const core::Region r = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 300, .seed = 2});
  return r;
}

/// Two actors that are not tied at the start.
std::pair<std::string, std::string> strangers() {
  const auto& r = region();
  for (std::uint32_t v = 1; v < r.size(); ++v) {
    bool tied = false;
    for (const auto& t : r.ties())
      if ((t.source.value == 0 && t.target.value == v) ||
          (t.source.value == v && t.target.value == 0))
        tied = true;
    if (!tied)
      return {std::string(r.external_id(core::ActorId{0})),
              std::string(r.external_id(core::ActorId{v}))};
  }
  FAIL("every actor is tied to actor 0");
  return {};
}

}  // namespace

TEST_CASE("a toy intervention added in one file and one registry line runs in the simulation",
          "[sim]") {
  auto registry = builtin_interventions();
  registry.add(introducer_type);  // the registry line

  const auto [a, b] = strangers();
  const std::string text =
      "name = \"toy\"\nhorizon_months = 4\n[model]\ndecay = 0.0\n"
      "[[intervention]]\ntype = \"introducer\"\nat = 3\nfirst = \"" +
      a + "\"\nsecond = \"" + b + "\"\n";
  // Without its line the type is unknown, at its place.
  CHECK_THROWS_WITH(
      sim::parse_scenario(text, "toy.toml"),
      Catch::Contains("toy.toml:6:8") && Catch::Contains("unknown intervention type 'introducer'"));
  const auto scenario = parse_scenario(text, "toy.toml", registry);
  REQUIRE(scenario.interventions.size() == 1);
  CHECK(scenario.interventions[0].type == "introducer");

  const auto model = compile(region(), scenario, {}, {.seed = 3}, registry);
  const auto ia = *region().find(a), ib = *region().find(b);
  sim::Simulation replicate(model, 0);
  while (!replicate.done()) {
    replicate.step();
    CHECK(replicate.network().tie(ia.value, ib.value).has_value() == (replicate.month() >= 3));
  }
  // Its compiler resolves names when compiling, with the place in the file.
  const auto ghost = parse_scenario(
      "horizon_months = 4\n[[intervention]]\ntype = \"introducer\"\nfirst = \"ghost\"\n"
      "second = \"" +
          b + "\"\n",
      "ghost.toml", registry);
  CHECK_THROWS_WITH(compile(region(), ghost, {}, {.seed = 3}, registry),
                    Catch::Contains("ghost.toml:2:1: introducer #1: unknown actor 'ghost'"));
}
