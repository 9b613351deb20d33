// Joint offers: qualification of candidates, a depth-first search over member sets with capacity
// and rule bounds, allocation, criticality with replacements, and the diagnosis.
//
// Why not match::build_consortia: its consortia cover competences k-fold by membership and rank
// by transfer scores between science and industry, through a search whose evaluator is private to
// lib/match; here coverage is capacity (quantities add up) and the ranking is the offer's. What
// is taken from it: exact enumeration with pruning on size and rule maxima, criticality as "the
// group without the member, and the best replacement", and a diagnosis rule by rule against the
// eligible candidates before falling back to "not all together".
#include "verbund/supply/joint_offer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>

#include "verbund/core/geo.hpp"
#include "verbund/error.hpp"
#include "verbund/report/terms.hpp"
#include "words.hpp"

namespace verbund::supply {

using core::ActorId;

namespace {

bool is_sme(const core::Region& r, ActorId a) {
  const auto s = r.size_class(a);
  return s && *s != core::FirmSize::large;
}

/// The requirement resolved against a market.
struct Resolved {
  std::vector<CategoryId> category;        // per input
  std::vector<CertificationSet> required;  // per input: overall | its own
  std::vector<double> quantity;
  std::set<ActorId> excluded;
};

Resolved resolve(const Requirement& req, const Market& market) {
  auto at = [&](const std::map<std::string, SourceLocation, std::less<>>& where,
                const std::string& id) {
    const auto it = where.find(id);
    return it != where.end() ? it->second : SourceLocation{req.file, 0, 0};
  };
  auto certs = [&](const std::vector<std::string>& ids) {
    CertificationSet set = 0;
    for (const auto& id : ids) {
      const auto c = market.find_certification(id);
      if (!c) {
        std::string known;
        for (const auto& k : market.certifications()) known += (known.empty() ? "" : ", ") + k.id;
        throw InvalidInput(at(req.certification_at, id),
                           "unknown certification '" + id + "' (the market knows: " + known + ")");
      }
      set |= CertificationSet{1} << c->value;
    }
    return set;
  };
  Resolved r;
  const CertificationSet overall = certs(req.certifications);
  for (const auto& in : req.inputs) {
    const auto c = market.find_category(in.category);
    if (!c)
      throw InvalidInput(at(req.category_at, in.category),
                         "unknown input category '" + in.category + "'");
    r.category.push_back(*c);
    r.required.push_back(overall | certs(in.certifications));
    r.quantity.push_back(in.quantity);
  }
  for (const auto& id : req.excluded) {
    const auto a = market.region().find(id);
    if (!a) throw InvalidInput(at(req.actor_at, id), "unknown actor '" + id + "'");
    r.excluded.insert(*a);
  }
  return r;
}

/// A supplier's qualified free capacity for input i (0 if it does not qualify).
double qualified(const Market& market, const Resolved& res, ActorId a, std::size_t i) {
  const auto o = market.find_offer(a, res.category[i]);
  if (!o) return 0.0;
  const Offer& offer = market.offers()[*o];
  if (!covers(offer.certifications, res.required[i])) return 0.0;
  if (offer.min_order && *offer.min_order > res.quantity[i]) return 0.0;
  return offer.free_capacity();
}

struct Candidate {
  ActorId actor;
  std::vector<double> capacity;  // per input
  bool sme = false;
  bool may_lead = false;
  std::optional<std::uint32_t> place;
  double strength = 0.0;  // sum over inputs of min(capacity / quantity, 1)
};

/// The ranking of feasible groups (see the header); lower is better.
struct Rank {
  std::size_t size = 0;
  double ratio = 0.0;
  double spread = 0.0;
  std::vector<std::string_view> ids;  // ascending
};
bool better(const Rank& a, const Rank& b) {
  if (a.size != b.size) return a.size < b.size;
  if (a.ratio != b.ratio) return a.ratio > b.ratio;
  if (a.spread != b.spread) return a.spread < b.spread;
  return a.ids < b.ids;
}

class Evaluator {
 public:
  Evaluator(const Market& market, const Requirement& req, const Resolved& res)
      : market_(market), req_(req), res_(res) {
    const auto& region = market.region();
    std::set<ActorId> seen;
    for (const auto c : res.category)
      for (const auto& o : market.offers_in(c))
        if (!res.excluded.contains(o.supplier)) seen.insert(o.supplier);
    for (const auto a : seen) {
      Candidate c;
      c.actor = a;
      bool any = false;
      for (std::size_t i = 0; i < res.category.size(); ++i) {
        c.capacity.push_back(qualified(market, res, a, i));
        any = any || c.capacity.back() > 0.0;
        c.strength += std::min(c.capacity.back() / res.quantity[i], 1.0);
      }
      if (!any) continue;
      c.sme = is_sme(region, a);
      const auto size = region.size_class(a);
      c.may_lead = req.lead_sizes.empty() ||
                   (size && std::find(req.lead_sizes.begin(), req.lead_sizes.end(), *size) !=
                                req.lead_sizes.end());
      if (const auto m = region.municipality(a)) c.place = m->value;
      candidates_.push_back(std::move(c));
    }
  }

