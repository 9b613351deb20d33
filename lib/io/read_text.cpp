#include "io/read_text.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "verbund/error.hpp"

namespace verbund::io {

std::string read_text_file(const std::filesystem::path& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path))
    throw InvalidInput(SourceLocation{path.string(), 0, 0}, "cannot open the " + std::string(what));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    throw InvalidInput(SourceLocation{path.string(), 0, 0}, "cannot read the " + std::string(what));
  return text.str();
}

std::string content_hash(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

}  // namespace verbund::io
