#include "verbund/report/scenario_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "page_parts.hpp"
#include "text.hpp"
#include "verbund/error.hpp"
#include "verbund/report/svg_chart.hpp"

namespace verbund::report {
namespace {

using detail::fill;

constexpr std::string_view participants_suffix = " (participants)";
constexpr std::string_view others_suffix = " (non-participants)";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Indicators that are shares print as percentages; counts with no decimals.
bool is_share(std::size_t k) { return k == 3 || k == 4 || k == 5 || k == 9 || k == 10; }
int digits_of(std::size_t k) { return (k == 6 || k == 7 || k == 8) ? 0 : (k == 0 ? 4 : 2); }

std::string value(Lang lang, std::size_t k, double v) {
  return is_share(k) ? percent(lang, v) : number(lang, v, digits_of(k));
}
std::string signed_value(Lang lang, std::size_t k, double v) {
  if (is_share(k)) {
    return (v > 0 ? "+" : "") + number(lang, 100.0 * v, 1) +
           pick(lang, " points", " Prozentpunkte").data();
  }
  return (v > 0 ? "+" : "") + number(lang, v, digits_of(k));
}

std::vector<double> months_axis(std::size_t n) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<double>(i);
  return x;
}

LineSeries series_of(const std::string& name, const std::vector<sim::Estimate>& e) {
  LineSeries s{name, months_axis(e.size()), {}, {}, {}};
  for (const auto& m : e) {
    s.y.push_back(m.mean);
    s.low.push_back(m.low);
    s.high.push_back(m.high);
  }
  return s;
}

std::vector<sim::Estimate> column(
    const std::vector<std::array<sim::Estimate, sim::indicator_count>>& rows, std::size_t k) {
  std::vector<sim::Estimate> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r[k]);
  return out;
}

std::string verdict_sentence(Lang lang, std::size_t k, const std::string& scenario,
                             const sim::Estimate& d, int month) {
  const auto what = std::string(indicator_label(lang, k));
  const auto v = verdict_of(d.low, d.high);
  const auto interval = fill(
      pick(lang, "{} (95 % interval {} to {})", "{} (95-%-Intervall {} bis {})"),
      {signed_value(lang, k, d.mean), signed_value(lang, k, d.low), signed_value(lang, k, d.high)});
  switch (v) {
    case Verdict::higher:
      return fill(pick(lang, "In month {}, {} is higher under “{}” than in the baseline: {}.",
                       "Im Monat {} ist {} unter „{}“ höher als in der Basis: {}."),
                  {std::to_string(month), what, scenario, interval});
    case Verdict::lower:
      return fill(pick(lang, "In month {}, {} is lower under “{}” than in the baseline: {}.",
                       "Im Monat {} ist {} unter „{}“ niedriger als in der Basis: {}."),
                  {std::to_string(month), what, scenario, interval});
    case Verdict::unchanged:
      return fill(pick(lang, "In month {}, {} is the same under “{}” as in the baseline.",
                       "Im Monat {} ist {} unter „{}“ gleich wie in der Basis."),
                  {std::to_string(month), what, scenario});
    case Verdict::unclear:
      break;
  }
  return fill(pick(lang, "In month {}, “{}” shows no clear change in {}: {}.",
                   "Im Monat {} zeigt „{}“ keine klare Veränderung bei {}: {}."),
              {std::to_string(month), scenario, what, interval});
}

