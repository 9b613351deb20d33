#include "verbund/match/call.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "io/read_text.hpp"
#include "io/toml_reader.hpp"
#include "verbund/io/text_format.hpp"
#include "verbund/match/score.hpp"

namespace verbund::match {

bool Quota::counts(const core::Region& region, core::ActorId a) const {
  if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), region.kind(a)) == kinds.end())
    return false;
  if (sizes.empty()) return true;
  const auto size = region.size_class(a);
  return size && std::find(sizes.begin(), sizes.end(), *size) != sizes.end();
}

namespace {

using Reader = io::TomlReader;
using io::sub_table;

Quota read_quota(const toml::table& table, const std::string& file, std::size_t index) {
  Reader r(table, file, "quota #" + std::to_string(index + 1));
  Quota q;
  q.label = r.string("label").value_or("quota #" + std::to_string(index + 1));
  for (const auto& name : r.strings("kinds")) {
    const auto kind = core::parse_actor_kind(name);
    if (!kind)
      throw InvalidInput(r.where(*table.get("kinds")), "unknown actor kind '" + name + "'");
    q.kinds.push_back(*kind);
  }
  for (const auto& name : r.strings("sizes")) {
    std::optional<core::FirmSize> size;
    for (const auto s : {core::FirmSize::micro, core::FirmSize::small, core::FirmSize::medium,
                         core::FirmSize::large}) {
      if (core::to_string(s) == name) size = s;
    }
    if (name == "sme") {
      q.sizes.insert(q.sizes.end(),
                     {core::FirmSize::micro, core::FirmSize::small, core::FirmSize::medium});
      continue;
    }
    if (!size)
      throw InvalidInput(r.where(*table.get("sizes")),
                         "unknown size class '" + name + "' (micro, small, medium, large, sme)");
    q.sizes.push_back(*size);
  }
  q.min = static_cast<int>(r.integer("min", 0, 1000).value_or(0));
  if (const auto max = r.integer("max", 0, 1000)) q.max = static_cast<int>(*max);
  if (q.max && *q.max < q.min)
    throw InvalidInput(r.where(), q.label + ": max " + std::to_string(*q.max) + " is below min " +
                                      std::to_string(q.min));
  r.finish();
  return q;
}

}  // namespace

