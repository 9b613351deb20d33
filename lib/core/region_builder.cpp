#include "verbund/core/region_builder.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/parallel_loops.hpp"

#include "csr_build.hpp"
#include "verbund/assert.hpp"
#include "verbund/error.hpp"

namespace verbund::core {

RegionBuilder::RegionBuilder(Taxonomy taxonomy) { region_.taxonomy_ = std::move(taxonomy); }

void RegionBuilder::reserve(std::size_t actors, std::size_t ties) {
  auto& r = region_;
  r.external_ids_.reserve(actors);
  r.names_.reserve(actors);
  r.sectors_.reserve(actors);
  r.kinds_.reserve(actors);
  r.location_.reserve(actors);
  r.has_location_.reserve(actors);
  r.employees_.reserve(actors);
  r.founded_.reserve(actors);
  r.capacity_.reserve(actors);
  r.parent_.reserve(actors);
  municipality_of_.reserve(actors);
  attributes_of_.reserve(actors);
  r.ties_.reserve(ties);
}

ActorId RegionBuilder::add_actor(const ActorRecord& actor, std::optional<ActorId> parent) {
  auto& r = region_;
  const ActorId id{static_cast<std::uint32_t>(r.kinds_.size())};
  r.external_ids_.push_back(actor.id);
  r.names_.push_back(actor.name);
  r.sectors_.push_back(actor.sector);
  r.kinds_.push_back(actor.kind);
  r.location_.push_back(actor.location.value_or(GeoPoint{}));
  r.has_location_.push_back(actor.location ? 1 : 0);
  r.employees_.push_back(actor.employees.value_or(Region::absent_));
  r.founded_.push_back(actor.founded.value_or(Region::absent_));
  r.capacity_.push_back(actor.capacity.value_or(Region::absent_));
  r.parent_.push_back(parent ? parent->value : Region::no_actor_);
  municipality_of_.push_back(actor.municipality);
  attributes_of_.push_back(actor.attributes);
  return id;
}

const Taxonomy& RegionBuilder::taxonomy() const noexcept { return region_.taxonomy_; }

void RegionBuilder::set_parent(ActorId child, ActorId parent) {
  VERBUND_ASSERT(child.value < actor_count() && parent.value < actor_count());
  region_.parent_[child.value] = parent.value;
}

void RegionBuilder::add_competence(ActorId a, CompetenceId c, CompetenceRole role, float weight) {
  VERBUND_ASSERT(a.value < actor_count());
  VERBUND_ASSERT(c.value < region_.taxonomy_.competences().size());
  competences_.push_back({a.value, {c, weight}, role});
}

TieId RegionBuilder::add_tie(const Tie& tie) {
  VERBUND_ASSERT(tie.source.value < actor_count() && tie.target.value < actor_count());
  region_.ties_.push_back(tie);
  return TieId{static_cast<std::uint32_t>(region_.ties_.size() - 1)};
}

void RegionBuilder::add_membership(const Membership& membership) {
  VERBUND_ASSERT(membership.member.value < actor_count());
  VERBUND_ASSERT(membership.group.value < actor_count());
  region_.memberships_.push_back(membership);
}

Region RegionBuilder::build() && {
  Region& r = region_;
  const std::size_t n = r.kinds_.size();

  // External ids: sorted index, duplicates rejected.
  r.id_order_.resize(n);
  for (std::uint32_t i = 0; i < n; ++i) r.id_order_[i] = i;
  par::parallel_sort(r.id_order_.begin(), r.id_order_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return r.external_ids_[a] < r.external_ids_[b];
  });
  for (std::size_t i = 1; i < n; ++i) {
    if (r.external_ids_[r.id_order_[i - 1]] == r.external_ids_[r.id_order_[i]])
      throw InvalidInput("duplicate actor id '" + r.external_ids_[r.id_order_[i]] + "'");
  }