// The effect at the programme's end against the horizon, in words.
std::string fade_sentence(Lang lang, std::size_t k, const std::string& scenario,
                          const sim::Estimate& at_end, const sim::Estimate& at_horizon, int end,
                          int horizon) {
  const auto what = std::string(indicator_label(lang, k));
  const auto v_end = verdict_of(at_end.low, at_end.high);
  const auto v_hor = verdict_of(at_horizon.low, at_horizon.high);
  const auto e1 = signed_value(lang, k, at_end.mean), e2 = signed_value(lang, k, at_horizon.mean);
  const auto m1 = std::to_string(end), m2 = std::to_string(horizon);
  if (v_end == Verdict::unclear || v_end == Verdict::unchanged) {
    if (v_hor == Verdict::higher || v_hor == Verdict::lower)
      return fill(pick(lang,
                       "{}: no clear effect when “{}” ends (month {}), but one appears later: {} "
                       "by month {}.",
                       "{}: kein klarer Effekt, wenn „{}“ endet (Monat {}), aber später einer: {} "
                       "bis Monat {}."),
                  {what, scenario, m1, e2, m2});
    return fill(
        pick(lang, "{}: no clear effect of “{}”, neither at its end (month {}) nor by month {}.",
             "{}: kein klarer Effekt von „{}“, weder an seinem Ende (Monat {}) noch bis Monat {}."),
        {what, scenario, m1, m2});
  }
  if (v_hor == Verdict::unclear || v_hor == Verdict::unchanged)
    return fill(pick(lang,
                     "{}: the effect of “{}” fades out. It was {} when the programme ended (month "
                     "{}); by month {} no clear difference remains ({}).",
                     "{}: der Effekt von „{}“ läuft aus. Er betrug {} zum Programmende (Monat {}); "
                     "bis Monat {} bleibt kein klarer Unterschied ({})."),
                {what, scenario, e1, m1, m2, e2});
  const double ratio = at_horizon.mean / at_end.mean;
  if (ratio < 0)
    return fill(pick(lang,
                     "{}: the effect of “{}” reverses after the programme: {} at its end (month "
                     "{}), {} by month {}.",
                     "{}: der Effekt von „{}“ kehrt sich nach dem Programm um: {} an seinem Ende "
                     "(Monat {}), {} bis Monat {}."),
                {what, scenario, e1, m1, e2, m2});
  if (ratio < 0.9)
    return fill(pick(lang,
                     "{}: the effect of “{}” fades but lasts: {} when the programme ended (month "
                     "{}), {} by month {} ({} of it kept).",
                     "{}: der Effekt von „{}“ schwächt sich ab, bleibt aber: {} zum Programmende "
                     "(Monat {}), {} bis Monat {} ({} davon erhalten)."),
                {what, scenario, e1, m1, e2, m2, percent(lang, ratio)});
  if (ratio <= 1.1)
    return fill(pick(lang,
                     "{}: the effect of “{}” holds after the programme: {} at its end (month {}), "
                     "{} by month {}.",
                     "{}: der Effekt von „{}“ hält nach dem Programm an: {} an seinem Ende (Monat "
                     "{}), {} bis Monat {}."),
                {what, scenario, e1, m1, e2, m2});
  return fill(pick(lang,
                   "{}: the effect of “{}” keeps growing after the programme: {} at its end (month "
                   "{}), {} by month {}.",
                   "{}: der Effekt von „{}“ wächst nach dem Programm weiter: {} an seinem Ende "
                   "(Monat {}), {} bis Monat {}."),
              {what, scenario, e1, m1, e2, m2});
}

// A time chart of months with 95 % bands, the programme's end marked when it has one.
void time_chart(Html& h, std::string title, std::vector<LineSeries> series,
                std::optional<int> programme_end, Lang lang) {
  LineChart chart;
  chart.title = std::move(title);
  chart.x_label = std::string(pick(lang, "month", "Monat"));
  chart.series = std::move(series);
  if (programme_end) {
    chart.marker_x = *programme_end;
    chart.marker_label = std::string(pick(lang, "programme ends", "Programmende"));
  }
  h.open("figure").markup(svg_line_chart(chart, lang)).close("figure");
}

