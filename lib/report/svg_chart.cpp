#include "verbund/report/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>

#include "verbund/error.hpp"
#include "verbund/report/html.hpp"

namespace verbund::report {

std::string_view palette(std::size_t i) noexcept {
  // Okabe–Ito first (readable for colour-blind readers), then more for the 13 actor kinds.
  static constexpr std::array<std::string_view, 13> colours{
      "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c6d00",
      "#000000", "#7f7f7f", "#b22222", "#6a3d9a", "#1b9e77", "#b3b3b3"};
  return colours[i % colours.size()];
}

AxisRange nice_axis(double min, double max, int ticks) noexcept {
  if (!std::isfinite(min) || !std::isfinite(max) || min > max) min = max = 0.0;
  if (ticks < 1) ticks = 1;
  if (min == max) {
    const double half = min == 0.0 ? 0.5 : std::abs(min) * 0.5;
    min -= half;
    max += half;
  }
  const double raw = (max - min) / ticks;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10.0 * power;
  for (const double f : {1.0, 2.0, 5.0}) {
    if (f * power >= raw * (1.0 - 1e-9)) {
      step = f * power;
      break;
    }
  }
  AxisRange r;
  r.step = step;
  r.low = std::floor(min / step + 1e-9) * step;
  r.high = std::ceil(max / step - 1e-9) * step;
  if (r.high <= r.low) r.high = r.low + step;
  return r;
}

namespace {

std::string fmt(double v) {
  std::array<char, 32> b{};
  std::snprintf(b.data(), b.size(), "%.1f", v);
  return b.data();
}

// Tick labels: as many decimals as the step needs.
std::string tick_label(Lang lang, double v, double step) {
  const int digits = std::clamp(static_cast<int>(std::ceil(-std::log10(step) - 1e-9)), 0, 6);
  return number(lang, v, digits);
}

struct Box {
  double left, top, width, height;
};

double scale(double v, const AxisRange& r, double from, double length) {
  return from + (v - r.low) / (r.high - r.low) * length;
}

void text(std::string& out, double x, double y, std::string_view anchor, std::string_view value,
          std::string_view css = "") {
  out += R"(<text x=")" + fmt(x) + R"(" y=")" + fmt(y) + R"(" text-anchor=")";
  out += anchor;
  out += R"(")";
  if (!css.empty()) {
    out += R"( style=")";
    out += css;
    out += R"(")";
  }
  out += ">" + escape(value) + "</text>";
}

}  // namespace

