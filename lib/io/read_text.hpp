#pragma once

// Whole-file reads for the parsers that take text, and the content hash runs record. Private to
// lib/.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace verbund::io {

/// The bytes of a file. Throws InvalidInput "PATH: cannot open the WHAT" if it cannot be read.
[[nodiscard]] std::string read_text_file(const std::filesystem::path& path, std::string_view what);

/// FNV-1a 64 of the bytes, as 16 hex digits: the content hash in run records.
[[nodiscard]] std::string content_hash(std::string_view bytes);

}  // namespace verbund::io
