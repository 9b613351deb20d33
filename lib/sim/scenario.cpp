#include "verbund/sim/scenario.hpp"

#include <algorithm>

#include "io/toml_reader.hpp"
#include "sim/interventions/registry.hpp"

namespace verbund::sim {

using io::TomlReader;

const Effects& ModelParams::effects_of(core::ActorKind kind) const noexcept {
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
  signed_number("industrial_science", into.industrial_science);
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

Intervention read_intervention(const toml::table& table, const std::string& file, int horizon,
                               std::size_t index, const detail::InterventionRegistry& registry) {
  TomlReader r(table, file, "intervention #" + std::to_string(index + 1));
  const auto type = r.string("type");
  if (!type)
    throw InvalidInput(r.where(), "intervention #" + std::to_string(index + 1) + " needs a type");
  const std::string name = r.string("name").value_or(*type + " #" + std::to_string(index + 1));
  const auto* kind = registry.find(*type);
  if (!kind)
    throw InvalidInput(io::location_of(file, table.get("type")->source()),
                       "unknown intervention type '" + *type + "' (" + registry.names() + ")");
  const detail::ReadContext where{file, horizon, index, name};
  auto spec = kind->read(r, where);
  return Intervention{*type, std::move(spec), r.where()};
}

}  // namespace

Scenario parse_scenario(std::string_view toml_text, const std::string& file) {
  return detail::parse_scenario(toml_text, file, detail::builtin_interventions());
}

Scenario detail::parse_scenario(std::string_view toml_text, const std::string& file,
                                const InterventionRegistry& registry) {
  return scenario_from_toml(io::parse_toml(toml_text, file), file, registry);
}

Scenario detail::scenario_from_toml(const toml::table& root, const std::string& file,
                                    const InterventionRegistry& registry) {
  TomlReader r(root, file, "the scenario");
  Scenario s;
  s.file = file;
  s.name = r.string("name").value_or(file);
  s.horizon = static_cast<int>(r.integer("horizon_months", 1, 1200).value_or(60));
  s.weights = r.string("weights").value_or("");
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
    probability("new_supplier_share", p.new_supplier_share);
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
      // Rates beyond a bound would make one month run for hours: refused, with the bound.
      auto rate = [&](std::string_view key, double& field) {
        const auto* v = mr.get(key);
        if (!v) return;
        field = mr.number(key).value_or(field);
        if (field > max_meeting_rate)
          mr.fail(*v, "'" + std::string(key) + "' = " + std::to_string(field) +
                          " meetings a month is more than the " +
                          std::to_string(static_cast<int>(max_meeting_rate)) + " allowed");
      };
      rate("triadic", p.meetings.triadic);
      rate("focus", p.meetings.focus);
      rate("geographic", p.meetings.geographic);
      rate("stranger", p.meetings.stranger);
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
    fork.from = *from;
    if (const auto month = f.integer("month", 0, s.horizon)) fork.month = static_cast<int>(*month);
    fork.checkpoint = f.string("checkpoint").value_or("");
    if (!fork.month && fork.checkpoint.empty())
      f.fail(*node, "'month' says when to fork (or 'checkpoint' names the states to resume from)");
    f.finish();
    s.fork = fork;
  }
  if (const auto* node = r.get("intervention")) {
    const auto* array = node->as_array();
    if (!array) r.fail(*node, "'intervention' must be an array of tables ([[intervention]])");
    for (std::size_t k = 0; k < array->size(); ++k) {
      const auto* table = (*array)[k].as_table();
      if (!table) r.fail((*array)[k], "each [[intervention]] must be a table");
      s.interventions.push_back(read_intervention(*table, file, s.horizon, k, registry));
    }
  }
  r.finish();
  return s;
}

}  // namespace verbund::sim