  [[nodiscard]] const std::vector<Candidate>& candidates() const { return candidates_; }
  [[nodiscard]] std::size_t inputs() const { return res_.category.size(); }
  [[nodiscard]] double quantity(std::size_t i) const { return res_.quantity[i]; }

  /// The rank of a set of candidate indices if it is feasible.
  [[nodiscard]] std::optional<Rank> rank(std::span<const std::uint32_t> set) const {
    const auto n = static_cast<int>(set.size());
    if (n < req_.min_partners || n > req_.max_partners) return std::nullopt;
    int smes = 0;
    bool lead = false;
    std::map<std::uint32_t, int> places;
    for (const auto k : set) {
      const auto& c = candidates_[k];
      smes += c.sme;
      lead = lead || c.may_lead;
      if (c.place && req_.max_per_municipality && ++places[*c.place] > *req_.max_per_municipality)
        return std::nullopt;
    }
    if (smes < req_.min_smes || !lead) return std::nullopt;
    Rank r;
    r.size = set.size();
    r.ratio = INFINITY;
    for (std::size_t i = 0; i < inputs(); ++i) {
      double total = 0.0;
      for (const auto k : ordered(set)) total += candidates_[k].capacity[i];
      if (total < res_.quantity[i]) return std::nullopt;
      r.ratio = std::min(r.ratio, total / res_.quantity[i]);
    }
    r.spread = spread(set);
    for (const auto k : set) r.ids.push_back(market_.region().external_id(candidates_[k].actor));
    std::sort(r.ids.begin(), r.ids.end());
    return r;
  }

  /// The set by ascending actor, so that sums do not depend on the order of discovery.
  [[nodiscard]] static std::vector<std::uint32_t> ordered(std::span<const std::uint32_t> set) {
    std::vector<std::uint32_t> out(set.begin(), set.end());
    std::sort(out.begin(), out.end());  // candidates are sorted by actor
    return out;
  }

  [[nodiscard]] double spread(std::span<const std::uint32_t> set) const {
    const auto& region = market_.region();
    double widest = 0.0;
    for (std::size_t x = 0; x < set.size(); ++x) {
      const auto a = region.location(candidates_[set[x]].actor);
      if (!a) continue;
      for (std::size_t y = x + 1; y < set.size(); ++y) {
        if (const auto b = region.location(candidates_[set[y]].actor))
          widest = std::max(widest, core::distance_km(*a, *b));
      }
    }
    return widest;
  }

