// The generated supplier market of the Ruhr: offers, demands and categorised supply flows on top
// of a generated region. The figures marked "assumption" are documented in the README.
#include "verbund/gen/ruhr_market.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "verbund/core/random.hpp"
#include "verbund/error.hpp"

namespace verbund::gen {
namespace {

using core::RandomStream;

// The market's random streams; their purposes are distinct from the region generator's (1-5,
// 101), though that does not matter for the region, which is generated before and not touched.
enum MarketPurpose : std::uint32_t {
  offers_of_firm = 201,   // by firm: participation, categories, capacity, certifications
  demands_of_firm = 202,  // by firm: categories, quantities, sources, requirements
  flow_category = 203,    // by supply tie: its category
};

// Assumption: yearly output per employee, by category unit.
double capacity_per_employee(std::string_view unit) {
  static constexpr std::array<std::pair<std::string_view, double>, 8> table{{{"t", 40.0},
                                                                             {"parts", 5000.0},
                                                                             {"orders", 40.0},
                                                                             {"hours", 1400.0},
                                                                             {"shipments", 300.0},
                                                                             {"MWh", 2000.0},
                                                                             {"pallets", 400.0},
                                                                             {"units", 20.0}}};
  for (const auto& [u, v] : table)
    if (u == unit) return v;
  return 100.0;
}

// Assumption: yearly need per employee of a buyer, by category unit.
double demand_per_employee(std::string_view unit) {
  static constexpr std::array<std::pair<std::string_view, double>, 8> table{{{"t", 2.0},
                                                                             {"parts", 300.0},
                                                                             {"orders", 3.0},
                                                                             {"hours", 20.0},
                                                                             {"shipments", 15.0},
                                                                             {"MWh", 20.0},
                                                                             {"pallets", 20.0},
                                                                             {"units", 1.0}}};
  for (const auto& [u, v] : table)
    if (u == unit) return v;
  return 5.0;
}

// "*" is any manufacturing sector (NACE section C), otherwise a `;`-list of NACE divisions.
bool in_sectors(std::string_view list, const SectorProfile& sector) {
  if (list == "*") return sector.industrial;
  while (!list.empty()) {
    const auto sep = list.find(';');
    if (list.substr(0, sep) == sector.nace) return true;
    if (sep == std::string_view::npos) break;
    list.remove_prefix(sep + 1);
  }
  return false;
}
bool in_divisions(std::string_view list, std::string_view division) {
  while (!list.empty()) {
    const auto sep = list.find(';');
    if (list.substr(0, sep) == division) return true;
    if (sep == std::string_view::npos) break;
    list.remove_prefix(sep + 1);
  }
  return false;
}

// Assumption: chance that a supplier of a sector holds a certification (before the size factor).
struct HeldRule {
  std::string_view certification;
  std::string_view sectors;
  double chance;
};
constexpr std::array held_rules{
    HeldRule{"iso-9001", "*", 0.7},
    HeldRule{"iso-9001", "33;38;41;43;46;49;50;52;62;71", 0.35},
    HeldRule{"iatf-16949", "22;24;25;26;27;29", 0.3},  // who supplies the automotive industry
    HeldRule{"en-9100", "25;26;28", 0.04},
    HeldRule{"iso-13485", "32", 0.7},
    HeldRule{"iso-13485", "22;26", 0.08},
    HeldRule{"iso-14001", "*", 0.3},
    HeldRule{"iso-14001", "35;38", 0.5},
    HeldRule{"iso-50001", "20;22;24", 0.45},
    HeldRule{"iso-50001", "*", 0.1},
    HeldRule{"iso-45001", "*", 0.2},
    HeldRule{"iso-45001", "33;41;43", 0.2},
    HeldRule{"iso-iec-27001", "62", 0.3},
    HeldRule{"tisax", "26;62", 0.05},
    HeldRule{"gmp", "10;20;32", 0.2},
    HeldRule{"aeo", "46;49;50;52", 0.15},
    HeldRule{"en-1090", "25", 0.35},
    HeldRule{"iso-3834", "25;28;33", 0.25},
    HeldRule{"scc", "33;38;41;43;52", 0.3},
    HeldRule{"efb", "38", 0.85},
};
// Assumption: larger firms are certified more often.
constexpr std::array size_factor{0.5, 0.8, 1.1, 1.3};

// Assumption: chance that a buyer of a sector requires a certification for a category of one of
// the divisions.
struct RequiredRule {
  std::string_view certification;
  std::string_view buyers;
  std::string_view divisions;
  double chance;
};
constexpr std::array required_rules{
    RequiredRule{"iatf-16949", "29", "22;24;25;26;27", 0.7},
    RequiredRule{"iso-9001", "29", "22;24;25;26;27", 0.9},
    RequiredRule{"iso-13485", "32", "22;26", 0.6},
    RequiredRule{"iso-9001", "*", "20;22;24;25;26;27;28", 0.35},
    RequiredRule{"scc", "20;24;35;38", "33;41;43", 0.4},
    RequiredRule{"efb", "10;20;22;24;25;26;27;28;29;32;35;46;52", "38", 0.6},
    RequiredRule{"iso-iec-27001", "35", "62", 0.5},
};

std::string_view division_of(std::string_view cpa) { return cpa.substr(0, cpa.find('.')); }

// Assumption: inputs every firm buys besides its sector's `buys_from` (energy, IT services,
// wholesale supplies, road freight, waste disposal), and those every manufacturer buys
// (packaging, maintenance, engineering services).
constexpr std::string_view common_divisions = "35;62;46;49;38";
constexpr std::string_view industrial_divisions = "17;33;71";

bool is_goods(std::string_view division) {
  return division.size() == 2 && division >= "10" && division <= "33";
}

double whole(double x) { return std::max(1.0, std::round(x)); }

class MarketGenerator {
 public:
  MarketGenerator(const RuhrBase& base, const core::RegionData& region,
                  const supply::MarketData& reference, const RuhrMarketOptions& options)
      : base_(base), region_(region), ref_(reference), opt_(options) {
    for (const double share : {options.supplier_share, options.offer_share, options.outside_demand,
                               options.abroad_share}) {
      if (!(share >= 0.0 && share <= 1.0)) throw InvalidInput("market shares must lie in [0, 1]");
    }
    index();
  }

