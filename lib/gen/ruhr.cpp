#include "verbund/gen/ruhr.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <unordered_map>

#include "core/parallel_loops.hpp"

#include "verbund/core/random.hpp"
#include "verbund/match/score.hpp"

namespace verbund::gen {
namespace {

using core::RandomStream;

// Purposes of the random streams: each kind of decision draws from its own stream per firm.
enum Purpose : std::uint32_t {
  attributes = 1,
  supply = 2,
  science = 3,
  informal = 4,
  membership = 5
};

constexpr std::array name_prefixes{
    "Becker",    "Schulte",   "Krämer",    "Wagner",   "Hoffmann", "Rhein",      "Emscher",
    "Lippe",     "Zeche",     "Glückauf",  "Hellweg",  "Phoenix",  "Zollverein", "Ruhrtal",
    "Kötter",    "Brinkmann", "Kowalski",  "Nowak",    "Yilmaz",   "Schäfer",    "Hagedorn",
    "Westfalia", "Kruse",     "Stahlberg", "Baldeney", "Kemnade",  "Halde",      "Förderturm",
    "Tetraeder", "Gasometer", "Revier",    "Pott"};
constexpr std::array legal_forms{"GmbH", "GmbH & Co. KG", "AG", "e.K.", "KG", "UG"};

// Picks an index with probability proportional to weights, given their running sums.
std::size_t pick(const std::vector<double>& cumulative, RandomStream& rng) {
  const double u = rng.uniform() * cumulative.back();
  auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
  return std::min(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

std::vector<double> running_sum(const std::vector<double>& weights) {
  std::vector<double> out(weights.size());
  double total = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) out[i] = total += weights[i];
  return out;
}

double round2(double x) { return std::round(x * 100.0) / 100.0; }

struct Firm {
  std::uint32_t municipality = 0;
  std::uint32_t sector = 0;
  int employees = 1;
  int founded = 2000;
  core::GeoPoint location;
  std::vector<std::pair<std::uint32_t, double>>
      offers;  // competence index (taxonomy order), weight
  std::vector<std::pair<std::uint32_t, double>> needs;
  double science_propensity = 0.0;
};

struct ScienceActor {
  std::uint32_t base_index;  // position among the base's actors
  std::string id;
  core::GeoPoint location;
  double capacity = 1.0;  // popularity: firms pick partners in proportion to it
  int founded = 0;        // founding_year, 0 = unknown
  std::unordered_map<std::uint32_t, double> offers;
  std::unordered_map<std::uint32_t, double> theme_offers;  // theme index -> strongest offer
};

struct GeneratedMembership {
  std::uint32_t group;  // position among the base's actors
  int start;
};

struct GeneratedTie {
  std::uint32_t a;  // firm index, or science actor index for science ties
  std::uint32_t b;
  core::TieKind kind;
  bool b_is_science;
  double weight;
  int start;
  std::optional<int> end;
};

class Generator {
 public:
  Generator(const RuhrBase& base, const RuhrOptions& options) : base_(base), opt_(options) {
    if (options.ties_per_firm < 0.0 || !std::isfinite(options.ties_per_firm))
      throw InvalidInput("ties per firm must be a non-negative number");
    for (const double share :
         {options.science_share, options.other_science_share, options.cluster_join}) {
      if (!(share >= 0.0 && share <= 1.0)) throw InvalidInput("shares must lie in [0, 1]");
    }
    if (options.firms > 50'000'000) throw InvalidInput("at most 50,000,000 firms");
    if (base.municipalities.empty() || base.sectors.empty())
      throw InvalidInput("the base region needs municipalities and sectors");
    check_year();
    index_founding();
    index_taxonomy();
    index_sectors();
    index_science();
    index_clusters();
  }

  // Draws everything; records() or region() then assemble the result.
  void generate() {
    const std::size_t n = opt_.firms;
    firms_.resize(n);
    par::parallel_for(std::size_t{0}, n, [&](std::size_t i) { draw_firm(i); });
    calibrate_science();
    index_firms();

    first_.resize(n);
    par::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
      draw_supply(i, first_[i]);
      draw_science(i, first_[i]);
    });
    build_firm_adjacency(first_);
    second_.resize(n);
    par::parallel_for(std::size_t{0}, n, [&](std::size_t i) { draw_informal(i, second_[i]); });
    members_.resize(n);
    par::parallel_for(std::size_t{0}, n, [&](std::size_t i) { draw_memberships(i, members_[i]); });
    drop_repeats(first_, second_);
    fit_capacities();
  }

