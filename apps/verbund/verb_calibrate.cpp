// `verbund calibrate`: the method of simulated moments over a scenario's freed parameters, with
// standard errors, convergence t-ratios and a calibrated scenario file.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli.hpp"
#include "metrics_years.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "sim_runs.hpp"
#include "verbund/calib/calibrate.hpp"
#include "verbund/core/quantile.hpp"
#include "verbund/error.hpp"
#include "verbund/io/project_panel.hpp"
#include "verbund/io/scenario_inputs.hpp"
#include "verbund/report/terms.hpp"
#include "verbund/version.hpp"

namespace verbund::cli {

namespace {

struct CalibrateCli {
  std::string scenario, targets, free, out, diagnostics, algorithm = "bobyqa", validate;
  std::size_t replicates = 10;
  int max_evaluations = 150;
  int newton_steps = 0;
  bool explain = false;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidInput(SourceLocation{path, 0, 0}, "cannot read the file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The band's quantile of the replicates that define the statistic.
double quantile(std::vector<double> v, double q) {
  std::erase_if(v, [](double x) { return std::isnan(x); });
  return core::quantile(std::move(v), q);
}

// An output file must not be one of the inputs: --out onto the scenario would replace the file
// being calibrated before anyone has read the fit.
void check_not_input(const std::string& out, const std::string& option,
                     std::initializer_list<const std::string*> inputs) {
  if (out.empty()) return;
  std::error_code ec;
  for (const auto* in : inputs)
    if (std::filesystem::equivalent(out, *in, ec) ||
        std::filesystem::weakly_canonical(out, ec) == std::filesystem::weakly_canonical(*in, ec))
      throw InvalidInput(option + " " + out + " is the input file " + *in +
                         ": write the calibrated scenario to a new file");
}

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

std::string fixed(double v, int digits = 4) {
  if (!std::isfinite(v)) return "n/a";
  std::ostringstream s;
  s.precision(digits);
  s << v;
  return s.str();
}

// The monthly indicator a statistic follows, for the per-month diagnostics.
std::optional<std::size_t> monthly_indicator(const calib::Statistic& s) {
  switch (s.kind) {
    case calib::StatisticKind::mean_degree:
      return 1;
    case calib::StatisticKind::science_share:  // of all firms: the industrial share has none
      return s.industrial ? std::nullopt : std::optional<std::size_t>{4};
    case calib::StatisticKind::cross_municipal_share:
      return 5;
    default:
      return std::nullopt;
  }
}

// A statistic's label in `lang`: the dictionary's name where it has one, else composed as
// calib::Statistic::label composes the English one.
std::string statistic_label(const calib::Statistic& s, report::Lang lang) {
  const auto english = s.label();
  if (lang == report::Lang::en || report::has_term(english))
    return std::string(report::term(lang, english));
  switch (s.kind) {
    case calib::StatisticKind::new_ties:
      return "neue Beziehungen je Jahr" +
             (s.tie_kind ? " (" + std::string(report::label(lang, *s.tie_kind)) + ")"
                         : std::string());
    case calib::StatisticKind::triangle_closure:
      return "Anteil neuer Beziehungen, die ein Dreieck schließen";
    case calib::StatisticKind::repeat_share:
      return "Anteil neuer Beziehungen, die eine Zusammenarbeit wiederholen";
    case calib::StatisticKind::degree_quantile:
      return "Quantil der Partnerzahl " + std::to_string(std::lround(s.quantile * 100.0)) + " %";
    case calib::StatisticKind::stationary: {
      calib::Statistic inner = s;
      inner.kind = s.of;
      return "Trend je Jahr: " + statistic_label(inner, lang);
    }
    default:
      return english;
  }
}

// "2024" for one year, "2024-2026" for several: never "2024-2024".
std::string year_span(int first, int last) {
  return first == last ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
}

// fixed() with a decimal comma.
std::string komma(double v, int digits = 4) {
  auto text = fixed(v, digits);
  if (text == "n/a") return "k. A.";
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

// A target missed (|t| > 0.1), said by why the optimiser stopped: only a stop at a local optimum
// says that the model cannot reach it; a stop at the evaluation limit says nothing of the kind.
std::string not_met_en(double t, const calib::MsmResult& r) {
  const auto ratio = fixed(t, 2);
  switch (r.stop) {
    case calib::StopKind::evaluation_limit:
      return "not converged: raise --max-evaluations (t-ratio " + ratio +
             "; the optimiser stopped at its limit of " + std::to_string(r.optimiser_evaluations) +
             " evaluations, before it had finished).";
    case calib::StopKind::rounding:
      return "not converged (t-ratio " + ratio +
             "): the optimiser stopped at the limit of rounding, the objective is flat or noisy "
             "here; raise --replicates, or free fewer parameters.";
    case calib::StopKind::tolerance:
      if (std::abs(t) <= 1.0)
        return "close, not converged (t-ratio " + ratio +
               "; aim for |t| <= 0.1): the optimiser found no better setting nearby; raise "
               "--replicates (a smoother objective) and start again from the estimate.";
      return "missed by " + fixed(std::abs(t), 2) +
             " replicate spreads, and the optimiser found no better setting nearby: the model "
             "cannot reach it with these parameters free (free one that moves it, or check the "
             "target).";
    case calib::StopKind::other:
      break;
  }
  return "not converged (t-ratio " + ratio + "; the optimiser " + r.stop_reason + ").";
}

std::string not_met_de(double t, const calib::MsmResult& r) {
  const auto ratio = komma(t, 2);
  switch (r.stop) {
    case calib::StopKind::evaluation_limit:
      return "nicht konvergiert: erhöhen Sie --max-evaluations (t-Verhältnis " + ratio +
             "; der Optimierer hielt an seiner Grenze von " +
             std::to_string(r.optimiser_evaluations) + " Auswertungen an, bevor er fertig war).";
    case calib::StopKind::rounding:
      return "nicht konvergiert (t-Verhältnis " + ratio +
             "): der Optimierer hielt an der Grenze der Rundung an, die Zielfunktion ist hier "
             "flach oder verrauscht; erhöhen Sie --replicates oder geben Sie weniger Parameter "
             "frei.";
    case calib::StopKind::tolerance:
      if (std::abs(t) <= 1.0)
        return "nahe, nicht konvergiert (t-Verhältnis " + ratio +
               "; Ziel ist |t| <= 0,1): der Optimierer fand in der Nähe nichts Besseres; erhöhen "
               "Sie --replicates (eine glattere Zielfunktion) und starten Sie erneut bei der "
               "Schätzung.";
      return "um " + komma(std::abs(t), 2) +
             " Streuungen einer Wiederholung verfehlt, und der Optimierer fand in der Nähe "
             "nichts Besseres: mit diesen freien Parametern erreicht das Modell es nicht (geben "
             "Sie einen frei, der es bewegt, oder prüfen Sie das Ziel).";
    case calib::StopKind::other:
      break;
  }
  return "nicht konvergiert (t-Verhältnis " + ratio +
         "; der Optimierer: " + std::string(report::term(report::Lang::de, r.stop_reason)) + ").";
}

void explain_de(const std::vector<calib::FreeParameter>& free,
                const std::vector<calib::Target>& targets, const calib::MsmResult& r) {
  std::ostream& o = std::cout;
  o << "\nWas das bedeutet:\n";
  o << "- verbund hat das Szenario je Versuchseinstellung " << r.replicates
    << "-mal gerechnet (jedes Mal mit denselben Zufallszahlen, so dass nur die Parameter einen "
       "Unterschied machen) und die Werte von "
    << (free.size() == 1 ? std::string("einem Parameter")
                         : std::to_string(free.size()) + " Parametern")
    << " gesucht, die "
    << (targets.size() == 1 ? std::string("eine Kennzahl am nächsten an ihr Ziel bringen,")
                            : std::to_string(targets.size()) +
                                  " Kennzahlen am nächsten an ihre Ziele bringen, jede")
    << " gewichtet danach, wie stark sie zwischen Wiederholungen schwankt.\n";
  for (std::size_t i = 0; i < free.size(); ++i) {
    o << "- " << free[i].key << " = " << komma(r.estimate[i]) << " (Start bei "
      << komma(free[i].start) << "): ";
    if (std::isfinite(r.standard_error[i]))
      o << "Werte von " << komma(r.estimate[i] - 2 * r.standard_error[i]) << " bis "
        << komma(r.estimate[i] + 2 * r.standard_error[i])
        << " passen etwa gleich gut (plus oder minus zwei Standardfehler).";
    else
      o << "die Ziele legen ihn nicht fest: ihn zu ändern ändert kaum eine Kennzahl. Geben Sie "
           "weniger Parameter frei oder nehmen Sie ein Ziel hinzu, das er bewegt.";
    if (r.at_bound[i])
      o << " Er endete an einer Grenze [" << komma(free[i].low) << "; " << komma(free[i].high)
        << "]: erweitern Sie die Grenzen (KEY=LOW:HIGH) oder prüfen Sie die Ziele.";
    o << '\n';
  }
  for (std::size_t k = 0; k < targets.size(); ++k) {
    const double t = r.t_ratio[k];
    o << "- " << statistic_label(targets[k].statistic, report::Lang::de) << ": simuliert "
      << komma(r.simulated[k]) << ", Ziel " << komma(*targets[k].value) << "; ";
    if (std::abs(t) <= 0.1)
      o << "erreicht (t-Verhältnis " << komma(t, 2)
        << ", innerhalb von 0,1 der Streuung einer Wiederholung).\n";
    else
      o << not_met_de(t, r) << '\n';
  }
  for (std::size_t i = 0; i < free.size(); ++i)
    for (std::size_t j = i + 1; j < free.size(); ++j)
      if (std::abs(r.correlation[i][j]) > 0.8)
        o << "- " << free[i].key << " und " << free[j].key << " sind stark korreliert ("
          << komma(r.correlation[i][j], 2)
          << "): die Ziele sagen vor allem etwas über ihre Kombination, nicht über jeden "
             "einzeln.\n";
}

void explain(const std::vector<calib::FreeParameter>& free,
             const std::vector<calib::Target>& targets, const calib::MsmResult& r,
             report::Lang lang) {
  if (lang == report::Lang::de) {
    explain_de(free, targets, r);
    return;
  }
  std::ostream& o = std::cout;
  o << "\nWhat this means:\n";
  o << "- verbund ran the scenario " << r.replicates
    << " times per trial setting (the same random numbers each time, so that only the "
       "parameters make a difference) and searched for the values of "
    << (free.size() == 1 ? std::string("1 parameter") : std::to_string(free.size()) + " parameters")
    << " that bring "
    << (targets.size() == 1
            ? std::string("1 statistic closest to its target, weighed")
            : std::to_string(targets.size()) + " statistics closest to their targets, each weighed")
    << " by how much it varies between replicates.\n";
  for (std::size_t i = 0; i < free.size(); ++i) {
    o << "- " << free[i].key << " = " << fixed(r.estimate[i]) << " (started at "
      << fixed(free[i].start) << "): ";
    if (std::isfinite(r.standard_error[i]))
      o << "values from " << fixed(r.estimate[i] - 2 * r.standard_error[i]) << " to "
        << fixed(r.estimate[i] + 2 * r.standard_error[i])
        << " fit about as well (plus or minus two standard errors).";
    else
      o << "the targets do not pin it down: changing it hardly changes any statistic. Free "
           "fewer parameters, or add a target it moves.";
    if (r.at_bound[i])
      o << " It ended at a bound [" << fixed(free[i].low) << ", " << fixed(free[i].high)
        << "]: widen the bounds (KEY=LOW:HIGH) or check the targets.";
    o << '\n';
  }
  for (std::size_t k = 0; k < targets.size(); ++k) {
    const double t = r.t_ratio[k];
    o << "- " << targets[k].statistic.label() << ": simulated " << fixed(r.simulated[k])
      << ", target " << fixed(*targets[k].value) << "; ";
    if (std::abs(t) <= 0.1)
      o << "met (t-ratio " << fixed(t, 2) << ", within 0.1 of a replicate's spread).\n";
    else
      o << not_met_en(t, r) << '\n';
  }
  for (std::size_t i = 0; i < free.size(); ++i)
    for (std::size_t j = i + 1; j < free.size(); ++j)
      if (std::abs(r.correlation[i][j]) > 0.8)
        o << "- " << free[i].key << " and " << free[j].key << " are strongly correlated ("
          << fixed(r.correlation[i][j], 2)
          << "): the targets tell mostly their combination, not each one.\n";
}

// --validate's years: after every fitted year (out of sample), and simulated by the scenario.
void check_validation_years(const std::vector<calib::Target>& targets, std::pair<int, int> v,
                            std::optional<int> start, int horizon_months) {
  const std::string option =
      "--validate " + std::to_string(v.first) + ".." + std::to_string(v.second) + ": ";
  int last_fitted = 0;
  for (const auto& t : targets)
    if (t.years) last_fitted = std::max(last_fitted, t.years->second);
  if (last_fitted == 0)
    throw InvalidInput(option +
                       "no target is from the data (from_data = [A, B]): nothing to "
                       "forecast out of sample");
  if (v.first <= last_fitted)
    throw InvalidInput(option +
                       "out of sample means years after the fitted ones (the targets "
                       "reach " +
                       std::to_string(last_fitted) + ")");
  if (!start) throw InvalidInput(option + "the scenario needs a start_year");
  const int end = *start + horizon_months / 12;
  if (v.second > end)
    throw InvalidInput(option + "the scenario simulates " + std::to_string(*start) + " to " +
                       std::to_string(end) + " only; lengthen horizon_months to reach " +
                       std::to_string(v.second));
}

// Out of sample: each target from the data, predicted for the years `v` by the calibrated model,
// by persistence (the last fitted year's value) and by the fitted years' linear trend.
Table out_of_sample(const core::Region& region, const io::StoredProjects& stored,
                    const std::vector<calib::Target>& targets, const calib::ScenarioMoments& fit,
                    const std::vector<double>& estimate, std::pair<int, int> v, int horizon,
                    report::Lang lang) {
  auto observed = [&](int a, int b) {
    return calib::observed_panel(region, stored.projects, stored.project_pairs, a, b);
  };
  std::vector<calib::Target> ahead;
  std::vector<std::size_t> which;
  for (std::size_t k = 0; k < targets.size(); ++k) {
    const auto kind = targets[k].statistic.kind;
    if (!targets[k].years || kind == calib::StatisticKind::stationary ||
        kind == calib::StatisticKind::mean_tie_duration)
      continue;
    auto t = targets[k];
    t.years = v;
    t.value.reset();
    ahead.push_back(t);
    which.push_back(k);
  }
  calib::resolve_targets(ahead, region, observed);
  calib::ScenarioMoments m = fit;
  m.statistics.clear();
  for (const auto& t : ahead) m.statistics.push_back(t.statistic);
  const auto scenario = sim::parse_scenario(m.scenario_text, m.scenario_file, {});
  calib::align_windows(m, ahead, calib::start_year(region, scenario), horizon);
  const auto draws = calib::simulate_moments(m, estimate);
  Table t{"out of sample",
          {"statistic", "fitted years", "years", "observed", "model", "model error", "persistence",
           "persistence error", "linear trend", "trend error"},
          {}};
  for (std::size_t i = 0; i < ahead.size(); ++i) {
    const auto& fitted = targets[which[i]];
    const auto& s = fitted.statistic;
    double sim = 0;
    std::size_t n = 0;
    for (const auto& row : draws)
      if (!std::isnan(row[i])) {
        sim += row[i];
        ++n;
      }
    sim = n > 0 ? sim / static_cast<double>(n) : std::nan("");
    const int a = fitted.years->first, b = fitted.years->second;
    const bool flow = calib::is_flow(s.kind);
    const auto panel = observed(a - (flow ? 1 : 0), b);
    const auto yearly = calib::yearly(s, region, panel);
    const double last = yearly.back();
    double sx = 0, sy = 0, sxx = 0, sxy = 0, cnt = 0;
    for (std::size_t y = 0; y < yearly.size(); ++y) {
      if (std::isnan(yearly[y])) continue;
      const double x = panel.years[y].year;
      sx += x, sy += yearly[y], sxx += x * x, sxy += x * yearly[y], cnt += 1;
    }
    const double den = cnt * sxx - sx * sx;
    const double slope = cnt >= 2 && den != 0 ? (cnt * sxy - sx * sy) / den : 0.0;
    const double icpt = cnt > 0 ? (sy - slope * sx) / cnt : std::nan("");
    const double trend = icpt + slope * 0.5 * (v.first + v.second);
    const double obs = *ahead[i].value;
    t.rows.push_back({statistic_label(s, lang), year_span(a, b), year_span(v.first, v.second), obs,
                      number_or_null(sim), number_or_null(sim - obs), number_or_null(last),
                      number_or_null(last - obs), number_or_null(trend),
                      number_or_null(trend - obs)});
  }
  return t;
}

}  // namespace

Verb add_calibrate_verb(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<CalibrateCli>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Estimate a scenario's parameters from target statistics (method of simulated moments)");
  cmd->add_option("scenario", o->scenario, "the scenario file")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--targets", o->targets, "the target file (TOML, [[target]] tables)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--free", o->free,
                  "the parameters to estimate, comma-separated, each KEY or KEY=LOW:HIGH "
                  "(e.g. model.effects.base,model.meetings.triadic=0:2)")
      ->required();
  cmd->add_option("--replicates", o->replicates, "replicates per evaluation")
      ->capture_default_str()
      ->check(number_range(2, 10000));
  cmd->add_option("--max-evaluations", o->max_evaluations,
                  "most evaluations of the optimiser (the start, the estimate and the "
                  "Jacobian's 2 per parameter come on top)")
      ->capture_default_str()
      ->check(number_range(1, 100000));
  cmd->add_option("--newton-steps", o->newton_steps,
                  "after the optimiser, at most this many Gauss-Newton steps with the "
                  "Jacobian while some |t-ratio| > 0.1, each kept only if the fit improves")
      ->capture_default_str()
      ->check(number_range(0, 100));
  cmd->add_option("--algorithm", o->algorithm, "NLopt's bobyqa, sbplx or neldermead")
      ->capture_default_str()
      ->check(one_of({"bobyqa", "sbplx", "neldermead"}));
  cmd->add_option("--out", o->out, "write the calibrated scenario (TOML) to this file");
  cmd->add_option("--diagnostics", o->diagnostics,
                  "write simulated against target, per statistic and per month with 95 % "
                  "bands, to this file (.json: JSON, else CSV)");
  cmd->add_flag("--explain", o->explain, "say in words what the estimates and fit mean");
  cmd->add_option("--validate", o->validate,
                  "out of sample: predict the targets from the data for the years C..D after "
                  "the fit, beside persistence and linear-trend forecasts");
  return {
      cmd, [&global, o] {
        const std::string text = read_file(o->scenario);
        io::Store store = open_store(global, /*create=*/false);
        const core::Region region = store.load_region();
        auto targets = calib::read_targets(read_file(o->targets), o->targets);
        const auto stored = io::read_stored_projects(store, region);
        calib::resolve_targets(targets, region, [&](int a, int b) {
          return calib::observed_panel(region, stored.projects, stored.project_pairs, a, b);
        });
        calib::check_targets(targets, region.size());
        const auto free = calib::free_parameters(o->free, text, o->scenario);
        check_not_input(o->out, "--out", {&o->scenario, &o->targets});
        check_not_input(o->diagnostics, "--diagnostics", {&o->scenario, &o->targets, &o->out});
        check_writable(o->out);
        check_writable(o->diagnostics);
        std::optional<std::pair<int, int>> validation;
        if (!o->validate.empty()) validation = parse_year_range(o->validate, "--validate");

        std::vector<double> starts;
        for (const auto& f : free) starts.push_back(f.start);
        auto loaded = io::load_scenario_inputs(o->scenario, calib::settings_of(free, starts));
        loaded.inputs.market = stored_market(store);
        const auto seed = global.seed.value_or(1);
        calib::ScenarioMoments m;
        m.region = &region;
        m.scenario_text = text;
        m.scenario_file = o->scenario;
        m.inputs = loaded.inputs;
        m.replicates = o->replicates;
        m.seed = seed;
        m.parameters = free;
        calib::align_windows(m, targets, calib::start_year(region, loaded.scenario),
                             loaded.scenario.horizon);
        if (validation)  // checked before the fit: a mistake here must cost no evaluation
          check_validation_years(targets, *validation, calib::start_year(region, loaded.scenario),
                                 loaded.scenario.horizon);
        std::vector<double> values, weights;
        for (const auto& t : targets) {
          m.statistics.push_back(t.statistic);
          values.push_back(*t.value);
          weights.push_back(t.weight);
        }
        calib::MsmOptions options;
        options.algorithm = o->algorithm;
        options.max_evaluations = o->max_evaluations;
        options.newton_steps = o->newton_steps;
        // On a terminal one line rewritten in place; in a log file plain lines, every tenth.
        const bool terminal = isatty(fileno(stderr)) != 0;
        if (!global.quiet)
          options.progress = [terminal, de = global.lang == report::Lang::de](int n, double d) {
            const char* const what = de ? "Auswertung " : "evaluation ";
            const char* const distance = de ? ": Abstand " : ": distance ";
            const auto value = de ? komma(d) : fixed(d);
            if (terminal)
              std::cerr << "\r" << what << n << distance << value << "      " << std::flush;
            else if (n == 1 || n % 10 == 0)
              std::cerr << what << n << distance << value << '\n';
          };
        const auto r = calib::estimate(
            [&](std::span<const double> theta) { return calib::simulate_moments(m, theta); },
            values, weights, free, options);
        if (!global.quiet && terminal) std::cerr << '\n';
        // Text tables in the language of --lang; CSV and JSON keep English keys for scripts.
        const bool german = global.format == Format::table && global.lang == report::Lang::de;
        auto tr = [&](const std::string& english) -> std::string {
          return german ? std::string(report::term(global.lang, english)) : english;
        };

        Table head{"calibration", {"item", "value"}, {}};
        head.rows = {{tr("scenario"), o->scenario},
                     {tr("targets"), o->targets},
                     {tr("replicates per evaluation"), r.replicates},
                     {tr("seed"), seed},
                     {tr("optimiser"), "NLopt " + o->algorithm},
                     {tr("evaluations of the optimiser"), r.optimiser_evaluations},
                     {tr("evaluations in all (start, estimate, Jacobian)"), r.evaluations},
                     {tr("optimiser stopped"), tr(r.stop_reason)},
                     // Not in report's dictionary (lib/report is another helper's): said here.
                     {german ? "Gauß-Newton-Schritte danach" : "Gauss-Newton steps after it",
                      r.newton_steps},
                     {tr("objective at start"), r.objective_start},
                     {tr("objective reached"), r.objective},
                     {tr("largest |t-ratio|"), number_or_null(r.max_abs_t())},
                     {tr("converged (all |t| <= 0.1)"), tr(r.max_abs_t() <= 0.1 ? "yes" : "no")}};
        Table est{"estimates",
                  {"parameter", "start", "estimate", "standard error", "low bound", "high bound",
                   "at bound"},
                  {}};
        for (std::size_t i = 0; i < free.size(); ++i)
          est.rows.push_back({free[i].key, free[i].start, r.estimate[i],
                              number_or_null(r.standard_error[i]), free[i].low, free[i].high,
                              tr(r.at_bound[i] ? "yes" : "no")});
        Table fit{
            "statistics", {"statistic", "target", "from data", "simulated", "sd", "t-ratio"}, {}};
        for (std::size_t k = 0; k < targets.size(); ++k) {
          const auto& t = targets[k];
          fit.rows.push_back(
              {statistic_label(t.statistic, german ? global.lang : report::Lang::en), *t.value,
               t.years ? Json(year_span(t.years->first, t.years->second)) : Json(nullptr),
               r.simulated[k], r.sd[k], number_or_null(r.t_ratio[k])});
        }
        std::vector<std::string> corr_cols{"parameter"};
        for (const auto& f : free) corr_cols.push_back(f.key);
        Table corr{"correlation of the estimates", corr_cols, {}};
        for (std::size_t i = 0; i < free.size(); ++i) {
          std::vector<Json> row{free[i].key};
          for (std::size_t j = 0; j < free.size(); ++j)
            row.push_back(number_or_null(r.correlation[i][j]));
          corr.rows.push_back(row);
        }
        if (!global.quiet) print_tables(std::cout, {head, est, fit, corr}, global);
        if (o->explain && !global.quiet) explain(free, targets, r, global.lang);

        if (!o->out.empty()) {
          std::vector<std::string> header{
              "Calibrated by verbund " + std::string(version_string) +
                  " calibrate (method of "
                  "simulated moments, NLopt " +
                  o->algorithm + ")",
              "scenario: " + o->scenario,
              "data: " + global.db + " (region " + region_fingerprint_hex(region) + ", " +
                  std::to_string(region.size()) + " actors)",
              "targets: " + o->targets,
              "seed: " + std::to_string(seed) +
                  ", replicates per evaluation: " + std::to_string(r.replicates),
              "objective reached: " + fixed(r.objective, 6) + " (from " +
                  fixed(r.objective_start, 6) + ", " + std::to_string(r.evaluations) +
                  " evaluations, " + r.stop_reason + "); largest |t-ratio| " +
                  fixed(r.max_abs_t(), 3)};
          for (std::size_t k = 0; k < targets.size(); ++k) {
            const auto& t = targets[k];
            header.push_back(
                "target: " + t.statistic.label() + " = " + fixed(*t.value, 6) +
                (t.years ? " (from the data, " +
                               std::string(t.years->first == t.years->second ? "year " : "years ") +
                               year_span(t.years->first, t.years->second) + ")"
                         : std::string()) +
                "; simulated " + fixed(r.simulated[k], 6) + ", t-ratio " + fixed(r.t_ratio[k], 3));
          }
          Json machine;
          machine["seed"] = seed;
          for (std::size_t i = 0; i < free.size(); ++i) {
            header.push_back("estimate: " + free[i].key + " = " + fixed(r.estimate[i], 8) +
                             " (standard error " + fixed(r.standard_error[i], 4) + ")");
            machine["parameters"].push_back(
                {{"key", free[i].key},
                 {"estimate", r.estimate[i]},
                 {"standard_error", number_or_null(r.standard_error[i])},
                 {"low", free[i].low},
                 {"high", free[i].high}});
          }
          machine["correlation"] = Json::array();
          for (const auto& row : r.correlation) {
            Json j = Json::array();
            for (const double v : row) j.push_back(number_or_null(v));
            machine["correlation"].push_back(j);
          }
          header.push_back("verbund-calibration: " + machine.dump());
          const auto written =
              calib::scenario_with(text, o->scenario, calib::settings_of(free, r.estimate), header);
          std::ofstream out(o->out, std::ios::binary);
          out << written;
          if (!out.flush()) throw IoError("cannot write " + o->out);
        }

        if (!o->diagnostics.empty()) {
          const auto reps = calib::simulate_replicates(m, r.estimate);
          Table per_stat{
              "per statistic",
              {"statistic", "target", "simulated", "low (2.5 %)", "high (97.5 %)", "t-ratio"},
              {}};
          std::vector<std::vector<double>> rows;
          for (const auto& p : reps.panels) rows.push_back(calib::statistics_of(m, p));
          for (std::size_t k = 0; k < targets.size(); ++k) {
            std::vector<double> v;
            for (const auto& row : rows) v.push_back(row[k]);
            per_stat.rows.push_back({targets[k].statistic.label(), *targets[k].value,
                                     r.simulated[k], number_or_null(quantile(v, 0.025)),
                                     number_or_null(quantile(v, 0.975)),
                                     number_or_null(r.t_ratio[k])});
          }
          Table per_month{"per month",
                          {"month", "indicator", "target", "mean", "low (2.5 %)", "high (97.5 %)"},
                          {}};
          const int months = reps.series.empty() ? 0 : static_cast<int>(reps.series[0].size());
          for (std::size_t ind : {std::size_t{1}, std::size_t{4}, std::size_t{5}}) {
            Json target = nullptr;
            for (const auto& t : targets)
              if (monthly_indicator(t.statistic) == ind) target = *t.value;
            for (int month = 0; month < months; ++month) {
              std::vector<double> v;
              double sum = 0;
              for (const auto& s : reps.series) {
                v.push_back(sim::values(s[month])[ind]);
                sum += v.back();
              }
              per_month.rows.push_back({month, std::string(sim::indicator_names[ind]), target,
                                        sum / static_cast<double>(v.size()), quantile(v, 0.025),
                                        quantile(v, 0.975)});
            }
          }
          write_out(o->diagnostics, {per_stat, per_month});
        }
        if (validation) {
          const auto table = out_of_sample(
              region, stored, targets, m, r.estimate, *validation, loaded.scenario.horizon,
              global.format == Format::table ? global.lang : report::Lang::en);
          if (!global.quiet) print_tables(std::cout, {table}, global);
        }
      }};
}

}  // namespace verbund::cli