void participants_section(Html& h, const std::vector<ScenarioOutcome>& scenarios, Lang lang) {
  h.element("h2",
            pick(lang, "Participants and non-participants", "Teilnehmende und Nicht-Teilnehmende"));
  for (std::size_t s = 1; s < scenarios.size(); ++s) {
    const auto& sc = scenarios[s];
    // indicator -> (participants, non-participants)
    std::map<std::string, std::pair<const NamedSeries*, const NamedSeries*>> pairs;
    for (const auto& e : sc.extra) {
      if (ends_with(e.indicator, participants_suffix))
        pairs[e.indicator.substr(0, e.indicator.size() - participants_suffix.size())].first = &e;
      else if (ends_with(e.indicator, others_suffix))
        pairs[e.indicator.substr(0, e.indicator.size() - others_suffix.size())].second = &e;
    }
    if (pairs.empty()) {
      h.element("p",
                fill(pick(lang,
                          "“{}” records no participants, so it cannot tell their development apart "
                          "from the others'.",
                          "„{}“ erfasst keine Teilnehmenden, daher lässt sich ihre Entwicklung "
                          "nicht von der der anderen trennen."),
                     {sc.name}),
                {{"class", "note"}});
      continue;
    }
    h.element("h3", sc.name);
    for (const auto& [indicator, pair] : pairs) {
      std::vector<LineSeries> series;
      if (pair.first)
        series.push_back(
            series_of(std::string(pick(lang, "participants", "Teilnehmende")), pair.first->months));
      if (pair.second)
        series.push_back(
            series_of(std::string(pick(lang, "non-participants", "Nicht-Teilnehmende")),
                      pair.second->months));
      time_chart(h, indicator, std::move(series), sc.programme_end, lang);
      if (pair.first && pair.second && !pair.first->months.empty() &&
          !pair.second->months.empty()) {
        const auto& p = pair.first->months.back();
        const auto& o = pair.second->months.back();
        h.element("p",
                  fill(pick(lang, "{} at the horizon: participants {}, non-participants {}.",
                            "{} am Ende des Zeitraums: Teilnehmende {}, Nicht-Teilnehmende {}."),
                       {indicator, number(lang, p.mean, 3), number(lang, o.mean, 3)}));
      }
    }
  }
}

}  // namespace

std::optional<int> programme_end(const sim::Scenario& scenario) noexcept {
  std::optional<int> end;
  const auto take = [&](int month) {
    month = std::min(month, scenario.horizon);
    if (!end || month > *end) end = month;
  };
  for (const auto& i : scenario.interventions) {
    if (const auto* w = i.spec_if<sim::WorkingGroup>())
      take(w->end);
    else if (const auto* t = i.spec_if<sim::TransferOffice>())
      take(t->end);
    else if (const auto* s = i.spec_if<sim::SupplierInitiative>())
      take(s->end);
    else if (const auto* k = i.spec_if<sim::Shock>())
      take(k->at);
    else if (const auto* m = i.spec_if<sim::MatchmakingEvent>())
      take(m->at);
    else if (const auto* f = i.spec_if<sim::FundingCall>())
      take(f->at + f->duration);
  }
  return end;
}