Call parse_call(std::string_view toml_text, const std::string& file) {
  const toml::table root = io::parse_toml(toml_text, file);
  Reader r(root, file, "the call");
  Call call;
  call.file = file;
  call.name = r.string("name").value_or(file);
  if (const auto* node = r.get("size")) {
    Reader size(sub_table(r, node, "size"), file, "[size]");
    call.min_size = static_cast<int>(size.integer("min", 1, 1000).value_or(call.min_size));
    call.max_size = static_cast<int>(size.integer("max", 1, 1000).value_or(call.max_size));
    size.finish();
    if (call.max_size < call.min_size)
      throw InvalidInput(size.where(), "size: max " + std::to_string(call.max_size) +
                                           " is below min " + std::to_string(call.min_size));
  }
  if (const auto* node = r.get("quota")) {
    const auto* array = node->as_array();
    if (!array) r.fail(*node, "'quota' must be an array of tables ([[quota]])");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto* table = (*array)[i].as_table();
      if (!table) r.fail((*array)[i], "each [[quota]] must be a table");
      call.quotas.push_back(read_quota(*table, file, i));
    }
  }
  if (const auto* node = r.get("place")) {
    Reader place(sub_table(r, node, "place"), file, "[place]");
    call.min_municipalities =
        static_cast<int>(place.integer("min_municipalities", 1, 1000).value_or(1));
    call.radius_km = place.number("radius_km");
    call.within_region = place.boolean("within_region").value_or(false);
    place.finish();
  }
  if (const auto* node = r.get("competences")) {
    Reader c(sub_table(r, node, "competences"), file, "[competences]");
    if (const auto* req = c.get("required")) {
      const auto* table = req->as_table();
      if (!table) c.fail(*req, "'required' must be a table of competence = members");
      for (const auto& [key, value] : *table) {
        const auto k = value.value_exact<std::int64_t>();
        if (!k || *k < 1 || *k > 100)
          throw InvalidInput(io::location_of(file, value.source()),
                             "required competence '" + std::string(key.str()) +
                                 "' needs a whole number of members from 1 to 100");
        call.required.push_back({std::string(key.str()), static_cast<int>(*k)});
        call.competence_at.emplace(key.str(), io::location_of(file, key.source()));
      }
    }
    if (const auto* opt = c.get("optional")) {
      const auto* table = opt->as_table();
      if (!table) c.fail(*opt, "'optional' must be a table of competence = weight");
      for (const auto& [key, value] : *table) {
        const auto w = value.value<double>();
        if (!w || !std::isfinite(*w) || *w <= 0.0)
          throw InvalidInput(
              io::location_of(file, value.source()),
              "optional competence '" + std::string(key.str()) + "' needs a finite weight > 0");
        call.optional.push_back({std::string(key.str()), *w});
        call.competence_at.emplace(key.str(), io::location_of(file, key.source()));
      }
    }
    c.finish();
  }
  if (const auto* node = r.get("members")) {
    const toml::table& members = sub_table(r, node, "members");
    Reader m(members, file, "[members]");
    call.lead = m.string("lead").value_or("");
    call.members = m.strings("include");
    call.excluded = m.strings("exclude");
    // Positions of the ids (the getters above checked the types).
    if (const auto* lead = members.get("lead"))
      call.actor_at.emplace(call.lead, io::location_of(file, lead->source()));
    for (const char* key : {"include", "exclude"}) {
      const auto* array = members.get_as<toml::array>(key);
      if (!array) continue;
      std::set<std::string_view> seen;
      for (const auto& item : *array) {
        const auto& id = item.as_string()->get();
        if (!seen.insert(id).second)
          throw InvalidInput(io::location_of(file, item.source()),
                             "[members] " + std::string(key) + " names '" + id + "' twice");
        call.actor_at.emplace(id, io::location_of(file, item.source()));
      }
    }
    call.max_consortia_per_actor =
        static_cast<int>(m.integer("max_consortia_per_actor", 1, 1000).value_or(1));
    m.finish();
  }
  if (const auto* node = r.get("objective")) {
    const toml::table& objective = sub_table(r, node, "objective");
    Reader o(objective, file, "[objective]");
    auto& w = call.weights;
    // As for the transfer score's weights: relative, at most ScoreWeights::max_weight each, so
    // that the objective stays finite and its parts comparable.
    auto weight = [&](const char* key, double fallback) {
      const double value = o.number(key).value_or(fallback);
      if (value > ScoreWeights::max_weight)
        o.fail(*objective.get(key), std::string("'") + key + "' = " + io::format_double(value) +
                                        " is out of range: a weight must be at most " +
                                        io::format_double(ScoreWeights::max_weight));
      return value;
    };
    w.coverage = weight("coverage", w.coverage);
    w.optional = weight("optional", w.optional);
    w.fit = weight("fit", w.fit);
    w.cohesion = weight("cohesion", w.cohesion);
    w.distance = weight("distance", w.distance);
    w.novelty = weight("novelty", w.novelty);
    w.balance = weight("balance", w.balance);
    o.finish();
  }
  r.finish();

  // Rules that contradict each other are bad input, not an infeasible search.
  if (!call.lead.empty() &&
      std::find(call.members.begin(), call.members.end(), call.lead) == call.members.end()) {
    call.members.insert(call.members.begin(), call.lead);
  }
  std::set<std::string> must(call.members.begin(), call.members.end());
  if (must.size() != call.members.size())
    throw InvalidInput(SourceLocation{file, 0, 0}, "[members] include names an actor twice");
  for (const auto& x : call.excluded) {
    if (must.contains(x))
      throw InvalidInput(SourceLocation{file, 0, 0},
                         "'" + x + "' is both a must-member and excluded");
  }
  if (static_cast<int>(call.members.size()) > call.max_size)
    throw InvalidInput(SourceLocation{file, 0, 0}, std::to_string(call.members.size()) +
                                                       " must-members exceed the maximum size " +
                                                       std::to_string(call.max_size));
  if (call.radius_km && call.members.empty())
    throw InvalidInput(SourceLocation{file, 0, 0},
                       "[place] radius_km needs a lead or a member to measure from");
  int quota_minimum = 0;
  for (const auto& q : call.quotas) {
    if (q.min > call.max_size)
      throw InvalidInput(SourceLocation{file, 0, 0}, q.label + " asks for at least " +
                                                         std::to_string(q.min) +
                                                         " members, more than the maximum size " +
                                                         std::to_string(call.max_size));
    if (q.max && *q.max < 0) throw InvalidInput(SourceLocation{file, 0, 0}, q.label + ": bad max");
    quota_minimum = std::max(quota_minimum, q.min);
  }
  // Quotas over disjoint kinds add up; over overlapping ones the largest minimum is a floor.
  int disjoint_sum = 0;
  for (std::size_t i = 0; i < call.quotas.size(); ++i) {
    bool overlaps = false;
    for (std::size_t j = 0; j < call.quotas.size() && !overlaps; ++j) {
      if (i == j) continue;
      const auto& a = call.quotas[i].kinds;
      const auto& b = call.quotas[j].kinds;
      overlaps = a.empty() || b.empty() || std::any_of(a.begin(), a.end(), [&](auto k) {
                   return std::find(b.begin(), b.end(), k) != b.end();
                 });
    }
    if (!overlaps) disjoint_sum += call.quotas[i].min;
  }
  if (disjoint_sum > call.max_size)
    throw InvalidInput(SourceLocation{file, 0, 0},
                       "the quotas' minimums add up to " + std::to_string(disjoint_sum) +
                           ", more than the maximum size " + std::to_string(call.max_size));
  if (call.min_municipalities > call.max_size)
    throw InvalidInput(SourceLocation{file, 0, 0},
                       "min_municipalities " + std::to_string(call.min_municipalities) +
                           " exceeds the maximum size " + std::to_string(call.max_size));
  for (const auto& req : call.required) {
    if (req.min_members > call.max_size)
      throw InvalidInput(SourceLocation{file, 0, 0}, "'" + req.id + "' must be covered by " +
                                                         std::to_string(req.min_members) +
                                                         " members, more than the maximum size");
  }
  return call;
}

Call load_call(const std::filesystem::path& path) {
  return parse_call(io::read_text_file(path, "call file"), path.string());
}

void check_call_against(const Call& call, const core::Region& region) {
  auto at = [&](const std::map<std::string, SourceLocation, std::less<>>& where,
                const std::string& id) {
    const auto it = where.find(id);
    return it != where.end() ? it->second : SourceLocation{call.file, 0, 0};
  };
  for (const auto& c : call.required) {
    if (!region.taxonomy().find_competence(c.id))
      throw InvalidInput(at(call.competence_at, c.id), "unknown competence '" + c.id + "'");
  }
  for (const auto& c : call.optional) {
    if (!region.taxonomy().find_competence(c.id))
      throw InvalidInput(at(call.competence_at, c.id), "unknown competence '" + c.id + "'");
  }
  for (const auto* list : {&call.members, &call.excluded}) {
    for (const auto& id : *list) {
      if (!region.find(id)) throw InvalidInput(at(call.actor_at, id), "unknown actor '" + id + "'");
    }
  }
}

}  // namespace verbund::match