  [[nodiscard]] JointOffer describe(std::span<const std::uint32_t> set, const Rank& rank) const {
    const auto& region = market_.region();
    JointOffer offer;
    const auto members = ordered(set);
    for (const auto k : members) offer.members.push_back(candidates_[k].actor);
    offer.capacity_ratio = rank.ratio;
    offer.spread_km = rank.spread;
    std::vector<double> weight(members.size(), 0.0);
    for (std::size_t i = 0; i < inputs(); ++i) {
      InputCover cover;
      cover.category = res_.category[i];
      cover.quantity = res_.quantity[i];
      for (const auto k : members) cover.capacity += candidates_[k].capacity[i];
      for (std::size_t m = 0; m < members.size(); ++m) {
        const double free = candidates_[members[m]].capacity[i];
        if (free <= 0.0) continue;
        const double volume = cover.quantity * free / cover.capacity;
        cover.shares.push_back({candidates_[members[m]].actor, volume, free});
        weight[m] += volume / cover.quantity;
      }
      offer.inputs.push_back(std::move(cover));
    }
    std::optional<std::size_t> lead;
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (!candidates_[members[m]].may_lead) continue;
      if (!lead || weight[m] > weight[*lead]) lead = m;  // ties: the lower actor id
    }
    offer.lead = candidates_[members[*lead]].actor;
    (void)region;
    return offer;
  }

 private:
  const Market& market_;
  const Requirement& req_;
  const Resolved& res_;
  std::vector<Candidate> candidates_;  // by actor
};

/// The search pool: per input the candidates with the most qualified capacity, and when rules
/// ask for SMEs or a lead size, the strongest of those.
std::vector<std::uint32_t> search_pool(const Evaluator& ev, const Requirement& req,
                                       std::size_t per_input) {
  const auto& cands = ev.candidates();
  std::vector<std::uint32_t> all(cands.size());
  std::iota(all.begin(), all.end(), 0U);
  if (per_input == 0 || cands.size() <= per_input) return all;
  std::set<std::uint32_t> pool;
  auto take = [&](auto key, auto keep) {
    std::vector<std::uint32_t> list;
    for (const auto k : all)
      if (keep(cands[k])) list.push_back(k);
    std::stable_sort(list.begin(), list.end(),
                     [&](auto a, auto b) { return key(cands[a]) > key(cands[b]); });
    for (std::size_t j = 0; j < std::min(per_input, list.size()); ++j) pool.insert(list[j]);
  };
  for (std::size_t i = 0; i < ev.inputs(); ++i)
    take([i](const Candidate& c) { return c.capacity[i]; },
         [i](const Candidate& c) { return c.capacity[i] > 0.0; });
  auto strength = [](const Candidate& c) { return c.strength; };
  if (req.min_smes > 0) take(strength, [](const Candidate& c) { return c.sme; });
  if (!req.lead_sizes.empty()) take(strength, [](const Candidate& c) { return c.may_lead; });
  return {pool.begin(), pool.end()};
}

/// Depth-first search over the pool, sizes ascending, keeping the best `top` groups.
class Search {
 public:
  Search(const Evaluator& ev, const Requirement& req, std::vector<std::uint32_t> pool,
         std::size_t top)
      : ev_(ev), req_(req), pool_(std::move(pool)), top_(top) {
    const auto& c = ev.candidates();
    // Strong candidates first, so that good groups are found early and the bound bites.
    std::stable_sort(pool_.begin(), pool_.end(),
                     [&](auto a, auto b) { return c[a].strength > c[b].strength; });
    const auto p = pool_.size();
    const auto r_max = static_cast<std::size_t>(req.max_partners);
    // best_[(i * (p + 1) + pos) * (r_max + 1) + r]: the r largest capacities for input i among
    // pool_[pos..], summed: an upper bound on what r more members can add.
    best_.assign(ev.inputs() * (p + 1) * (r_max + 1), 0.0);
    smes_after_.assign(p + 1, 0);
    leads_after_.assign(p + 1, 0);
    for (std::size_t pos = p; pos-- > 0;) {
      smes_after_[pos] = smes_after_[pos + 1] + c[pool_[pos]].sme;
      leads_after_[pos] = leads_after_[pos + 1] + c[pool_[pos]].may_lead;
    }
    for (std::size_t i = 0; i < ev.inputs(); ++i) {
      std::vector<double> largest;  // descending, at most r_max
      for (std::size_t pos = p; pos-- > 0;) {
        const double v = c[pool_[pos]].capacity[i];
        largest.insert(std::upper_bound(largest.begin(), largest.end(), v, std::greater<>()), v);
        if (largest.size() > r_max) largest.pop_back();
        double sum = 0.0;
        for (std::size_t r = 1; r <= r_max; ++r) {
          if (r <= largest.size()) sum += largest[r - 1];
          best_[(i * (p + 1) + pos) * (r_max + 1) + r] = sum;
        }
      }
    }
  }