  supply::MarketData generate() {
    draw_flow_categories();
    draw_offers();
    draw_demands_and_volumes();
    fit_capacities();
    return assemble();
  }

 private:
  struct Offer {
    std::uint32_t category;
    double capacity;
    double committed = 0.0;
    std::optional<double> lead_time;
  };
  struct FirmMarket {
    bool supplier = false;
    std::vector<Offer> offers;  // by category index
    std::vector<std::uint32_t> certifications;
    std::vector<supply::DemandRecord> demands;
  };
  struct Flow {
    std::size_t tie;
    std::uint32_t supplier;  // firm index
    std::uint32_t buyer;
    std::uint32_t category;
    std::optional<double> volume;
  };

  void index() {
    std::unordered_map<std::string_view, std::uint32_t> sector_of_nace;
    for (std::uint32_t s = 0; s < base_.sectors.size(); ++s)
      sector_of_nace.emplace(base_.sectors[s].nace, s);
    categories_of_sector_.resize(base_.sectors.size());
    for (std::uint32_t c = 0; c < ref_.categories.size(); ++c) {
      division_.emplace_back(ref_.categories[c].cpa.empty()
                                 ? std::string_view()
                                 : division_of(ref_.categories[c].cpa.front()));
      for (const auto& code : ref_.categories[c].cpa) {
        const auto it = sector_of_nace.find(division_of(code));
        if (it == sector_of_nace.end()) continue;
        auto& list = categories_of_sector_[it->second];
        if (std::find(list.begin(), list.end(), c) == list.end()) list.push_back(c);
      }
    }
    for (std::uint32_t k = 0; k < ref_.certifications.size(); ++k)
      certification_.emplace(ref_.certifications[k].id, k);
    for (std::uint32_t a = 0; a < region_.actors.size(); ++a) {
      const auto& actor = region_.actors[a];
      if (actor.kind != core::ActorKind::firm) continue;
      const auto it = sector_of_nace.find(actor.sector);
      if (it == sector_of_nace.end()) continue;
      firm_of_id_.emplace(actor.id, static_cast<std::uint32_t>(firms_.size()));
      firms_.push_back(a);
      sector_.push_back(it->second);
    }
    market_.resize(firms_.size());
  }

  const SectorProfile& sector(std::uint32_t firm) const { return base_.sectors[sector_[firm]]; }
  int employees(std::uint32_t firm) const {
    return std::max(1, region_.actors[firms_[firm]].employees.value_or(1));
  }
  std::optional<std::uint32_t> certification(std::string_view id) const {
    const auto it = certification_.find(id);
    if (it == certification_.end()) return std::nullopt;
    return it->second;
  }

  // Each supply tie between two firms whose supplier's sector has categories gets one of them.
  void draw_flow_categories() {
    for (std::size_t t = 0; t < region_.ties.size(); ++t) {
      const auto& tie = region_.ties[t];
      if (tie.kind != core::TieKind::supply) continue;
      const auto s = firm_of_id_.find(tie.source), b = firm_of_id_.find(tie.target);
      if (s == firm_of_id_.end() || b == firm_of_id_.end()) continue;
      const auto& candidates = categories_of_sector_[sector_[s->second]];
      if (candidates.empty()) continue;
      RandomStream rng(opt_.seed, t, flow_category);
      flows_.push_back(
          {t, s->second, b->second, candidates[rng.below(candidates.size())], std::nullopt});
    }
  }

