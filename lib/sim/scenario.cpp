#include "verbund/sim/scenario.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "io/toml_reader.hpp"

namespace verbund::sim {

using io::TomlReader;

const Effects& ModelParams::effects_of(core::ActorKind kind) const {
  for (const auto& [k, e] : effects_by_kind)
    if (k == kind) return e;
  return effects;
}

namespace {

/// Reads the coefficients of `table` over `into` (which holds the defaults).
Effects read_effects(TomlReader& r, Effects into, bool allow_kinds,
                     std::vector<std::pair<core::ActorKind, Effects>>* by_kind,
                     const std::string& file) {
  auto signed_number = [&](std::string_view key, double& field) {
    const auto* node = r.get(key);
    if (!node) return;
    const auto v = node->value<double>();
    if (!v || !std::isfinite(*v))
      r.fail(*node, "'" + std::string(key) + "' must be a finite number");
    field = *v;
  };
  signed_number("base", into.base);
  signed_number("same_kind", into.same_kind);
  signed_number("complementarity", into.complementarity);
  signed_number("proximity", into.proximity);
  signed_number("common_partners", into.common_partners);
  signed_number("shared_focus", into.shared_focus);
  signed_number("popularity", into.popularity);
  signed_number("science_affinity", into.science_affinity);
  if (allow_kinds) {
    for (const auto kind :
         {core::ActorKind::firm, core::ActorKind::university, core::ActorKind::research_institute,
          core::ActorKind::research_group, core::ActorKind::chamber, core::ActorKind::municipality,
          core::ActorKind::development_agency, core::ActorKind::union_,
          core::ActorKind::association, core::ActorKind::cluster, core::ActorKind::working_group,
          core::ActorKind::transfer_office, core::ActorKind::agency}) {
      const std::string name(core::to_string(kind));
      if (const auto* node = r.get(name)) {
        TomlReader sub(io::sub_table(r, node, name), file, "[model.effects." + name + "]");
        by_kind->emplace_back(kind, read_effects(sub, into, false, nullptr, file));
        sub.finish();
      }
    }
  }
  return into;
}

Selection read_selection(TomlReader& r, const std::string& file,
                         const std::string& key = "select") {
  Selection s;
  const auto* node = r.get(key);
  if (!node) return s;
  TomlReader sel(io::sub_table(r, node, key), file, "[intervention." + key + "]");
  for (const auto& name : sel.strings("kinds")) {
    const auto kind = core::parse_actor_kind(name);
    if (!kind) sel.fail(*node, "unknown actor kind '" + name + "'");
    s.kinds.push_back(*kind);
  }
  s.municipality = sel.string("municipality").value_or("");
  s.theme = sel.string("theme").value_or("");
  s.sector = sel.string("sector").value_or("");
  s.size = static_cast<std::size_t>(sel.integer("size", 0, 10000000).value_or(0));
  sel.finish();
  return s;
}

/// A month of the scenario: a whole number from 1 to the horizon, named as such when it is not.
int read_month(TomlReader& r, std::string_view key, int horizon, int fallback) {
  const auto* node = r.get(key);
  if (!node) return fallback;
  const auto v = node->value_exact<std::int64_t>();
  if (!v) r.fail(*node, "'" + std::string(key) + "' must be a whole number of months");
  if (*v < 1 || *v > horizon)
    r.fail(*node, "'" + std::string(key) + "' = " + std::to_string(*v) +
                      " lies outside the horizon (months 1 to " + std::to_string(horizon) + ")");
  return static_cast<int>(*v);
}

Intervention read_intervention(const toml::table& table, const std::string& file, int horizon,
                               std::size_t index) {
  TomlReader r(table, file, "intervention #" + std::to_string(index + 1));
  const auto type = r.string("type");
  if (!type)
    throw InvalidInput(r.where(), "intervention #" + std::to_string(index + 1) + " needs a type");
  const std::string name = r.string("name").value_or(*type + " #" + std::to_string(index + 1));
  if (*type == "working_group") {
    WorkingGroup g;
    g.name = name;
    g.start = read_month(r, "start", horizon, 1);
    g.end = read_month(r, "end", horizon, horizon);
    g.every = static_cast<int>(r.integer("every", 1, 1200).value_or(1));
    g.meetings = static_cast<int>(r.integer("meetings", 1, 1000).value_or(2));
    if (const auto b = r.integer("budget", 0, 1000000000)) g.budget = *b;
    g.members = r.strings("members");
    g.select = read_selection(r, file);
    if (g.end < g.start) throw InvalidInput(r.where(), name + ": end before start");
    if (g.members.empty() && g.select.size == 0)
      throw InvalidInput(r.where(), name + ": list members or give select.size");
    r.finish();
    return g;
  }
  if (*type == "shock") {
    Shock s;
    s.name = name;
    s.at = read_month(r, "at", horizon, 1);
    s.remove_share = r.number("remove_share").value_or(0.3);
    if (s.remove_share > 1.0)
      throw InvalidInput(r.where(), name + ": remove_share must be at most 1");
    s.close_share = r.number("close_share").value_or(0.0);
    if (s.close_share > 1.0)
      throw InvalidInput(r.where(), name + ": close_share must be at most 1");
    s.select = read_selection(r, file);
    if (s.select.kinds.empty() && s.select.sector.empty() && s.select.municipality.empty() &&
        s.select.theme.empty())
      throw InvalidInput(r.where(), name + ": a shock needs a target (select.kinds, sector, ...)");
    r.finish();
    return s;
  }
  auto share = [&](std::string_view key, double fallback) {
    const double v = r.number(key).value_or(fallback);
    if (v > 1.0)
      throw InvalidInput(r.where(), name + ": '" + std::string(key) + "' must be at most 1");
    return v;
  };
  if (*type == "transfer_office") {
    TransferOffice t;
    t.name = name;
    t.start = read_month(r, "start", horizon, 1);
    t.end = read_month(r, "end", horizon, horizon);
    t.introductions = static_cast<int>(r.integer("introductions", 1, 1000000).value_or(10));
    t.conversion = share("conversion", 0.3);
    if (const auto b = r.integer("budget", 0, 1000000000)) t.budget = *b;
    t.select = read_selection(r, file);
    if (t.end < t.start) throw InvalidInput(r.where(), name + ": end before start");
    r.finish();
    return t;
  }
  if (*type == "matchmaking_event") {
    MatchmakingEvent e;
    e.name = name;
    e.at = read_month(r, "at", horizon, 1);
    e.meetings = static_cast<int>(r.integer("meetings", 1, 1000).value_or(3));
    e.conversion = share("conversion", 0.2);
    e.members = r.strings("members");
    e.select = read_selection(r, file);
    if (e.members.empty() && e.select.size == 0)
      throw InvalidInput(r.where(), name + ": list members or give select.size");
    r.finish();
    return e;
  }
  if (*type == "funding_call") {
    FundingCall f;
    f.name = name;
    f.at = read_month(r, "at", horizon, 1);
    const auto call = r.string("call");
    if (!call) throw InvalidInput(r.where(), name + ": 'call' names the call file");
    std::filesystem::path path(*call);
    if (path.is_relative()) path = std::filesystem::path(file).parent_path() / path;
    f.call = path.string();
    f.consortia = static_cast<int>(r.integer("consortia", 1, 1000).value_or(3));
    f.duration = static_cast<int>(r.integer("duration", 1, 1200).value_or(36));
    r.finish();
    return f;
  }
  if (*type == "supplier_initiative") {
    SupplierInitiative i;
    i.name = name;
    i.start = read_month(r, "start", horizon, 1);
    i.end = read_month(r, "end", horizon, horizon);
    i.meetings = r.number("meetings").value_or(1.0);
    i.visibility = r.number("visibility").value_or(1.0);
    if (const auto b = r.integer("budget", 0, 1000000000)) i.budget = *b;
    i.buyers = read_selection(r, file, "buyers");
    i.suppliers = read_selection(r, file, "suppliers");
    if (i.end < i.start) throw InvalidInput(r.where(), name + ": end before start");
    if (i.suppliers.kinds.empty() && i.suppliers.sector.empty() && i.suppliers.theme.empty() &&
        i.suppliers.municipality.empty())
      throw InvalidInput(r.where(), name + ": say who the suppliers are (suppliers.sector, ...)");
    r.finish();
    return i;
  }
  throw InvalidInput(io::location_of(file, table.get("type")->source()),
                     "unknown intervention type '" + *type +
                         "' (working_group, shock, transfer_office, matchmaking_event, "
                         "funding_call, supplier_initiative)");
}

}  // namespace

Scenario parse_scenario(std::string_view toml_text, const std::string& file) {
  const toml::table root = io::parse_toml(toml_text, file);
  TomlReader r(root, file, "the scenario");
  Scenario s;
  s.file = file;
  s.name = r.string("name").value_or(file);
  s.horizon = static_cast<int>(r.integer("horizon_months", 1, 1200).value_or(60));
  if (const auto y = r.integer("start_year", 1900, 2200)) s.start_year = static_cast<int>(*y);
  if (const auto* node = r.get("model")) {
    TomlReader m(io::sub_table(r, node, "model"), file, "[model]");
    auto& p = s.model;
    p.half_distance_km = m.number("half_distance_km").value_or(p.half_distance_km);
    p.decay = m.number("decay").value_or(p.decay);
    p.end_threshold = m.number("end_threshold").value_or(p.end_threshold);
    auto probability = [&](std::string_view key, double& field) {
      if (const auto* v = m.get(key)) {
        field = m.number(key).value_or(field);
        if (field > 1.0) m.fail(*v, "'" + std::string(key) + "' must lie in [0, 1]");
      }
    };
    probability("end_probability", p.end_probability);
    probability("firm_exit", p.firm_exit);
    probability("firm_entry", p.firm_entry);
    if (p.decay >= 1.0) m.fail(*node, "'decay' must be below 1");
    if (p.half_distance_km <= 0.0) m.fail(*node, "'half_distance_km' must be > 0");
    if (const auto* inn = m.get("innovation")) {
      TomlReader i(io::sub_table(m, inn, "innovation"), file, "[model.innovation]");
      auto signed_number = [&](std::string_view key, double& field) {
        const auto* n = i.get(key);
        if (!n) return;
        const auto v = n->value<double>();
        if (!v || !std::isfinite(*v))
          i.fail(*n, "'" + std::string(key) + "' must be a finite number");
        field = *v;
      };
      signed_number("base", p.innovation_base);
      signed_number("science", p.innovation_science);
      signed_number("diversity", p.innovation_diversity);
      i.finish();
    }
    if (const auto* meet = m.get("meetings")) {
      TomlReader mr(io::sub_table(m, meet, "meetings"), file, "[model.meetings]");
      p.meetings.triadic = mr.number("triadic").value_or(p.meetings.triadic);
      p.meetings.focus = mr.number("focus").value_or(p.meetings.focus);
      p.meetings.geographic = mr.number("geographic").value_or(p.meetings.geographic);
      p.meetings.stranger = mr.number("stranger").value_or(p.meetings.stranger);
      mr.finish();
    }
    if (const auto* eff = m.get("effects")) {
      TomlReader er(io::sub_table(m, eff, "effects"), file, "[model.effects]");
      p.effects = read_effects(er, p.effects, true, &p.effects_by_kind, file);
      er.finish();
    }
    m.finish();
  }
  if (const auto* node = r.get("fork")) {
    TomlReader f(io::sub_table(r, node, "fork"), file, "[fork]");
    Fork fork;
    const auto from = f.string("from");
    if (!from) f.fail(*node, "'from' names the scenario to fork from");
    std::filesystem::path path(*from);
    if (path.is_relative()) path = std::filesystem::path(file).parent_path() / path;
    fork.from = path.string();
    fork.month = static_cast<int>(f.integer("month", 0, s.horizon).value_or(0));
    if (const auto checkpoint = f.string("checkpoint")) {
      std::filesystem::path cp(*checkpoint);
      if (cp.is_relative()) cp = std::filesystem::path(file).parent_path() / cp;
      fork.checkpoint = cp.string();
    }
    f.finish();
    s.fork = fork;
  }
  if (const auto* node = r.get("intervention")) {
    const auto* array = node->as_array();
    if (!array) r.fail(*node, "'intervention' must be an array of tables ([[intervention]])");
    for (std::size_t k = 0; k < array->size(); ++k) {
      const auto* table = (*array)[k].as_table();
      if (!table) r.fail((*array)[k], "each [[intervention]] must be a table");
      s.interventions.push_back(read_intervention(*table, file, s.horizon, k));
    }
  }
  r.finish();
  return s;
}

Scenario load_scenario(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidInput(SourceLocation{path.string(), 0, 0}, "cannot open the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path.string());
}

}  // namespace verbund::sim