 private:
  // The snapshot cannot predate the real institutions: nothing of the base may start, end or be
  // founded after the snapshot's year. Names the latest such year, the least year that would do.
  void check_year() const {
    int latest = opt_.year;
    std::string what;
    auto see = [&](std::optional<int> year, auto describe) {
      if (year && *year > latest) {
        latest = *year;
        what = describe();
      }
    };
    auto where = [](const char* file, std::size_t line) {
      return std::string(" (") + file + (line > 0 ? " line " + std::to_string(line) : "") + ")";
    };
    for (const auto& a : base_.institutions.actors)
      see(a.founded,
          [&] { return "the founding of '" + a.id + "'" + where("actors.csv", a.line); });
    for (const auto& t : base_.institutions.ties) {
      auto tie = [&] {
        return " of the tie " + t.source + " - " + t.target + where("ties.csv", t.line);
      };
      see(t.start, [&] { return "the start" + tie(); });
      see(t.end, [&] { return "the end" + tie(); });
    }
    for (const auto& m : base_.institutions.memberships) {
      auto member = [&] {
        return " of the membership of '" + m.actor + "' in '" + m.group + "'" +
               where("memberships.csv", m.line);
      };
      see(m.start, [&] { return "the start" + member(); });
      see(m.end, [&] { return "the end" + member(); });
    }
    if (latest > opt_.year) {
      throw InvalidInput("the snapshot year " + std::to_string(opt_.year) + " is before " + what +
                         " in " + std::to_string(latest) + " in the base data: choose a year of " +
                         "at least " + std::to_string(latest));
    }
  }

  // founding_year of each base actor, 0 where unknown (parents first, so O(actors)).
  void index_founding() {
    const auto& actors = base_.institutions.actors;
    std::unordered_map<std::string_view, std::uint32_t> index;
    for (std::uint32_t k = 0; k < actors.size(); ++k) index.emplace(actors[k].id, k);
    founded_.assign(actors.size(), -1);
    std::function<int(std::uint32_t, std::size_t)> of = [&](std::uint32_t k, std::size_t depth) {
      if (founded_[k] >= 0) return founded_[k];
      if (depth > actors.size())
        throw InvalidInput("the parents of '" + actors[k].id + "' form a cycle");
      const auto& a = actors[k];
      return founded_[k] = a.founded          ? *a.founded
                           : a.parent.empty() ? 0
                                              : of(index.at(a.parent), depth + 1);
    };
    for (std::uint32_t k = 0; k < actors.size(); ++k) of(k, 0);
  }

  void index_taxonomy() {
    std::map<std::string, std::uint32_t> themes;
    for (const auto& t : base_.institutions.taxonomy) {
      if (t.theme.empty()) themes.emplace(t.id, static_cast<std::uint32_t>(themes.size()));
    }
    for (const auto& t : base_.institutions.taxonomy) {
      if (t.theme.empty()) continue;
      competence_index_.emplace(t.id, static_cast<std::uint32_t>(competences_.size()));
      competences_.push_back(t.id);
      theme_of_.push_back(themes.at(t.theme));
    }
    theme_names_.resize(themes.size());
    for (const auto& [name, index] : themes) theme_names_[index] = name;
  }

