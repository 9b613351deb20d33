// `verbund sensitivity SWEEP.toml`: which parameters an indicator depends on. A morris sweep
// gives elementary effects (screening), a saltelli sweep Sobol first-order and total indices;
// both with bootstrap 95 % intervals, on the means over each point's replicates.
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "sim_runs.hpp"
#include "sweep_runs.hpp"
#include "sweep_words.hpp"
#include "verbund/error.hpp"
#include "verbund/report/terms.hpp"
#include "verbund/sim/indicators.hpp"
#include "verbund/sweep/results.hpp"
#include "verbund/sweep/sensitivity.hpp"

namespace verbund::cli {

namespace {
struct SensitivityCli {
  std::string file;
  std::string out;
  std::size_t resamples = 1000;
  bool explain = false;
};

std::string fixed(double v, report::Lang lang) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", v);
  std::string s = buffer;
  if (lang == report::Lang::de)
    for (auto& c : s)
      if (c == '.') c = ',';
  return s;
}
std::string tr_then(report::Lang lang) {
  return lang == report::Lang::de ? ", dann von " : ", then ";
}
}  // namespace

Verb add_sensitivity_verb(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<SensitivityCli>();
  CLI::App* cmd =
      app.add_subcommand("sensitivity",
                         "Which parameters an indicator depends on: Morris screening or Sobol "
                         "indices (design = \"morris\" or \"saltelli\" in the sweep file)");
  cmd->add_option("sweep", o->file, "SWEEP.toml")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out, "write the indices to this file (.json: JSON, else CSV)");
  cmd->add_option("--resamples", o->resamples, "bootstrap resamples for the intervals")
      ->capture_default_str()
      ->check(number_range(10, 1000000));
  cmd->add_flag("--explain", o->explain, "say in words which parameters matter");
  return {cmd, [&global, o, cmd] {
            {
              const auto spec = sweep::load_sweep(o->file);
              if (spec.design != sweep::Design::morris && spec.design != sweep::Design::saltelli)
                throw InvalidInput(SourceLocation{o->file, 0, 0},
                                   "sensitivity needs design = \"morris\" or \"saltelli\", not \"" +
                                       std::string(sweep::design_name(spec.design)) + "\"");
            }
            check_writable(o->out);
            const auto run = run_sweep_file(global, o->file, "sensitivity", describe_options(*cmd));
            const auto& spec = run.plan.spec;
            const auto k = spec.parameters.size();
            const auto means = sweep::point_means(run.plan, run.executed.results);
            const sweep::SensitivityOptions options{.resamples = o->resamples, .seed = spec.seed};
            const bool morris = spec.design == sweep::Design::morris;
            Table t{"sensitivity", {"indicator", "parameter"}, {}};
            if (morris) {
              for (const char* c : {"mu*", "mu* low", "mu* high", "mu", "sigma"})
                t.columns.push_back(c);
            } else {
              for (const char* c :
                   {"first order", "first low", "first high", "total", "total low", "total high"})
                t.columns.push_back(c);
            }
            std::string words;
            const auto lang = global.lang;
            const bool de = lang == report::Lang::de;
            for (std::size_t i = 0; i < spec.indicators.size(); ++i) {
              const std::string name(sim::indicator_names[spec.indicators[i]]);
              std::vector<double> y;
              for (const auto& m : means) y.push_back(m[i]);
              std::vector<std::pair<double, std::string>> ranked;
              if (morris) {
                const auto idx = sweep::morris_indices(run.plan.points, y, k, options);
                for (std::size_t j = 0; j < k; ++j) {
                  const auto& m = idx[j];
                  t.rows.push_back({name, spec.parameters[j].key, m.mu_star.value, m.mu_star.low,
                                    m.mu_star.high, m.mu, m.sigma});
                  ranked.emplace_back(m.mu_star.value, spec.parameters[j].key);
                }
              } else {
                std::vector<sweep::SobolIndex> idx;
                try {
                  idx = sweep::sobol_indices(y, k, options);
                } catch (const InvalidInput&) {
                  words += de ? std::string(report::term(lang, name)) +
                                    " ändert sich über das Design nicht.\n"
                              : name + " does not vary over the design.\n";
                  continue;
                }
                for (std::size_t j = 0; j < k; ++j) {
                  const auto& s = idx[j];
                  t.rows.push_back({name, spec.parameters[j].key, s.first.value, s.first.low,
                                    s.first.high, s.total.value, s.total.low, s.total.high});
                  ranked.emplace_back(s.total.value, spec.parameters[j].key);
                }
              }
              std::stable_sort(ranked.begin(), ranked.end(),
                               [](const auto& a, const auto& b) { return a.first > b.first; });
              if (de)
                words += std::string(report::term(lang, name)) + " hängt am meisten von " +
                         ranked.front().second + " ab (" +
                         (morris ? "mittlerer absoluter Effekt " : "Totalindex ") +
                         fixed(ranked.front().first, lang) + ")";
              else
                words += name + " depends most on " + ranked.front().second + " (" +
                         (morris ? "mean absolute effect " : "total index ") +
                         fixed(ranked.front().first, lang) + ")";
              if (ranked.size() > 1)
                words +=
                    tr_then(lang) + ranked[1].second + " (" + fixed(ranked[1].first, lang) + ")";
              words += ".\n";
            }
            if (!global.quiet) print_tables(std::cout, {t}, global);
            if (!o->out.empty())
              write_tables(o->out, {t}, o->out.ends_with(".json") ? Format::json : Format::csv);
            if (o->explain && !global.quiet) {
              std::cout << explain_sweep_in(run.plan, run.executed, lang);
              if (de)
                std::cout << (morris ? "Morris-Screening: mu* ist die mittlere absolute Änderung "
                                       "des Indikators, wenn ein Parameter seinen Bereich "
                                       "durchläuft; ein großes sigma heißt, sein Effekt hängt von "
                                       "den anderen ab.\n"
                                     : "Sobol-Indizes: der Index erster Ordnung ist der Anteil "
                                       "der Varianz des Indikators, den ein Parameter allein "
                                       "erklärt, der Totalindex der Anteil, an dem er beteiligt "
                                       "ist, Wechselwirkungen eingeschlossen.\n")
                          << words;
              else
                std::cout << (morris ? "Morris screening: mu* is the mean absolute change of the "
                                       "indicator when a parameter moves across its range; a large "
                                       "sigma means its effect depends on the others.\n"
                                     : "Sobol indices: the first-order index is the share of the "
                                       "indicator's variance a parameter explains alone, the total "
                                       "index the share it takes part in, interactions included.\n")
                          << words;
            }
          }};
}

}  // namespace verbund::cli
