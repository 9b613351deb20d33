// Builds a region from the installed Ruhr data and prints its summary.
#include <iostream>

#include <verbund/analysis/region_summary.hpp>
#include <verbund/gen/ruhr.hpp>
#include <verbund/version.hpp>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: consumer RUHR_DATA_DIR\n";
    return 2;
  }
  const auto base = verbund::gen::load_ruhr_base(argv[1]);
  const auto region =
      verbund::core::build_region(verbund::gen::generate_ruhr(base, {.firms = 100, .seed = 1}));
  const auto summary = verbund::analysis::summarize(region);
  std::cout << "verbund " << verbund::version_string << ": " << summary.actors << " actors, "
            << summary.ties << " ties\n";
  return summary.actors == 252 ? 0 : 1;
}
