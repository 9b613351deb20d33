// main() of the tests that need ../shared/data: exits 77 (ctest's SKIP_RETURN_CODE) when that
// folder is absent, so that a checkout without the data shows them as skipped, not as passed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>

#include "test_support.hpp"

int main(int argc, char** argv) {
  const auto dir = verbund::test::shared_data_dir();
  if (!std::filesystem::is_directory(dir)) {
    std::cout << "skipped: the shared data folder " << dir << " is not present\n";
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
