#include <catch2/catch.hpp>

#include <set>

#include "test_support.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/core/region.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/io/region_csv.hpp"

using namespace verbund;

namespace {

const gen::RuhrBase& base() {
  static const gen::RuhrBase b = gen::load_ruhr_base(test::project_data_dir() / "ruhr");
  return b;
}

std::string exported(const core::RegionData& data) {
  test::ScratchDir dir;
  io::write_region_csv(core::build_region(data), dir.path());
  return test::read_csv_export(dir.path());
}

}  // namespace

TEST_CASE("the bundled Ruhr data is complete and consistent", "[gen][ruhr]") {
  const auto& b = base();
  CHECK(b.municipalities.size() == 53);  // the Regionalverband Ruhr
  std::set<std::string> districts;
  for (const auto& m : b.municipalities) districts.insert(m.district);
  CHECK(districts.size() == 15);  // 11 cities + 4 Kreise
  CHECK(b.sectors.size() >= 20);
  std::size_t themes = 0;
  for (const auto& t : b.institutions.taxonomy) themes += t.theme.empty() ? 1 : 0;
  CHECK(themes == 7);  // the six specialisation themes and skills/business
  const core::Region r = core::build_region(b.institutions);
  CHECK(r.actors_of_kind(core::ActorKind::university).size() >= 10);
  CHECK(r.actors_of_kind(core::ActorKind::research_institute).size() >= 10);
  CHECK(r.actors_of_kind(core::ActorKind::chamber).size() == 9);
  CHECK(r.actors_of_kind(core::ActorKind::municipality).size() == 53);
  CHECK(r.find("rub").has_value());
  CHECK(r.name(*r.find("mun-muelheim-an-der-ruhr")) == "Stadt Mülheim an der Ruhr");
}

TEST_CASE("generation is identical for any thread count and changes with the seed", "[gen][ruhr]") {
  const gen::RuhrOptions options{.firms = 1500, .seed = 11};
  std::string one, two;
  {
    const core::ThreadLimit limit(1);
    one = exported(gen::generate_ruhr(base(), options));
  }
  {
    const core::ThreadLimit limit(2);
    two = exported(gen::generate_ruhr(base(), options));
  }
  CHECK(one == two);
  CHECK(exported(gen::generate_ruhr(base(), {.firms = 1500, .seed = 12})) != one);
}

TEST_CASE("the direct builder path gives the same region as the records path", "[gen][ruhr]") {
  const gen::RuhrOptions options{.firms = 1200, .seed = 21};
  test::ScratchDir dir;
  io::write_region_csv(gen::generate_ruhr_region(base(), options), dir.path());
  CHECK(test::read_csv_export(dir.path()) == exported(gen::generate_ruhr(base(), options)));
}

TEST_CASE("the generated population is calibrated to the documents' figures", "[gen][ruhr]") {
  const gen::RuhrOptions options{.firms = 20000, .seed = 3, .ties_per_firm = 3.0};
  const core::Region r = core::build_region(gen::generate_ruhr(base(), options));
  std::set<std::string> industrial;
  for (const auto& s : base().sectors) {
    if (s.industrial) industrial.insert(s.nace);
  }
  std::size_t industrial_firms = 0, with_science = 0, firm_ties = 0, in_chamber = 0;
  for (const auto f : r.actors_of_kind(core::ActorKind::firm)) {
    bool science = false;
    for (const auto& nb : r.neighbours(f)) {
      science = science || core::is_science(r.kind(nb.actor));
      if (r.kind(nb.actor) == core::ActorKind::firm) ++firm_ties;
    }
    if (industrial.contains(std::string(r.sector(f)))) {
      ++industrial_firms;
      with_science += science ? 1 : 0;
    }
    for (const auto g : r.groups_of(f)) in_chamber += r.kind(g) == core::ActorKind::chamber ? 1 : 0;
    REQUIRE(!r.offers(f).empty());
    REQUIRE(r.location(f).has_value());
  }
  // Mülheim's survey: 4 in 10 industrial firms cooperate with science.
  const double share = static_cast<double>(with_science) / static_cast<double>(industrial_firms);
  CHECK(share == Approx(0.40).margin(0.04));
  // Firm-to-firm ties per firm (each tie counted from both ends, so halve).
  CHECK(static_cast<double>(firm_ties) / 2.0 / 20000.0 == Approx(3.0).epsilon(0.1));
  CHECK(in_chamber == 20000);  // chamber membership is compulsory
}

TEST_CASE("bad generator options and base files are refused", "[gen][ruhr]") {
  CHECK_THROWS_AS(gen::generate_ruhr(base(), {.science_share = 1.5}), InvalidInput);
  CHECK_THROWS_AS(gen::generate_ruhr(base(), {.ties_per_firm = -1.0}), InvalidInput);

  test::ScratchDir dir;
  for (const auto& entry : std::filesystem::directory_iterator(test::project_data_dir() / "ruhr")) {
    std::filesystem::copy(entry.path(), dir / entry.path().filename().string());
  }
  std::string m = test::read_file(dir / "municipalities.csv");
  m.replace(m.find("hwk-muenster"), 12, "hwk-atlantis");
  test::write_file(dir / "municipalities.csv", m);
  CHECK_THROWS_WITH(
      gen::load_ruhr_base(dir.path()),
      Catch::Contains("municipalities.csv") && Catch::Contains("unknown chamber 'hwk-atlantis'"));
}
