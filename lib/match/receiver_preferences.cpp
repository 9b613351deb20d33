#include "verbund/match/receiver_preferences.hpp"

#include <algorithm>
#include <set>

#include "io/read_text.hpp"
#include "io/toml_reader.hpp"
#include "verbund/core/geo.hpp"

namespace verbund::match {

double ReceiverPreferences::priority(const core::Region& region, core::ActorId receiver,
                                     core::ActorId firm, double score) const {
  const auto it = std::find_if(receivers.begin(), receivers.end(),
                               [&](const ReceiverPreference& r) { return r.receiver == receiver; });
  if (it == receivers.end()) return score;
  const auto& pref = *it;
  // Scores lie far below 1e3; a listed firm's rank and each criterion met outweigh them all.
  const auto ranked = std::find(pref.ranking.begin(), pref.ranking.end(), firm);
  if (ranked != pref.ranking.end())
    return 1e9 - 1e3 * static_cast<double>(ranked - pref.ranking.begin()) + score;
  int met = 0;
  if (!pref.sizes.empty()) {
    const auto size = region.size_class(firm);
    met += size && std::find(pref.sizes.begin(), pref.sizes.end(), *size) != pref.sizes.end();
  }
  if (!pref.topics.empty()) {
    bool any = false;
    for (const auto& need : region.needs(firm))
      any = any ||
            std::find(pref.topics.begin(), pref.topics.end(), need.competence) != pref.topics.end();
    met += any;
  }
  if (pref.max_distance_km) {
    const auto a = region.location(receiver), b = region.location(firm);
    met += a && b && core::distance_km(*a, *b) <= *pref.max_distance_km;
  }
  return 1e3 * met + score;
}

ReceiverPreferences load_receiver_preferences(const std::filesystem::path& path,
                                              const core::Region& region) {
  const auto file = path.string();
  const auto text = io::read_text_file(path, "receiver preferences file");
  const toml::table root = io::parse_toml(text, file);
  io::TomlReader r(root, file, "the receiver preferences");
  ReceiverPreferences out;
  std::set<std::uint32_t> seen;
  if (const auto* node = r.get("receiver")) {
    if (!node->is_array_of_tables()) r.fail(*node, "'receiver' must be [[receiver]] tables");
    for (const auto& item : *node->as_array()) {
      io::TomlReader e(*item.as_table(), file, "[[receiver]]");
      ReceiverPreference p;
      const auto id = e.string("id");
      if (!id) throw InvalidInput(e.where(item), "[[receiver]] needs an 'id'");
      const auto actor = region.find(*id);
      if (!actor) e.fail(*item.as_table()->get("id"), "unknown actor '" + *id + "'");
      if (!seen.insert(actor->value).second)
        e.fail(*item.as_table()->get("id"), "receiver '" + *id + "' is listed twice");
      p.receiver = *actor;
      const auto ranking = e.strings("ranking");
      const auto ranking_at = e.places_of_strings("ranking");
      for (std::size_t i = 0; i < ranking.size(); ++i) {
        const auto firm = region.find(ranking[i]);
        if (!firm) throw InvalidInput(ranking_at[i], "unknown actor '" + ranking[i] + "'");
        p.ranking.push_back(*firm);
      }
      const auto sizes = e.strings("sizes");
      const auto sizes_at = e.places_of_strings("sizes");
      for (std::size_t i = 0; i < sizes.size(); ++i) {
        std::optional<core::FirmSize> size;
        for (const auto s : {core::FirmSize::micro, core::FirmSize::small, core::FirmSize::medium,
                             core::FirmSize::large})
          if (core::to_string(s) == sizes[i]) size = s;
        if (!size)
          throw InvalidInput(sizes_at[i],
                             "unknown size class '" + sizes[i] + "' (micro, small, medium, large)");
        p.sizes.push_back(*size);
      }
      const auto topics = e.strings("topics");
      const auto topics_at = e.places_of_strings("topics");
      for (std::size_t i = 0; i < topics.size(); ++i) {
        const auto c = region.taxonomy().find_competence(topics[i]);
        if (!c) throw InvalidInput(topics_at[i], "unknown competence '" + topics[i] + "'");
        p.topics.push_back(*c);
      }
      p.max_distance_km = e.number("max_distance_km");
      e.finish();
      out.receivers.push_back(std::move(p));
    }
  }
  r.finish();
  return out;
}

}  // namespace verbund::match
