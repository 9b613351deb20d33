// `sweep --explain` and `sensitivity --explain` in German; English is explain_sweep's own.
#include "sweep_words.hpp"

#include <array>
#include <charconv>

#include "sweep_runs.hpp"

namespace verbund::cli {

std::string number_in(double value, report::Lang lang) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::general, 15);
  std::string s(buffer.data(), result.ptr);
  if (lang == report::Lang::de)
    for (auto& c : s)
      if (c == '.') c = ',';
  return s;
}

std::string explain_sweep_in(const sweep::SweepPlan& plan, const sweep::ExecutedSweep& executed,
                             report::Lang lang) {
  if (lang == report::Lang::en) return explain_sweep(plan, executed);
  const auto& s = plan.spec;
  const auto n = [](std::size_t v) { return std::to_string(v); };
  std::string text = "Der Lauf variiert " + n(s.parameters.size()) +
                     (s.parameters.size() == 1 ? " Parameter von " : " Parameter von ") +
                     s.scenario.filename().string() + ": ";
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    const auto& p = s.parameters[i];
    text += (i ? "; " : "") + p.key;
    if (p.levels.empty()) {
      text += " von " + number_in(p.low, lang) + " bis " + number_in(p.high, lang) +
              (p.integer ? " (ganze Zahlen)" : "");
    } else {
      text += " über " + n(p.levels.size()) + " Stufen";
    }
  }
  text += ".\n";
  switch (s.design) {
    case sweep::Design::grid:
      text += "Jede Kombination der Werte ist ein Punkt (volles Gitter)";
      break;
    case sweep::Design::lhs:
      text += "Ein Latin Hypercube setzt " + n(s.samples) +
              " Punkte so, dass der Bereich jedes Parameters in ebenso viele gleiche Schichten "
              "geteilt und jede Schicht einmal genutzt wird";
      break;
    case sweep::Design::sobol:
      text += "Eine Sobol-Folge setzt " + n(s.samples) +
              " Punkte, die den Raum gleichmäßiger füllen als Zufallsziehungen";
      break;
    case sweep::Design::morris:
      text += n(s.samples) +
              " Morris-Trajektorien ändern je einen Parameter auf einmal, um zu sichten, welche "
              "zählen";
      break;
    case sweep::Design::saltelli:
      text += "Saltellis Design rechnet " + n(s.samples) +
              " Basiszeilen, in jeder wird je ein Parameter getauscht, um Sobol-Indizes zu "
              "schätzen";
      break;
  }
  text += ": " + n(plan.points.size()) + " Punkte, jeder " + n(s.replicates) + "-mal gerechnet (" +
          n(plan.points.size() * s.replicates) + " Arbeitseinheiten).\n";
  text += "Jeder Punkt nutzt für Wiederholung r dieselben Zufallszahlen (Seed " +
          std::to_string(s.seed) +
          "), wie `compare`, so dass Unterschiede zwischen Punkten von den Parametern kommen, "
          "nicht vom Zufall.\n";
  text += "Die Werte werden " +
          (s.month ? "in Monat " + std::to_string(*s.month) : std::string("am Ende jedes Punkts")) +
          " für " + n(s.indicators.size()) + " Indikator(en) festgehalten.\n";
  if (executed.opened.resumed)
    text += "Die Datenbank hatte diesen Lauf schon (Lauf " + std::to_string(executed.opened.id) +
            "): " + n(executed.opened.finished.size()) + " fertige Einheiten wurden behalten und " +
            n(executed.ran) + " jetzt gerechnet.\n";
  else
    text += "Alle " + n(executed.ran) + " Einheiten wurden jetzt gerechnet und als Lauf " +
            std::to_string(executed.opened.id) +
            " gespeichert; ein unterbrochener Lauf setzt dort fort, wo er stand.\n";
  return text;
}

}  // namespace verbund::cli
