// Region import as `verbund import` does it, short of the database: the five CSV files read
// (read_region_csv), then checked and built into a Region (build_region). The input holds the
// files as "@@ actors.csv" sections (fuzz_support.hpp); files it lacks are not given.

#include "fuzz_support.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/io/region_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verbund;
  const auto files = fuzz::split_files(fuzz::as_text(data, size));
  const auto dir = fuzz::scratch_dir();
  io::RegionCsvFiles given;
  const auto take = [&](const char* name, std::optional<std::filesystem::path>& slot) {
    const auto it = files.find(name);
    if (it == files.end()) return;
    slot = dir / name;
    fuzz::write_file(*slot, it->second);
  };
  take("taxonomy.csv", given.taxonomy);
  take("actors.csv", given.actors);
  take("competences.csv", given.competences);
  take("ties.csv", given.ties);
  take("memberships.csv", given.memberships);
  fuzz::accept_or_refuse([&] {
    const core::RegionData batch = io::read_region_csv(given);
    const core::Region region = core::build_region(batch);
    (void)region;
  });
  return 0;
}
