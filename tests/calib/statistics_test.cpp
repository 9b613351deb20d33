// Calibration statistics against brute force on random yearly networks, and target files.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "verbund/analysis/indicators.hpp"
#include "verbund/calib/statistics.hpp"
#include "verbund/calib/targets.hpp"
#include "verbund/error.hpp"
#include "verbund/gen/ruhr.hpp"

using namespace verbund;
using calib::StatisticKind;

namespace {

const core::Region& small_region() {
  static const core::Region r = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 60, .seed = 3});
  return r;
}

// Random yearly networks on the first n actors: each pair connected with chance p.
calib::Panel random_panel(std::size_t n, std::size_t years, double p, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  calib::Panel panel;
  const auto size = small_region().size();
  for (std::size_t y = 0; y < years; ++y) {
    calib::YearNetwork net{static_cast<int>(y), {}, std::vector<bool>(size, false)};
    for (std::uint32_t a = 0; a < n; ++a) net.present[a] = u(rng) < 0.95;
    for (std::uint32_t a = 0; a < n; ++a)
      for (std::uint32_t b = a + 1; b < n; ++b)
        if (net.present[a] && net.present[b] && u(rng) < p)
          net.pairs.push_back({a, b, static_cast<std::uint8_t>(u(rng) < 0.5 ? 8 : 16)});
    panel.years.push_back(std::move(net));
  }
  return panel;
}

using Matrix = std::vector<std::vector<int>>;
Matrix matrix_of(const calib::YearNetwork& net) {
  Matrix m(net.present.size(), std::vector<int>(net.present.size(), 0));
  for (const auto& p : net.pairs) m[p.a][p.b] = m[p.b][p.a] = p.kinds;
  return m;
}

}  // namespace

TEST_CASE("calib: statistics equal brute force on random panels", "[calib]") {
  const auto& region = small_region();
  const std::size_t n = 40;
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    const auto panel = random_panel(n, 4, 0.08, seed);
    const auto size = region.size();
    std::vector<Matrix> m;
    for (const auto& y : panel.years) m.push_back(matrix_of(y));
    // Brute force, year by year.
    double degree = 0, science = 0, industrial_science = 0, fresh_sum = 0, closure = 0, repeat = 0,
           project_new = 0;
    std::vector<double> degrees_by_year;
    for (std::size_t y = 0; y < panel.years.size(); ++y) {
      const auto& pr = panel.years[y].present;
      double present = 0, edges = 0, firms = 0, linked = 0, industrial = 0, industrial_linked = 0;
      for (std::size_t a = 0; a < size; ++a) {
        if (!pr[a]) continue;
        ++present;
        bool sci = false;
        for (std::size_t b = 0; b < size; ++b) {
          if (!m[y][a][b]) continue;
          if (a < b) ++edges;
          if (core::is_science(region.kind(core::ActorId{static_cast<std::uint32_t>(b)})))
            sci = true;
        }
        if (region.kind(core::ActorId{static_cast<std::uint32_t>(a)}) == core::ActorKind::firm) {
          ++firms;
          linked += sci ? 1 : 0;
          // Industrial: NACE divisions 05-33, read off the code's first two digits.
          const auto sector = region.sector(core::ActorId{static_cast<std::uint32_t>(a)});
          const int division = sector.size() >= 2 ? std::stoi(std::string(sector.substr(0, 2))) : 0;
          if (division >= 5 && division <= 33) {
            ++industrial;
            industrial_linked += sci ? 1 : 0;
          }
        }
      }
      degrees_by_year.push_back(2 * edges / present);
      degree += 2 * edges / present;
      science += firms > 0 ? linked / firms : 0;
      industrial_science += industrial > 0 ? industrial_linked / industrial : 0;
      if (y == 0) continue;
      double fresh = 0, closing = 0, again = 0, fresh_project = 0;
      for (std::size_t a = 0; a < size; ++a)
        for (std::size_t b = a + 1; b < size; ++b) {
          if (!m[y][a][b] || m[y - 1][a][b]) continue;
          ++fresh;
          if (m[y][a][b] & 8) ++fresh_project;
          bool common = false;
          for (std::size_t c = 0; c < size; ++c) common |= m[y - 1][a][c] && m[y - 1][b][c];
          closing += common ? 1 : 0;
          bool before = false;
          for (std::size_t z = 0; z < y; ++z) before |= m[z][a][b] != 0;
          again += before ? 1 : 0;
        }
      fresh_sum += fresh;
      project_new += fresh_project;
      closure += closing / fresh;
      repeat += again / fresh;
    }
    const double years = static_cast<double>(panel.years.size());
    auto value = [&](calib::Statistic s) { return calib::compute(s, region, panel); };
    CHECK(value({StatisticKind::mean_degree}) == Approx(degree / years));
    CHECK(value({StatisticKind::science_share}) == Approx(science / years));
    CHECK(value({.kind = StatisticKind::science_share, .industrial = true}) ==
          Approx(industrial_science / years));
    CHECK(value({StatisticKind::new_ties}) == Approx(fresh_sum / (years - 1)));
    CHECK(value({.kind = StatisticKind::new_ties, .tie_kind = core::TieKind::project}) ==
          Approx(project_new / (years - 1)));
    CHECK(value({StatisticKind::triangle_closure}) == Approx(closure / (years - 1)));
    CHECK(value({StatisticKind::repeat_share}) == Approx(repeat / (years - 1)));
    // The trend: least squares on (0, d0), (1, d1), ...
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t y = 0; y < degrees_by_year.size(); ++y) {
      const auto x = static_cast<double>(y);
      sx += x;
      sy += degrees_by_year[y];
      sxx += x * x;
      sxy += x * degrees_by_year[y];
    }
    CHECK(value({.kind = StatisticKind::stationary, .of = StatisticKind::mean_degree}) ==
          Approx((years * sxy - sx * sy) / (years * sxx - sx * sx)));
  }
}

