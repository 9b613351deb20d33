#include "verbund/gen/market.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "verbund/core/random.hpp"
#include "verbund/error.hpp"

namespace verbund::gen {

using core::ActorId;
using core::RandomStream;

namespace {

enum Purpose : std::uint32_t { place = 1, competences, capacity, ties, clusters };

/// Draws an index in [0, n) with weight 1 / (rank + 2): a few popular, many rare.
std::size_t zipf_index(RandomStream& rng, const std::vector<double>& cumulative) {
  const double u = rng.uniform() * cumulative.back();
  return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) -
                                  cumulative.begin());
}

}  // namespace

core::Region generate_market(const RuhrBase& base, const MarketOptions& options) {
  if (options.firms == 0 || options.groups == 0)
    throw InvalidInput("a market needs at least one firm and one research group");
  if (base.municipalities.empty()) throw InvalidInput("the base region has no municipalities");
  core::RegionData skeleton;
  skeleton.taxonomy = base.institutions.taxonomy;
  skeleton.competence_relations = base.institutions.competence_relations;
  core::RegionBuilder builder = core::make_region_builder(skeleton);
  const auto& taxonomy = builder.taxonomy();
  const auto themes = taxonomy.themes().size();
  std::vector<std::vector<core::CompetenceId>> by_theme(themes);
  std::vector<std::vector<double>> cumulative(themes);
  for (std::uint32_t c = 0; c < taxonomy.competences().size(); ++c) {
    const auto t = taxonomy.competence(core::CompetenceId{c}).theme.value;
    by_theme[t].push_back(core::CompetenceId{c});
    const double w = 1.0 / static_cast<double>(by_theme[t].size() + 1);
    cumulative[t].push_back((cumulative[t].empty() ? 0.0 : cumulative[t].back()) + w);
  }
  std::vector<double> population;
  for (const auto& m : base.municipalities)
    population.push_back((population.empty() ? 0.0 : population.back()) + m.population);

  // One cluster per theme.
  std::vector<ActorId> cluster(themes);
  for (std::size_t t = 0; t < themes; ++t) {
    core::ActorRecord a;
    a.id = "cluster-" + taxonomy.themes()[t].id;
    a.name = "Cluster " + taxonomy.themes()[t].label_en;
    a.kind = core::ActorKind::cluster;
    cluster[t] = builder.add_actor(a);
  }

  auto add_party = [&](std::size_t index, bool firm) {
    const std::uint64_t stream = index * 2 + (firm ? 0 : 1);
    RandomStream where(options.seed, stream, place);
    core::ActorRecord a;
    const auto width =
        std::max<std::size_t>(6, std::to_string(firm ? options.firms : options.groups).size());
    std::string number = std::to_string(index);
    number.insert(0, width - number.size(), '0');
    a.id = (firm ? "F" : "G") + number;
    a.name = firm ? "Firm " + number : "Research group " + number;
    a.kind = firm ? core::ActorKind::firm : core::ActorKind::research_group;
    const double u = where.uniform() * population.back();
    const auto& m = base.municipalities[static_cast<std::size_t>(
        std::upper_bound(population.begin(), population.end(), u) - population.begin())];
    a.municipality = m.name;
    a.location = core::GeoPoint{m.centre.lat + (where.uniform() - 0.5) * 0.06,
                                m.centre.lon + (where.uniform() - 0.5) * 0.09};
    RandomStream cap(options.seed, stream, capacity);
    a.capacity =
        firm ? 1 + static_cast<int>(cap.below(4) == 0) : 1 + static_cast<int>(cap.below(8));
    if (firm) a.employees = 2 + static_cast<int>(std::exp(cap.uniform() * 6.0));
    const ActorId id = builder.add_actor(a);

    // Competences: a home theme, now and then a second one.
    RandomStream draw(options.seed, stream, competences);
    const auto home = draw.below(themes);
    const std::size_t count = firm ? 1 + draw.below(3) : 2 + draw.below(5);
    std::vector<core::CompetenceId> chosen;
    for (std::size_t k = 0; k < count; ++k) {
      const auto t = draw.bernoulli(0.8) ? home : draw.below(themes);
      if (by_theme[t].empty()) continue;
      chosen.push_back(by_theme[t][zipf_index(draw, cumulative[t])]);
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    for (const auto c : chosen) {
      const auto weight = static_cast<float>(0.5 + 0.5 * draw.uniform());
      builder.add_competence(id, c, firm ? core::CompetenceRole::need : core::CompetenceRole::offer,
                             weight);
    }
    RandomStream join(options.seed, stream, clusters);
    if (join.bernoulli(options.cluster_join)) builder.add_membership({id, cluster[home], {}, {}});
    return id;
  };

  std::vector<ActorId> firms(options.firms), groups(options.groups);
  for (std::size_t i = 0; i < options.groups; ++i) groups[i] = add_party(i, false);
  for (std::size_t i = 0; i < options.firms; ++i) firms[i] = add_party(i, true);

  for (std::size_t i = 0; i < options.firms; ++i) {
    RandomStream rng(options.seed, i, ties);
    const auto count = rng.poisson(options.firm_ties / 2.0);  // each tie has two ends
    for (std::uint32_t k = 0; k < count; ++k) {
      // Mostly a firm nearby in the numbering (same generation batch), sometimes anyone.
      std::size_t other =
          rng.bernoulli(0.7)
              ? (i + 1 + rng.below(std::min<std::size_t>(50, options.firms))) % options.firms
              : rng.below(options.firms);
      if (other == i) continue;
      builder.add_tie(
          {firms[i], firms[other], core::TieKind::informal, 1.0, std::nullopt, std::nullopt});
    }
    if (rng.bernoulli(options.science_share)) {
      const bool ongoing = rng.bernoulli(0.5);
      builder.add_tie({firms[i], groups[rng.below(options.groups)],
                       ongoing ? core::TieKind::transfer : core::TieKind::research, 1.0, 2020,
                       std::nullopt});
    }
  }
  return std::move(builder).build();
}

}  // namespace verbund::gen
