// Writes random small graphs, member sets and verbund's personalised PageRank as JSON, for the
// networkx oracle (tests/oracle/pagerank_oracle.py).
// Usage: verbund_pagerank_cases [CASES]
#include <iostream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "verbund/core/region_builder.hpp"
#include "verbund/match/partner_features.hpp"

using namespace verbund;
using Json = nlohmann::ordered_json;

int main(int argc, char** argv) {
  const int cases = argc > 1 ? std::stoi(argv[1]) : 30;
  Json out = Json::array();
  for (int c = 0; c < cases; ++c) {
    std::mt19937_64 rng(static_cast<std::uint64_t>(c) + 1);
    const std::size_t n = 5 + rng() % 40;
    core::RegionData d;
    for (std::size_t v = 0; v < n; ++v) {
      core::ActorRecord a;
      a.id = a.name = "a" + std::to_string(v);
      d.actors.push_back(a);
    }
    Json edges = Json::array();
    const std::size_t ties = rng() % (3 * n);
    for (std::size_t t = 0; t < ties; ++t) {
      const auto s = rng() % n, e = rng() % n;
      if (s == e) continue;  // networkx would keep a self-loop; verbund has none
      core::TieRecord tie;
      tie.source = "a" + std::to_string(s);
      tie.target = "a" + std::to_string(e);
      d.ties.push_back(tie);
      edges.push_back({s, e});
    }
    const auto region = core::build_region(d);
    std::vector<core::ActorId> members;
    for (std::size_t k = 0, want = 1 + rng() % 4; k < want; ++k) {
      const core::ActorId a{static_cast<std::uint32_t>(rng() % n)};
      if (std::find(members.begin(), members.end(), a) == members.end()) members.push_back(a);
    }
    const match::PartnerGraph graph(region);
    const double alpha = c % 2 ? 0.85 : 0.5;
    const auto ppr = match::personalised_pagerank(graph, members, alpha, 1e-13);
    Json m = Json::array(), ext = Json::array();
    for (const auto a : members) m.push_back(a.value);
    // Actor ids in the region follow the file order of d.actors only if build_region keeps it:
    // write the external id of every index so the oracle maps them itself.
    for (std::uint32_t v = 0; v < n; ++v) ext.push_back(std::string(region.external_id({v})));
    out.push_back({{"n", n},
                   {"edges", edges},
                   {"ids", ext},
                   {"members", m},
                   {"alpha", alpha},
                   {"pagerank", ppr}});
  }
  std::cout << out.dump() << "\n";
}