  std::vector<std::pair<std::vector<std::uint32_t>, Rank>> run() {
    cover_.assign(ev_.inputs(), 0.0);
    places_.clear();
    for (int size = req_.min_partners; size <= req_.max_partners; ++size) {
      target_ = static_cast<std::size_t>(size);
      recurse(0);
      if (found_.size() >= top_) break;  // a larger group ranks below every one found
    }
    return std::move(found_);
  }

 private:
  [[nodiscard]] double bound(std::size_t i, std::size_t pos, std::size_t r) const {
    const auto p = pool_.size();
    const auto r_max = static_cast<std::size_t>(req_.max_partners);
    return best_[(i * (p + 1) + pos) * (r_max + 1) + r];
  }

  void recurse(std::size_t pos) {
    const auto& c = ev_.candidates();
    const std::size_t r = target_ - set_.size();
    if (r == 0) {
      if (const auto rank = ev_.rank(set_)) keep(*rank);
      return;
    }
    if (pool_.size() - pos < r) return;
    if (req_.min_smes - smes_ > static_cast<int>(std::min(r, smes_after_[pos]))) return;
    if (leads_ == 0 && leads_after_[pos] == 0) return;
    double ratio_bound = INFINITY;
    for (std::size_t i = 0; i < ev_.inputs(); ++i) {
      const double reach = cover_[i] + bound(i, pos, r);
      // A little slack: sums in another order may differ in the last bits.
      if (reach < ev_.quantity(i) * (1.0 - 1e-12)) return;
      ratio_bound = std::min(ratio_bound, reach / ev_.quantity(i));
    }
    if (full()) {
      const Rank& worst = found_.back().second;  // groups of this size cannot beat a smaller one
      if (worst.size < target_ || ratio_bound < worst.ratio * (1.0 - 1e-12)) return;
    }
    for (std::size_t j = pos; j + r <= pool_.size(); ++j) {
      const auto k = pool_[j];
      const auto& cand = c[k];
      if (cand.place && req_.max_per_municipality &&
          places_[*cand.place] >= *req_.max_per_municipality)
        continue;
      set_.push_back(k);
      for (std::size_t i = 0; i < ev_.inputs(); ++i) cover_[i] += cand.capacity[i];
      smes_ += cand.sme;
      leads_ += cand.may_lead;
      if (cand.place) ++places_[*cand.place];
      recurse(j + 1);
      if (cand.place) --places_[*cand.place];
      leads_ -= cand.may_lead;
      smes_ -= cand.sme;
      for (std::size_t i = 0; i < ev_.inputs(); ++i) cover_[i] -= cand.capacity[i];
      set_.pop_back();
    }
  }

  [[nodiscard]] bool full() const { return found_.size() >= top_; }

  void keep(const Rank& rank) {
    if (full() && !better(rank, found_.back().second)) return;
    auto entry = std::pair{set_, rank};
    const auto at =
        std::upper_bound(found_.begin(), found_.end(), entry,
                         [](const auto& a, const auto& b) { return better(a.second, b.second); });
    found_.insert(at, std::move(entry));
    if (found_.size() > top_) found_.pop_back();
  }

