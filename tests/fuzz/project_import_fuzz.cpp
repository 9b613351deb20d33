// Project import (CORDIS-style participations, organisations and topics), then the batch's
// checks as the import runs them (core::validate). The input holds the files as
// "@@ participations.csv" sections (fuzz_support.hpp); a first line "@@ years A B" (optional)
// sets from_year/to_year, so that the filters are fuzzed too.

#include <charconv>

#include "fuzz_support.hpp"
#include "verbund/core/region_data.hpp"
#include "verbund/io/project_import.hpp"

namespace {

std::optional<int> year_in(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end == text.data()) return std::nullopt;
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verbund;
  const auto files = fuzz::split_files(fuzz::as_text(data, size));
  const auto dir = fuzz::scratch_dir();
  io::ProjectFiles given{.participations = dir / "participations.csv",
                         .organisations = dir / "organisations.csv"};
  const auto write = [&](const char* name) {
    const auto it = files.find(name);
    fuzz::write_file(dir / name, it == files.end() ? std::string_view{} : it->second);
  };
  write("participations.csv");
  write("organisations.csv");
  if (files.contains("topics.csv")) {
    write("topics.csv");
    given.topics = dir / "topics.csv";
  }
  io::ProjectImportOptions options;
  if (const auto it = files.find("years"); it != files.end()) {
    const std::string_view text = it->second;
    const auto space = text.find(' ');
    options.from_year = year_in(text.substr(0, space));
    if (space != std::string_view::npos) options.to_year = year_in(text.substr(space + 1));
  }
  fuzz::accept_or_refuse([&] {
    const io::ProjectImport import = io::read_projects(given, options);
    core::validate(import.data);
  });
  return 0;
}
