// Builds a generated supply market, writes the transportation problem that `suppliers plan`
// solves on it, solves it with verbund and prints the totals and the median time as one JSON
// line, so that tests/oracle/sourcing_plan_oracle.py and bench/supply/sourcing_vs_networkx.py
// can run the very same problem through networkx's max_flow_min_cost.
//
//   verbund_sourcing_instance OUT_DIR [--buyers N] [--suppliers N] [--seed N] [--max-share S]
//                             [--cost score|distance] [--unit U] [--all-demands] [--candidates K]
//                             [--repeat R]
//
// OUT_DIR/supply.csv: offer,units   OUT_DIR/need.csv: demand,units
// OUT_DIR/pairs.csv: offer,demand,capacity,cost   (positions, as in supply::TransportProblem)

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "verbund/gen/supply_market.hpp"
#include "verbund/supply/sourcing_plan.hpp"

int main(int argc, char** argv) {
  using namespace verbund;
  if (argc < 2) {
    std::cerr << "usage: verbund_sourcing_instance OUT_DIR [--buyers N] [--suppliers N] [--seed N]"
                 " [--max-share S] [--cost score|distance] [--unit U] [--all-demands]"
                 " [--repeat R]\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  gen::SupplyMarketOptions market_options{.buyers = 200, .suppliers = 50};
  supply::PlanOptions plan_options;
  int repeat = 1;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&] {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return std::string(argv[++i]);
    };
    if (arg == "--buyers")
      market_options.buyers = std::stoul(value());
    else if (arg == "--suppliers")
      market_options.suppliers = std::stoul(value());
    else if (arg == "--seed")
      market_options.seed = std::stoull(value());
    else if (arg == "--max-share")
      plan_options.max_share = std::stod(value());
    else if (arg == "--cost")
      plan_options.cost =
          value() == "distance" ? supply::PlanCost::distance : supply::PlanCost::score;
    else if (arg == "--unit")
      plan_options.unit = std::stod(value());
    else if (arg == "--candidates")
      plan_options.candidates_per_demand = std::stoul(value());
    else if (arg == "--all-demands")
      plan_options.include_regional = true;
    else if (arg == "--repeat")
      repeat = std::stoi(value());
    else {
      std::cerr << "unknown argument " << arg << '\n';
      return 2;
    }
  }
  std::filesystem::create_directories(out);
  const auto generated = gen::generate_supply_market(market_options);
  const auto market = supply::Market::build(generated.region, generated.data);
  const supply::SupplierIndex index(market);
  const auto problem = supply::sourcing_problem(index, plan_options);
  {
    std::ofstream supply_file(out / "supply.csv");
    supply_file << "offer,units\n";
    for (std::size_t o = 0; o < problem.supply.size(); ++o)
      supply_file << o << ',' << problem.supply[o] << '\n';
    std::ofstream need_file(out / "need.csv");
    need_file << "demand,units\n";
    for (std::size_t d = 0; d < problem.need.size(); ++d)
      need_file << d << ',' << problem.need[d] << '\n';
    std::ofstream pairs_file(out / "pairs.csv");
    pairs_file << "offer,demand,capacity,cost\n";
    for (const auto& p : problem.pairs)
      pairs_file << p.offer << ',' << p.demand << ',' << p.capacity << ',' << p.cost << '\n';
  }
  std::vector<double> seconds;
  supply::SourcingPlan plan;
  for (int r = 0; r < std::max(1, repeat); ++r) {
    const auto start = std::chrono::steady_clock::now();
    plan = supply::plan_sourcing(index, plan_options);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  std::cout << "{\"pairs\": " << problem.pairs.size() << ", \"offers\": " << problem.offers.size()
            << ", \"demands\": " << problem.demands.size() << ", \"flow_units\": "
            << static_cast<long long>(plan.allocated / plan_options.unit + 0.5)
            << ", \"cost\": " << plan.cost << ", \"gap\": " << plan.gap
            << ", \"median_seconds\": " << seconds[seconds.size() / 2] << "}\n";
  return 0;
}