std::string scenario_report(const std::vector<ScenarioOutcome>& scenarios,
                            const ScenarioReportOptions& options) {
  const Lang lang = options.lang;
  if (scenarios.empty()) throw InvalidInput("scenario report: no scenario given");
  const auto months = scenarios.front().summary.size();
  for (const auto& s : scenarios) {
    if (s.summary.size() != months || (!s.difference.empty() && s.difference.size() != months))
      throw InvalidInput("scenario report: '" + s.name + "' has " +
                         std::to_string(s.summary.size()) + " months, the baseline " +
                         std::to_string(months));
  }
  const auto& base = scenarios.front();
  std::string names;
  for (std::size_t s = 1; s < scenarios.size(); ++s)
    names += (s > 1 ? ", " : "") + fill(pick(lang, "“{}”", "„{}“"), {scenarios[s].name});
  const std::string title = fill(pick(lang, "Scenario report: {}", "Szenariobericht: {}"),
                                 {names.empty() ? base.name : names});
  Html h;
  const int horizon = months > 0 ? static_cast<int>(months) - 1 : 0;
  detail::heading(
      h, title,
      fill(pick(lang,
                "Compared with the baseline “{}” over {} months, {} replicates each on common "
                "random numbers. Bands are 95 % intervals over the replicates.",
                "Verglichen mit der Basis „{}“ über {} Monate, je {} Wiederholungen mit "
                "gemeinsamen Zufallszahlen. Bänder sind 95-%-Intervalle über die Wiederholungen."),
           {base.name, std::to_string(horizon), std::to_string(base.replicates)}));
  if (months == 0) {
    h.element("p", pick(lang, "The runs hold no months.", "Die Läufe enthalten keine Monate."),
              {{"class", "empty"}});
    return detail::finish(lang, title, h);
  }
  std::optional<int> end;
  for (std::size_t s = 1; s < scenarios.size(); ++s)
    if (scenarios[s].programme_end && (!end || *scenarios[s].programme_end > *end))
      end = scenarios[s].programme_end;

  h.element("h2", pick(lang, "Verdicts at the horizon", "Ergebnis am Ende des Zeitraums"));
  std::vector<std::vector<std::string>> rows;
  for (std::size_t s = 1; s < scenarios.size(); ++s) {
    const auto& d = scenarios[s].difference;
    if (d.empty()) continue;
    // The scenario's name on its first row only: the rows below belong to it.
    for (std::size_t k = 0; k < sim::indicator_count; ++k)
      if (sim::reported(k, base.supply))
        rows.push_back({k == 0 ? scenarios[s].name : std::string(),
                        std::string(indicator_label(lang, k)),
                        value(lang, k, base.summary.back()[k].mean),
                        value(lang, k, scenarios[s].summary.back()[k].mean),
                        signed_value(lang, k, d.back()[k].mean),
                        std::string(label(lang, verdict_of(d.back()[k].low, d.back()[k].high)))});
  }
  h.table({std::string(pick(lang, "Scenario", "Szenario")),
           std::string(pick(lang, "Indicator", "Kennzahl")),
           std::string(pick(lang, "Baseline", "Basis")),
           std::string(pick(lang, "Scenario", "Szenario")),
           std::string(pick(lang, "Difference", "Differenz")),
           std::string(pick(lang, "Verdict", "Urteil"))},
          rows, "verdicts");

  h.element("h2", pick(lang, "Indicators over time", "Kennzahlen im Zeitverlauf"));
  for (std::size_t k = 0; k < sim::indicator_count; ++k) {
    if (!sim::reported(k, base.supply)) continue;
    h.open("section", {{"class", "indicator"}});
    h.element("h3", indicator_label(lang, k));
    std::vector<LineSeries> series;
    for (const auto& s : scenarios) series.push_back(series_of(s.name, column(s.summary, k)));
    time_chart(h, std::string(indicator_label(lang, k)), std::move(series), end, lang);
    h.open("ul", {{"class", "reasons"}});
    for (std::size_t s = 1; s < scenarios.size(); ++s) {
      const auto& d = scenarios[s].difference;
      if (d.empty()) continue;
      h.element("li", verdict_sentence(lang, k, scenarios[s].name, d.back()[k], horizon));
      const auto e = scenarios[s].programme_end;
      if (e && *e < horizon && *e >= 0)
        h.element("li",
                  fade_sentence(lang, k, scenarios[s].name, d[static_cast<std::size_t>(*e)][k],
                                d.back()[k], *e, horizon));
    }
    h.close("ul").close("section");
  }
  bool fade_said = false;
  for (std::size_t s = 1; s < scenarios.size(); ++s) {
    const auto e = scenarios[s].programme_end;
    if (!e || *e >= horizon) {
      h.element(
          "p",
          fill(pick(lang,
                    "“{}” runs until the horizon, so there is no time after it to see a fade-out.",
                    "„{}“ läuft bis zum Ende des Zeitraums, daher lässt sich kein Auslaufen "
                    "beobachten."),
               {scenarios[s].name}),
          {{"class", "note"}});
    } else {
      fade_said = true;
    }
  }
  (void)fade_said;
  participants_section(h, scenarios, lang);
  return detail::finish(lang, title, h);
}

}  // namespace verbund::report
