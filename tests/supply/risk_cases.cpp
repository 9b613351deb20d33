// Writes random supplier markets and what assess_risk and simulate_loss say about them as JSON,
// for the networkx oracle (tests/oracle/supply_risk_oracle.py).
// Usage: verbund_supply_risk_cases [CASES]
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "random_market.hpp"
#include "verbund/supply/risk.hpp"

using namespace verbund;
using Json = nlohmann::ordered_json;

namespace {

Json optional(const std::optional<double>& x) { return x ? Json(*x) : Json(nullptr); }

Json one_case(std::uint64_t seed) {
  const auto n = static_cast<std::uint32_t>(8 + seed % 30);
  const auto region = core::build_region(test::random_firms(seed, n));
  const auto market = supply::Market::build(
      region, test::random_market(seed, {.actors = n,
                                         .categories = 2 + static_cast<std::uint32_t>(seed % 3),
                                         .max_sources = 1 + static_cast<std::uint32_t>(seed % 3)}));
  core::RandomStream rng(seed, 5);
  std::vector<core::ActorId> removed;
  for (std::uint64_t k = 0, r = 1 + rng.below(3); k < r; ++k)
    removed.push_back(core::ActorId{static_cast<std::uint32_t>(rng.below(n))});
  const supply::LossOptions options{
      .tiers = 1 + seed % 4,
      .disrupting = seed % 3 == 0 ? supply::Criticality::medium : supply::Criticality::high,
      .disruption_share = seed % 2 == 0 ? 1.0 : 0.5,
      .substitutes = 3};
  const auto report = supply::assess_risk(market);
  const auto loss = supply::simulate_loss(market, removed, options);

  auto id = [&](core::ActorId a) { return std::string(region.external_id(a)); };
  auto cat = [&](supply::CategoryId c) { return market.category(c).id; };
  Json j;
  j["seed"] = seed;
  Json actors = Json::array();
  for (std::uint32_t v = 0; v < region.size(); ++v) {
    const auto at = region.location(core::ActorId{v});
    actors.push_back({{"id", id(core::ActorId{v})},
                      {"lat", at ? Json(at->lat) : Json(nullptr)},
                      {"lon", at ? Json(at->lon) : Json(nullptr)}});
  }
  j["actors"] = actors;
  for (const auto& f : market.flows())
    j["flows"].push_back({{"supplier", id(f.supplier)},
                          {"buyer", id(f.buyer)},
                          {"category", cat(f.category)},
                          {"volume", optional(f.volume)},
                          {"current", market.current(f)}});
  for (const auto& d : market.demands())
    j["demands"].push_back({{"buyer", id(d.buyer)},
                            {"category", cat(d.category)},
                            {"quantity", d.quantity},
                            {"required", d.required},
                            {"criticality", static_cast<int>(d.criticality)}});
  for (const auto& o : market.offers())
    j["offers"].push_back({{"supplier", id(o.supplier)},
                           {"category", cat(o.category)},
                           {"capacity", o.capacity},
                           {"certifications", o.certifications}});
  for (const auto a : removed) j["removed"].push_back(id(a));
  j["options"] = {{"tiers", options.tiers},
                  {"disrupting", static_cast<int>(options.disrupting)},
                  {"disruption_share", options.disruption_share},
                  {"substitutes", options.substitutes}};

  Json got;
  for (const auto& e : report.exposures) {
    const auto& d = market.demands()[e.demand];
    got["exposures"].push_back({{"buyer", id(d.buyer)},
                                {"category", cat(d.category)},
                                {"sources", e.sources},
                                {"hhi", optional(e.hhi)},
                                {"regional_share", e.regional_share}});
  }
  const auto& s = report.summary;
  got["summary"] = {{"single_sourced", s.single_sourced},
                    {"without_regional", s.without_regional},
                    {"buyers_with_high", s.buyers_with_high},
                    {"buyers_high_dual_sourced", s.buyers_high_dual_sourced}};
  got["lost"] = Json::array();
  for (const auto& l : loss.lost) {
    const auto& f = market.flows()[l.flow];
    Json subs = Json::array();
    for (const auto& x : l.substitutes) subs.push_back(id(x.supplier));
    got["lost"].push_back({{"tier", l.tier},
                           {"supplier", id(f.supplier)},
                           {"buyer", id(f.buyer)},
                           {"category", cat(f.category)},
                           {"volume", optional(f.volume)},
                           {"substitutes", subs}});
  }
  got["inputs"] = Json::array();
  for (const auto& in : loss.inputs)
    got["inputs"].push_back({{"buyer", id(in.buyer)},
                             {"category", cat(in.category)},
                             {"first_tier", in.first_tier},
                             {"sources_before", in.sources_before},
                             {"sources_left", in.sources_left},
                             {"lost_share", in.lost_share}});
  got["disrupted"] = Json::array();
  for (const auto& d : loss.disrupted) got["disrupted"].push_back({id(d.buyer), d.tier});
  j["got"] = got;
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t cases = argc > 1 ? std::stoull(argv[1]) : 40;
  Json all = Json::array();
  for (std::uint64_t seed = 1; seed <= cases; ++seed) all.push_back(one_case(seed));
  std::cout << all.dump() << "\n";
  return 0;
}