  const Evaluator& ev_;
  const Requirement& req_;
  std::vector<std::uint32_t> pool_;
  std::size_t top_;
  std::vector<double> best_;
  std::vector<std::size_t> smes_after_, leads_after_;
  std::size_t target_ = 0;
  std::vector<std::uint32_t> set_;
  std::vector<double> cover_;
  int smes_ = 0;
  int leads_ = 0;
  std::map<std::uint32_t, int> places_;
  std::vector<std::pair<std::vector<std::uint32_t>, Rank>> found_;
};

void add_criticality(const Evaluator& ev, std::span<const std::uint32_t> set, std::size_t keep,
                     JointOffer& offer) {
  const auto members = Evaluator::ordered(set);
  for (std::size_t m = 0; m < members.size(); ++m) {
    MemberCriticality crit;
    crit.member = ev.candidates()[members[m]].actor;
    auto without = members;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(m));
    crit.critical = !ev.rank(without).has_value();
    if (crit.critical) {
      std::vector<std::pair<Rank, ActorId>> options;
      for (std::uint32_t x = 0; x < ev.candidates().size(); ++x) {
        if (std::find(members.begin(), members.end(), x) != members.end()) continue;
        auto swapped = without;
        swapped.push_back(x);
        if (auto r = ev.rank(swapped))
          options.emplace_back(std::move(*r), ev.candidates()[x].actor);
      }
      std::sort(options.begin(), options.end(),
                [](const auto& a, const auto& b) { return better(a.first, b.first); });
      for (std::size_t k = 0; k < std::min(keep, options.size()); ++k)
        crit.replacements.push_back(options[k].second);
    }
    offer.criticality.push_back(std::move(crit));
  }
}