std::string svg_line_chart(const LineChart& chart, Lang lang) {
  double xmin = std::numeric_limits<double>::infinity(), xmax = -xmin;
  double ymin = xmin, ymax = -xmin;
  for (const auto& s : chart.series) {
    if (s.x.size() != s.y.size() || (!s.low.empty() && s.low.size() != s.x.size()) ||
        (!s.high.empty() && s.high.size() != s.x.size()) || s.low.size() != s.high.size()) {
      throw InvalidInput("chart '" + chart.title + "': series '" + s.name +
                         "' has x, y and band of different lengths");
    }
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      xmin = std::min(xmin, s.x[i]);
      xmax = std::max(xmax, s.x[i]);
      ymin = std::min(ymin, s.y[i]);
      ymax = std::max(ymax, s.y[i]);
      if (!s.low.empty()) {
        ymin = std::min(ymin, s.low[i]);
        ymax = std::max(ymax, s.high[i]);
      }
    }
  }
  const AxisRange xr = nice_axis(xmin, xmax, 6);
  const AxisRange yr = nice_axis(ymin, ymax, 5);
  const double width = 640, height = 300;
  const Box box{64, 30, width - 64 - 16, height - 30 - 70};
  std::string out;
  out += R"(<svg class="chart line-chart" viewBox="0 0 )" + fmt(width) + " " + fmt(height) +
         R"(" width=")" + fmt(width) + R"(" height=")" + fmt(height) +
         R"(" role="img" data-series=")" + std::to_string(chart.series.size()) +
         R"(" data-y-low=")" + fmt(yr.low) + R"(" data-y-high=")" + fmt(yr.high) + R"(">)";
  out += "<title>" + escape(chart.title) + "</title>";
  text(out, box.left, 18, "start", chart.title, "font-weight:bold;font-size:13px");
  // Grid and y ticks.
  const auto ticks = [](const AxisRange& r) {
    return static_cast<int>(std::llround((r.high - r.low) / r.step));
  };
  for (int i = 0; i <= ticks(yr); ++i) {
    const double v = yr.low + i * yr.step;
    const double y = box.top + box.height - scale(v, yr, 0, box.height);
    out += R"(<line x1=")" + fmt(box.left) + R"(" x2=")" + fmt(box.left + box.width) + R"(" y1=")" +
           fmt(y) + R"(" y2=")" + fmt(y) + R"(" stroke="#e3e7eb"/>)";
    text(out, box.left - 6, y + 4, "end", tick_label(lang, v, yr.step), "font-size:11px");
  }
  for (int i = 0; i <= ticks(xr); ++i) {
    const double v = xr.low + i * xr.step;
    const double x = scale(v, xr, box.left, box.width);
    out += R"(<line x1=")" + fmt(x) + R"(" x2=")" + fmt(x) + R"(" y1=")" +
           fmt(box.top + box.height) + R"(" y2=")" + fmt(box.top + box.height + 4) +
           R"(" stroke="#5b6673"/>)";
    text(out, x, box.top + box.height + 16, "middle", tick_label(lang, v, xr.step),
         "font-size:11px");
  }
  out += R"(<rect x=")" + fmt(box.left) + R"(" y=")" + fmt(box.top) + R"(" width=")" +
         fmt(box.width) + R"(" height=")" + fmt(box.height) + R"(" fill="none" stroke="#5b6673"/>)";
  text(out, box.left + box.width / 2, box.top + box.height + 32, "middle", chart.x_label,
       "font-size:11px");
  text(out, 14, box.top + box.height / 2, "middle", chart.y_label, "font-size:11px");
  if (chart.marker_x && *chart.marker_x >= xr.low && *chart.marker_x <= xr.high) {
    const double x = scale(*chart.marker_x, xr, box.left, box.width);
    out += R"(<line class="marker" x1=")" + fmt(x) + R"(" x2=")" + fmt(x) + R"(" y1=")" +
           fmt(box.top) + R"(" y2=")" + fmt(box.top + box.height) +
           R"(" stroke="#5b6673" stroke-dasharray="4 3"/>)";
    text(out, x + 4, box.top + 12, "start", chart.marker_label, "font-size:11px");
  }
  const auto px = [&](double v) { return scale(v, xr, box.left, box.width); };
  const auto py = [&](double v) { return box.top + box.height - scale(v, yr, 0, box.height); };
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    const auto& s = chart.series[k];
    const auto colour = std::string(palette(k));
    out += R"(<g class="series" data-name=")" + escape(s.name) + R"(">)";
    if (!s.low.empty() && !s.x.empty()) {
      out += R"(<path class="band" fill=")" + colour + R"(" fill-opacity="0.18" d="M)";
      for (std::size_t i = 0; i < s.x.size(); ++i)
        out += (i ? " L" : "") + fmt(px(s.x[i])) + " " + fmt(py(s.high[i]));
      for (std::size_t i = s.x.size(); i-- > 0;)
        out += " L" + fmt(px(s.x[i])) + " " + fmt(py(s.low[i]));
      out += R"( Z"/>)";
    }
    out += R"(<polyline class="line" fill="none" stroke=")" + colour +
           R"(" stroke-width="2" points=")";
    for (std::size_t i = 0; i < s.x.size(); ++i)
      out += (i ? " " : "") + fmt(px(s.x[i])) + "," + fmt(py(s.y[i]));
    out += R"("/></g>)";
    // Legend below the axis label, in rows of three.
    const std::size_t legend_row = k / 3;
    const double lx = box.left + static_cast<double>(k % 3) * 190.0;
    const double ly = box.top + box.height + 48 + static_cast<double>(legend_row) * 14.0;
    out += R"(<rect x=")" + fmt(lx) + R"(" y=")" + fmt(ly - 8) +
           R"(" width="12" height="8" fill=")" + colour + R"("/>)";
    text(out, lx + 16, ly, "start", s.name, "font-size:11px");
  }
  out += "</svg>";
  return out;
}

