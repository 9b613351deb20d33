#include "partner_model_use.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "output.hpp"
#include "verbund/io/partner_model_store.hpp"
#include "verbund/match/partner_learning.hpp"

namespace verbund::cli {

std::filesystem::path legacy_partner_model(const GlobalOptions& global) {
  return global.db + ".partner-model.json";
}

std::optional<std::pair<match::PartnerModel, std::string>> find_partner_model(
    const GlobalOptions& global, const io::Store& store, const std::string& model_option) {
  // The source is named in the note of print_learned_partners, in the language of --lang.
  const bool de = global.lang == report::Lang::de;
  const std::string file_is = de ? "die Datei " : "the file ";
  if (!model_option.empty())
    return std::pair{match::PartnerModel::load(model_option), file_is + model_option};
  if (auto stored = io::latest_partner_model(store)) {
    std::string source = "the model stored in " + global.db + " on " + stored->stored_at;
    auto model = match::PartnerModel::from_bytes(stored->model, source);
    if (de) source = "das in " + global.db + " am " + stored->stored_at + " gespeicherte Modell";
    return std::pair{std::move(model), source};
  }
  if (const auto file = legacy_partner_model(global); std::filesystem::exists(file))
    return std::pair{match::PartnerModel::load(file), file_is + file.string()};
  return std::nullopt;
}

void print_learned_partners(const GlobalOptions& global, const match::PartnerModel& model,
                            const std::string& source, const core::Region& region,
                            std::span<const core::ActorId> members, std::size_t top,
                            bool include_existing) {
  // The consortium forms the year after the latest known tie began.
  int latest = INT_MIN;
  for (const auto& t : region.ties())
    if (t.start) latest = std::max(latest, *t.start);
  const int year = latest == INT_MIN ? 0 : latest + 1;
  if (!global.quiet) {
    const auto& p = model.provenance();
    const auto until = p.find("trained_until");
    if (global.lang == report::Lang::de)
      std::cerr << "recommend partners: nutzt das gelernte Modell, " << source
                << (until != p.end() ? " (trainiert auf Konsortien bis " + until->second + ")" : "")
                << "\n";
    else
      std::cerr << "recommend partners: using the learned model, " << source
                << (until != p.end() ? " (trained on consortia up to " + until->second + ")" : "")
                << "\n";
  }
  const match::PartnerGraph graph(region);
  const auto found = match::recommend_partners_learned(model, graph, members,
                                                       {.top = top,
                                                        .query_year = year,
                                                        .include_existing = include_existing,
                                                        .one_per_family = true});
  // The features that drove each candidate, in the language of --lang.
  const bool de = global.lang == report::Lang::de;
  if (found.empty() && !global.quiet && de)
    std::cerr << "recommend partners: das gelernte Modell schlägt niemanden vor: jeder Akteur in "
                 "seinem Kandidatenpool (die nächsten nach personalisiertem PageRank) ist schon "
                 "Partner eines Mitglieds; --include-existing zeigt sie, --no-model ordnet die "
                 "ganze Region nach der von Hand gewichteten Punktzahl\n";
  else if (found.empty() && !global.quiet)
    std::cerr << "recommend partners: the learned model proposes no one: every actor in its "
                 "candidate pool (the closest by personalised PageRank) is already a partner of a "
                 "member; --include-existing shows them, --no-model ranks the whole region by "
                 "the hand-weighted score\n";
  // Keys stay English in CSV and JSON; the text table's header follows --lang (print_tables).
  Table t{"partners", {"rank", "id", "name", "kind", "municipality", "score", "why"}, {}};
  for (std::size_t r = 0; r < found.size(); ++r) {
    const auto& p = found[r];
    std::ostringstream why;
    for (std::size_t k = 0; k < p.drivers.size(); ++k) {
      const auto& d = p.drivers[k];
      char amount[32];
      std::snprintf(amount, sizeof amount, " (+%.2f)", static_cast<double>(d.contribution));
      if (de) std::replace(amount, amount + sizeof amount, '.', ',');
      why << (k ? "; " : "")
          << (de ? match::feature_words_de(d.feature) : match::feature_words(d.feature)) << amount;
    }
    t.rows.push_back({r + 1, region.external_id(p.actor), name_with_parent(region, p.actor),
                      std::string(to_string(region.kind(p.actor))), place_of(region, p.actor),
                      p.score, why.str()});
  }
  print_tables(std::cout, {t}, global);
}

}  // namespace verbund::cli
