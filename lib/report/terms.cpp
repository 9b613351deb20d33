#include "verbund/report/terms.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "verbund/sim/indicators.hpp"

namespace verbund::report {
namespace {

using Term = std::pair<std::string_view, std::string_view>;

// English → German, sorted by the English word (a test checks it) for binary search.
constexpr std::array terms{
    Term{"E-I index", "E-I-Index"},
    Term{"E-I index by actor kind", "E-I-Index nach Akteursart"},
    Term{"E-I index, ties out vs among them", "E-I-Index, Beziehungen nach außen gegen innen"},
    Term{"SME project share", "KMU-Projektanteil"},
    Term{"SMEs", "KMU"},
    Term{"activity", "Aktivität"},
    Term{"actors", "Akteure"},
    Term{"actors by kind", "Akteure nach Art"},
    Term{"actors by municipality", "Akteure nach Kommune"},
    Term{"actors searched", "durchsuchte Akteure"},
    Term{"all tried", "alle geprüft"},
    Term{"assigned", "zugeordnet"},
    Term{"assignment", "Zuordnung"},
    Term{"at horizon", "am Ende"},
    Term{"average clustering", "mittlere Clusterung"},
    Term{"average local clustering", "mittlere lokale Clusterung"},
    Term{"average local clustering in the whole network",
         "mittlere lokale Clusterung im ganzen Netz"},
    Term{"balance", "Ausgewogenheit"},
    Term{"baseline", "Basis"},
    Term{"best replacement", "bester Ersatz"},
    Term{"betweenness", "Vermittlungsgrad (Betweenness)"},
    Term{"betweenness std. error", "Standardfehler Betweenness"},
    Term{"blocking pairs", "blockierende Paare"},
    Term{"bridge", "Brücke"},
    Term{"brokers", "Vermittler"},
    Term{"buyer demands", "Bedarfe der Abnehmer"},
    Term{"buys from", "kauft bei"},
    Term{"by kind", "nach Art"},
    Term{"by municipality", "nach Kommune"},
    Term{"by sector", "nach Branche"},
    Term{"by theme", "nach Themenfeld"},
    Term{"call", "Ausschreibung"},
    Term{"calls", "Ausschreibungen"},
    Term{"candidate", "Kandidat"},
    Term{"candidate pairs", "Kandidatenpaare"},
    Term{"candidates", "Kandidaten"},
    Term{"candidates with partners", "Kandidaten mit Partnern"},
    Term{"capacity", "Kapazität"},
    Term{"capacity penalty", "Abzug für Auslastung"},
    Term{"category", "Kategorie"},
    Term{"certifications", "Zertifizierungen"},
    Term{"change (%)", "Änderung (%)"},
    Term{"children", "Untereinheiten"},
    Term{"chosen", "gewählt"},
    Term{"cohesion", "Zusammenhalt"},
    Term{"combinations", "Kombinationen"},
    Term{"common partner", "gemeinsamer Partner"},
    Term{"communities", "Gemeinschaften"},
    Term{"community", "Gemeinschaft"},
    Term{"competence", "Kompetenz"},
    Term{"competences", "Kompetenzen"},
    Term{"components", "Komponenten"},
    Term{"connected pairs", "verbundene Paare"},
    Term{"consortia", "Konsortien"},
    Term{"consortia found", "gefundene Konsortien"},
    Term{"consortia per actor at most", "Konsortien je Akteur höchstens"},
    Term{"constraint", "Einschränkung (Burt)"},
    Term{"coordinator", "Koordinator"},
    Term{"coverage", "Abdeckung"},
    Term{"covered by", "abgedeckt durch"},
    Term{"cross-municipal share of ties", "Anteil Beziehungen über Stadtgrenzen"},
    Term{"cut off", "abgetrennt"},
    Term{"degree", "Zahl der Partner"},
    Term{"delivers to", "liefert an"},
    Term{"detail", "Einzelheiten"},
    Term{"diagnosis", "Diagnose"},
    Term{"difference", "Differenz"},
    Term{"differences", "Unterschiede"},
    Term{"direction", "Richtung"},
    Term{"distance", "Entfernung"},
    Term{"distance km", "Entfernung km"},
    Term{"dual bound", "duale Schranke"},
    Term{"eligible actors", "zulässige Akteure"},
    Term{"employees", "Beschäftigte"},
    Term{"end", "Ende"},
    Term{"evidence", "Belege"},
    Term{"exact", "exakt"},
    Term{"exact enumeration", "vollständige Aufzählung"},
    Term{"existing", "bestehend"},
    Term{"existing partner", "bestehender Partner"},
    Term{"existing_since", "bestehend seit"},
    Term{"explanations", "Begründungen"},
    Term{"feasible without", "zulässig ohne"},
    Term{"field", "Feld"},
    Term{"firm", "Unternehmen"},
    Term{"firms", "Unternehmen"},
    Term{"firms by size class", "Unternehmen nach Größenklasse"},
    Term{"firms unmatched", "Unternehmen ohne Partner"},
    Term{"firms with a science tie", "Unternehmen mit Wissenschaftskontakt"},
    Term{"first science tie", "erster Wissenschaftskontakt"},
    Term{"fit", "Passung"},
    Term{"found", "gefunden"},
    Term{"founded", "gegründet"},
    Term{"gatekeeper", "Torwächter"},
    Term{"giant share without", "Anteil im größten Netz ohne"},
    Term{"greedy", "gierig"},
    Term{"greedy (too many)", "gierig (zu viele)"},
    Term{"greedy + local search", "gierig + lokale Suche"},
    Term{"group", "Gruppe"},
    Term{"has no capacity", "hat keine Kapazität"},
    Term{"high", "obere Grenze"},
    Term{"high (95%)", "obere Grenze (95 %)"},
    Term{"id", "ID"},
    Term{"indicator", "Kennzahl"},
    Term{"indicators", "Kennzahlen"},
    Term{"input categories", "Vorleistungskategorien"},
    Term{"isolated actors", "isolierte Akteure"},
    Term{"itinerant", "Makler"},
    Term{"kind", "Art"},
    Term{"label", "Bezeichnung"},
    Term{"label de", "Bezeichnung (de)"},
    Term{"large", "groß"},
    Term{"lat", "Breite"},
    Term{"lead time weeks", "Lieferzeit (Wochen)"},
    Term{"liaison", "Verbindungsglied"},
    Term{"loads", "Auslastung"},
    Term{"lon", "Länge"},
    Term{"low", "untere Grenze"},
    Term{"low (95%)", "untere Grenze (95 %)"},
    Term{"main municipality", "Hauptkommune"},
    Term{"match", "Treffer"},
    Term{"matched pairs", "zugeordnete Paare"},
    Term{"max degree", "höchste Zahl der Partner"},
    Term{"mean", "Mittelwert"},
    Term{"medium", "mittel"},
    Term{"member", "Mitglied"},
    Term{"members", "Mitglieder"},
    Term{"memberships", "Mitgliedschaften"},
    Term{"method", "Verfahren"},
    Term{"micro", "Kleinst"},
    Term{"min order", "Mindestmenge"},
    Term{"modularity", "Modularität"},
    Term{"month", "Monat"},
    Term{"months", "Monate"},
    Term{"municipalities", "Kommunen"},
    Term{"municipality", "Kommune"},
    Term{"must", "Pflicht"},
    Term{"name", "Name"},
    Term{"needed", "benötigt"},
    Term{"needs", "Bedarfe"},
    Term{"network", "Netzwerk"},
    Term{"network among the selected actors", "Netzwerk unter den ausgewählten Akteuren"},
    Term{"no candidate shares a competence", "kein Kandidat teilt eine Kompetenz"},
    Term{"normalised error bound (95%)", "normierte Fehlerschranke (95 %)"},
    Term{"novelty", "Neuheit"},
    Term{"objective with it", "Zielwert mit ihm"},
    Term{"offers", "Angebote"},
    Term{"optimal", "optimal"},
    Term{"optimality gap", "Optimalitätslücke"},
    Term{"optional", "optional"},
    Term{"pairs", "Paare"},
    Term{"parent", "gehört zu"},
    Term{"part of", "Teil von"},
    Term{"partition", "Aufteilung"},
    Term{"partner", "Partner"},
    Term{"partner kind", "Art des Partners"},
    Term{"partners", "Partner"},
    Term{"prefix", "Anfang"},
    Term{"prior tie", "frühere Beziehung"},
    Term{"profile", "Profil"},
    Term{"proximity", "Nähe"},
    Term{"quantity", "Menge"},
    Term{"rank", "Rang"},
    Term{"reason", "Grund"},
    Term{"reasons in words", "Begründung in Worten"},
    Term{"recommendations", "Empfehlungen"},
    Term{"region", "Region"},
    Term{"replicates", "Wiederholungen"},
    Term{"representative", "Vertreter"},
    Term{"required", "verlangt"},
    Term{"roles grouped by", "Rollen gruppiert nach"},
    Term{"rows", "Zeilen"},
    Term{"rule deficits left", "verbleibende Regellücken"},
    Term{"same municipality", "gleiche Kommune"},
    Term{"sampled", "Stichprobe"},
    Term{"scenario", "Szenario"},
    Term{"scenario value", "Szenariowert"},
    Term{"score", "Punktzahl"},
    Term{"score with replacement", "Punktzahl mit Ersatz"},
    Term{"score without", "Punktzahl ohne"},
    Term{"section", "Abschnitt"},
    Term{"sector", "Branche"},
    Term{"seed", "Startwert"},
    Term{"selected actors, ties to anyone", "ausgewählte Akteure, Beziehungen zu allen"},
    Term{"sentence", "Begründung"},
    Term{"share", "Anteil"},
    Term{"share of SMEs in projects", "Anteil KMU in Projekten"},
    Term{"share of firms with a science tie", "Anteil Unternehmen mit Wissenschaftskontakt"},
    Term{"shared group", "gemeinsame Gruppe"},
    Term{"side", "Seite"},
    Term{"size", "Größe"},
    Term{"size class", "Größenklasse"},
    Term{"skipped", "ausgelassen"},
    Term{"small", "klein"},
    Term{"sources", "Quellen"},
    Term{"stable", "stabil"},
    Term{"start", "Beginn"},
    Term{"substring", "Teilwort"},
    Term{"supplier market", "Zuliefermarkt"},
    Term{"supplier offers", "Angebote der Zulieferer"},
    Term{"supply demands", "Lieferbedarfe"},
    Term{"supply flows", "Lieferströme"},
    Term{"supply offers", "Lieferangebote"},
    Term{"table", "Tabelle"},
    Term{"theme", "Themenfeld"},
    Term{"themes", "Themenfelder"},
    Term{"tie", "Beziehung"},
    Term{"ties", "Beziehungen"},
    Term{"ties among them", "Beziehungen untereinander"},
    Term{"ties by kind", "Beziehungen nach Art"},
    Term{"ties inside", "Beziehungen innen"},
    Term{"ties outside", "Beziehungen nach außen"},
    Term{"ties to other actors", "Beziehungen zu anderen Akteuren"},
    Term{"topic", "Thema"},
    Term{"total score", "Gesamtpunktzahl"},
    Term{"unit", "Einheit"},
    Term{"unmatched", "ohne Partner"},
    Term{"value", "Wert"},
    Term{"verdict", "Urteil"},
    Term{"weight", "Gewicht"},
    Term{"weighted average clustering", "gewichtete mittlere Clusterung"},
    Term{"what hangs on each member", "Was an jedem Mitglied hängt"},
    Term{"word start", "Wortanfang"},
    Term{"working groups", "Arbeitskreise"},
};

// Binary search needs it; a duplicate would be a word with two names.
static_assert(std::adjacent_find(terms.begin(), terms.end(), [](const Term& a, const Term& b) {
                return a.first >= b.first;
              }) == terms.end());

// Calibration, sweeps and sensitivity (verb_calibrate, verb_sweep, verb_sensitivity): a block of
// its own, sorted the same way, so that other additions to `terms` do not meet it.
constexpr std::array calib_terms{
    Term{"at bound", "an einer Grenze"},
    Term{"calibration", "Kalibrierung"},
    Term{"converged (all |t| <= 0.1)", "konvergiert (alle |t| <= 0,1)"},
    Term{"correlation of the estimates", "Korrelation der Schätzungen"},
    Term{"estimate", "Schätzung"},
    Term{"estimates", "Schätzungen"},
    Term{"evaluation limit reached", "Höchstzahl der Auswertungen erreicht"},
    Term{"evaluations in all (start, estimate, Jacobian)",
         "Auswertungen insgesamt (Start, Schätzung, Jacobi-Matrix)"},
    Term{"evaluations of the optimiser", "Auswertungen des Optimierers"},
    Term{"first high", "erste Ordnung oben"},
    Term{"first low", "erste Ordnung unten"},
    Term{"first order", "erste Ordnung"},
    Term{"fitted years", "angepasste Jahre"},
    Term{"from data", "aus den Daten"},
    Term{"high bound", "obere Grenze"},
    Term{"item", "Angabe"},
    Term{"largest |t-ratio|", "größtes |t-Verhältnis|"},
    Term{"linear trend", "linearer Trend"},
    Term{"low bound", "untere Grenze"},
    Term{"mean tie duration (years)", "mittlere Dauer einer Beziehung (Jahre)"},
    Term{"model", "Modell"},
    Term{"model error", "Fehler des Modells"},
    Term{"mu* high", "mu* oben"},
    Term{"mu* low", "mu* unten"},
    Term{"no", "nein"},
    Term{"objective at start", "Zielfunktion am Start"},
    Term{"objective reached", "erreichte Zielfunktion"},
    Term{"observed", "beobachtet"},
    Term{"optimiser", "Optimierer"},
    Term{"optimiser stopped", "Optimierer beendet"},
    Term{"out of sample", "außerhalb der Stichprobe"},
    Term{"parameter", "Parameter"},
    Term{"persistence", "Fortschreibung"},
    Term{"persistence error", "Fehler der Fortschreibung"},
    Term{"point", "Punkt"},
    Term{"points", "Punkte"},
    Term{"replicates per evaluation", "Wiederholungen je Auswertung"},
    Term{"science share of firms", "Anteil Unternehmen mit Wissenschaftskontakt"},
    Term{"science share of industrial firms",
         "Anteil Industrieunternehmen mit Wissenschaftskontakt"},
    Term{"sensitivity", "Sensitivität"},
    Term{"simulated", "simuliert"},
    Term{"standard error", "Standardfehler"},
    Term{"statistic", "Kennzahl"},
    Term{"statistics", "Kennzahlen"},
    Term{"target", "Ziel"},
    Term{"targets", "Ziele"},
    Term{"tolerance reached", "Toleranz erreicht"},
    Term{"tolerance reached (objective stopped improving)",
         "Toleranz erreicht (Zielfunktion verbessert sich nicht mehr)"},
    Term{"tolerance reached (parameters stopped moving)",
         "Toleranz erreicht (Parameter ändern sich nicht mehr)"},
    Term{"total", "gesamt"},
    Term{"total high", "gesamt oben"},
    Term{"total low", "gesamt unten"},
    Term{"trend error", "Fehler des Trends"},
    Term{"trend of mean degree per year", "Trend des mittleren Grads je Jahr"},
    Term{"trend of science share of firms per year",
         "Trend des Anteils Unternehmen mit Wissenschaftskontakt je Jahr"},
    Term{"years", "Jahre"},
    Term{"yes", "ja"},
};
static_assert(std::adjacent_find(calib_terms.begin(), calib_terms.end(),
                                 [](const Term& a, const Term& b) { return a.first >= b.first; }) ==
              calib_terms.end());

// Block "verbs": the tables of suppliers, event, runs and import (helper lang). Sorted as above;
// no word of it is in another block.
constexpr std::array verb_terms{
    Term{"  of them their only one", "  davon ihre einzige"},
    Term{"  of them with >= 2 regional sources for every one",
         "  davon mit >= 2 regionalen Quellen für jede"},
    Term{"  single-sourced in the region", "  davon nur eine Quelle in der Region"},
    Term{"  without a regional source", "  davon ohne regionale Quelle"},
    Term{"actor_attributes", "Akteursmerkmale"},
    Term{"actor_competences", "Akteurskompetenzen"},
    Term{"added", "hinzugefügt"},
    Term{"allocated", "zugeteilt"},
    Term{"allocation bound (cut)", "Schranke der Zuteilung (Schnitt)"},
    Term{"allocations", "Zuteilungen"},
    Term{"below wished minimum", "unter dem gewünschten Minimum"},
    Term{"bound method", "Verfahren der Schranke"},
    Term{"buyer", "Abnehmer"},
    Term{"buyers disrupted", "gestörte Abnehmer"},
    Term{"buyers with a high-criticality input",
         "Abnehmer mit einer Vorleistung hoher Kritikalität"},
    Term{"capacity ratio", "Kapazitätsverhältnis"},
    Term{"capacity short", "Kapazität zu knapp"},
    Term{"capacity taken", "Kapazität vergeben"},
    Term{"categories", "Kategorien"},
    Term{"cause", "Ursache"},
    Term{"change", "Änderung"},
    Term{"changed", "geändert"},
    Term{"changes", "Änderungen"},
    Term{"cost", "Kosten"},
    Term{"covers volume", "deckt die Menge"},
    Term{"critical", "kritisch"},
    Term{"critical members", "kritische Mitglieder"},
    Term{"criticality", "Kritikalität"},
    Term{"customer", "Kunde"},
    Term{"deleted", "gelöscht"},
    Term{"demand", "Bedarf"},
    Term{"demands", "Bedarfe"},
    Term{"demands of high criticality", "Bedarfe hoher Kritikalität"},
    Term{"demands of low criticality", "Bedarfe niedriger Kritikalität"},
    Term{"demands of medium criticality", "Bedarfe mittlerer Kritikalität"},
    Term{"demands planned", "geplante Bedarfe"},
    Term{"demands with unmet quantity", "Bedarfe mit ungedeckter Menge"},
    Term{"disrupted buyers", "gestörte Abnehmer"},
    Term{"dropped", "entfallen"},
    Term{"event plan", "Veranstaltungsplan"},
    Term{"explanation", "Erklärung"},
    Term{"exposure", "Abhängigkeit"},
    Term{"fewest meetings", "wenigste Treffen"},
    Term{"flows", "Lieferbeziehungen"},
    Term{"flows lost", "verlorene Lieferbeziehungen"},
    Term{"free capacity", "freie Kapazität"},
    Term{"free_capacity", "freie Kapazität"},
    Term{"gap %", "Lücke %"},
    Term{"groups found", "gefundene Gruppen"},
    Term{"hash", "Hash"},
    Term{"hhi", "HHI"},
    Term{"imported", "importiert"},
    Term{"inputs", "Eingaben"},
    Term{"inputs losing a regional source", "Vorleistungen, die eine regionale Quelle verlieren"},
    Term{"joint offers", "gemeinsame Angebote"},
    Term{"kept", "beibehalten"},
    Term{"lead", "Federführung"},
    Term{"lead_time_weeks", "Lieferzeit (Wochen)"},
    Term{"locked", "fixiert"},
    Term{"loss", "Ausfall"},
    Term{"lost share", "verlorener Anteil"},
    Term{"lost sources", "verlorene Quellen"},
    Term{"lost supplier", "verlorener Zulieferer"},
    Term{"lost volume", "verlorene Menge"},
    Term{"mean meetings", "Treffen im Mittel"},
    Term{"meetings kept where they were", "unverändert gebliebene Treffen"},
    Term{"moved", "verschoben"},
    Term{"must requests", "Pflichtanfragen"},
    Term{"must scheduled", "Pflichtanfragen eingeplant"},
    Term{"must-meetings missed", "verpasste Pflichttreffen"},
    Term{"new slot", "neues Zeitfenster"},
    Term{"new table", "neuer Tisch"},
    Term{"no supplier", "kein Zulieferer"},
    Term{"old slot", "altes Zeitfenster"},
    Term{"old table", "alter Tisch"},
    Term{"only source lost", "einzige Quelle verloren"},
    Term{"option", "Option"},
    Term{"options", "Optionen"},
    Term{"options hash", "Hash der Optionen"},
    Term{"participants", "Teilnehmende"},
    Term{"path", "Pfad"},
    Term{"plan", "Plan"},
    Term{"projects", "Projekte"},
    Term{"qualified suppliers", "geeignete Zulieferer"},
    Term{"region fingerprint", "Fingerabdruck der Region"},
    Term{"regional share", "regionaler Anteil"},
    Term{"regional sourcing share after", "regionaler Bezugsanteil nachher"},
    Term{"regional sourcing share before", "regionaler Bezugsanteil vorher"},
    Term{"removed", "entfernt"},
    Term{"replacements", "Ersatz"},
    Term{"replicate", "Wiederholung"},
    Term{"requested", "Angefragte"},
    Term{"requester", "Anfragende"},
    Term{"requests", "Anfragen"},
    Term{"requirement", "Anforderung"},
    Term{"role", "Rolle"},
    Term{"run", "Lauf"},
    Term{"runs", "Läufe"},
    Term{"scheduled", "eingeplant"},
    Term{"series", "Reihen"},
    Term{"series values", "Reihenwerte"},
    Term{"share cap", "Anteilsgrenze"},
    Term{"single-source risk", "Risiko einzelner Quellen"},
    Term{"single-sourced", "nur eine Quelle"},
    Term{"slots", "Zeitfenster"},
    Term{"source", "Quelle"},
    Term{"sources before", "Quellen vorher"},
    Term{"sources left", "verbleibende Quellen"},
    Term{"spread km", "Spannweite km"},
    Term{"substitute", "Ersatzlieferant"},
    Term{"substitutes", "Ersatz"},
    Term{"suggested requests", "vorgeschlagene Anfragen"},
    Term{"supplier", "Zulieferer"},
    Term{"suppliers searched", "durchsuchte Zulieferer"},
    Term{"tables", "Tische"},
    Term{"tier", "Stufe"},
    Term{"tiers followed", "verfolgte Stufen"},
    Term{"time", "Zeit"},
    Term{"unchanged", "unverändert"},
    Term{"unit cost", "Stückkosten"},
    Term{"unmet", "ungedeckt"},
    Term{"upper bound", "obere Schranke"},
    Term{"verb", "Befehl"},
    Term{"version", "Version"},
    Term{"volume", "Menge"},
    Term{"what", "was"},
    Term{"who delivers what", "Wer liefert was"},
    Term{"why", "warum"},
};
static_assert(std::adjacent_find(verb_terms.begin(), verb_terms.end(),
                                 [](const Term& a, const Term& b) { return a.first >= b.first; }) ==
              verb_terms.end());
static_assert(std::none_of(verb_terms.begin(), verb_terms.end(), [](const Term& v) {
  return std::any_of(terms.begin(), terms.end(), [&](const Term& t) { return t.first == v.first; });
}));
// No word in two blocks: find() would return the first block's name only.
static_assert(std::none_of(calib_terms.begin(), calib_terms.end(), [](const Term& c) {
  return std::any_of(terms.begin(), terms.end(),
                     [&](const Term& t) { return t.first == c.first; }) ||
         std::any_of(verb_terms.begin(), verb_terms.end(),
                     [&](const Term& v) { return v.first == c.first; });
}));

// Units of the supplier market and words of the event and supply engines (h18de).
constexpr std::array text_terms{
    Term{"LP relaxation", "LP-Relaxation"},
    Term{"about the firm", "zum Unternehmen"},
    Term{"b-matching relaxation", "b-Matching-Relaxation"},
    Term{"batches", "Chargen"},
    Term{"boards", "Baugruppen"},
    Term{"days", "Tage"},
    Term{"fact", "Merkmal"},
    Term{"hours", "Stunden"},
    Term{"orders", "Aufträge"},
    Term{"pallets", "Paletten"},
    Term{"parts", "Teile"},
    Term{"reasons", "Gründe"},
    Term{"sd", "Standardabweichung"},
    Term{"shipments", "Sendungen"},
    Term{"suppliers", "Zulieferer"},
    Term{"t-ratio", "t-Verhältnis"},
    Term{"table count", "Zahl der Tische"},
    Term{"units", "Einheiten"},
    Term{"weeks", "Wochen"},
};
static_assert(std::adjacent_find(text_terms.begin(), text_terms.end(),
                                 [](const Term& a, const Term& b) { return a.first >= b.first; }) ==
              text_terms.end());
// No word in two blocks: find() would return the first block's name only.
static_assert(std::none_of(text_terms.begin(), text_terms.end(), [](const Term& x) {
  const auto in = [&](const auto& block) {
    return std::any_of(block.begin(), block.end(),
                       [&](const Term& t) { return t.first == x.first; });
  };
  return in(terms) || in(calib_terms) || in(verb_terms);
}));

// Tables that stayed English under --lang de (issue 18): the supplier search's score parts,
// `metrics --years`, `train transfer`, `evaluate transfer`, `import`, `suppliers plan`.
constexpr std::array table_terms{
    Term{"95 % bootstrap intervals", "95-%-Bootstrap-Intervalle"},
    Term{"allocation bound reached", "Schranke der Zuteilung erreicht"},
    Term{"as each setting says", "wie jede Einstellung es angibt"},
    Term{"by unit", "nach Einheit"},
    Term{"capability", "Fähigkeit"},
    Term{"competence_relations", "Kompetenzbeziehungen"},
    Term{"default (proximity 0.25)", "Standard (Nähe 0,25)"},
    Term{"degree quantile 90 %", "Quantil der Partnerzahl 90 %"},
    Term{"diversification", "Diversifizierung"},
    Term{"eligible", "geeignet"},
    Term{"firm facts", "Merkmale der Unternehmen"},
    Term{"fitted transfer weights", "angepasste Transfergewichte"},
    Term{"generated", "erzeugt"},
    Term{"hits@1", "Treffer@1"},
    Term{"hits@10", "Treffer@10"},
    Term{"hits@5", "Treffer@5"},
    Term{"ignored (--capacity ignore)", "nicht berücksichtigt (--capacity ignore)"},
    Term{"key", "Angabe"},
    Term{"lacking certifications", "ohne die Zertifizierungen"},
    Term{"minimum order too high", "Mindestmenge zu hoch"},
    Term{"network known up to", "Netzwerk bekannt bis"},
    Term{"new ties per year", "neue Beziehungen je Jahr"},
    Term{"new transfer ties (firm - science)",
         "neue Transferbeziehungen (Unternehmen – Wissenschaft)"},
    Term{"no related credit", "ohne Anrechnung verwandter Kompetenzen"},
    Term{"not asked (partner no candidate, firm without needs, or tied already)",
         "nicht gefragt (Partner kein Kandidat, Unternehmen ohne Bedarfe oder schon verbunden)"},
    Term{"observed series", "beobachtete Reihen"},
    Term{"old additive (+0.25 x decay)", "alt, additiv (+0,25 × Abklingen)"},
    Term{"outcome split", "Zeitschnitt"},
    Term{"part", "Teil"},
    Term{"partner model", "Partnermodell"},
    Term{"partnerships of", "Partnerschaften aus"},
    Term{"proximity 0", "Nähe 0"},
    Term{"proximity 0.5", "Nähe 0,5"},
    Term{"queries", "Anfragen"},
    Term{"queries (firms)", "Anfragen (Unternehmen)"},
    Term{"setting", "Einstellung"},
    Term{"share of new ties closing a triangle",
         "Anteil neuer Beziehungen, die ein Dreieck schließen"},
    Term{"share of new ties repeating a collaboration",
         "Anteil neuer Beziehungen, die eine Zusammenarbeit wiederholen"},
    Term{"train log-likelihood per partner", "Log-Likelihood je Partner (Training)"},
    Term{"trained on", "gelernt aus"},
    Term{"training queries", "Trainingsanfragen"},
    Term{"transfer outcomes", "Transferergebnisse"},
    Term{"trust", "Vertrauen"},
    Term{"validation MRR", "MRR der Validierung"},
    Term{"validation queries", "Validierungsanfragen"},
    Term{"validation year", "Validierungsjahr"},
    Term{"without free capacity", "ohne freie Kapazität"},
    Term{"written to", "geschrieben nach"},
    Term{"year", "Jahr"},
};
static_assert(std::adjacent_find(table_terms.begin(), table_terms.end(),
                                 [](const Term& a, const Term& b) { return a.first >= b.first; }) ==
              table_terms.end());
static_assert(std::none_of(table_terms.begin(), table_terms.end(), [](const Term& x) {
  const auto in = [&](const auto& block) {
    return std::any_of(block.begin(), block.end(),
                       [&](const Term& t) { return t.first == x.first; });
  };
  return in(terms) || in(calib_terms) || in(verb_terms) || in(text_terms);
}));

// The tables `import --delete` names in its changes table (those of the other blocks aside).
constexpr std::array store_table_terms{
    Term{"partner_models", "Partnermodelle"},
    Term{"project_members", "Projektmitglieder"},
    Term{"project_ties", "Projektbeziehungen"},
    Term{"sim_series", "Simulationsreihen"},
    Term{"supply_categories", "Vorleistungskategorien"},
    Term{"supply_demand_certifications", "Zertifizierungen der Bedarfe"},
    Term{"supply_demands", "Bedarfe der Abnehmer"},
    Term{"supply_flows", "Lieferströme"},
    Term{"supply_offer_certifications", "Zertifizierungen der Angebote"},
    Term{"supply_offers", "Angebote der Zulieferer"},
    Term{"sweep_points", "Punkte der Parameterstudien"},
    Term{"sweep_results", "Ergebnisse der Parameterstudien"},
    Term{"sweeps", "Parameterstudien"},
};
static_assert(std::adjacent_find(store_table_terms.begin(), store_table_terms.end(),
                                 [](const Term& a, const Term& b) { return a.first >= b.first; }) ==
              store_table_terms.end());
static_assert(std::none_of(store_table_terms.begin(), store_table_terms.end(), [](const Term& x) {
  const auto in = [&](const auto& block) {
    return std::any_of(block.begin(), block.end(),
                       [&](const Term& t) { return t.first == x.first; });
  };
  return in(terms) || in(calib_terms) || in(verb_terms) || in(text_terms) || in(table_terms);
}));

template <std::size_t N>
const Term* find_in(const std::array<Term, N>& block, std::string_view english) noexcept {
  const auto* it = std::lower_bound(block.begin(), block.end(), english,
                                    [](const Term& t, std::string_view w) { return t.first < w; });
  return it != block.end() && it->first == english ? it : nullptr;
}

const Term* find(std::string_view english) noexcept {
  if (const auto* t = find_in(terms, english)) return t;
  if (const auto* t = find_in(calib_terms, english)) return t;
  if (const auto* t = find_in(verb_terms, english)) return t;
  if (const auto* t = find_in(text_terms, english)) return t;
  if (const auto* t = find_in(table_terms, english)) return t;
  return find_in(store_table_terms, english);
}

// The vocabulary named elsewhere: kinds, indicators and verdicts keep one German name each.
std::optional<std::string_view> vocabulary(std::string_view english) noexcept {
  if (const auto kind = core::parse_actor_kind(english)) return label(Lang::de, *kind);
  if (const auto tie = core::parse_tie_kind(english)) return label(Lang::de, *tie);
  for (std::size_t k = 0; k < sim::indicator_names.size(); ++k)
    if (sim::indicator_names[k] == english) return indicator_label(Lang::de, k);
  for (const auto v : {Verdict::higher, Verdict::lower, Verdict::unchanged, Verdict::unclear})
    if (label(Lang::en, v) == english) return label(Lang::de, v);
  return std::nullopt;
}

}  // namespace

std::string_view term(Lang lang, std::string_view english) noexcept {
  if (lang == Lang::en) return english;
  if (const auto* t = find(english)) return t->second;
  return vocabulary(english).value_or(english);
}

bool has_term(std::string_view english) noexcept {
  return find(english) != nullptr || vocabulary(english).has_value();
}

namespace {

// Units that change with the number: the stored (English plural) name, its English singular
// and the German singular (the German plural is term()'s). Sorted for binary search.
struct UnitForms {
  std::string_view plural, one, de_one;
};
constexpr std::array unit_forms{
    UnitForms{"batches", "batch", "Charge"}, UnitForms{"boards", "board", "Baugruppe"},
    UnitForms{"days", "day", "Tag"},         UnitForms{"hours", "hour", "Stunde"},
    UnitForms{"orders", "order", "Auftrag"}, UnitForms{"pallets", "pallet", "Palette"},
    UnitForms{"parts", "part", "Teil"},      UnitForms{"shipments", "shipment", "Sendung"},
    UnitForms{"units", "unit", "Einheit"},   UnitForms{"weeks", "week", "Woche"},
};
static_assert(std::adjacent_find(unit_forms.begin(), unit_forms.end(),
                                 [](const UnitForms& a, const UnitForms& b) {
                                   return a.plural >= b.plural;
                                 }) == unit_forms.end());

}  // namespace

std::string amount_number(Lang lang, double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(std::abs(value) * scale) / scale;
  const bool negative = value < 0.0 && rounded > 0.0;
  const double whole = std::floor(rounded);
  std::string out = negative ? "-" : "";
  out += count(lang, static_cast<std::size_t>(whole));
  const auto fraction = static_cast<long long>(std::llround((rounded - whole) * scale));
  if (fraction > 0 && decimals > 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, static_cast<std::size_t>(decimals) - digits.size(), '0');
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += (lang == Lang::de ? ',' : '.') + digits;
  }
  return out;
}

std::string amount(Lang lang, double value, std::string_view unit, int decimals) {
  auto out = amount_number(lang, value, decimals);
  const auto* it =
      std::lower_bound(unit_forms.begin(), unit_forms.end(), unit,
                       [](const UnitForms& u, std::string_view w) { return u.plural < w; });
  const bool one = out == "1";
  out += ' ';
  if (it != unit_forms.end() && it->plural == unit && one)
    out += lang == Lang::de ? it->de_one : it->one;
  else
    out += term(lang, unit);
  return out;
}

std::string counted(Lang lang, std::size_t n, std::string_view en_one, std::string_view en_many,
                    std::string_view de_one, std::string_view de_many) {
  const bool de = lang == Lang::de;
  return count(lang, n) + ' ' +
         std::string(n == 1 ? (de ? de_one : en_one) : (de ? de_many : en_many));
}

}  // namespace verbund::report