  void index_sectors() {
    std::unordered_map<std::string, std::uint32_t> by_nace;
    for (std::uint32_t s = 0; s < base_.sectors.size(); ++s)
      by_nace.emplace(base_.sectors[s].nace, s);
    std::vector<double> population;
    for (const auto& m : base_.municipalities) population.push_back(m.population);
    municipality_pick_ = running_sum(population);
    for (const auto& m : base_.municipalities) {
      std::vector<double> w;
      for (const auto& s : base_.sectors) {
        const bool focus = std::find(m.focus.begin(), m.focus.end(), s.nace) != m.focus.end();
        w.push_back(s.weight * (focus ? 3.0 : 1.0));
      }
      sector_pick_.push_back(running_sum(w));
    }
    suppliers_.resize(base_.sectors.size());
    for (std::size_t s = 0; s < base_.sectors.size(); ++s) {
      for (const auto& nace : base_.sectors[s].buys_from) suppliers_[s].push_back(by_nace.at(nace));
    }
    const std::size_t m = base_.municipalities.size();
    distance_.assign(m * m, 0.0);
    for (std::size_t a = 0; a < m; ++a) {
      for (std::size_t b = 0; b < m; ++b) {
        distance_[a * m + b] =
            core::distance_km(base_.municipalities[a].centre, base_.municipalities[b].centre);
      }
    }
  }

  void index_science() {
    std::unordered_map<std::string, std::size_t> position;
    const auto& actors = base_.institutions.actors;
    for (std::uint32_t k = 0; k < actors.size(); ++k) {
      const auto& a = actors[k];
      if (!core::is_science(a.kind) || !a.location) continue;
      position.emplace(a.id, science_.size());
      science_.push_back({k,
                          a.id,
                          *a.location,
                          std::sqrt(static_cast<double>(a.capacity.value_or(2))),
                          founded_[k],
                          {},
                          {}});
    }
    for (const auto& c : base_.institutions.competences) {
      auto it = position.find(c.actor);
      if (it == position.end() || c.role != core::CompetenceRole::offer) continue;
      const auto comp = competence_index_.at(c.competence);
      auto& s = science_[it->second];
      s.offers[comp] = c.weight;
      double& theme = s.theme_offers[theme_of_[comp]];
      theme = std::max(theme, c.weight);
    }
  }

  // Clusters of the base whose `theme` attribute names a taxonomy theme; firms offering a
  // competence of that theme may join them.
  void index_clusters() {
    const auto& actors = base_.institutions.actors;
    std::unordered_map<std::string_view, std::uint32_t> index;
    for (std::uint32_t k = 0; k < actors.size(); ++k) index.emplace(actors[k].id, k);
    for (const auto& a : actors) {
      if (a.kind != core::ActorKind::cluster) continue;
      for (const auto& attr : a.attributes) {
        auto it = std::find(theme_names_.begin(), theme_names_.end(), attr.value);
        if (attr.key == "theme" && it != theme_names_.end()) {
          clusters_.emplace_back(index.at(a.id),
                                 static_cast<std::uint32_t>(it - theme_names_.begin()));
        }
      }
    }
    for (const auto& m : base_.municipalities)
      chambers_of_.emplace_back(index.at(m.ihk), index.at(m.hwk));
  }

  void draw_firm(std::size_t i) {
    RandomStream rng(opt_.seed, i, attributes);
    Firm& f = firms_[i];
    f.municipality = static_cast<std::uint32_t>(pick(municipality_pick_, rng));
    f.sector = static_cast<std::uint32_t>(pick(sector_pick_[f.municipality], rng));
    const SectorProfile& s = base_.sectors[f.sector];
    const double e = std::exp(std::log(s.median_employees) + 1.2 * rng.normal());
    f.employees = static_cast<int>(std::clamp(std::round(e), 1.0, 60000.0));
    f.founded = std::max(
        1850, opt_.year - static_cast<int>(std::floor(-25.0 * std::log(1.0 - rng.uniform()))));
    const auto& m = base_.municipalities[f.municipality];
    const double spread_km = 1.5 + 2.5 * std::sqrt(m.population / 100000.0);
    f.location = {
        m.centre.lat + spread_km * rng.normal() / 111.0,
        m.centre.lon + spread_km * rng.normal() / (111.0 * std::cos(m.centre.lat * 0.0174533))};
    auto draw_competences = [&](const std::vector<std::string>& pool, double chance,
                                std::vector<std::pair<std::uint32_t, double>>& out) {
      for (const auto& c : pool) {
        const bool take = rng.bernoulli(chance);
        const double weight = round2(0.3 + 0.7 * rng.uniform());
        if (take) out.emplace_back(competence_index_.at(c), weight);
      }
      if (out.empty() && !pool.empty()) {
        // One draw after the other (function arguments have no order of evaluation; this is
        // the order GCC took, which the generated regions were made with).
        const double weight = round2(0.3 + 0.7 * rng.uniform());
        const auto& competence = pool[rng.below(pool.size())];
        out.emplace_back(competence_index_.at(competence), weight);
      }
    };
    draw_competences(s.offers, 0.7, f.offers);
    draw_competences(s.needs, 0.5, f.needs);
    const auto size = core::firm_size_from_employees(f.employees);
    constexpr std::array size_factor{0.6, 1.0, 1.6, 2.2};
    f.science_propensity = s.science_affinity * size_factor[static_cast<std::size_t>(size)];
  }

