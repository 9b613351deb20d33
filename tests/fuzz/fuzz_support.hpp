#pragma once

// What the libFuzzer targets share: the pass rule (accept, or refuse with InvalidInput or
// IoError), inputs that hold several files, a scratch folder and a small fixed region.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "verbund/core/region.hpp"
#include "verbund/error.hpp"

namespace verbund::fuzz {

/// Prints a refusal's message on stderr when VERBUND_FUZZ_SHOW is set (to see why a seed stops
/// where it does); otherwise nothing.
void show_refusal(const Error& refusal);

/// Runs `use`; a refusal with InvalidInput or IoError is a pass. Any other exception escapes the
/// fuzz target, which aborts the process: libFuzzer reports it as a crash with its input.
template <class Use>
void accept_or_refuse(Use&& use) {
  try {
    use();
  } catch (const InvalidInput& refusal) {
    show_refusal(refusal);
  } catch (const IoError& refusal) {
    show_refusal(refusal);
  }
}

/// The fuzz input as text.
[[nodiscard]] inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Splits an input that holds several files: a line "@@ NAME" starts the file NAME, which runs
/// to the next such line (its last line break belongs to it). Text before the first marker is
/// dropped; a name given twice keeps its last file. The corpus files show the layout.
[[nodiscard]] std::map<std::string, std::string, std::less<>> split_files(std::string_view input);

/// A folder of this process's own under the system temp dir, created on first use and removed
/// at exit (libFuzzer may run several processes side by side).
[[nodiscard]] const std::filesystem::path& scratch_dir();

/// Writes `content` to `path` as bytes, replacing it.
void write_file(const std::filesystem::path& path, std::string_view content);

/// The project's data/ folder (a compile-time path, not the working directory).
[[nodiscard]] std::filesystem::path data_dir();

/// A generated Ruhr region of 120 firms (seed 1), built once: what calls, scenarios and
/// checkpoints are checked against.
[[nodiscard]] const core::Region& small_region();

}  // namespace verbund::fuzz
