#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <system_error>

#include <unistd.h>

#include "verbund/core/region_builder.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/gen/ruhr_base.hpp"

namespace verbund::fuzz {

void show_refusal(const Error& refusal) {
  static const bool show = std::getenv("VERBUND_FUZZ_SHOW") != nullptr;
  if (show) std::fprintf(stderr, "refused: %s\n", refusal.what());
}

std::map<std::string, std::string, std::less<>> split_files(std::string_view input) {
  std::map<std::string, std::string, std::less<>> files;
  std::string* current = nullptr;
  std::size_t pos = 0;
  while (pos < input.size()) {
    const std::size_t end = input.find('\n', pos);
    const std::size_t next = end == std::string_view::npos ? input.size() : end + 1;
    const std::string_view line = input.substr(pos, next - pos);
    if (line.starts_with("@@ ")) {
      std::string_view name = line.substr(3);
      while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.remove_suffix(1);
      current = &files[std::string(name)];
      current->clear();
    } else if (current != nullptr) {
      current->append(line);
    }
    pos = next;
  }
  return files;
}

namespace {

struct Scratch {
  std::filesystem::path path;
  Scratch() {
    path = std::filesystem::temp_directory_path() /
           ("verbund-fuzz-" + std::to_string(static_cast<long>(::getpid())));
    std::filesystem::create_directories(path);
  }
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

const std::filesystem::path& scratch_dir() {
  static const Scratch scratch;
  return scratch.path;
}

void write_file(const std::filesystem::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) std::abort();  // the harness itself failed: not a finding about verbund
}

std::filesystem::path data_dir() { return VERBUND_FUZZ_DATA_DIR; }

const core::Region& small_region() {
  static const core::Region region = gen::generate_ruhr_region(
      gen::load_ruhr_base(data_dir() / "ruhr"), {.firms = 120, .seed = 1});
  return region;
}

}  // namespace verbund::fuzz