  // Scales propensities so that the expected share with a science tie meets the targets.
  void calibrate_science() {
    for (const bool industrial : {true, false}) {
      double total = 0.0;
      std::size_t count = 0;
      for (const auto& f : firms_) {
        if (base_.sectors[f.sector].industrial != industrial) continue;
        total += f.science_propensity;
        ++count;
      }
      const double mean = count > 0 ? total / static_cast<double>(count) : 1.0;
      const double target = industrial ? opt_.science_share : opt_.other_science_share;
      for (auto& f : firms_) {
        if (base_.sectors[f.sector].industrial != industrial) continue;
        f.science_propensity =
            mean > 0.0 ? std::min(0.95, target * f.science_propensity / mean) : 0.0;
      }
    }
  }

  void index_firms() {
    const std::size_t m = base_.municipalities.size(), s = base_.sectors.size();
    by_cell_.assign(m * s, {});
    by_municipality_.assign(m, {});
    for (std::uint32_t i = 0; i < firms_.size(); ++i) {
      by_cell_[firms_[i].municipality * s + firms_[i].sector].push_back(i);
      by_municipality_[firms_[i].municipality].push_back(i);
    }
    // Where a buyer in municipality a looks for suppliers of sector t: firms there, decaying with
    // distance (15 km scale).
    supplier_pick_.assign(m * s, {});
    for (std::size_t a = 0; a < m; ++a) {
      for (std::size_t t = 0; t < s; ++t) {
        std::vector<double> w(m);
        for (std::size_t b = 0; b < m; ++b) {
          w[b] = static_cast<double>(by_cell_[b * s + t].size()) *
                 std::exp(-distance_[a * m + b] / 15.0);
        }
        supplier_pick_[a * s + t] = running_sum(w);
      }
    }
  }

  int tie_start(const Firm& a, int other_founded, RandomStream& rng) const {
    const int first = std::clamp(std::max({a.founded, other_founded, 2000}), 2000, opt_.year);
    return first + static_cast<int>(rng.below(static_cast<std::uint64_t>(opt_.year - first + 1)));
  }

  std::optional<int> tie_end(int start, RandomStream& rng) const {
    if (!rng.bernoulli(0.1)) return std::nullopt;
    const int end = start + 1 + static_cast<int>(rng.poisson(2.0));
    if (end >= opt_.year) return std::nullopt;
    return end;
  }

  void draw_supply(std::size_t i, std::vector<GeneratedTie>& out) {
    RandomStream rng(opt_.seed, i, supply);
    const Firm& buyer = firms_[i];
    const auto& sectors = suppliers_[buyer.sector];
    const std::uint32_t count = rng.poisson(0.65 * opt_.ties_per_firm);
    const std::size_t s = base_.sectors.size();
    for (std::uint32_t k = 0; k < count && !sectors.empty(); ++k) {
      const std::uint32_t t = sectors[rng.below(sectors.size())];
      const auto& cumulative = supplier_pick_[buyer.municipality * s + t];
      if (cumulative.back() <= 0.0) continue;
      const std::size_t m = pick(cumulative, rng);
      const auto& cell = by_cell_[m * s + t];
      const std::uint32_t supplier = cell[rng.below(cell.size())];
      const double weight = round2(0.2 + 0.8 * rng.uniform());
      const int start = tie_start(buyer, firms_[supplier].founded, rng);
      const auto end = tie_end(start, rng);
      if (supplier == i) continue;
      out.push_back({supplier, static_cast<std::uint32_t>(i), core::TieKind::supply, false, weight,
                     start, end});
    }
  }