  // Municipalities: interned, sorted by name.
  {
    std::map<std::string_view, std::uint32_t> names;
    for (const auto& m : municipality_of_) {
      if (!m.empty()) names.emplace(m, 0);
    }
    std::uint32_t next = 0;
    r.municipality_names_.reserve(names.size());
    for (auto& [name, index] : names) {
      index = next++;
      r.municipality_names_.emplace_back(name);
    }
    r.municipality_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      r.municipality_[i] =
          municipality_of_[i].empty() ? Region::no_actor_ : names.at(municipality_of_[i]);
    }
  }
  std::vector<std::string>().swap(municipality_of_);

  // Index tables by kind and municipality (ascending actor ids within each row).
  detail::build_csr(
      all_actor_kinds.size(), n,
      [&](std::size_t i) { return static_cast<std::size_t>(r.kinds_[i]); },
      [](std::size_t i) { return ActorId{static_cast<std::uint32_t>(i)}; }, r.kind_offsets_,
      r.by_kind_);
  {
    std::vector<std::uint32_t> located;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (r.municipality_[i] != Region::no_actor_) located.push_back(i);
    }
    detail::build_csr(
        r.municipality_names_.size(), located.size(),
        [&](std::size_t k) { return static_cast<std::size_t>(r.municipality_[located[k]]); },
        [&](std::size_t k) { return ActorId{located[k]}; }, r.municipality_offsets_,
        r.by_municipality_);
  }

  // Attributes, sorted by key per actor.
  r.attribute_offsets_.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    r.attribute_offsets_[i + 1] = r.attribute_offsets_[i] + attributes_of_[i].size();
  }
  r.attributes_.reserve(r.attribute_offsets_[n]);
  for (auto& attrs : attributes_of_) {
    std::sort(attrs.begin(), attrs.end(),
              [](const Attribute& a, const Attribute& b) { return a.key < b.key; });
    for (auto& a : attrs) r.attributes_.push_back(std::move(a));
  }
  std::vector<std::vector<Attribute>>().swap(attributes_of_);

  // Competence vectors, sorted by competence per actor.
  for (const CompetenceRole role : {CompetenceRole::offer, CompetenceRole::need}) {
    std::vector<std::size_t> picked;
    for (std::size_t k = 0; k < competences_.size(); ++k) {
      if (competences_[k].role == role) picked.push_back(k);
    }
    auto& offsets = role == CompetenceRole::offer ? r.offer_offsets_ : r.need_offsets_;
    auto& entries = role == CompetenceRole::offer ? r.offers_ : r.needs_;
    detail::build_csr(
        n, picked.size(), [&](std::size_t k) { return std::size_t{competences_[picked[k]].actor}; },
        [&](std::size_t k) { return competences_[picked[k]].entry; }, offsets, entries);
    for (std::size_t i = 0; i < n; ++i) {
      std::sort(entries.begin() + static_cast<std::ptrdiff_t>(offsets[i]),
                entries.begin() + static_cast<std::ptrdiff_t>(offsets[i + 1]),
                [](const CompetenceWeight& a, const CompetenceWeight& b) {
                  return a.competence < b.competence;
                });
    }
  }
  std::vector<PendingCompetence>().swap(competences_);

  // Tie adjacency: every tie under both endpoints, rows sorted by (neighbour, tie).
  {
    const std::size_t m = r.ties_.size();
    detail::build_csr(
        n, 2 * m,
        [&](std::size_t k) {
          const Tie& t = r.ties_[k / 2];
          return std::size_t{(k % 2 == 0 ? t.source : t.target).value};
        },
        [&](std::size_t k) {
          const Tie& t = r.ties_[k / 2];
          return Neighbour{k % 2 == 0 ? t.target : t.source,
                           TieId{static_cast<std::uint32_t>(k / 2)}};
        },
        r.adjacency_offsets_, r.adjacency_);
    par::parallel_for(par::Range<std::size_t>(0, n, 1024), [&](const auto& range) {
      for (std::size_t i = range.begin(); i != range.end(); ++i) {
        std::sort(r.adjacency_.begin() + static_cast<std::ptrdiff_t>(r.adjacency_offsets_[i]),
                  r.adjacency_.begin() + static_cast<std::ptrdiff_t>(r.adjacency_offsets_[i + 1]),
                  [](const Neighbour& a, const Neighbour& b) {
                    return a.actor != b.actor ? a.actor < b.actor : a.tie < b.tie;
                  });
      }
    });
  }

  // Memberships both ways.
  {
    const auto& ms = r.memberships_;
    detail::build_csr(
        n, ms.size(), [&](std::size_t k) { return std::size_t{ms[k].member.value}; },
        [&](std::size_t k) { return ms[k].group; }, r.groups_of_offsets_, r.groups_of_);
    detail::build_csr(
        n, ms.size(), [&](std::size_t k) { return std::size_t{ms[k].group.value}; },
        [&](std::size_t k) { return ms[k].member; }, r.members_of_offsets_, r.members_of_);
  }

  return std::move(region_);
}

RegionBuilder make_region_builder(const RegionData& data) {
  validate(data);
  Taxonomy taxonomy;
  for (const auto& row : data.taxonomy) {
    if (row.theme.empty()) taxonomy.add_theme({row.id, row.label_en, row.label_de});
  }
  for (const auto& row : data.taxonomy) {
    if (!row.theme.empty()) {
      taxonomy.add_competence(row.id, row.label_en, row.label_de, *taxonomy.find_theme(row.theme));
    }
  }
  for (const auto& r : data.competence_relations) {
    taxonomy.relate(*taxonomy.find_competence(r.a), *taxonomy.find_competence(r.b),
                    static_cast<float>(r.strength));
  }
  std::vector<CompetenceId> competence_ids;
  competence_ids.reserve(data.competences.size());
  for (const auto& c : data.competences) {
    competence_ids.push_back(*taxonomy.find_competence(c.competence));
  }

  // Ids follow the batch order, so parents can be resolved before their children are added.
  std::unordered_map<std::string_view, ActorId> ids;
  ids.reserve(data.actors.size());
  for (std::uint32_t i = 0; i < data.actors.size(); ++i) ids.emplace(data.actors[i].id, ActorId{i});

  RegionBuilder builder(std::move(taxonomy));
  builder.reserve(data.actors.size(), data.ties.size());
  for (const auto& a : data.actors) {
    builder.add_actor(a, a.parent.empty() ? std::nullopt : std::optional(ids.at(a.parent)));
  }
  for (std::size_t k = 0; k < data.competences.size(); ++k) {
    const auto& c = data.competences[k];
    builder.add_competence(ids.at(c.actor), competence_ids[k], c.role,
                           static_cast<float>(c.weight));
  }
  // Resolving ids is the costly part for millions of ties; validate() has vouched for them.
  std::vector<Tie> ties(data.ties.size());
  par::parallel_for(par::Range<std::size_t>(0, ties.size(), 4096), [&](const auto& range) {
    for (std::size_t k = range.begin(); k != range.end(); ++k) {
      const auto& t = data.ties[k];
      ties[k] = {
          ids.find(t.source)->second, ids.find(t.target)->second, t.kind, t.weight, t.start, t.end};
    }
  });
  for (const Tie& t : ties) builder.add_tie(t);
  for (const auto& m : data.memberships) {
    builder.add_membership({ids.at(m.actor), ids.at(m.group), m.start, m.end});
  }
  return builder;
}

Region build_region(const RegionData& data) { return make_region_builder(data).build(); }

}  // namespace verbund::core