std::vector<std::string> diagnose(const Market& market, const Requirement& req, const Resolved& res,
                                  const Evaluator& ev, std::size_t pool, report::Lang lang) {
  const bool de = lang == report::Lang::de;
  std::vector<std::string> out;
  const auto& cands = ev.candidates();
  const auto max = static_cast<std::size_t>(req.max_partners);
  std::size_t partners_needed = 0;
  for (std::size_t i = 0; i < res.category.size(); ++i) {
    const auto& cat = market.category(res.category[i]);
    // The label, and the id the requirement file names the input by.
    const std::string what = detail::category_label(cat, lang) + " (" + cat.id + ")";
    const auto amount = [&](double v) { return report::amount(lang, v, cat.unit); };
    const double q = res.quantity[i];
    std::size_t offering = 0, certified = 0;
    for (const auto& o : market.offers_in(res.category[i])) {
      if (res.excluded.contains(o.supplier)) continue;
      ++offering;
      certified += covers(o.certifications, res.required[i]);
    }
    std::vector<double> caps;
    for (const auto& c : cands)
      if (c.capacity[i] > 0.0) caps.push_back(c.capacity[i]);
    std::sort(caps.begin(), caps.end(), std::greater<>());
    const double total = std::accumulate(caps.begin(), caps.end(), 0.0);
    const auto required = detail::certification_names(market, res.required[i], lang);
    const std::string certs = res.required[i] ? (de ? " mit " : " with ") + required : "";
    if (de) {
      if (offering == 0) {
        out.push_back("Im Bereich " + what + " gibt es keinen regionalen Zulieferer.");
      } else if (certified == 0) {
        out.push_back("Im Bereich " + what + " gibt es " + report::count(lang, offering) +
                      (offering == 1 ? " regionalen Zulieferer" : " regionale Zulieferer") +
                      ", aber keinen mit " + required + ".");
      } else if (caps.empty()) {
        out.push_back(report::count(lang, certified) + " Zulieferer im Bereich " + what + certs +
                      " " + (certified == 1 ? "hat" : "haben") +
                      " keine freie Kapazität (oder eine Mindestmenge über " + amount(q) + ").");
      } else if (total < q) {
        out.push_back(what + ": der Kunde braucht " + amount(q) + " im Jahr; " +
                      (caps.size() == 1 ? "der 1 Zulieferer" + certs + " hat "
                                        : "die " + report::count(lang, caps.size()) +
                                              " Zulieferer" + certs + " haben zusammen ") +
                      amount(total) + " frei, " + amount(q - total) + " zu wenig.");
      } else {
        std::size_t r = 0;
        for (double sum = 0.0; sum < q; ++r) sum += caps[r];
        partners_needed += r;
        if (r > max)
          out.push_back(what + " allein braucht mindestens " + std::to_string(r) +
                        " Partner (die größten freien Kapazitäten" + certs + " erreichen " +
                        amount(q) + " erst mit " + std::to_string(r) +
                        "), die Anforderung erlaubt " + std::to_string(max) + ".");
      }
      continue;
    }
    if (offering == 0) {
      out.push_back("No regional supplier offers " + what + ".");
    } else if (certified == 0) {
      out.push_back(report::count(lang, offering) + " regional supplier" +
                    (offering == 1 ? "" : "s") + " offer" + (offering == 1 ? "s " : " ") + what +
                    ", but none holds " + required + ".");
    } else if (caps.empty()) {
      out.push_back(report::count(lang, certified) + " supplier" + (certified == 1 ? "" : "s") +
                    " of " + what + certs + " " + (certified == 1 ? "has" : "have") +
                    " no free capacity (or a minimum order above " + amount(q) + ").");
    } else if (total < q) {
      out.push_back(what + ": the customer needs " + amount(q) + " a year; the " +
                    report::count(lang, caps.size()) + " supplier" + (caps.size() == 1 ? "" : "s") +
                    certs + (caps.size() == 1 ? " has " : " have ") + amount(total) +
                    " free in all, " + amount(q - total) + " short.");
    } else {
      std::size_t r = 0;
      for (double sum = 0.0; sum < q; ++r) sum += caps[r];
      partners_needed += r;
      if (r > max)
        out.push_back(what + " alone needs at least " + std::to_string(r) +
                      " partners (the largest free capacities" + certs + " reach " + amount(q) +
                      " only with " + std::to_string(r) + "), the requirement allows " +
                      std::to_string(max) + ".");
    }
  }
  const auto smes = static_cast<int>(
      std::count_if(cands.begin(), cands.end(), [](const Candidate& c) { return c.sme; }));
  if (smes < req.min_smes && de)
    out.push_back(
        "Die Anforderung verlangt " + std::to_string(req.min_smes) + " KMU; nur " +
        std::to_string(smes) +
        (smes == 1 ? " qualifizierter Zulieferer ist" : " qualifizierte Zulieferer sind") +
        " ein KMU.");
  else if (smes < req.min_smes)
    out.push_back(
        "The requirement asks for " +
        report::counted(lang, static_cast<std::size_t>(req.min_smes), "SME", "SMEs", "", "") +
        "; only " + std::to_string(smes) + " qualified supplier" + (smes == 1 ? " is" : "s are") +
        " an SME.");
  if (!req.lead_sizes.empty() &&
      std::none_of(cands.begin(), cands.end(), [](const Candidate& c) { return c.may_lead; })) {
    std::string sizes;
    for (const auto s : req.lead_sizes)
      sizes += (sizes.empty() ? "" : ", ") + std::string(core::to_string(s));
    out.push_back(de ? "Kein qualifizierter Zulieferer hat eine Größenklasse, die führen darf (" +
                           sizes + ")."
                     : "No qualified supplier is of a size class that may lead (" + sizes + ").");
  }
  if (out.empty() && de) {
    std::string why =
        "Jede Vorleistung lässt sich einzeln decken, aber keine Gruppe von höchstens " +
        report::counted(lang, max, "", "", "einem Partner", "Partnern") +
        " deckt alle innerhalb der Regeln";
    if (partners_needed > max)
      why += " (zusammen brauchen sie " + std::to_string(partners_needed) +
             " Partner, außer ein Zulieferer deckt mehrere Vorleistungen)";
    why += ".";
    if (pool < cands.size())
      why += " Die Suche hat " + std::to_string(pool) + " der " + std::to_string(cands.size()) +
             " qualifizierten Zulieferer betrachtet; ein größeres --pool findet vielleicht eine.";
    out.push_back(why);
  }
  if (out.empty()) {
    std::string why = "Each input can be covered on its own, but no group of at most " +
                      report::counted(lang, max, "partner", "partners", "", "") +
                      " covers all of them within the rules";
    if (partners_needed > max)
      why += " (they need " + std::to_string(partners_needed) +
             " partners together unless one supplier covers several inputs)";
    why += ".";
    if (pool < cands.size())
      why += " The search considered " + std::to_string(pool) + " of the " +
             std::to_string(cands.size()) + " qualified suppliers; a larger --pool may find one.";
    out.push_back(why);
  }
  return out;
}

}  // namespace