std::string svg_bar_chart(const BarChart& chart, Lang lang) {
  double vmin = 0.0, vmax = 0.0;
  for (const auto& b : chart.bars) {
    if (!std::isfinite(b.value)) continue;
    vmin = std::min(vmin, b.value);
    vmax = std::max(vmax, b.value);
  }
  const AxisRange r = nice_axis(vmin, vmax, 4);
  const double row = 18, left = 170, width = 640, right = 70;
  const double top = 26;
  const double height = top + row * static_cast<double>(chart.bars.size()) + 10;
  const double span = width - left - right;
  std::string out;
  out += R"(<svg class="chart bar-chart" viewBox="0 0 )" + fmt(width) + " " + fmt(height) +
         R"(" width=")" + fmt(width) + R"(" height=")" + fmt(height) +
         R"(" role="img" data-bars=")" + std::to_string(chart.bars.size()) + R"(">)";
  out += "<title>" + escape(chart.title) + "</title>";
  text(out, 4, 16, "start", chart.title, "font-weight:bold;font-size:13px");
  const double zero = left + scale(0.0, r, 0, span);
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const auto& b = chart.bars[i];
    const double y = top + row * static_cast<double>(i);
    const double v = std::isfinite(b.value) ? b.value : 0.0;
    const double end = left + scale(v, r, 0, span);
    out += R"(<rect class="bar" x=")" + fmt(std::min(zero, end)) + R"(" y=")" + fmt(y + 2) +
           R"(" width=")" + fmt(std::abs(end - zero)) + R"(" height=")" + fmt(row - 5) +
           R"(" fill=")" + std::string(palette(0)) + R"("/>)";
    text(out, left - 6, y + row - 6, "end", b.label, "font-size:11px");
    const std::string value =
        chart.as_percent ? percent(lang, b.value) : number(lang, b.value, chart.digits);
    text(out, std::max(zero, end) + 4, y + row - 6, "start", value, "font-size:11px");
  }
  out += R"(<line x1=")" + fmt(zero) + R"(" x2=")" + fmt(zero) + R"(" y1=")" + fmt(top) +
         R"(" y2=")" + fmt(height - 8) + R"(" stroke="#5b6673"/>)";
  out += "</svg>";
  return out;
}