  void draw_science(std::size_t i, std::vector<GeneratedTie>& out) {
    RandomStream rng(opt_.seed, i, science);
    const Firm& f = firms_[i];
    if (science_.empty() || !rng.bernoulli(f.science_propensity)) return;
    std::vector<double> w(science_.size());
    for (std::size_t k = 0; k < science_.size(); ++k) {
      const ScienceActor& s = science_[k];
      double fit = 0.0;
      for (const auto& [c, need] : f.needs) {
        if (auto it = s.offers.find(c); it != s.offers.end()) {
          fit += need * it->second;
        } else if (auto th = s.theme_offers.find(theme_of_[c]); th != s.theme_offers.end()) {
          fit += 0.25 * need * th->second;
        }
      }
      w[k] =
          (0.05 + fit) * std::exp(-core::distance_km(f.location, s.location) / 25.0) * s.capacity;
    }
    const auto cumulative = running_sum(w);
    const std::uint32_t count = 1 + rng.poisson(0.4);
    const bool small = core::firm_size_from_employees(f.employees) <= core::FirmSize::small;
    std::vector<std::uint32_t> chosen;
    for (std::uint32_t k = 0; k < count; ++k) {
      const auto partner = static_cast<std::uint32_t>(pick(cumulative, rng));
      const double weight = round2(0.3 + 0.7 * rng.uniform());
      const int start = tie_start(f, science_[partner].founded, rng);
      const auto end = tie_end(start, rng);
      if (std::find(chosen.begin(), chosen.end(), partner) != chosen.end()) continue;
      chosen.push_back(partner);
      out.push_back({static_cast<std::uint32_t>(i), partner,
                     small ? core::TieKind::transfer : core::TieKind::research, true, weight, start,
                     end});
    }
  }

  void build_firm_adjacency(const std::vector<std::vector<GeneratedTie>>& ties) {
    const std::size_t n = firms_.size();
    adjacency_offsets_.assign(n + 1, 0);
    for (const auto& list : ties) {
      for (const auto& t : list) {
        if (t.b_is_science) continue;
        ++adjacency_offsets_[t.a + 1];
        ++adjacency_offsets_[t.b + 1];
      }
    }
    for (std::size_t i = 0; i < n; ++i) adjacency_offsets_[i + 1] += adjacency_offsets_[i];
    adjacency_.resize(adjacency_offsets_[n]);
    std::vector<std::uint64_t> cursor(adjacency_offsets_.begin(), adjacency_offsets_.end() - 1);
    for (const auto& list : ties) {
      for (const auto& t : list) {
        if (t.b_is_science) continue;
        adjacency_[cursor[t.a]++] = t.b;
        adjacency_[cursor[t.b]++] = t.a;
      }
    }
  }

  void draw_informal(std::size_t i, std::vector<GeneratedTie>& out) {
    RandomStream rng(opt_.seed, i, informal);
    // Each tie is drawn by one of its ends: 65 % of a firm's ties come as supply (drawn by the
    // buyer), 35 % as informal contacts (drawn by the initiator).
    const std::uint32_t count = rng.poisson(0.35 * opt_.ties_per_firm);
    const Firm& f = firms_[i];
    for (std::uint32_t k = 0; k < count; ++k) {
      std::uint32_t other = static_cast<std::uint32_t>(i);
      const bool closure = rng.bernoulli(0.5);
      const auto begin = adjacency_offsets_[i], end = adjacency_offsets_[i + 1];
      if (closure && end > begin) {
        const std::uint32_t mid = adjacency_[begin + rng.below(end - begin)];
        const auto b2 = adjacency_offsets_[mid], e2 = adjacency_offsets_[mid + 1];
        other = adjacency_[b2 + rng.below(e2 - b2)];
      } else {
        const auto& local = by_municipality_[f.municipality];
        other = local[rng.below(local.size())];
      }
      const double weight = round2(0.1 + 0.5 * rng.uniform());
      const int start = tie_start(f, firms_[other].founded, rng);
      const auto end_year = tie_end(start, rng);
      if (other == i) continue;
      out.push_back({static_cast<std::uint32_t>(i), other, core::TieKind::informal, false, weight,
                     start, end_year});
    }
  }