void check_requirement_against(const Requirement& requirement, const Market& market) {
  (void)resolve(requirement, market);
}

std::vector<std::string> check_joint_offer(const Market& market, const Requirement& requirement,
                                           std::span<const ActorId> members, report::Lang lang) {
  const bool de = lang == report::Lang::de;
  const auto res = resolve(requirement, market);
  const auto& region = market.region();
  std::vector<std::string> out;
  const auto n = static_cast<int>(members.size());
  if (n < requirement.min_partners || n > requirement.max_partners)
    out.push_back((de ? "hat " + std::to_string(n) + " Partner, erlaubt "
                      : "has " +
                            report::counted(lang, static_cast<std::size_t>(n), "partner",
                                            "partners", "", "") +
                            ", allowed ") +
                  std::to_string(requirement.min_partners) + (de ? " bis " : " to ") +
                  std::to_string(requirement.max_partners));
  std::set<ActorId> distinct(members.begin(), members.end());
  if (distinct.size() != members.size())
    out.emplace_back(de ? "nennt ein Mitglied zweimal" : "names a member twice");
  std::vector<double> total(res.category.size(), 0.0);
  int smes = 0;
  bool lead = requirement.lead_sizes.empty();
  std::map<std::uint32_t, int> places;
  for (const auto a : distinct) {
    const std::string id(region.external_id(a));
    if (res.excluded.contains(a))
      out.push_back("'" + id + (de ? "' ist ausgeschlossen" : "' is excluded"));
    bool useful = false;
    for (std::size_t i = 0; i < res.category.size(); ++i) {
      const double q = qualified(market, res, a, i);
      total[i] += q;
      useful = useful || q > 0.0;
    }
    if (!useful)
      out.push_back("'" + id +
                    (de ? "' hat für keine Vorleistung ein qualifiziertes Angebot"
                        : "' holds no qualified offer for any input"));
    smes += is_sme(region, a);
    const auto size = region.size_class(a);
    if (size && std::find(requirement.lead_sizes.begin(), requirement.lead_sizes.end(), *size) !=
                    requirement.lead_sizes.end())
      lead = true;
    if (const auto m = region.municipality(a)) ++places[m->value];
  }
  for (std::size_t i = 0; i < res.category.size(); ++i) {
    if (total[i] < res.quantity[i]) {
      const auto& cat = market.category(res.category[i]);
      out.push_back(detail::category_label(cat, lang) +
                    (de ? ": qualifizierte freie Kapazität " : ": qualified free capacity ") +
                    report::amount(lang, total[i], cat.unit) + (de ? ", benötigt " : " of ") +
                    report::amount(lang, res.quantity[i], cat.unit) + (de ? "" : " needed"));
    }
  }
  if (smes < requirement.min_smes)
    out.push_back(
        report::counted(lang, static_cast<std::size_t>(smes), "SME", "SMEs", "KMU", "KMU") +
        (de ? ", mindestens " : ", at least ") + std::to_string(requirement.min_smes) +
        (de ? " nötig" : " needed"));
  if (requirement.max_per_municipality) {
    for (const auto& [m, count] : places) {
      if (count > *requirement.max_per_municipality)
        out.push_back(report::counted(lang, static_cast<std::size_t>(count), "member", "members",
                                      "Mitglied", "Mitglieder") +
                      (de ? " aus " : " from ") +
                      std::string(region.municipality_name(core::MunicipalityId{m})) +
                      (de ? ", höchstens " : ", at most ") +
                      std::to_string(*requirement.max_per_municipality));
    }
  }
  if (!lead)
    out.emplace_back(de ? "kein Mitglied einer Größenklasse, die führen darf"
                        : "no member of a size class that may lead");
  return out;
}

