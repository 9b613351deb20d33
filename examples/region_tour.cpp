// A tour of the library: generate the Ruhr region in memory, look at it, find the firms with the
// most partners. Usage: region_tour [RUHR_DATA_DIR]

#include <algorithm>
#include <iostream>

#include "verbund/analysis/region_summary.hpp"
#include "verbund/core/region.hpp"
#include "verbund/gen/ruhr.hpp"

int main(int argc, char** argv) {
  using namespace verbund;
  try {
    const auto dir = argc > 1 ? std::filesystem::path(argv[1]) : gen::bundled_ruhr_dir();
    const gen::RuhrBase base = gen::load_ruhr_base(dir);
    const core::Region region =
        core::build_region(gen::generate_ruhr(base, {.firms = 2000, .seed = 42}));

    const analysis::RegionSummary summary = analysis::summarize(region);
    std::cout << region.size() << " actors, " << region.tie_count() << " ties, density "
              << summary.density << ", " << 100.0 * summary.science_tie_share
              << " % of firms with a science tie\n";

    auto firms = region.actors_of_kind(core::ActorKind::firm);
    std::vector<core::ActorId> ranked(firms.begin(), firms.end());
    std::stable_sort(ranked.begin(), ranked.end(), [&](core::ActorId a, core::ActorId b) {
      return region.degree(a) > region.degree(b);
    });
    std::cout << "best-connected firms:\n";
    for (std::size_t i = 0; i < 5 && i < ranked.size(); ++i) {
      const auto a = ranked[i];
      std::cout << "  " << region.external_id(a) << "  " << region.name(a) << " ("
                << region.municipality_name(*region.municipality(a)) << ", sector "
                << region.sector(a) << "): " << region.degree(a) << " ties\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "region_tour: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
