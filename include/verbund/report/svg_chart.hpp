#pragma once

// Three small chart kinds drawn as inline SVG: line charts with 95 % bands (scenario time
// series), horizontal bar charts (indicators by municipality) and a point-and-line map
// (actors and ties by coordinates). Every name in them goes through report::escape. The SVG
// carries its own counts (data-series, data-bars, data-points, data-lines) for tests to read.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "verbund/report/lang.hpp"

namespace verbund::report {

/// An axis from `low` to `high` with ticks every `step`: a "nice" step (1, 2 or 5 times a power
/// of ten) and bounds that are multiples of it and enclose the data.
struct AxisRange {
  double low = 0.0, high = 1.0, step = 0.2;
};
/// The nice axis enclosing [min, max] with about `ticks` intervals; a single value or an empty
/// range (min > max, non-finite) gets a unit-wide axis around it (around 0). O(1), thread-safe,
/// does not throw.
[[nodiscard]] AxisRange nice_axis(double min, double max, int ticks = 5) noexcept;

/// One line: y over x, optionally with a band [low, high] (same length as x, or empty).
struct LineSeries {
  std::string name;
  std::vector<double> x, y;
  std::vector<double> low, high;
};
struct LineChart {
  std::string title;
  std::string x_label, y_label;
  std::vector<LineSeries> series;
  std::optional<double> marker_x;  ///< a dashed vertical line (e.g. the programme's end)
  std::string marker_label;
};
/// The chart as an `<svg>` element: axes with ticks, one `<g class="series">` per series (its
/// band as a translucent path, its line as a polyline) and a legend. Throws InvalidInput if a
/// series' x and y (or a given band) differ in length. O(points), thread-safe.
[[nodiscard]] std::string svg_line_chart(const LineChart& chart, Lang lang);

struct Bar {
  std::string label;
  double value = 0.0;
};
struct BarChart {
  std::string title;
  std::vector<Bar> bars;    ///< drawn in this order, top to bottom
  bool as_percent = false;  ///< values are shares in [0, 1], labelled as percentages
  int digits = 2;
};
/// Horizontal bars, one `<rect class="bar">` per bar with its label and value. O(bars),
/// thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string svg_bar_chart(const BarChart& chart, Lang lang);

struct MapPoint {
  double lat = 0.0, lon = 0.0;
  std::size_t group = 0;  ///< index into ScatterMap::groups (colour and legend)
  double radius = 2.5;
  std::string title;  ///< tooltip; empty = none (keeps large maps small)
};
struct MapLine {
  double lat1 = 0.0, lon1 = 0.0, lat2 = 0.0, lon2 = 0.0;
};
struct MapLabel {
  double lat = 0.0, lon = 0.0;
  std::string text;
};
struct ScatterMap {
  std::string title;
  std::vector<std::string> groups;  ///< legend names, one colour each
  std::vector<MapPoint> points;
  std::vector<MapLine> lines;
  std::vector<MapLabel> labels;
};
/// An equirectangular map (longitude scaled by the cosine of the mean latitude, so that
/// distances look right at a region's scale) fitted to the points: lines under points under
/// labels, and a legend of the groups. Throws InvalidInput if a point names a group it lacks.
/// O(points + lines + labels), thread-safe.
[[nodiscard]] std::string svg_map(const ScatterMap& map);

/// The i-th colour of the charts' palette (cycled), as "#rrggbb". O(1), does not throw.
[[nodiscard]] std::string_view palette(std::size_t i) noexcept;

}  // namespace verbund::report
