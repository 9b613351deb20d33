// Evaluation of `recommend partners` on real consortia (CORDIS H2020): import the projects up to
// KNOWN_TO as the known network; for every project starting in QUERY_YEAR with at least three
// members, hide one member (the one at position rcn mod size, a fixed choice) and ask for
// partners for the members still known. Reports hits@10 and MRR (over the first 1000 ranks)
// for verbund and two baselines: the most active organisations (degree) and the common-neighbour
// count with the members.
//
//   verbund_cordis_partners CORDIS_DIR [KNOWN_TO=2016] [QUERY_YEAR=2017] [--check]
//
// --check: exit 1 unless verbund beats both baselines on hits@10 and MRR (ctest runs this on
// the validation years); exit 77 (skipped) if the CORDIS files are absent.

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <unordered_map>

#include "verbund/core/region.hpp"
#include "verbund/io/csv_reader.hpp"
#include "verbund/io/project_import.hpp"
#include "verbund/match/partners.hpp"

namespace {

using namespace verbund;
using core::ActorId;

constexpr std::size_t depth = 1000;  // ranks looked at for the MRR

struct Tally {
  double hits = 0, reciprocal = 0;
  void add(std::size_t rank) {  // 1-based, 0 = not within depth
    if (rank >= 1 && rank <= 10) hits += 1;
    if (rank >= 1) reciprocal += 1.0 / static_cast<double>(rank);
  }
};

std::size_t rank_of(const std::vector<ActorId>& ranking, ActorId hidden) {
  const auto it = std::find(ranking.begin(), ranking.end(), hidden);
  return it == ranking.end() ? 0 : static_cast<std::size_t>(it - ranking.begin()) + 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: verbund_cordis_partners CORDIS_DIR [KNOWN_TO] [QUERY_YEAR]\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  const bool check = std::erase(args, "--check") > 0;
  const int known_to = !args.empty() ? std::stoi(args[0]) : 2016;
  const int query_year = args.size() > 1 ? std::stoi(args[1]) : known_to + 1;
  if (!std::filesystem::exists(dir / "h2020_participations_2014_2017.csv")) {
    std::cerr << "no CORDIS data in " << dir << ": skipped\n";
    return 77;
  }
  const io::ProjectFiles files{dir / "h2020_participations_2014_2017.csv",
                               dir / "h2020_organisations_2017.csv",
                               dir / "h2020_programme_parts_2014_2017.csv"};
  io::ProjectImportOptions options;
  options.to_year = known_to;
  const core::Region region = core::build_region(io::read_projects(files, options).data);

  // The query year's projects and their members, from the participations file.
  io::CsvReader csv(files.participations);
  const auto rcn = csv.require("rcn"), pic = csv.require("pic"), start = csv.require("start_year");
  std::map<std::string, std::vector<std::string>> projects;
  std::vector<std::string> row;
  while (csv.next(row)) {
    if (row[start] != std::to_string(query_year) || row[pic].empty()) continue;
    auto& members = projects[row[rcn]];
    if (std::find(members.begin(), members.end(), row[pic]) == members.end())
      members.push_back(row[pic]);
  }

  // Baseline ingredients: distinct neighbours and degrees.
  const std::size_t n = region.size();
  std::vector<std::vector<std::uint32_t>> neighbours(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    for (const auto& nb : region.neighbours(ActorId{v}))
      if (neighbours[v].empty() || neighbours[v].back() != nb.actor.value)
        neighbours[v].push_back(nb.actor.value);
  }
  std::vector<ActorId> by_activity(n);
  for (std::uint32_t v = 0; v < n; ++v) by_activity[v] = ActorId{v};
  std::stable_sort(by_activity.begin(), by_activity.end(), [&](ActorId a, ActorId b) {
    return neighbours[a.value].size() > neighbours[b.value].size();
  });

  const match::TransferScorer scorer(region, {});
  Tally ours, active, common;
  std::size_t eligible_projects = 0, queries = 0;
  for (const auto& [id, members] : projects) {
    if (members.size() < 3) continue;
    ++eligible_projects;
    const std::size_t hide = std::stoull(id) % members.size();
    const auto hidden = region.find(members[hide]);
    if (!hidden) continue;  // a newcomer: no method can know it
    std::vector<ActorId> rest;
    for (std::size_t k = 0; k < members.size(); ++k)
      if (k != hide)
        if (const auto a = region.find(members[k])) rest.push_back(*a);
    if (rest.empty()) continue;
    ++queries;

    std::vector<ActorId> ranking;
    for (const auto& p : match::recommend_partners(scorer, rest, {.top = depth}))
      ranking.push_back(p.actor);
    ours.add(rank_of(ranking, *hidden));

    ranking.clear();
    for (const auto a : by_activity) {
      if (std::find(rest.begin(), rest.end(), a) != rest.end()) continue;
      ranking.push_back(a);
      if (ranking.size() == depth) break;
    }
    active.add(rank_of(ranking, *hidden));

    std::unordered_map<std::uint32_t, int> shared;
    for (const auto m : rest)
      for (const auto z : neighbours[m.value])
        for (const auto x : neighbours[z]) ++shared[x];
    for (const auto m : rest) shared.erase(m.value);
    std::vector<std::pair<int, std::uint32_t>> scored;
    for (const auto& [x, count] : shared) scored.emplace_back(count, x);
    std::sort(scored.begin(), scored.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      if (neighbours[a.second].size() != neighbours[b.second].size())
        return neighbours[a.second].size() > neighbours[b.second].size();
      return a.second < b.second;
    });
    ranking.clear();
    for (std::size_t k = 0; k < std::min(depth, scored.size()); ++k)
      ranking.push_back(ActorId{scored[k].second});
    common.add(rank_of(ranking, *hidden));
  }

  const double q = static_cast<double>(std::max<std::size_t>(queries, 1));
  std::cout << "{\n  \"known_to\": " << known_to << ", \"query_year\": " << query_year
            << ", \"known_actors\": " << n
            << ",\n  \"projects_with_3_or_more\": " << eligible_projects
            << ", \"queries\": " << queries << ",\n";
  auto line = [&](const char* name, const Tally& t, bool last) {
    std::cout << "  \"" << name << "\": {\"hits_at_10\": " << t.hits / q
              << ", \"mrr\": " << t.reciprocal / q << "}" << (last ? "\n" : ",\n");
  };
  line("verbund", ours, false);
  line("most_active", active, false);
  line("common_neighbours", common, true);
  std::cout << "}\n";
  if (check && !(ours.hits > active.hits && ours.hits > common.hits &&
                 ours.reciprocal > active.reciprocal && ours.reciprocal > common.reciprocal)) {
    std::cerr << "verbund does not beat the baselines\n";
    return 1;
  }
  return 0;
}
