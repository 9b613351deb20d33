// `verbund match transfer`: research partners for one firm (ranked, explained) or for every firm
// of the region, optionally assigned under capacities (optimal, stable or greedy).
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "cli.hpp"
#include "option_checks.hpp"
#include "output.hpp"
#include "verbund/error.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/match/transfer_round.hpp"
#include "verbund/match/weights_file.hpp"
#include "verbund/report/reasons.hpp"

namespace verbund::cli {
namespace {

struct TransferOptions {
  std::string firm;
  bool all = false;
  std::vector<std::string> needs;
  std::size_t top = 10;
  bool explain = false;
  std::string assign;  // empty = recommendations only
  std::string out;
  std::string weights;
  std::optional<int> firm_capacity;
  bool include_existing = false;
  std::string receiver_preferences;  // empty = receivers rank by the shared score
};

// The CLI's query: existing partners left out unless asked for; a chair and its university
// never both (the library's defaults keep both, for the simulation).
match::RecommendOptions query_of(const TransferOptions& o) {
  return {.top = o.top, .include_existing = o.include_existing, .one_per_family = true};
}

// A chair is recommended by its own name and its university's: "Lehrstuhl X, Universität Y".
std::string chair_and_university(const core::Region& region, core::ActorId a) {
  std::string name(region.name(a));
  if (const auto parent = region.parent(a)) name += ", " + std::string(region.name(*parent));
  return name;
}

// With --include-existing, whether a recommended candidate is a partner already, and since when.
void add_existing_cells(std::vector<Json>& row, const core::Region& region, core::ActorId seeker,
                        core::ActorId candidate) {
  const auto existing = match::existing_partnership(region, seeker, candidate);
  row.emplace_back(existing.has_value());
  row.push_back(existing && existing->since ? Json(*existing->since) : Json(nullptr));
}
const std::vector<std::string> existing_columns{"existing", "existing_since"};

std::string partner_sentence(const match::ExistingPartnership& p, report::Lang lang) {
  using report::pick;
  return p.since
             ? std::string(pick(lang, "already your partner since ", "bereits Ihr Partner seit ")) +
                   std::to_string(*p.since)
             : std::string(pick(lang, "already your partner (start year not recorded)",
                                "bereits Ihr Partner (Beginn nicht erfasst)"));
}

// One need's line in the explanations: which competence, how it is met, and its rarity (the
// weight a rare competence gets, which the number column's contribution includes).
std::string need_detail(const core::Taxonomy& tax, const match::NeedMatch& n, report::Lang lang) {
  using report::pick;
  const auto name = [&](core::CompetenceId c) {
    return tax.competence(c).id + " (" + std::string(report::label(lang, tax.competence(c))) + ")";
  };
  std::string detail = std::string(pick(lang, "need ", "Bedarf ")) + name(n.need);
  if (n.met_by) {
    detail +=
        n.within_theme
            ? std::string(pick(lang, " met by the related ", " gedeckt durch das verwandte ")) +
                  name(*n.met_by) + std::string(pick(lang, " (similarity ", " (Ähnlichkeit ")) +
                  report::number(lang, n.similarity) + ")"
            : std::string(pick(lang, " offered directly", " direkt angeboten"));
  } else {
    detail += pick(lang, " not met", " nicht gedeckt");
  }
  return detail + std::string(pick(lang, " (rarity ", " (Seltenheit ")) +
         report::number(lang, n.rarity) + ")";
}

// The score columns. `first science tie` and `bridge` are facts about the firm (the same for
// its research candidates): they only move an assignment across firms, so a firm's ranking
// shows them once (firm_facts), and only the assignment's pairs list them per pair.
std::vector<Json> parts_cells(const match::ScoreParts& p, bool firm_facts_too = false) {
  std::vector<Json> cells{p.total,   p.fit,       p.proximity, p.same_municipality,
                          p.network, p.prior_tie, p.bridge,    p.capacity_penalty};
  if (firm_facts_too) cells.push_back(p.first_science_tie);
  return cells;
}
// `bridge` stays a column: a candidate without ties lies in another component than its
// neighbours, so it can differ between one firm's candidates (the firm facts say when).
const std::vector<std::string> parts_columns{
    "score",   "fit",       "proximity", "same municipality",
    "network", "prior tie", "bridge",    "capacity penalty"};

std::vector<std::string> with_parts(std::vector<std::string> columns, bool firm_facts_too = false) {
  columns.insert(columns.end(), parts_columns.begin(), parts_columns.end());
  if (firm_facts_too) columns.emplace_back("first science tie");
  return columns;
}

// One firm-level part over a firm's listed candidates: the value when all share it, else null.
Json shared_value(const std::vector<match::Recommendation>& found,
                  double match::ScoreParts::*part) {
  if (found.empty()) return nullptr;
  const double first = found.front().parts.*part;
  for (const auto& r : found)
    if (r.parts.*part != first) return nullptr;
  return first;
}

// `first science tie` and `bridge` once, as facts about the firm, with what they do.
Table firm_facts(const match::TransferScorer& scorer,
                 const std::vector<match::Recommendation>& found, report::Lang lang) {
  using report::pick;
  const auto& w = scorer.weights();
  Table t{"about the firm", {"fact", "value", "weight", "sentence"}, {}};
  const std::string moves(pick(
      lang,
      "The same for every candidate listed: it does not change this ranking, it only moves the "
      "assignment across firms (match transfer --all --assign).",
      "Für alle aufgeführten Kandidaten gleich: ändert diese Rangfolge nicht, verschiebt nur die "
      "Zuordnung zwischen Unternehmen (match transfer --all --assign)."));
  const std::string varies(pick(lang, "Differs between the candidates listed.",
                                "Unterscheidet sich zwischen den aufgeführten Kandidaten."));
  const auto first = shared_value(found, &match::ScoreParts::first_science_tie);
  const auto bridge = shared_value(found, &match::ScoreParts::bridge);
  // The sentence says what the value means for this firm, then what it does to the ranking.
  const auto said = [&](const Json& value, std::string_view none_en, std::string_view none_de,
                        std::string_view all_en, std::string_view all_de, std::string_view some_en,
                        std::string_view some_de) {
    if (found.empty()) return std::string();
    if (value.is_null()) return std::string(pick(lang, some_en, some_de)) + " " + varies;
    return std::string(value.get<double>() > 0 ? pick(lang, all_en, all_de)
                                               : pick(lang, none_en, none_de)) +
           " " + moves;
  };
  t.rows.push_back(
      {"first science tie", first, w.first_science_tie,
       said(first, "The firm already has a tie to science: no candidate gets this bonus.",
            "Das Unternehmen hat schon eine Verbindung zur Wissenschaft: kein Kandidat erhält "
            "diesen Bonus.",
            "The firm has no tie to science yet: every candidate would be its first.",
            "Das Unternehmen hat noch keine Verbindung zur Wissenschaft: jeder Kandidat wäre "
            "die erste.",
            "Some candidates would be the firm's first tie to science.",
            "Einige Kandidaten wären die erste Verbindung des Unternehmens zur Wissenschaft.")});
  t.rows.push_back(
      {"bridge", bridge, w.bridge,
       said(bridge, "Every candidate lies in the firm's part of the network: no bridge bonus.",
            "Alle Kandidaten liegen im Netzwerkteil des Unternehmens: kein Brückenbonus.",
            "Every candidate lies outside the firm's part of the network: each would bridge to "
            "a new part.",
            "Alle Kandidaten liegen außerhalb des Netzwerkteils des Unternehmens: jeder wäre "
            "eine Brücke in einen neuen Teil.",
            "Candidates outside the firm's part of the network get a bridge bonus (column "
            "bridge): it can put a weaker fit above a stronger one.",
            "Kandidaten außerhalb des Netzwerkteils des Unternehmens erhalten einen "
            "Brückenbonus (Spalte Brücke): er kann eine schwächere Passung vor eine stärkere "
            "setzen.")});
  return t;
}

// `--firm ID` naming a university, institute or chamber: what it is and what to ask instead.
InvalidInput not_a_firm(const core::Region& region, core::ActorId actor, report::Lang lang) {
  const std::string id(region.external_id(actor));
  const std::string what = "--firm " + id + ": " + std::string(region.name(actor)) + " (" +
                           std::string(report::label(lang, region.kind(actor))) + ")";
  if (lang == report::Lang::de)
    return InvalidInput(what +
                        " ist kein Unternehmen: `match transfer` sucht Forschungspartner für den "
                        "Bedarf eines Unternehmens. Geben Sie die Kennung eines Unternehmens an "
                        "(`verbund find NAME`); die Beziehungen von " +
                        id + " zeigt `verbund show " + id +
                        "`, Partner für ein Konsortium mit ihm `verbund recommend partners "
                        "--members " +
                        id + "`");
  return InvalidInput(what +
                      " is not a firm: `match transfer` finds research partners for a firm's "
                      "needs. Give a firm's id (`verbund find NAME`); for the ties of " +
                      id + " see `verbund show " + id +
                      "`, for partners to join it in a consortium `verbund recommend partners "
                      "--members " +
                      id + "`");
}

std::vector<match::Need> needs_from_options(const core::Region& region, core::ActorId firm,
                                            const std::vector<std::string>& ids) {
  if (ids.empty()) {
    auto needs = match::needs_of(region, firm);
    if (needs.empty()) {
      throw InvalidInput("firm '" + std::string(region.external_id(firm)) +
                         "' has no needs recorded; name them with --need COMPETENCE");
    }
    return needs;
  }
  std::vector<match::Need> needs;
  for (const auto& id : ids) {
    const auto c = region.taxonomy().find_competence(id);
    if (!c) throw InvalidInput("--need: unknown competence '" + id + "'");
    needs.push_back({*c, 1.0F});
  }
  std::sort(needs.begin(), needs.end(),
            [](const auto& a, const auto& b) { return a.competence < b.competence; });
  needs.erase(
      std::unique(needs.begin(), needs.end(),
                  [](const auto& a, const auto& b) { return a.competence == b.competence; }),
      needs.end());
  return needs;
}

std::vector<Table> one_firm(const match::TransferScorer& scorer, core::ActorId firm,
                            const TransferOptions& o, report::Lang lang) {
  using report::pick;
  const auto& region = scorer.region();
  const auto needs = needs_from_options(region, firm, o.needs);
  const auto found = match::recommend(scorer, firm, needs, query_of(o));
  std::vector<std::string> columns{"rank", "id", "name", "kind", "municipality", "distance km"};
  if (o.include_existing)
    columns.insert(columns.end(), existing_columns.begin(), existing_columns.end());
  Table ranked{"recommendations", with_parts(columns), {}};
  Table why{"explanations", {"rank", "id", "reason", "detail", "value"}, {}};
  Table words{"reasons in words", {"rank", "id", "sentence"}, {}};
  report::OfferCounts offer_counts;
  for (std::size_t r = 0; r < found.size(); ++r) {
    const auto c = found[r].candidate;
    const auto e = scorer.explain(firm, needs, c);
    const auto m = region.municipality(c);
    std::vector<Json> row{r + 1,
                          region.external_id(c),
                          chair_and_university(region, c),
                          std::string(to_string(region.kind(c))),
                          m ? Json(region.municipality_name(*m)) : Json(nullptr),
                          e.distance_km ? Json(*e.distance_km) : Json(nullptr)};
    if (o.include_existing) add_existing_cells(row, region, firm, c);
    for (auto& cell : parts_cells(found[r].parts)) row.push_back(std::move(cell));
    ranked.rows.push_back(std::move(row));
    if (!o.explain) continue;
    for (const auto& sentence : report::transfer_reasons(scorer, firm, c, e, lang, offer_counts))
      words.rows.push_back({r + 1, region.external_id(c), sentence});
    if (const auto existing = match::existing_partnership(region, firm, c)) {
      why.rows.push_back({r + 1, region.external_id(c), "existing partner",
                          partner_sentence(*existing, lang), nullptr});
    }
    if (const auto parent = region.parent(c)) {
      why.rows.push_back({r + 1, region.external_id(c), "part of",
                          std::string(pick(lang, "belongs to ", "gehört zu ")) +
                              std::string(region.name(*parent)) + " (" +
                              std::string(region.external_id(*parent)) + ")",
                          nullptr});
    }
    for (const auto& n : e.needs) {
      why.rows.push_back({r + 1, region.external_id(c), "competence",
                          need_detail(region.taxonomy(), n, lang), n.contribution});
    }
    for (const auto p : e.common_partners) {
      why.rows.push_back({r + 1, region.external_id(c), "common partner",
                          std::string(region.external_id(p)) + " " + std::string(region.name(p)),
                          nullptr});
    }
    for (const auto g : e.shared_groups) {
      why.rows.push_back({r + 1, region.external_id(c), "shared group",
                          std::string(region.external_id(g)) + " " + std::string(region.name(g)),
                          nullptr});
    }
    why.rows.push_back(
        {r + 1, region.external_id(c), "capacity",
         std::to_string(e.load) + std::string(pick(lang, " of ", " von ")) +
             std::to_string(e.capacity) +
             std::string(pick(lang, " partnerships in use", " Partnerschaften belegt")),
         e.capacity - e.load});
  }
  std::vector<Table> tables{ranked, firm_facts(scorer, found, lang)};
  if (o.explain) tables.insert(tables.end(), {words, why});
  return tables;
}

// Why a matching found no candidate at all, in words, or nothing when some candidate is free.
std::optional<std::string> why_no_candidates(const match::TransferScorer& scorer,
                                             report::Lang lang) {
  const auto candidates = scorer.candidates();
  const bool de = lang == report::Lang::de;
  if (candidates.empty()) {
    return de ? "die Region hat keine Forschungsakteure (Hochschulen, Institute, "
                "Forschungsgruppen), mit denen sich zusammenbringen ließe"
              : "the region has no research actors (universities, institutes, research groups) "
                "to match with";
  }
  if (scorer.weights().capacity_policy != match::CapacityPolicy::exclude) return std::nullopt;
  for (const auto c : candidates)
    if (scorer.free_capacity(c) > 0) return std::nullopt;
  const auto n = std::to_string(candidates.size());
  const auto years = std::to_string(scorer.weights().partnership_years);
  return de ? "alle " + n + " Forschungsakteure sind ausgelastet (Transferpartnerschaften der " +
                  "letzten " + years + " Jahre), und volle werden ausgelassen; capacity_policy = " +
                  "\"penalise\" in einer Gewichtsdatei (--weights, siehe " +
                  "data/match/weights.toml) nimmt sie trotzdem in die Rangfolge"
            : "all " + n + " research actors are at their capacity (transfer partnerships " +
                  "started in the last " + years + " years), and full ones are left out; set " +
                  "capacity_policy = \"penalise\" in a weights file (--weights, see " +
                  "data/match/weights.toml) to rank them anyway";
}

std::vector<Table> every_firm(const match::TransferScorer& scorer, const TransferOptions& o) {
  const auto& region = scorer.region();
  const auto lists = match::recommend_all(scorer, query_of(o));
  if (o.assign.empty()) {
    std::vector<std::string> columns{"firm", "rank", "id", "name"};
    if (o.include_existing)
      columns.insert(columns.end(), existing_columns.begin(), existing_columns.end());
    Table t{"recommendations", with_parts(columns), {}};
    Table facts{"firm facts", {"firm", "first science tie", "bridge"}, {}};
    for (const auto& list : lists) {
      facts.rows.push_back({region.external_id(list.seeker),
                            shared_value(list.top, &match::ScoreParts::first_science_tie),
                            shared_value(list.top, &match::ScoreParts::bridge)});
      for (std::size_t r = 0; r < list.top.size(); ++r) {
        const auto c = list.top[r].candidate;
        std::vector<Json> row{region.external_id(list.seeker), r + 1, region.external_id(c),
                              chair_and_university(region, c)};
        if (o.include_existing) add_existing_cells(row, region, list.seeker, c);
        for (auto& cell : parts_cells(list.top[r].parts)) row.push_back(std::move(cell));
        t.rows.push_back(std::move(row));
      }
    }
    return {t, facts};
  }
  const auto method = o.assign == "stable"   ? match::AssignMethod::stable
                      : o.assign == "greedy" ? match::AssignMethod::greedy
                                             : match::AssignMethod::optimal;
  std::optional<match::ReceiverPreferences> preferences;
  if (!o.receiver_preferences.empty())
    preferences = match::load_receiver_preferences(o.receiver_preferences, region);
  const auto round = match::assign_transfers(scorer, lists, method, o.firm_capacity,
                                             preferences ? &*preferences : nullptr);
  const auto& a = round.assignment;
  Table summary{"assignment", {"indicator", "value"}, {}};
  std::size_t busy = 0;
  for (const int load : a.right_load) busy += load > 0 ? 1 : 0;
  summary.rows = {{"method", std::string(to_string(method))},
                  {"firms", round.seekers.size()},
                  {"candidates", round.candidates.size()},
                  {"candidate pairs", round.problem.pairs.size()},
                  {"matched pairs", a.chosen.size()},
                  {"total score", a.total},
                  {"dual bound", round.dual_bound ? Json(*round.dual_bound) : Json(nullptr)},
                  {"optimality gap", round.gap ? Json(*round.gap) : Json(nullptr)},
                  {"blocking pairs", round.blocking_pairs},
                  {"firms unmatched", round.unmatched.size()},
                  {"candidates with partners", busy}};
  Table pairs{"pairs", with_parts({"firm", "id", "name"}, /*firm_facts_too=*/true), {}};
  // Scores of the chosen pairs, from the lists (pair k runs through the lists in order).
  std::vector<const match::Recommendation*> by_pair;
  for (const auto& list : lists)
    for (const auto& r : list.top) by_pair.push_back(&r);
  for (const auto k : a.chosen) {
    const auto& p = round.problem.pairs[k];
    const auto c = round.candidates[p.right];
    std::vector<Json> row{region.external_id(round.seekers[p.left]), region.external_id(c),
                          chair_and_university(region, c)};
    for (auto& cell : parts_cells(by_pair[k]->parts, /*firm_facts_too=*/true))
      row.push_back(std::move(cell));
    pairs.rows.push_back(std::move(row));
  }
  Table loads{"loads", {"id", "side", "capacity", "assigned"}, {}};
  for (std::size_t i = 0; i < round.seekers.size(); ++i) {
    loads.rows.push_back({region.external_id(round.seekers[i]), "firm",
                          round.problem.left_capacity[i], a.left_load[i]});
  }
  for (std::size_t j = 0; j < round.candidates.size(); ++j) {
    loads.rows.push_back({region.external_id(round.candidates[j]), "candidate",
                          round.problem.right_capacity[j], a.right_load[j]});
  }
  Table unmatched{"unmatched", {"firm", "reason"}, {}};
  for (const auto& u : round.unmatched) {
    unmatched.rows.push_back({region.external_id(u.seeker), std::string(to_string(u.reason))});
  }
  return {summary, pairs, loads, unmatched};
}

}  // namespace

Verb add_match_verb(CLI::App& app, const GlobalOptions& global) {
  auto o = std::make_shared<TransferOptions>();
  CLI::App* match = app.add_subcommand(
      "match", "Matchmaking: transfer partnerships, funding consortia and regional suppliers");
  match->require_subcommand(1);
  const auto consortium = add_consortium_subcommand(*match, global);
  const auto suppliers = add_match_suppliers_subcommand(*match, global);
  CLI::App* transfer = match->add_subcommand(
      "transfer",
      "Research partners for a firm's needs, ranked and explained, or for every firm, "
      "assigned under capacities");
  auto* firm = transfer->add_option("--firm", o->firm, "the firm's id");
  auto* all = transfer->add_flag("--all", o->all, "every firm with needs");
  firm->excludes(all);
  all->excludes(firm);
  transfer->add_option("--need", o->needs, "competence ids instead of the firm's recorded needs")
      ->needs(firm)
      ->delimiter(',');
  transfer->add_option("--top", o->top, "candidates per firm")
      ->capture_default_str()
      ->check(number_range(1, 1000));
  transfer->add_flag("--explain", o->explain, "list the reasons behind every recommendation")
      ->needs(firm);
  transfer
      ->add_option("--assign", o->assign, "assign firms to candidates: optimal, stable or greedy")
      ->needs(all)
      ->check(one_of({"optimal", "stable", "greedy"}));
  transfer
      ->add_option("--firm-capacity", o->firm_capacity,
                   "partners per firm in the assignment (default: the data's capacity, or 1)")
      ->check(number_range(0, 1000));
  transfer->add_flag("--include-existing", o->include_existing,
                     "also recommend actors the firm is tied to already, marked (column "
                     "existing_since; --explain says since when)");
  transfer
      ->add_option("--receiver-preferences", o->receiver_preferences,
                   "research groups' own criteria or rankings (TOML), used by --assign stable")
      ->needs(all)
      ->check(CLI::ExistingFile);
  transfer->add_option("--out", o->out, "write the result to this file instead of stdout");
  transfer->add_option("--weights", o->weights, "score weights (TOML); see data/match/weights.toml")
      ->check(CLI::ExistingFile);
  return {match, [&global, o, transfer, consortium, suppliers] {
            if (!transfer->parsed()) return consortium(), suppliers();
            if (o->firm.empty() && !o->all)
              throw InvalidInput("match transfer: give --firm ID or --all");
            const match::ScoreWeights weights =
                o->weights.empty() ? match::ScoreWeights{} : match::load_score_weights(o->weights);
            io::Store store = open_store(global, /*create=*/false);
            const core::Region region = store.load_region();
            const match::TransferScorer scorer(region, weights);
            std::vector<Table> tables;
            if (o->all) {
              tables = every_firm(scorer, *o);
            } else {
              const auto seeker = region.find(o->firm);
              if (!seeker) throw InvalidInput("--firm: unknown actor '" + o->firm + "'");
              if (region.kind(*seeker) != core::ActorKind::firm && o->needs.empty())
                throw not_a_firm(region, *seeker, global.lang);
              tables = one_firm(scorer, *seeker, *o, global.lang);
            }
            if (const auto why = why_no_candidates(scorer, global.lang); why && !global.quiet) {
              std::cerr << report::pick(global.lang, "verbund: note: no recommendations: ",
                                        "verbund: Hinweis: keine Empfehlungen: ")
                        << *why << "\n";
            }
            if (o->out.empty()) {
              print_tables(std::cout, tables, global);
            } else {
              write_tables(o->out, tables, global);
            }
            record_reading_run(store, global,
                               {"match transfer", describe_options(*transfer), global.seed});
          }};
}

}  // namespace verbund::cli
