// Writes the capacitated assignment instance that `match transfer --all --assign optimal` solves
// on a generated market (top-k candidate pairs of every firm), solves it with verbund, and
// reports the time and the optimal total, so that bench/match/assignment_vs_networkx.py can run
// the very same instance through networkx's network simplex.
//
//   verbund_assignment_instance FIRMS GROUPS TOP OUT_DIR [REPEAT]
//
// OUT_DIR/capacities.csv: side,index,capacity   OUT_DIR/pairs.csv: left,right,weight
// (weight = score in integer micro-units, as the solver rounds it); prints one JSON line.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "verbund/gen/market.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/match/transfer_round.hpp"

int main(int argc, char** argv) {
  using namespace verbund;
  if (argc < 5) {
    std::cerr << "usage: verbund_assignment_instance FIRMS GROUPS TOP OUT_DIR [REPEAT]\n";
    return 2;
  }
  const auto firms = std::stoul(argv[1]), groups = std::stoul(argv[2]), top = std::stoul(argv[3]);
  const std::filesystem::path out = argv[4];
  const int repeat = argc > 5 ? std::stoi(argv[5]) : 3;
  std::filesystem::create_directories(out);

  const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  const auto region = gen::generate_market(base, {.firms = firms, .groups = groups, .seed = 1});
  const match::TransferScorer scorer(region, {});
  const auto lists = match::recommend_all(scorer, top);
  const auto round = match::assign_transfers(scorer, lists, match::AssignMethod::optimal);
  const auto& problem = round.problem;

  std::ofstream caps(out / "capacities.csv");
  caps << "side,index,capacity\n";
  for (std::size_t i = 0; i < problem.left_capacity.size(); ++i)
    caps << "L," << i << ',' << problem.left_capacity[i] << '\n';
  for (std::size_t j = 0; j < problem.right_capacity.size(); ++j)
    caps << "R," << j << ',' << problem.right_capacity[j] << '\n';
  std::ofstream pairs(out / "pairs.csv");
  pairs << "left,right,weight\n";
  for (const auto& p : problem.pairs)
    pairs << p.left << ',' << p.right << ',' << std::llround(p.score * 1e6) << '\n';

  std::vector<double> seconds;
  long long total_units = 0;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const auto solved = match::optimal_assignment(problem);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    total_units = 0;
    for (const auto k : solved.chosen) total_units += std::llround(problem.pairs[k].score * 1e6);
  }
  std::sort(seconds.begin(), seconds.end());
  std::cout << "{\"pairs\": " << problem.pairs.size()
            << ", \"left\": " << problem.left_capacity.size()
            << ", \"right\": " << problem.right_capacity.size()
            << ", \"median_seconds\": " << seconds[seconds.size() / 2]
            << ", \"total_units\": " << total_units << "}\n";
  return 0;
}