TEST_CASE("calib: science share of industrial firms equals brute force", "[calib]") {
  const auto& region = small_region();
  const auto size = static_cast<std::uint32_t>(region.size());
  const auto panel = random_panel(size, 1, 0.05, 11);
  const auto m = matrix_of(panel.years[0]);
  double industrial = 0, linked = 0;
  for (std::uint32_t a = 0; a < size; ++a) {
    const auto sector = region.sector(core::ActorId{a});
    const int division = sector.size() >= 2 ? std::stoi(std::string(sector.substr(0, 2))) : 0;
    if (!panel.years[0].present[a] || region.kind(core::ActorId{a}) != core::ActorKind::firm ||
        division < 5 || division > 33)
      continue;
    ++industrial;
    bool sci = false;
    for (std::uint32_t b = 0; b < size; ++b)
      sci |= m[a][b] != 0 && core::is_science(region.kind(core::ActorId{b}));
    linked += sci ? 1 : 0;
  }
  REQUIRE(industrial > 0);
  REQUIRE(linked > 0);  // the check below can tell the industrial firms from the others
  CHECK(calib::compute({.kind = StatisticKind::science_share, .industrial = true}, region, panel) ==
        Approx(linked / industrial));
  CHECK(calib::is_industrial_sector("25.62"));
  CHECK(calib::is_industrial_sector("05"));
  CHECK_FALSE(calib::is_industrial_sector("62.01"));
  CHECK_FALSE(calib::is_industrial_sector("4"));
}

TEST_CASE("calib: degree quantile interpolates like R's type 7", "[calib]") {
  const auto& region = small_region();
  calib::Panel panel;
  calib::YearNetwork net{
      0, {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {1, 2, 1}}, std::vector<bool>(region.size(), false)};
  for (int a = 0; a < 5; ++a) net.present[a] = true;  // degrees 3, 2, 2, 1, 0
  panel.years.push_back(net);
  auto q = [&](double p) {
    return calib::compute({.kind = StatisticKind::degree_quantile, .quantile = p}, region, panel);
  };
  CHECK(q(0.0) == 0.0);
  CHECK(q(0.5) == 2.0);
  CHECK(q(1.0) == 3.0);
  CHECK(q(0.9) == Approx(2.6));  // sorted 0 1 2 2 3: h = 3.6
}