  void draw_offers() {
    std::vector<std::vector<std::uint32_t>> forced(firms_.size());
    for (const auto& f : flows_) forced[f.supplier].push_back(f.category);
    for (std::uint32_t i = 0; i < firms_.size(); ++i) {
      const auto& candidates = categories_of_sector_[sector_[i]];
      if (candidates.empty()) continue;
      RandomStream rng(opt_.seed, i, offers_of_firm);
      FirmMarket& m = market_[i];
      m.supplier = rng.bernoulli(opt_.supplier_share) || !forced[i].empty();
      if (!m.supplier) continue;
      std::vector<bool> offered(candidates.size());
      bool any = false;
      for (std::size_t k = 0; k < candidates.size(); ++k) {
        offered[k] =
            rng.bernoulli(opt_.offer_share) ||
            std::find(forced[i].begin(), forced[i].end(), candidates[k]) != forced[i].end();
        any = any || offered[k];
      }
      const std::size_t fallback = rng.below(candidates.size());
      if (!any) offered[fallback] = true;
      const int staff = employees(i);
      for (std::size_t k = 0; k < candidates.size(); ++k) {
        const double noise = std::exp(0.3 * rng.normal());
        const auto lead =
            is_goods(division_[candidates[k]]) ? 2 + rng.poisson(4.0) : 1 + rng.poisson(1.0);
        if (!offered[k]) continue;
        const auto& unit = ref_.categories[candidates[k]].unit;
        m.offers.push_back({candidates[k], whole(staff * capacity_per_employee(unit) * noise), 0.0,
                            static_cast<double>(lead)});
      }
      const auto size = static_cast<std::size_t>(core::firm_size_from_employees(staff));
      for (const auto& rule : held_rules) {
        const bool draw = rng.bernoulli(std::min(0.98, rule.chance * size_factor[size]));
        if (!draw || !in_sectors(rule.sectors, sector(i))) continue;
        if (const auto c = certification(rule.certification)) m.certifications.push_back(*c);
      }
      std::sort(m.certifications.begin(), m.certifications.end());
      m.certifications.erase(std::unique(m.certifications.begin(), m.certifications.end()),
                             m.certifications.end());
    }
  }

  Offer& offer_of(std::uint32_t firm, std::uint32_t category) {
    auto& offers = market_[firm].offers;
    return *std::find_if(offers.begin(), offers.end(),
                         [&](const Offer& o) { return o.category == category; });
  }