  void draw_memberships(std::size_t i, std::vector<GeneratedMembership>& out) {
    RandomStream rng(opt_.seed, i, membership);
    const Firm& f = firms_[i];
    const bool craft = base_.sectors[f.sector].craft;
    const auto& chambers = chambers_of_[f.municipality];
    const auto chamber = craft ? chambers.second : chambers.first;
    out.push_back({chamber, std::max(f.founded, founded_[chamber])});
    for (const auto& [cluster, theme] : clusters_) {
      const bool offers_theme =
          std::any_of(f.offers.begin(), f.offers.end(),
                      [&, theme = theme](const auto& o) { return theme_of_[o.first] == theme; });
      if (offers_theme && rng.bernoulli(opt_.cluster_join)) {
        out.push_back({cluster, std::max({f.founded, 2005, founded_[cluster]})});
      }
    }
  }

  // What a partner's capacity means in the matching (match::ScoreWeights): its load is the
  // transfer partnerships active in the reference year that started within partnership_years of
  // it. The draws above take no notice of capacities, and a science actor's capacity is the real
  // institution's, made for no particular number of firms: where its load in some year exceeds
  // its capacity (the matching's default where the data has none), the capacity becomes that
  // peak with room (x 1.25, as the supplier market does). So no partner is ever over capacity
  // in the generated history, at any size, and the draws stay as they were.
  void fit_capacities() {
    const match::ScoreWeights matching;
    const auto& actors = base_.institutions.actors;
    std::unordered_map<std::string_view, std::uint32_t> index;
    for (std::uint32_t k = 0; k < actors.size(); ++k) index.emplace(actors[k].id, k);
    std::vector<std::map<int, int>> by_year(actors.size());  // year -> ongoing partnerships
    std::vector<int> always(actors.size(), 0);  // ties without a start count in every year
    auto count = [&](std::uint32_t k, std::optional<int> start, std::optional<int> end) {
      if (!core::is_science(actors[k].kind)) return;
      if (!start) {
        ++always[k];
        return;
      }
      const int last = std::min(*start + matching.partnership_years - 1,
                                end.value_or(std::numeric_limits<int>::max()));
      for (int year = *start; year <= last; ++year) ++by_year[k][year];
    };
    for (const auto& t : base_.institutions.ties) {
      if (t.kind != core::TieKind::transfer) continue;
      count(index.at(t.source), t.start, t.end);
      count(index.at(t.target), t.start, t.end);
    }
    for (const auto& list : first_) {
      for (const auto& t : list) {
        if (t.b_is_science && t.kind == core::TieKind::transfer)
          count(science_[t.b].base_index, t.start, t.end);
      }
    }
    institutions_ = base_.institutions;
    for (std::uint32_t k = 0; k < actors.size(); ++k) {
      int peak = 0;
      for (const auto& [year, load] : by_year[k]) peak = std::max(peak, load);
      peak += always[k];
      if (peak > actors[k].capacity.value_or(matching.default_capacity))
        institutions_.actors[k].capacity = (5 * peak + 3) / 4;  // ceil(1.25 x peak)
    }
  }

  std::string firm_id(std::size_t i) const {
    std::string digits = std::to_string(i + 1);
    const std::size_t width = std::max<std::size_t>(6, std::to_string(opt_.firms).size());
    return "F" + std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
  }

  // Within one firm's list, a repeated partner of the same kind is dropped; an informal tie that
  // both ends drew is kept only at the lower-numbered end.
  void drop_repeats(std::vector<std::vector<GeneratedTie>>& first,
                    std::vector<std::vector<GeneratedTie>>& second) const {
    auto same = [](const GeneratedTie& a, const GeneratedTie& b) {
      return a.a == b.a && a.b == b.b && a.kind == b.kind && a.b_is_science == b.b_is_science;
    };
    par::parallel_for(std::size_t{0}, first.size(), [&](std::size_t i) {
      for (auto* list : {&first[i], &second[i]}) {
        std::vector<GeneratedTie> kept;
        for (const auto& t : *list) {
          if (std::none_of(kept.begin(), kept.end(),
                           [&](const GeneratedTie& k) { return same(k, t); })) {
            kept.push_back(t);
          }
        }
        *list = std::move(kept);
      }
    });
    std::vector<std::vector<GeneratedTie>> filtered(second.size());
    par::parallel_for(std::size_t{0}, second.size(), [&](std::size_t i) {
      for (const auto& t : second[i]) {
        const auto& other = second[t.b];
        const bool drawn_by_lower_end_too =
            t.b < i && std::any_of(other.begin(), other.end(),
                                   [&](const GeneratedTie& o) { return o.b == i; });
        if (!drawn_by_lower_end_too) filtered[i].push_back(t);
      }
    });
    second = std::move(filtered);
  }