std::string svg_map(const ScatterMap& map) {
  double lat_min = std::numeric_limits<double>::infinity(), lat_max = -lat_min;
  double lon_min = lat_min, lon_max = -lat_min;
  for (const auto& p : map.points) {
    if (p.group >= map.groups.size())
      throw InvalidInput("map '" + map.title + "': a point names group " + std::to_string(p.group) +
                         " of " + std::to_string(map.groups.size()));
    lat_min = std::min(lat_min, p.lat);
    lat_max = std::max(lat_max, p.lat);
    lon_min = std::min(lon_min, p.lon);
    lon_max = std::max(lon_max, p.lon);
  }
  if (map.points.empty()) lat_min = lat_max = lon_min = lon_max = 0.0;
  const double pad_lat = std::max(0.01, (lat_max - lat_min) * 0.04);
  const double pad_lon = std::max(0.01, (lon_max - lon_min) * 0.04);
  lat_min -= pad_lat;
  lat_max += pad_lat;
  lon_min -= pad_lon;
  lon_max += pad_lon;
  const double coslat = std::cos((lat_min + lat_max) / 2.0 * std::numbers::pi / 180.0);
  const double geo_w = (lon_max - lon_min) * coslat, geo_h = lat_max - lat_min;
  const double width = 900;
  const double plot_h = std::clamp(width * geo_h / geo_w, 200.0, 900.0);
  const std::size_t legend_rows = (map.groups.size() + 3) / 4;
  const double legend_h = 18.0 * static_cast<double>(legend_rows) + 8;
  const double top = 24;
  const double height = top + plot_h + legend_h;
  const double sx = width / (lon_max - lon_min), sy = plot_h / geo_h;
  const auto x = [&](double lon) { return (lon - lon_min) * sx; };
  const auto y = [&](double lat) { return top + (lat_max - lat) * sy; };
  std::string out;
  out.reserve(200 + map.points.size() * 60 + map.lines.size() * 60);
  out += R"(<svg class="chart map" viewBox="0 0 )" + fmt(width) + " " + fmt(height) +
         R"(" width=")" + fmt(width) + R"(" height=")" + fmt(height) +
         R"(" role="img" data-points=")" + std::to_string(map.points.size()) + R"(" data-lines=")" +
         std::to_string(map.lines.size()) + R"(">)";
  out += "<title>" + escape(map.title) + "</title>";
  text(out, 4, 16, "start", map.title, "font-weight:bold;font-size:13px");
  out += R"(<rect x="0" y=")" + fmt(top) + R"(" width=")" + fmt(width) + R"(" height=")" +
         fmt(plot_h) + R"(" fill="#f7f9fb" stroke="#d5dbe1"/>)";
  out += R"(<g class="ties" stroke="#8a96a3" stroke-opacity="0.35" stroke-width="0.6">)";
  for (const auto& l : map.lines)
    out += R"(<line x1=")" + fmt(x(l.lon1)) + R"(" y1=")" + fmt(y(l.lat1)) + R"(" x2=")" +
           fmt(x(l.lon2)) + R"(" y2=")" + fmt(y(l.lat2)) + R"("/>)";
  out += "</g>";
  for (std::size_t g = 0; g < map.groups.size(); ++g) {
    out += R"(<g class="actors" data-group=")" + escape(map.groups[g]) + R"(" fill=")" +
           std::string(palette(g)) + R"(" fill-opacity="0.85">)";
    for (const auto& p : map.points) {
      if (p.group != g) continue;
      out += R"(<circle cx=")" + fmt(x(p.lon)) + R"(" cy=")" + fmt(y(p.lat)) + R"(" r=")" +
             fmt(p.radius) + R"(")";
      if (p.title.empty()) {
        out += "/>";
      } else {
        out += "><title>" + escape(p.title) + "</title></circle>";
      }
    }
    out += "</g>";
  }
  out += R"(<g class="labels">)";
  for (const auto& l : map.labels)
    text(out, x(l.lon), y(l.lat), "middle", l.text,
         "font-size:12px;font-weight:bold;paint-order:stroke;stroke:#fff;stroke-width:3px");
  out += "</g>";
  for (std::size_t g = 0; g < map.groups.size(); ++g) {
    const double lx = 6 + static_cast<double>(g % 4) * 220.0;
    const std::size_t legend_row = g / 4;
    const double ly = top + plot_h + 18 + static_cast<double>(legend_row) * 18.0;
    out += R"(<circle cx=")" + fmt(lx + 5) + R"(" cy=")" + fmt(ly - 4) + R"(" r="5" fill=")" +
           std::string(palette(g)) + R"("/>)";
    text(out, lx + 14, ly, "start", map.groups[g], "font-size:12px");
  }
  out += "</svg>";
  return out;
}

}  // namespace verbund::report