  void draw_demands_and_volumes() {
    std::vector<std::vector<std::size_t>> flows_of(firms_.size());
    for (std::size_t f = 0; f < flows_.size(); ++f) flows_of[flows_[f].buyer].push_back(f);
    for (std::uint32_t i = 0; i < firms_.size(); ++i) {
      const SectorProfile& s = sector(i);
      // What the buyer's sector buys: the categories of its supplier sectors' divisions.
      std::vector<std::uint32_t> candidates;
      auto bought = [&](std::string_view division) {
        if (in_divisions(common_divisions, division)) return true;
        if (s.industrial && in_divisions(industrial_divisions, division)) return true;
        return std::find(s.buys_from.begin(), s.buys_from.end(), division) != s.buys_from.end();
      };
      for (std::uint32_t c = 0; c < ref_.categories.size(); ++c) {
        const auto& cpa = ref_.categories[c].cpa;
        if (std::any_of(cpa.begin(), cpa.end(),
                        [&](const std::string& code) { return bought(division_of(code)); }))
          candidates.push_back(c);
      }
      for (const auto f : flows_of[i]) {
        if (std::find(candidates.begin(), candidates.end(), flows_[f].category) == candidates.end())
          candidates.push_back(flows_[f].category);
      }
      if (candidates.empty()) continue;
      RandomStream rng(opt_.seed, i, demands_of_firm);
      const int staff = employees(i);
      for (const auto c : candidates) {
        // Every draw is made, whether used or not, so that one demand's draws do not shift
        // another's.
        const double noise = std::exp(0.5 * rng.normal());
        const bool outside = rng.bernoulli(opt_.outside_demand);
        const bool abroad = rng.bernoulli(opt_.abroad_share);
        const double regional_part = 0.5 + 0.5 * rng.uniform();
        const double criticality_draw = rng.uniform();
        std::vector<std::size_t> current, ended;
        for (const auto f : flows_of[i]) {
          if (flows_[f].category != c) continue;
          (region_.ties[flows_[f].tie].end ? ended : current).push_back(f);
        }
        if (current.empty() && ended.empty() && !outside) {
          for ([[maybe_unused]] const auto& rule : required_rules) (void)rng.uniform();
          continue;
        }
        supply::DemandRecord d;
        d.buyer = region_.actors[firms_[i]].id;
        d.category = ref_.categories[c].id;
        d.quantity = whole(staff * demand_per_employee(ref_.categories[c].unit) * noise);
        d.source = !current.empty() ? supply::Sourcing::region
                   : abroad         ? supply::Sourcing::abroad
                                    : supply::Sourcing::germany;
        const bool critical_input = s.industrial && is_goods(division_[c]);
        const double high = critical_input ? 0.35 : 0.1, low = critical_input ? 0.2 : 0.5;
        d.criticality = criticality_draw < high         ? supply::Criticality::high
                        : criticality_draw < high + low ? supply::Criticality::low
                                                        : supply::Criticality::medium;
        std::vector<std::uint32_t> required;
        for (const auto& rule : required_rules) {
          const bool draw = rng.bernoulli(rule.chance);
          if (!draw || !in_sectors(rule.buyers, s) || !in_divisions(rule.divisions, division_[c]))
            continue;
          if (const auto k = certification(rule.certification)) required.push_back(*k);
        }
        // A demand met in the region today asks only what its current suppliers hold.
        for (const auto f : current) {
          const auto& held = market_[flows_[f].supplier].certifications;
          std::erase_if(required, [&](std::uint32_t k) {
            return !std::binary_search(held.begin(), held.end(), k);
          });
        }
        std::sort(required.begin(), required.end());
        required.erase(std::unique(required.begin(), required.end()), required.end());
        for (const auto k : required) d.certifications.push_back(ref_.certifications[k].id);
        // Volumes: current flows share the regional part of the demand; an ended flow carried
        // its part of it when it ran.
        // (Whole units of at least 1 each: a small demand grows to what its flows carry.)
        double regional = 0.0;
        for (const auto f : current) {
          flows_[f].volume = std::max(
              1.0, std::floor(d.quantity * regional_part / static_cast<double>(current.size())));
          regional += *flows_[f].volume;
          offer_of(flows_[f].supplier, c).committed += *flows_[f].volume;
        }
        double before = 0.0;
        for (const auto f : ended) {
          flows_[f].volume = std::max(
              1.0, std::floor(d.quantity * regional_part / static_cast<double>(ended.size())));
          before += *flows_[f].volume;
        }
        d.quantity = std::max({d.quantity, regional, before});
        market_[i].demands.push_back(std::move(d));
      }
    }
  }

  // A supplier delivers what its current flows say: its capacity is at least that, with room.
  void fit_capacities() {
    for (auto& m : market_) {
      for (auto& o : m.offers) {
        if (o.committed > o.capacity) o.capacity = std::ceil(o.committed * 1.25);
      }
    }
  }

  supply::MarketData assemble() const {
    supply::MarketData out;
    out.categories = ref_.categories;
    out.certifications = ref_.certifications;
    out.categories_origin = ref_.categories_origin;
    out.certifications_origin = ref_.certifications_origin;
    for (std::uint32_t i = 0; i < firms_.size(); ++i) {
      const auto& m = market_[i];
      const auto& id = region_.actors[firms_[i]].id;
      std::vector<std::string> held;
      for (const auto k : m.certifications) held.push_back(ref_.certifications[k].id);
      for (const auto& o : m.offers) {
        out.offers.push_back(
            {id, ref_.categories[o.category].id, o.capacity, held, o.lead_time, std::nullopt, 0});
      }
      for (const auto& d : m.demands) out.demands.push_back(d);
    }
    for (const auto& f : flows_) {
      const auto& tie = region_.ties[f.tie];
      out.flows.push_back({tie.source, tie.target, ref_.categories[f.category].id, f.volume,
                           tie.start, tie.end, 0});
    }
    return out;
  }

  const RuhrBase& base_;
  const core::RegionData& region_;
  const supply::MarketData& ref_;
  RuhrMarketOptions opt_;
  std::vector<std::vector<std::uint32_t>> categories_of_sector_;
  std::vector<std::string_view> division_;  // of each category: its first CPA code's
  std::unordered_map<std::string_view, std::uint32_t> certification_;
  std::unordered_map<std::string_view, std::uint32_t> firm_of_id_;
  std::vector<std::uint32_t> firms_;   // actor positions in region_
  std::vector<std::uint32_t> sector_;  // by firm
  std::vector<FirmMarket> market_;     // by firm
  std::vector<Flow> flows_;
};

}  // namespace

supply::MarketData generate_ruhr_market(const RuhrBase& base, const core::RegionData& region,
                                        const supply::MarketData& reference,
                                        const RuhrMarketOptions& options) {
  return MarketGenerator(base, region, reference, options).generate();
}

}  // namespace verbund::gen