std::string member_explanation(const Market& market, const JointOffer& offer,
                               const MemberCriticality& member, report::Lang lang) {
  const bool de = lang == report::Lang::de;
  const auto& region = market.region();
  std::string delivers;
  for (const auto& in : offer.inputs) {
    const auto& cat = market.category(in.category);
    for (const auto& s : in.shares) {
      if (s.supplier != member.member) continue;
      delivers += (delivers.empty() ? "" : ", ") + report::amount(lang, s.volume, cat.unit) +
                  (de ? " " : " of ") + detail::category_name(cat, lang);
    }
  }
  std::string why = std::string(region.name(member.member)) +
                    (delivers.empty() ? std::string(de ? " liefert keine der Vorleistungen"
                                                       : " delivers none of the inputs")
                                      : (de ? " liefert " : " delivers ") + delivers);
  if (!member.critical) {
    return why + (de ? "; die anderen decken die Anforderung auch ohne dieses Mitglied"
                     : "; the others cover the requirement without it");
  }
  why += de ? "; ohne dieses Mitglied scheitert das Angebot (" : "; without it the offer fails (";
  for (std::size_t b = 0; b < member.broken.size(); ++b) why += (b ? "; " : "") + member.broken[b];
  why += ")";
  if (member.replacements.empty())
    return why + (de ? " und kein anderer Zulieferer kann seinen Platz einnehmen"
                     : " and no other supplier can take its place");
  const auto next = member.replacements.front();
  return why + "; " + std::string(region.name(next)) + " (" +
         std::string(region.external_id(next)) +
         (de ? ") könnte seinen Platz einnehmen" : ") could take its place");
}

JointOfferResult find_joint_offers(const Market& market, const Requirement& requirement,
                                   const JointOfferOptions& options) {
  const auto res = resolve(requirement, market);
  const Evaluator ev(market, requirement, res);
  JointOfferResult result;
  result.candidates = ev.candidates().size();
  auto pool = search_pool(ev, requirement, options.pool_per_input);
  result.pool = pool.size();
  if (options.top == 0) return result;
  Search search(ev, requirement, std::move(pool), options.top);
  for (const auto& [set, rank] : search.run()) {
    auto offer = ev.describe(set, rank);
    add_criticality(ev, set, options.replacements, offer);
    for (auto& c : offer.criticality) {
      if (!c.critical) continue;
      std::vector<ActorId> without;
      for (const auto a : offer.members)
        if (a != c.member) without.push_back(a);
      c.broken = check_joint_offer(market, requirement, without, options.lang);
    }
    result.offers.push_back(std::move(offer));
  }
  if (result.offers.empty())
    result.diagnosis = diagnose(market, requirement, res, ev, result.pool, options.lang);
  return result;
}

}  // namespace verbund::supply
