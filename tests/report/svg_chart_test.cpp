// The SVG charts: nice axes (brute-force properties), counts of series, bars and points, where
// values land, and escaping of every name.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <regex>

#include "text_search.hpp"
#include "verbund/error.hpp"
#include "verbund/report/svg_chart.hpp"

using namespace verbund::report;
using verbund::report::test::occurrences;

namespace {
bool is_nice(double step) {
  const double power = std::pow(10.0, std::floor(std::log10(step) + 1e-12));
  const double f = step / power;
  return std::abs(f - 1) < 1e-9 || std::abs(f - 2) < 1e-9 || std::abs(f - 5) < 1e-9;
}
}  // namespace

TEST_CASE("nice_axis on hand-picked ranges", "[report][chart]") {
  auto r = nice_axis(0.0, 1.0, 5);
  CHECK(r.low == Approx(0.0));
  CHECK(r.high == Approx(1.0));
  CHECK(r.step == Approx(0.2));
  r = nice_axis(3.0, 97.0, 5);
  CHECK(r.low == Approx(0.0));
  CHECK(r.high == Approx(100.0));
  CHECK(r.step == Approx(20.0));
  r = nice_axis(-0.03, 0.12, 5);
  CHECK(r.low == Approx(-0.05));
  CHECK(r.high == Approx(0.15));
  CHECK(r.step == Approx(0.05));
  r = nice_axis(7.0, 7.0, 5);  // a single value gets a range around it
  CHECK(r.low < 7.0);
  CHECK(r.high > 7.0);
  r = nice_axis(NAN, 1.0, 5);
  CHECK(r.low <= 0.0);
  CHECK(r.high > r.low);
}

TEST_CASE("nice_axis encloses random ranges with nice, aligned steps", "[report][chart]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-4, 6), unit(-1, 1);
  for (int i = 0; i < 2000; ++i) {
    const double scale = std::pow(10.0, exponent(rng));
    double a = unit(rng) * scale, b = unit(rng) * scale;
    if (a > b) std::swap(a, b);
    const auto r = nice_axis(a, b, 5);
    INFO(a << " " << b << " -> " << r.low << " " << r.high << " " << r.step);
    CHECK(r.low <= a + 1e-9 * scale);
    CHECK(r.high >= b - 1e-9 * scale);
    CHECK(is_nice(r.step));
    CHECK(std::abs(r.low / r.step - std::round(r.low / r.step)) < 1e-6);
    const double intervals = (r.high - r.low) / r.step;
    CHECK(intervals >= 1.0 - 1e-9);
    CHECK(intervals <= 12.0);  // at most about twice the ticks asked for, plus rounding out
  }
}

TEST_CASE("a line chart has one group, band and line per series", "[report][chart]") {
  LineChart c;
  c.title = "Dichte <b>";
  c.series.push_back({"Basis", {0, 1, 2}, {0.0, 0.5, 1.0}, {0.0, 0.4, 0.9}, {0.0, 0.6, 1.1}});
  c.series.push_back({"<script>alert(1)</script>", {0, 1, 2}, {1, 1, 1}, {}, {}});
  c.marker_x = 1.0;
  c.marker_label = "Ende";
  const auto svg = svg_line_chart(c, Lang::de);
  CHECK(svg.find("data-series=\"2\"") != std::string::npos);
  CHECK(occurrences(svg, "<g class=\"series\"") == 2);
  CHECK(occurrences(svg, "class=\"band\"") == 1);
  CHECK(occurrences(svg, "class=\"line\"") == 2);
  CHECK(occurrences(svg, "class=\"marker\"") == 1);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(svg.find("Dichte &lt;b&gt;") != std::string::npos);
  // y from 0 to 1.1 -> axis 0 .. 1.5 by 0.5; the plot box runs from y=30 (top) to y=230 (bottom).
  CHECK(svg.find("data-y-low=\"0.0\"") != std::string::npos);
  const std::regex points("points=\"([^\"]*)\"");
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, points));
  // First point (0, 0) at the bottom-left corner of the box: x = 64, y = 230.
  CHECK(m[1].str().rfind("64.0,230.0 ", 0) == 0);
  // German tick labels use a decimal comma.
  CHECK(svg.find(">0,5<") != std::string::npos);
  CHECK(svg.find("data-y-high=\"1.5\"") != std::string::npos);
}

TEST_CASE("a line chart refuses series of uneven length", "[report][chart]") {
  LineChart c;
  c.series.push_back({"x", {0, 1}, {1}, {}, {}});
  CHECK_THROWS_AS(svg_line_chart(c, Lang::en), verbund::InvalidInput);
  c.series[0] = {"x", {0, 1}, {1, 2}, {0}, {3}};
  CHECK_THROWS_AS(svg_line_chart(c, Lang::en), verbund::InvalidInput);
}

TEST_CASE("a bar chart has one bar per value, proportional to it", "[report][chart]") {
  BarChart c;
  c.title = "Anteil";
  c.as_percent = true;
  c.bars = {{"Essen", 0.5}, {"Bochum & <Herne>", 0.25}, {"Hagen", 0.0}};
  const auto svg = svg_bar_chart(c, Lang::de);
  CHECK(svg.find("data-bars=\"3\"") != std::string::npos);
  CHECK(occurrences(svg, "class=\"bar\"") == 3);
  CHECK(svg.find("Bochum &amp; &lt;Herne&gt;") != std::string::npos);
  CHECK(svg.find("50,0 %") != std::string::npos);
  const std::regex widths("class=\"bar\"[^>]*width=\"([0-9.]+)\"");
  std::vector<double> w;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), widths); it != std::sregex_iterator();
       ++it)
    w.push_back(std::stod((*it)[1].str()));
  REQUIRE(w.size() == 3);
  CHECK(w[0] == Approx(2 * w[1]).epsilon(0.01));
  CHECK(w[2] == Approx(0.0));
}

TEST_CASE("a map draws every point, line and label, and its legend", "[report][chart]") {
  ScatterMap m;
  m.title = "Karte";
  m.groups = {"Unternehmen", "Hochschule"};
  m.points = {
      {51.5, 7.0, 0, 2.5, ""}, {51.4, 7.2, 1, 4.0, "<script>x</script>"}, {51.6, 6.8, 0, 2.5, ""}};
  m.lines = {{51.5, 7.0, 51.4, 7.2}};
  m.labels = {{51.5, 7.0, "Essen"}};
  const auto svg = svg_map(m);
  CHECK(svg.find("data-points=\"3\"") != std::string::npos);
  CHECK(svg.find("data-lines=\"1\"") != std::string::npos);
  CHECK(occurrences(svg, "<circle") == 3 + 2);  // points + legend
  CHECK(svg.find("&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find(">Essen<") != std::string::npos);
  // North is up: the northernmost point (51.6) has the smallest cy.
  const std::regex cy("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\" r=\"[0-9.]+\"");
  std::vector<std::pair<double, double>> c;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), cy); it != std::sregex_iterator();
       ++it)
    c.emplace_back(std::stod((*it)[1].str()), std::stod((*it)[2].str()));
  REQUIRE(c.size() >= 3);
  // Group 0 first: (51.5, 7.0) then (51.6, 6.8); then group 1: (51.4, 7.2).
  CHECK(c[1].second < c[0].second);
  CHECK(c[2].second > c[0].second);
  CHECK(c[1].first < c[0].first);  // west is left
  m.points.push_back({51.0, 7.0, 5, 1.0, ""});
  CHECK_THROWS_AS(svg_map(m), verbund::InvalidInput);
}