  // The firm as a record; its id is firm_id(i).
  core::ActorRecord firm_record(std::size_t i, std::string id) const {
    const Firm& f = firms_[i];
    const SectorProfile& s = base_.sectors[f.sector];
    RandomStream rng(opt_.seed, i, attributes + 100);
    core::ActorRecord a;
    a.id = std::move(id);
    // Drawn one after the other: the operands of `+` have no order of evaluation, and GCC and
    // Clang took them in opposite orders. This is GCC's order, the one the generated regions
    // (and the golden digests) were made with.
    const auto legal_form = legal_forms[rng.below(legal_forms.size())];
    const auto prefix = name_prefixes[rng.below(name_prefixes.size())];
    a.name = std::string(prefix) + " " + s.name_word + " " + legal_form;
    a.kind = core::ActorKind::firm;
    a.municipality = base_.municipalities[f.municipality].name;
    a.location = core::GeoPoint{std::round(f.location.lat * 1e5) / 1e5,
                                std::round(f.location.lon * 1e5) / 1e5};
    a.employees = f.employees;
    a.sector = s.nace;
    a.founded = f.founded;
    a.capacity = std::min(10, 1 + f.employees / 100);
    return a;
  }

 public:
  /// The result as records keyed by external ids (for the store).
  core::RegionData records() {
    const std::size_t n = firms_.size();
    std::vector<std::string> ids(n);
    par::parallel_for(std::size_t{0}, n, [&](std::size_t i) { ids[i] = firm_id(i); });
    const auto& base_actors = base_.institutions.actors;

    core::RegionData out = institutions_;
    // Firms, their competences, ties and memberships go to precomputed positions, so that the
    // output is filled in parallel and still in firm order.
    const std::size_t first_actor = out.actors.size();
    out.actors.resize(first_actor + n);
    std::vector<std::size_t> competence_at(n + 1, out.competences.size());
    std::vector<std::size_t> tie_at(n + 1, out.ties.size());
    std::vector<std::size_t> member_at(n + 1, out.memberships.size());
    for (std::size_t i = 0; i < n; ++i) {
      competence_at[i + 1] = competence_at[i] + firms_[i].offers.size() + firms_[i].needs.size();
      tie_at[i + 1] = tie_at[i] + first_[i].size();
      member_at[i + 1] = member_at[i] + members_[i].size();
    }
    std::vector<std::size_t> informal_at(n + 1, tie_at[n]);
    for (std::size_t i = 0; i < n; ++i) informal_at[i + 1] = informal_at[i] + second_[i].size();
    out.competences.resize(competence_at[n]);
    out.ties.resize(informal_at[n]);
    out.memberships.resize(member_at[n]);

    auto tie_record = [&](const GeneratedTie& t) {
      return core::TieRecord{
          ids[t.a], t.b_is_science ? science_[t.b].id : ids[t.b], t.kind, t.weight, t.start, t.end,
          0};
    };
    par::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
      const Firm& f = firms_[i];
      out.actors[first_actor + i] = firm_record(i, ids[i]);
      std::size_t c = competence_at[i];
      for (const auto& [comp, w] : f.offers) {
        out.competences[c++] = {ids[i], competences_[comp], core::CompetenceRole::offer, w, 0};
      }
      for (const auto& [comp, w] : f.needs) {
        out.competences[c++] = {ids[i], competences_[comp], core::CompetenceRole::need, w, 0};
      }
      std::size_t t = tie_at[i];
      for (const auto& g : first_[i]) out.ties[t++] = tie_record(g);
      t = informal_at[i];
      for (const auto& g : second_[i]) out.ties[t++] = tie_record(g);
      std::size_t m = member_at[i];
      for (const auto& g : members_[i]) {
        out.memberships[m++] = {ids[i], base_actors[g.group].id, g.start, std::nullopt, 0};
      }
    });
    return out;
  }

  /// The same result as records(), built straight into a Region by dense ids.
  core::Region region() {
    const std::size_t n = firms_.size();
    core::RegionBuilder builder = core::make_region_builder(institutions_);
    const auto first_firm = static_cast<std::uint32_t>(builder.actor_count());
    std::size_t ties = 0;
    for (std::size_t i = 0; i < n; ++i) ties += first_[i].size() + second_[i].size();
    builder.reserve(first_firm + n, institutions_.ties.size() + ties);
    std::vector<core::CompetenceId> competence_ids;
    for (const auto& c : competences_)
      competence_ids.push_back(*builder.taxonomy().find_competence(c));

    std::vector<core::ActorRecord> firms(n);
    par::parallel_for(std::size_t{0}, n,
                      [&](std::size_t i) { firms[i] = firm_record(i, firm_id(i)); });
    auto firm = [&](std::size_t i) {
      return core::ActorId{first_firm + static_cast<std::uint32_t>(i)};
    };
    for (std::size_t i = 0; i < n; ++i) {
      builder.add_actor(firms[i]);
      for (const auto& [comp, w] : firms_[i].offers) {
        builder.add_competence(firm(i), competence_ids[comp], core::CompetenceRole::offer,
                               static_cast<float>(w));
      }
      for (const auto& [comp, w] : firms_[i].needs) {
        builder.add_competence(firm(i), competence_ids[comp], core::CompetenceRole::need,
                               static_cast<float>(w));
      }
    }
    std::vector<core::ActorRecord>().swap(firms);
    auto add = [&](const GeneratedTie& t) {
      const core::ActorId other =
          t.b_is_science ? core::ActorId{science_[t.b].base_index} : firm(t.b);
      builder.add_tie({firm(t.a), other, t.kind, t.weight, t.start, t.end});
    };
    for (const auto& list : first_) std::for_each(list.begin(), list.end(), add);
    for (const auto& list : second_) std::for_each(list.begin(), list.end(), add);
    for (std::size_t i = 0; i < n; ++i) {
      for (const auto& g : members_[i]) {
        builder.add_membership({firm(i), core::ActorId{g.group}, g.start, std::nullopt});
      }
    }
    return std::move(builder).build();
  }

 private:
  const RuhrBase& base_;
  RuhrOptions opt_;
  core::RegionData institutions_;  // the base's, with capacities fitted to the generated loads
  std::vector<std::string> competences_;
  std::unordered_map<std::string, std::uint32_t> competence_index_;
  std::vector<std::uint32_t> theme_of_;
  std::vector<std::string> theme_names_;
  std::vector<double> municipality_pick_;
  std::vector<std::vector<double>> sector_pick_;
  std::vector<std::vector<std::uint32_t>> suppliers_;
  std::vector<double> distance_;
  std::vector<ScienceActor> science_;
  std::vector<Firm> firms_;
  std::vector<std::vector<std::uint32_t>> by_cell_;
  std::vector<std::vector<std::uint32_t>> by_municipality_;
  std::vector<std::vector<double>> supplier_pick_;
  std::vector<std::uint64_t> adjacency_offsets_;
  std::vector<std::uint32_t> adjacency_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> clusters_;     // base actor index, theme
  std::vector<std::pair<std::uint32_t, std::uint32_t>> chambers_of_;  // per municipality: IHK, HWK
  std::vector<int> founded_;                       // per base actor: founding_year, 0 = unknown
  std::vector<std::vector<GeneratedTie>> first_;   // supply and science ties, by drawing firm
  std::vector<std::vector<GeneratedTie>> second_;  // informal ties, by drawing firm
  std::vector<std::vector<GeneratedMembership>> members_;
};

}  // namespace

core::RegionData generate_ruhr(const RuhrBase& base, const RuhrOptions& options) {
  Generator generator(base, options);
  generator.generate();
  return generator.records();
}

core::Region generate_ruhr_region(const RuhrBase& base, const RuhrOptions& options) {
  Generator generator(base, options);
  generator.generate();
  return generator.region();
}

}  // namespace verbund::gen