TEST_CASE("calib: target files are read strictly", "[calib]") {
  const auto targets = calib::read_targets(
      "[[target]]\nstatistic = \"mean_degree\"\nvalue = 4.5\n"
      "[[target]]\nstatistic = \"new_ties\"\nkind = \"project\"\nfrom_data = [2014, 2016]\n"
      "[[target]]\nstatistic = \"stationary\"\nof = \"science_share\"\n",
      "t.toml");
  REQUIRE(targets.size() == 3);
  CHECK(*targets[0].value == 4.5);
  CHECK(targets[1].years == std::pair{2014, 2016});
  CHECK(targets[1].statistic.label() == "new ties per year (project)");
  CHECK(*targets[2].value == 0.0);
  auto fails = [](const std::string& text, const std::string& message) {
    CHECK_THROWS_WITH(calib::read_targets(text, "t.toml"), Catch::Contains(message));
  };
  fails("[[target]]\nstatistic = \"density_of_joy\"\nvalue = 1\n",
        "t.toml:2:13: unknown statistic 'density_of_joy'");
  fails("[[target]]\nstatistic = \"mean_degree\"\nvalue = 1\nfrom_data = [2014, 2015]\n",
        "has both 'value' and 'from_data'");
  fails("[[target]]\nstatistic = \"mean_degree\"\n", "needs 'value' or 'from_data'");
  fails("[[target]]\nstatistic = \"mean_degree\"\nfrom_data = [2016, 2014]\n", "t.toml:3:13:");
  fails("[[target]]\nstatistic = \"mean_degree\"\nvalue = 1\ncolour = 2\n",
        "t.toml:4:1: unknown key 'colour'");
  fails("[[target]]\nstatistic = \"mean_degree\"\nkind = \"project\"\nvalue = 1\n",
        "belongs to statistic new_ties only");
  fails("", "names no [[target]]");
  fails("[[target]]\nstatistic = \"science_share\"\nfirms = \"large\"\nvalue = 0.4\n",
        "t.toml:3:9: 'firms' must be");
  fails("[[target]]\nstatistic = \"mean_degree\"\nfirms = \"industrial\"\nvalue = 4\n",
        "belongs to statistic science_share only");
  CHECK(calib::read_targets("[[target]]\nstatistic = \"science_share\"\nfirms = \"industrial\"\n"
                            "value = 0.4\n",
                            "t.toml")[0]
            .statistic.label() == "science share of industrial firms");
  // Contradictions need the region's size.
  auto contradicts = [](const std::string& text, const std::string& message) {
    const auto t = calib::read_targets(text, "t.toml");
    CHECK_THROWS_WITH(calib::check_targets(t, 10), Catch::Contains(message));
  };
  contradicts("[[target]]\nstatistic = \"mean_degree\"\nvalue = 12\n",
              "t.toml:3:9: mean degree = 12: a degree must be");
  contradicts("[[target]]\nstatistic = \"science_share\"\nvalue = 1.25\n", "= 1.25: a share");
  contradicts("[[target]]\nstatistic = \"science_share\"\nvalue = 1.5\n", "a share must be");
  contradicts(
      "[[target]]\nstatistic = \"mean_degree\"\nvalue = 2\n[[target]]\nstatistic = "
      "\"mean_degree\"\nvalue = 3\n",
      "t.toml:6:9: mean degree = 3: contradicts the same statistic at line 3 (2)");
  CHECK_NOTHROW(calib::check_targets(
      calib::read_targets("[[target]]\nstatistic = \"mean_degree\"\nvalue = 9\n", "t.toml"), 10));
}
